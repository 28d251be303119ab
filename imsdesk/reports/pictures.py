"""Pictures (body maps, the clinic logo) placed in a document, PNGs without re-encoding.

A PNG's pixels are a zlib stream of rows, each row prefixed by its PNG filter: exactly
what a PDF reader decodes with ``/FlateDecode`` and ``/Predictor 15``. reportlab instead
decodes every PNG through Pillow and compresses the pixels again, which took most of a
take-home summary's build time for two body maps. An 8-bit grey or RGB PNG without
interlacing or transparency (what the body-map renderer writes) is therefore copied into
the PDF as it is. Any other picture (a JPEG logo, a PNG with alpha) is decoded once when
it is read: reportlab draws it in the platypus documents; the take-home summary stores
its pixels compressed, an alpha channel as a soft mask, a JPEG as it is.

A picture is read once per process for the same bytes (a clinic's logo prints on every
summary).

Imported only from inside the build functions (it imports reportlab at module level).
"""

from __future__ import annotations

import functools
import hashlib
import io
import struct
import zlib
from dataclasses import dataclass

from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFObject
from reportlab.pdfgen.canvas import Canvas

from imsdesk.reports.pdf_file import stream_object

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_COLOURS = {0: ("DeviceGray", 1), 2: ("DeviceRGB", 3)}  # PNG colour type: space, channels
_KEPT_PICTURES = 16  # the logo, and the maps of the last few summaries


@dataclass(frozen=True)
class _Png:
    width: int
    height: int
    colour_type: int
    pixels: bytes  # the IDAT chunks joined: one zlib stream


@dataclass(frozen=True)
class PdfImage:
    """An image XObject as written in a PDF: its dictionary's entries (all but /Length),
    its stream, and the soft mask (alpha) it refers to, if any."""

    entries: str
    data: bytes
    mask: PdfImage | None = None


def _plain_png(data: bytes) -> _Png | None:
    """The PNG's pixel stream when a PDF can take it unchanged, else None."""
    if not data.startswith(_SIGNATURE):
        return None
    header: tuple[int, ...] | None = None
    pixels = []
    at = len(_SIGNATURE)
    while at + 8 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, at)
        end = at + 8 + length
        if end + 4 > len(data):
            return None  # cut short: let reportlab refuse it
        body = data[at + 8 : end]
        if struct.unpack_from(">I", data, end)[0] != zlib.crc32(kind + body):
            return None  # damaged
        if kind == b"IHDR" and length == 13:
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            pixels.append(body)
        elif kind in (b"tRNS", b"PLTE"):
            return None  # transparency or a palette: not copied as it is
        elif kind == b"IEND":
            break
        at = end + 4
    if header is None or not pixels:
        return None
    width, height, depth, colour_type, compression, filtering, interlace = header
    if depth != 8 or colour_type not in _COLOURS or compression or filtering or interlace:
        return None
    return _Png(width, height, colour_type, b"".join(pixels))


class Picture:
    """A picture read and checked, ready to be drawn at any size."""

    def __init__(self, png: _Png | None, image: Image.Image | None, data: bytes):
        self._png = png
        self._image = image  # decoded, when not a plain PNG
        self._data = data
        self.size = (png.width, png.height) if png else image.size  # type: ignore[union-attr]

    def draw(
        self, canvas: Canvas, width: float, height: float, *, x: float = 0, y: float = 0
    ) -> None:
        """Draw on a reportlab canvas, ``width`` by ``height`` points, the bottom left
        corner at ``x``, ``y``."""
        if self._png is None:
            # "auto": a PNG's alpha channel or transparent colour stays transparent.
            canvas.drawImage(ImageReader(self._image), x, y, width, height, mask="auto")
            return
        # What Canvas.drawImage does for an image it has read itself: one XObject per
        # document for the same pixels, placed by a scaled "Do".
        name = "png" + hashlib.md5(self._png.pixels, usedforsecurity=False).hexdigest()
        document = canvas._doc
        registered = document.getXObjectName(name)
        if registered not in document.idToObject:
            xobject = _ImageXObject(self.pdf_image)
            canvas._setXObjects(xobject)
            document.Reference(xobject, registered)
            document.addForm(name, xobject)
        canvas._currentPageHasImages = 1
        canvas._code.append(f"q {width:.3f} 0 0 {height:.3f} {x:.3f} {y:.3f} cm /{registered} Do Q")
        canvas._formsinuse.append(name)

    @functools.cached_property
    def pdf_image(self) -> PdfImage:
        """The picture as an image XObject, made once."""
        if self._png is not None:
            return _png_image(self._png)
        return _decoded_image(self._image, self._data)  # type: ignore[arg-type]


@functools.lru_cache(maxsize=_KEPT_PICTURES)
def read_picture(data: bytes) -> Picture | None:
    """The picture in ``data``, or None when it cannot be printed (damaged, unknown kind)."""
    png = _plain_png(data)
    if png is not None:
        return Picture(png, None, data)
    try:
        image = Image.open(io.BytesIO(data))
        image.load()  # decoded now, once: a file cut short fails here, not mid-build
    except Exception:  # any unreadable file: the caller prints without it
        return None
    if image.width <= 0 or image.height <= 0:
        return None
    return Picture(None, image, data)


def _png_image(png: _Png) -> PdfImage:
    space, channels = _COLOURS[png.colour_type]
    # One filter, named rather than in an array: with an array, strict readers (pdfium,
    # poppler) want the parameters in an array too and otherwise ignore them, shifting
    # every row by its filter byte.
    entries = (
        f"/Type /XObject /Subtype /Image /Width {png.width} /Height {png.height} "
        f"/BitsPerComponent 8 /ColorSpace /{space} /Filter /FlateDecode "
        f"/DecodeParms << /Predictor 15 /Colors {channels} /BitsPerComponent 8 "
        f"/Columns {png.width} >>"
    )
    return PdfImage(entries, png.pixels)


def _decoded_image(image: Image.Image, data: bytes) -> PdfImage:
    """Any other picture: a baseline grey or RGB JPEG as it is, else its pixels."""
    size = f"/Type /XObject /Subtype /Image /Width {image.width} /Height {image.height}"
    if image.format == "JPEG" and image.mode in ("L", "RGB"):
        space = "DeviceGray" if image.mode == "L" else "DeviceRGB"
        entries = f"{size} /BitsPerComponent 8 /ColorSpace /{space} /Filter /DCTDecode"
        return PdfImage(entries, data)
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mask = None
    if transparent:
        alpha = image.convert("RGBA").getchannel("A")
        grey = f"{size} /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /FlateDecode"
        mask = PdfImage(grey, zlib.compress(alpha.tobytes()))
    pixels = zlib.compress(image.convert("RGB").tobytes())
    entries = f"{size} /BitsPerComponent 8 /ColorSpace /DeviceRGB /Filter /FlateDecode"
    return PdfImage(entries, pixels, mask)


class _ImageXObject(PDFObject):
    """A plain PNG's image XObject in a reportlab document (no soft mask)."""

    def __init__(self, image: PdfImage) -> None:
        self.image = image

    def format(self, document: object) -> bytes:
        return stream_object(self.image.entries, self.image.data)

"""Pictures (body maps, the clinic logo) placed in a document, PNGs without re-encoding.

A PNG's pixels are a zlib stream of rows, each row prefixed by its PNG filter: exactly
what a PDF reader decodes with ``/FlateDecode`` and ``/Predictor 15``. reportlab instead
decodes every PNG through Pillow and compresses the pixels again, which took most of a
take-home summary's build time for two body maps. An 8-bit grey or RGB PNG without
interlacing or transparency (what the body-map renderer writes) is therefore copied into
the PDF as it is; any other picture (a JPEG logo, a PNG with alpha) goes through
reportlab's own image handling, decoded once when it is read.

Imported only from inside the build functions (it imports reportlab at module level).
"""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from dataclasses import dataclass

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFObject, PDFStream
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_COLOURS = {0: ("DeviceGray", 1), 2: ("DeviceRGB", 3)}  # PNG colour type: space, channels


@dataclass(frozen=True)
class _Png:
    width: int
    height: int
    colour_type: int
    pixels: bytes  # the IDAT chunks joined: one zlib stream


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

    def __init__(self, png: _Png | None, reader: ImageReader | None, size: tuple[int, int]):
        self._png = png
        self._reader = reader
        self.size = size  # in pixels

    def flowable(self, width: float, height: float) -> Flowable:
        """The picture drawn ``width`` by ``height`` points."""
        return _PictureFlowable(self, width, height)

    def draw(
        self, canvas: Canvas, width: float, height: float, *, x: float = 0, y: float = 0
    ) -> None:
        """Draw ``width`` by ``height`` points, the bottom left corner at ``x``, ``y``."""
        if self._png is None:
            # "auto": a PNG's alpha channel or transparent colour stays transparent.
            canvas.drawImage(self._reader, x, y, width, height, mask="auto")
            return
        # What Canvas.drawImage does for an image it has read itself: one XObject per
        # document for the same pixels, placed by a scaled "Do".
        name = "png" + hashlib.md5(self._png.pixels, usedforsecurity=False).hexdigest()
        document = canvas._doc
        registered = document.getXObjectName(name)
        if registered not in document.idToObject:
            xobject = _PngXObject(self._png)
            canvas._setXObjects(xobject)
            document.Reference(xobject, registered)
            document.addForm(name, xobject)
        canvas._currentPageHasImages = 1
        canvas._code.append(f"q {width:.3f} 0 0 {height:.3f} {x:.3f} {y:.3f} cm /{registered} Do Q")
        canvas._formsinuse.append(name)


def read_picture(data: bytes) -> Picture | None:
    """The picture in ``data``, or None when it cannot be printed (damaged, unknown kind)."""
    png = _plain_png(data)
    if png is not None:
        return Picture(png, None, (png.width, png.height))
    try:
        reader = ImageReader(io.BytesIO(data))
        reader.getRGBData()  # decoded now, once: a file cut short fails here, not mid-build
        width, height = reader.getSize()
    except Exception:  # any unreadable file: the caller prints without it
        return None
    if width <= 0 or height <= 0:
        return None
    return Picture(None, reader, (width, height))


class _PictureFlowable(Flowable):
    def __init__(self, picture: Picture, width: float, height: float) -> None:
        super().__init__()
        self._picture = picture
        self.drawWidth = width
        self.drawHeight = height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.drawWidth, self.drawHeight

    def draw(self) -> None:
        self._picture.draw(self.canv, self.drawWidth, self.drawHeight)


class _PngXObject(PDFObject):
    """An image XObject whose stream is the PNG's own compressed pixels."""

    def __init__(self, png: _Png) -> None:
        self.png = png

    def format(self, document: object) -> bytes:
        space, channels = _COLOURS[self.png.colour_type]
        stream = PDFStream(content=self.png.pixels)
        entries = stream.dictionary
        entries["Type"] = PDFName("XObject")
        entries["Subtype"] = PDFName("Image")
        entries["Width"] = self.png.width
        entries["Height"] = self.png.height
        entries["BitsPerComponent"] = 8
        entries["ColorSpace"] = PDFName(space)
        # Set here, so PDFStream adds no filter of its own. One filter, named rather than in
        # an array: with an array, strict readers (pdfium, poppler) want the parameters in
        # an array too and otherwise ignore them, shifting every row by its filter byte.
        entries["Filter"] = PDFName("FlateDecode")
        entries["DecodeParms"] = PDFDictionary(
            {"Predictor": 15, "Colors": channels, "BitsPerComponent": 8, "Columns": self.png.width}
        )
        return stream.format(document)

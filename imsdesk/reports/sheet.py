"""A document drawn straight onto its pages: text lines, boxes, rules and pictures.

reportlab's canvas draws a line of text through a text object that formats every
number and re-encodes every character on each call, and its document formats every
object entry by entry, all in pure Python here (no C accelerator): a few dozen lines
took longer than a whole one-paragraph document. A :class:`Sheet` writes the few PDF
operators a line needs itself, keeping each line's encoded characters per font when
they cannot differ from one document to the next (``font_subsets.SAFE_CHARACTERS``),
and writes the file with ``pdf_file``: the embedded font subsets and the pictures are
made once per process and copied in.

Coordinates are reportlab's: points from the bottom left corner of the page.

Imported only from inside the build functions (it imports reportlab at module level).
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics

from imsdesk.reports.font_subsets import SAFE_CHARACTERS, EmbeddedFont, Subset
from imsdesk.reports.pdf_file import PdfFile, pdf_date, stream_object, text_string
from imsdesk.reports.pictures import PdfImage, Picture
from imsdesk.reports.typeset import TextStyle

_KEPT_LINES = 4096  # encoded lines: the wording of a few templates, and recent patients

Piece = tuple[int, str]  # (font subset, the characters' codes in it as hex digits)


class Sheet:
    """One PDF document on ``paper``, drawn a page at a time."""

    def __init__(self, paper: tuple[float, float], *, title: str, author: str, subject: str):
        self.size = paper
        self._info = {"Title": title, "Author": author, "Subject": subject}
        self._pages: list[bytes] = []  # each page's operators, compressed
        self._code: list[str] = []
        self._faces: dict[str, int] = {}  # font name: its number in the page resources
        self._images: dict[bytes, tuple[str, PdfImage]] = {}  # by pixels: name, object
        self._font = ""  # the font operator in force on the page, "" when unknown
        self._colour = ""

    def text(self, x: float, y: float, line: str, style: TextStyle) -> None:
        """``line`` (in drawing order) with its baseline starting at ``x``, ``y``."""
        self.runs(x, y, ((line, style),))

    def runs(self, x: float, y: float, runs: Sequence[tuple[str, TextStyle]]) -> None:
        """Runs of text in different styles, one after the other on one baseline."""
        parts = [f"BT 1 0 0 1 {x:.2f} {y:.2f} Tm"]
        for line, style in runs:
            colour = _fill(style.colour)
            if colour != self._colour:
                parts.append(colour)
                self._colour = colour
            face = self._faces.get(style.font) or self._face(style.font)
            for subset, codes in self._pieces(line, style.font):
                font = f"/F{face}+{subset} {style.size:g} Tf"
                if font != self._font:
                    parts.append(font)
                    self._font = font
                parts.append(f"<{codes}> Tj")
        parts.append("ET")
        self._code.append(" ".join(parts))

    def fill(self, x: float, y: float, width: float, height: float, colour: Color) -> None:
        """A rectangle filled with ``colour``, ``x``, ``y`` its bottom left corner."""
        self._code.append(f"q {_fill(colour)} {x:.2f} {y:.2f} {width:.2f} {height:.2f} re f Q")

    def frame(
        self, x: float, y: float, width: float, height: float, line: float, colour: Color
    ) -> None:
        """A rectangle's outline, ``line`` points thick, with round joins."""
        self._code.append(
            f"q {_stroke(colour)} {line:g} w 1 J 1 j "
            f"{x:.2f} {y:.2f} {width:.2f} {height:.2f} re S Q"
        )

    def rule(self, x: float, y: float, right: float, line: float, colour: Color) -> None:
        """A horizontal line from ``x`` to ``right``, with round ends."""
        self._code.append(
            f"q {_stroke(colour)} {line:g} w 1 J {x:.2f} {y:.2f} m {right:.2f} {y:.2f} l S Q"
        )

    def picture(self, picture: Picture, x: float, y: float, width: float, height: float) -> None:
        """The same pixels twice are stored once."""
        image = picture.pdf_image
        name, _ = self._images.setdefault(image.data, (f"Im{len(self._images) + 1}", image))
        self._code.append(f"q {width:.3f} 0 0 {height:.3f} {x:.3f} {y:.3f} cm /{name} Do Q")

    def end_page(self) -> None:
        self._pages.append(zlib.compress("\n".join(self._code).encode()))
        self._code = []
        self._font = self._colour = ""

    def pdf(self) -> bytes:
        """The document's bytes; the sheet is finished."""
        file = PdfFile()
        catalog, pages, info = file.reserve(), file.reserve(), file.reserve()
        resources = self._resources(file)
        kids = []
        width, height = self.size
        for content in self._pages:
            contents = file.add(stream_object("/Filter /FlateDecode", content))
            kids.append(
                file.add(
                    f"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 {width:.4f} "
                    f"{height:.4f}] /Resources {resources} /Contents {contents} 0 R >>"
                )
            )
        file.put(catalog, f"<< /Type /Catalog /Pages {pages} 0 R >>")
        listed = " ".join(f"{kid} 0 R" for kid in kids)
        file.put(pages, f"<< /Type /Pages /Kids [{listed}] /Count {len(kids)} >>")
        entries = " ".join(f"/{key} {text_string(value)}" for key, value in self._info.items())
        made = pdf_date()
        file.put(
            info,
            f"<< {entries} /Creator (imsdesk) /Producer (imsdesk) "
            f"/CreationDate {made} /ModDate {made} >>",
        )
        return file.finish(catalog, info)

    def _resources(self, file: PdfFile) -> str:
        """Every page's resources: the fonts and pictures of the whole document."""
        fonts = []
        for font_name, face in self._faces.items():
            font: EmbeddedFont = pdfmetrics.getFont(font_name)
            for n, subset in enumerate(font.subsets(self)):
                fonts.append(f"/F{face}+{n} {_add_font(file, font, subset)} 0 R")
        images = [f"/{name} {_add_image(file, image)} 0 R" for name, image in self._images.values()]
        procedures = "/ProcSet [/PDF /Text /ImageB /ImageC /ImageI]"
        return f"<< /Font << {' '.join(fonts)} >> /XObject << {' '.join(images)} >> {procedures} >>"

    def _face(self, font: str) -> int:
        self._faces[font] = len(self._faces) + 1
        return self._faces[font]

    def _pieces(self, line: str, font: str) -> tuple[Piece, ...]:
        if SAFE_CHARACTERS.issuperset(line):
            return _safe_pieces(line, font, self)
        # Other characters take codes in this document's subsets as they come.
        return _as_hex(pdfmetrics.getFont(font).splitString(line, self))


def _add_font(file: PdfFile, font: EmbeddedFont, subset: Subset) -> int:
    objects = subset.objects
    font_file = file.add(objects.font_file)
    to_unicode = file.add(objects.to_unicode)
    entries = font.descriptor_entries(subset.base_name)
    described = " ".join(f"/{key} {_value(value)}" for key, value in entries.items())
    descriptor = file.add(f"<< {described} /FontFile2 {font_file} 0 R >>")
    return file.add(
        f"<< /Type /Font /Subtype /TrueType /BaseFont /{subset.base_name} /FirstChar 0 "
        f"/LastChar {subset.last_code} /Widths {objects.widths.decode()} "
        f"/FontDescriptor {descriptor} 0 R /ToUnicode {to_unicode} 0 R >>"
    )


def _add_image(file: PdfFile, image: PdfImage) -> int:
    entries = image.entries
    if image.mask is not None:
        entries += f" /SMask {_add_image(file, image.mask)} 0 R"
    return file.add(stream_object(entries, image.data))


def _value(value: object) -> str:
    if isinstance(value, list | tuple):
        return "[" + " ".join(_value(v) for v in value) + "]"
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


_safe_lines: dict[tuple[str, str], tuple[Piece, ...]] = {}


def _safe_pieces(line: str, font: str, document: object) -> tuple[Piece, ...]:
    """Codes that every document gives these characters (see font_subsets.py), kept per
    line and font; ``document`` is only asked the first time."""
    key = (line, font)
    pieces = _safe_lines.get(key)
    if pieces is None:
        if len(_safe_lines) >= _KEPT_LINES:  # bounded, so odd lines cannot pile up
            _safe_lines.clear()
        pieces = _safe_lines[key] = _as_hex(pdfmetrics.getFont(font).splitString(line, document))
    return pieces


def _as_hex(pieces: list[tuple[int, bytes]]) -> tuple[Piece, ...]:
    return tuple((subset, codes.hex()) for subset, codes in pieces)


@functools.lru_cache(maxsize=64)
def _fill(colour: Color) -> str:
    return f"{colour.red:.3f} {colour.green:.3f} {colour.blue:.3f} rg"


@functools.lru_cache(maxsize=64)
def _stroke(colour: Color) -> str:
    return f"{colour.red:.3f} {colour.green:.3f} {colour.blue:.3f} RG"

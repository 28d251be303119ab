"""A document drawn straight onto its pages: text lines, boxes, rules and pictures.

reportlab's canvas draws a line of text through a text object that formats every
number and re-encodes every character on each call, in pure Python here (no C
accelerator): a few dozen lines took longer than a whole one-paragraph document. A
:class:`Sheet` writes the few PDF operators a line needs itself, into reportlab's page,
and keeps each line's encoded characters per font when they cannot differ from one
document to the next (``font_subsets.SAFE_CHARACTERS``). reportlab still makes the file:
its pages, the embedded font subsets and the images.

Coordinates are reportlab's: points from the bottom left corner of the page.

Imported only from inside the build functions (it imports reportlab at module level).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from imsdesk.reports.font_subsets import SAFE_CHARACTERS
from imsdesk.reports.fonts import register_fonts
from imsdesk.reports.pictures import Picture
from imsdesk.reports.replay import register_document_fonts
from imsdesk.reports.typeset import TextStyle

_KEPT_LINES = 4096  # encoded lines: the wording of a few templates, and recent patients

Piece = tuple[int, str]  # (font subset, the characters' codes in it as hex digits)


class Sheet:
    """One PDF document on ``paper``, drawn a page at a time."""

    def __init__(self, paper: tuple[float, float], *, title: str, author: str, subject: str):
        fonts = register_fonts()
        # Not reportlab's default Helvetica, which is neither embedded nor Unicode.
        self._canvas = Canvas(io.BytesIO(), pagesize=paper, initialFontName=fonts.regular)
        register_document_fonts(self._canvas, (fonts.regular, fonts.bold))
        document = self._canvas._doc
        document.setTitle(title)
        document.setAuthor(author)
        document.setSubject(subject)
        document.setCreator("imsdesk")
        self.size = paper
        self._font_names: dict[tuple[str, int], str] = {}
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
            for subset, codes in self._pieces(line, style.font):
                font = f"{self._font_name(style.font, subset)} {style.size:g} Tf"
                if font != self._font:
                    parts.append(font)
                    self._font = font
                parts.append(f"<{codes}> Tj")
        parts.append("ET")
        self._canvas._code.append(" ".join(parts))

    def fill(self, x: float, y: float, width: float, height: float, colour: Color) -> None:
        """A rectangle filled with ``colour``, ``x``, ``y`` its bottom left corner."""
        self._canvas._code.append(
            f"q {_fill(colour)} {x:.2f} {y:.2f} {width:.2f} {height:.2f} re f Q"
        )

    def frame(
        self, x: float, y: float, width: float, height: float, line: float, colour: Color
    ) -> None:
        """A rectangle's outline, ``line`` points thick, with round joins."""
        self._canvas._code.append(
            f"q {_stroke(colour)} {line:g} w 1 J 1 j "
            f"{x:.2f} {y:.2f} {width:.2f} {height:.2f} re S Q"
        )

    def rule(self, x: float, y: float, right: float, line: float, colour: Color) -> None:
        """A horizontal line from ``x`` to ``right``, with round ends."""
        self._canvas._code.append(
            f"q {_stroke(colour)} {line:g} w 1 J {x:.2f} {y:.2f} m {right:.2f} {y:.2f} l S Q"
        )

    def picture(self, picture: Picture, x: float, y: float, width: float, height: float) -> None:
        picture.draw(self._canvas, width, height, x=x, y=y)

    def end_page(self) -> None:
        self._canvas.showPage()
        self._font = self._colour = ""

    def pdf(self) -> bytes:
        """The document's bytes; the sheet is finished."""
        return self._canvas.getpdfdata()

    def _pieces(self, line: str, font: str) -> tuple[Piece, ...]:
        if SAFE_CHARACTERS.issuperset(line):
            return _safe_pieces(line, font, self._canvas._doc)
        # Other characters take codes in this document's subsets as they come.
        return _as_hex(pdfmetrics.getFont(font).splitString(line, self._canvas._doc))

    def _font_name(self, font: str, subset: int) -> str:
        name = self._font_names.get((font, subset))
        if name is None:
            name = pdfmetrics.getFont(font).getSubsetInternalName(subset, self._canvas._doc)
            self._font_names[(font, subset)] = name
        return name


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

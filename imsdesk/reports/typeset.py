"""Type measured and lines broken without platypus: the take-home summary's own typesetting.

platypus parses every paragraph as markup, measures each word through several layers
and draws it through a text object, all in pure Python here, for every document. The
summary needs none of that: plain text in a few styles, broken into lines at spaces.
Widths come straight from the embedded font's table of glyph widths; a paragraph's
lines are kept per text, font, size and width, so the clinic's wording (the same in
every summary) is broken once per process.

Imported only from inside the build functions (it imports reportlab at module level).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from itertools import repeat

from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics

from imsdesk.reports.paper import visual

_KEPT_PARAGRAPHS = 2048  # the wording of a few templates and papers, and recent patients
# A line may overrun by this share of each space in it, as platypus allows ("space
# shrinkage"), so lines break where they did.
_SPACE_SHRINKAGE = 0.05


@dataclass(frozen=True)
class TextStyle:
    font: str  # a font registered by fonts.register_fonts
    size: float
    leading: float  # from one baseline to the next
    colour: Color
    space_before: float = 0.0  # above a paragraph, except at the top of a page or a cell
    space_after: float = 0.0


@functools.cache
def _glyph_widths(font: str) -> tuple[dict[int, float], float]:
    face = pdfmetrics.getFont(font).face
    return face.charWidths, face.defaultWidth


def text_width(text: str, font: str, size: float) -> float:
    """``text``'s width in points, as reportlab measures it for the same font."""
    widths, default = _glyph_widths(font)
    return 0.001 * size * sum(map(widths.get, map(ord, text), repeat(default)))


def lines(text: str, style: TextStyle, width: float) -> tuple[str, ...]:
    """``text`` broken into lines no wider than ``width``, each in drawing order.

    Typed line breaks are kept; Hebrew and Arabic are put in reading order line by line
    before breaking (see ``paper.visual``).
    """
    return _broken(text, style.font, style.size, round(width, 2))


@functools.lru_cache(maxsize=_KEPT_PARAGRAPHS)
def _broken(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    space = text_width(" ", font, size)
    broken: list[str] = []
    for typed_line in text.split("\n"):
        line: list[str] = []
        filled = 0.0
        for word in visual(typed_line).split():
            word_width = text_width(word, font, size)
            room = width + _SPACE_SHRINKAGE * space * len(line)
            if line and filled + space + word_width > room:
                broken.append(" ".join(line))
                line, filled = [], 0.0
            if not line:
                while word_width > width and len(word) > 1:  # longer than a line: cut it
                    head = _longest_start(word, font, size, width)
                    broken.append(head)
                    word = word[len(head) :]
                    word_width = text_width(word, font, size)
                line, filled = [word], word_width
            else:
                line.append(word)
                filled += space + word_width
        broken.append(" ".join(line))
    return tuple(broken)


def _longest_start(word: str, font: str, size: float, width: float) -> str:
    """The longest start of ``word`` that fits in ``width`` (one character at least),
    ending after a hyphen where one fits: "Ólafsdóttir-" rather than "Ólafsdóttir-Ł"."""
    end = len(word)
    while end > 1 and text_width(word[:end], font, size) > width:
        end -= 1
    hyphen = word.rfind("-", 0, end - 1)
    return word[: hyphen + 1] if hyphen > 0 else word[:end]

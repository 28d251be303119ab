"""What every printed document shares, without platypus: paper, margins, ink, dates, the
reading order of right-to-left text and the fitting of the page footer.

The take-home summary is drawn straight onto the page (``sheet.py``) and imports only
this; the platypus documents reach the same through ``layout.py``. Imported only from
inside the build functions (it imports reportlab at module level).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm

from imsdesk.reports.summary_data import PAPER_SIZES

MARGIN = 16 * mm
FOOTER_GAP = 9 * mm  # from the bottom edge to the footer's baseline
INK = colors.HexColor("#1f1f1f")
MUTED = colors.HexColor("#5a5a5a")
RULE = colors.HexColor("#9a9a9a")
TINT = colors.HexColor("#f1f1f1")  # box backgrounds: light enough to vanish in greyscale
FOOTER_PART = "  ·  "  # between the parts of a footer; the last parts go first when short


@dataclass(frozen=True)
class Line:
    """A rule or a frame: how thick, in what colour."""

    width: float
    colour: Color


def binary_streams() -> None:
    """Write images and page streams of reportlab's documents as compressed binary, not
    ASCII85 text.

    reportlab's default wraps every stream in ASCII85, encoded in pure Python here (no C
    accelerator): most of a document's build time for its pictures, and the file a
    quarter larger. Every PDF reader takes binary streams. This sets reportlab's global
    setting, so it holds for every document this process builds. (The take-home summary
    writes its own file, in binary.)
    """
    from reportlab import rl_config

    rl_config.useA85 = 0


def page_size(paper: str) -> tuple[float, float]:
    if paper not in PAPER_SIZES:
        raise ValueError(f"Paper size is A4 or Letter, not {paper!r}.")
    return A4 if paper == "A4" else LETTER


_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def visual(line: str) -> str:
    """One line in the order its glyphs are drawn.

    reportlab sets glyphs left to right as given, so Hebrew and Arabic words would print
    backwards and Arabic letters unjoined. Their runs are put in display order (Unicode's
    bidirectional algorithm, in a left-to-right document) and Arabic letters take their
    joined forms, which DejaVu Sans carries. A right-to-left paragraph longer than one line
    still wraps from its visual start; names, addresses and appointments fit on a line.
    """
    if not _RIGHT_TO_LEFT.search(line):
        return line
    from arabic_reshaper import reshape
    from bidi import get_display

    return get_display(reshape(line), base_dir="L")


def long_date(day: date) -> str:
    """The day written out, e.g. 20 November 2026: unambiguous in every country."""
    return f"{day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def fit_footer(
    footer: str, label: str, page_width: float, width: Callable[[str, float], float]
) -> tuple[str, float]:
    """``footer`` as drawn and the type size to draw it in, so that it and ``label`` (the
    page number) fit between the margins of a page ``page_width`` wide; ``width(text,
    size)`` measures a line.

    Each ``FOOTER_PART``-separated part is put in reading order on its own, so a
    right-to-left name stays apart from the date beside it. A footer too long for its room
    is set a little smaller; if it still does not fit, its last parts are left off whole,
    and only a single part too long on its own is cut short with an ellipsis.
    """
    size, smallest = 7.5, 6.5
    room = page_width - 2 * MARGIN - 6 * mm  # less a gap before the page number
    parts = [visual(part) for part in footer.split(FOOTER_PART)]
    line = FOOTER_PART.join(parts)
    if width(line, size) + width(label, size) <= room:
        return line, size
    points = max(smallest, size * room / (width(line, size) + width(label, size)))
    room -= width(label, points)
    while len(parts) > 1 and width(FOOTER_PART.join(parts), points) > room:
        parts.pop()
    line = FOOTER_PART.join(parts)
    if width(line, points) > room:
        while line and width(line + "…", points) > room:
            line = line[:-1]
        line = line.rstrip() + "…"
    return line, points

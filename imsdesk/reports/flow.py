"""Blocks stacked down the page and onto the next: the take-home summary's own page layout.

A document is a list of blocks, each of a known height, drawn at a given top edge.
:func:`paginate` places them down one full-width frame and starts a new page where the
next block does not fit, as platypus would for the same flowables: space above a block
is left out at the top of a page, a heading stays with what follows it, and a list that
runs onto the next page repeats its heading there. A block is never split; a long list
is many blocks.

Imported only from inside the build functions (it imports reportlab at module level).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color

from imsdesk.reports.paper import Line
from imsdesk.reports.pictures import Picture
from imsdesk.reports.sheet import Sheet
from imsdesk.reports.typeset import TextStyle, lines, text_width

BULLET = "•"


class Block:
    """Something ``height`` points tall (and ``width`` wide, where that is known), drawn
    from ``x`` with its top edge at ``top``."""

    height = 0.0
    width: float | None = None
    space_before = 0.0  # left out at the top of a page or of a cell
    space_after = 0.0
    keep_with_next = False  # moves to the next page with the block after it
    repeat: Block | None = None  # drawn first when this block starts a page
    droppable = False  # left out at the top of a page (a gap between blocks)

    def draw(self, sheet: Sheet, x: float, top: float) -> None:
        raise NotImplementedError


class Space(Block):
    droppable = True

    def __init__(self, height: float) -> None:
        self.height = height

    def draw(self, sheet: Sheet, x: float, top: float) -> None:
        pass


class Text(Block):
    """Lines of one style, the first baseline one type size below the top (as platypus
    sets a paragraph). ``indent`` moves every line right; ``bullet`` is drawn at
    ``bullet_at`` on the first line. ``align`` is "left", "right" or "center" in ``width``.
    """

    def __init__(
        self,
        drawn: Sequence[str],
        style: TextStyle,
        width: float,
        *,
        align: str = "left",
        indent: float = 0.0,
        bullet: str = "",
        bullet_at: float = 0.0,
        keep_with_next: bool = False,
    ) -> None:
        self.lines = drawn
        self.style = style
        self.width = width
        self.align = align
        self.indent = indent
        self.bullet = bullet
        self.bullet_at = bullet_at
        self.height = len(drawn) * style.leading
        self.space_before = style.space_before
        self.space_after = style.space_after
        self.keep_with_next = keep_with_next

    def draw(self, sheet: Sheet, x: float, top: float) -> None:
        style = self.style
        y = top - style.size
        if self.bullet:
            sheet.text(x + self.bullet_at, y, self.bullet, style)
        for line in self.lines:
            at = x + self.indent
            if self.align != "left":
                room = self.width - self.indent - text_width(line, style.font, style.size)
                at += room if self.align == "right" else room / 2
            sheet.text(at, y, line, style)
            y -= style.leading


def paragraph(
    text: str,
    style: TextStyle,
    width: float,
    *,
    align: str = "left",
    keep_with_next: bool = False,
) -> Text:
    """``text`` broken into lines ``width`` points wide."""
    return Text(lines(text, style, width), style, width, align=align, keep_with_next=keep_with_next)


def bulleted(text: str, style: TextStyle, width: float, indent: float, bullet_at: float) -> Text:
    """A list item: ``text`` indented, a bullet before its first line."""
    drawn = lines(text, style, width - indent)
    return Text(drawn, style, width, indent=indent, bullet=BULLET, bullet_at=bullet_at)


class Runs(Block):
    """One line of runs in different styles; as tall as the first run's leading."""

    def __init__(self, runs: Sequence[tuple[str, TextStyle]]) -> None:
        self.runs = runs
        self.height = runs[0][1].leading

    def draw(self, sheet: Sheet, x: float, top: float) -> None:
        sheet.runs(x, top - self.runs[0][1].size, self.runs)


class Image(Block):
    def __init__(self, picture: Picture, width: float, height: float) -> None:
        self.picture = picture
        self.width = width
        self.height = height

    def draw(self, sheet: Sheet, x: float, top: float) -> None:
        sheet.picture(self.picture, x, top - self.height, self.width, self.height)


class Stack(Block):
    """Blocks one under the other, as in a table cell: the space above the first and below
    the last is left out, the space between them kept."""

    def __init__(self, blocks: Sequence[Block]) -> None:
        self.blocks = blocks
        self.height = sum(b.space_before + b.height + b.space_after for b in blocks)
        if blocks:
            self.height -= blocks[0].space_before + blocks[-1].space_after

    def draw(self, sheet: Sheet, x: float, top: float, centred_in: float | None = None) -> None:
        """With ``centred_in``, each block of known width is centred across that width."""
        y = top
        for n, block in enumerate(self.blocks):
            if n:
                y -= block.space_before
            at = x
            if centred_in is not None and block.width is not None:
                at += (centred_in - block.width) / 2
            block.draw(sheet, at, y)
            y -= block.height + block.space_after


@dataclass(frozen=True)
class Cells:
    """How a row of cells looks: ``padding`` is (top, right, bottom, left) inside each
    cell; ``bottom`` aligns each cell's content with the bottom of the row, ``center``
    centres each block across its cell."""

    padding: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    bottom: bool = False
    center: bool = False
    background: Color | None = None
    box: Line | None = None
    line_below: Line | None = None
    space_before: float = 0.0
    space_after: float = 0.0


class Row(Block):
    """Cells side by side at fixed widths, each a stack of blocks (``reports.row.Row``
    drawn without platypus)."""

    def __init__(
        self, cells: Sequence[Sequence[Block]], widths: Sequence[float], look: Cells = Cells()
    ) -> None:
        top, _, bottom, _ = look.padding
        self.cells = [Stack(cell) for cell in cells]
        self.widths = widths
        self.width = sum(widths)
        self.look = look
        self.height = max((c.height for c in self.cells), default=0.0) + top + bottom
        self.space_before = look.space_before
        self.space_after = look.space_after

    def draw(self, sheet: Sheet, x: float, top: float) -> None:
        look = self.look
        pad_top, pad_right, pad_bottom, pad_left = look.padding
        bottom_edge = top - self.height
        width = sum(self.widths)
        if look.background is not None:
            sheet.fill(x, bottom_edge, width, self.height, look.background)
        at = x
        for cell, cell_width in zip(self.cells, self.widths, strict=True):
            y = bottom_edge + pad_bottom + cell.height if look.bottom else top - pad_top
            inner = cell_width - pad_left - pad_right
            cell.draw(sheet, at + pad_left, y, inner if look.center else None)
            at += cell_width
        if look.line_below is not None:
            sheet.rule(x, bottom_edge, x + width, look.line_below.width, look.line_below.colour)
        if look.box is not None:
            sheet.frame(x, bottom_edge, width, self.height, look.box.width, look.box.colour)


def paginate(blocks: Sequence[Block], top: float, bottom: float) -> list[list[tuple[Block, float]]]:
    """Each page's blocks with the top edge each is drawn at, between ``top`` and
    ``bottom`` (points from the bottom of the page). A block too tall for a whole page
    is placed on one of its own, running past the bottom."""
    pages: list[list[tuple[Block, float]]] = [[]]
    y = top
    fresh = True  # nothing but a repeated heading on the page yet: the next block goes here
    n = 0
    while n < len(blocks):
        block = blocks[n]
        at_top = not pages[-1]
        if at_top and block.droppable:
            n += 1
            continue
        above = 0.0 if at_top else block.space_before
        if not fresh and y - above - _kept_height(blocks, n) < bottom:
            pages.append([])
            y = top
            if block.repeat is not None:
                pages[-1].append((block.repeat, y))
                y -= block.repeat.height + block.repeat.space_after
            fresh = True
            continue
        pages[-1].append((block, y - above))
        y -= above + block.height + block.space_after
        fresh = False
        n += 1
    return pages


def _kept_height(blocks: Sequence[Block], n: int) -> float:
    """The height of ``blocks[n]`` and of the blocks it keeps with it on its page."""
    height = blocks[n].height
    while blocks[n].keep_with_next and n + 1 < len(blocks):
        height += blocks[n].space_after + blocks[n + 1].space_before + blocks[n + 1].height
        n += 1
    return height

"""Flowables side by side at fixed widths: a one-row table, without a table's work.

reportlab's Table measures every cell several times over and styles every cell by
commands; the documents' letterheads, heading rows and boxes need none of that, only
cells of given widths, each a stack of flowables, with uniform padding, a background,
a frame or a rule below. :class:`Row` places its cells exactly as a one-row Table with
those styles would (the same heights, positions and spacing), so pages look the same.
Like such a table it is never split over two pages.

Imported only from inside the build functions (it imports reportlab at module level).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from imsdesk.reports.paper import Line


class Row(Flowable):
    """``cells`` (each a flowable or a list of them) side by side, ``widths`` wide.

    ``padding`` is (top, right, bottom, left) inside every cell; ``valign`` is "TOP" or
    "BOTTOM", ``align`` "LEFT" or "CENTER" for every flowable in a cell.
    """

    def __init__(
        self,
        cells: Sequence[Flowable | Sequence[Flowable]],
        widths: Sequence[float],
        *,
        padding: tuple[float, float, float, float] = (0, 0, 0, 0),
        valign: str = "TOP",
        align: str = "LEFT",
        background: Color | None = None,
        box: Line | None = None,
        line_below: Line | None = None,
    ) -> None:
        super().__init__()
        self.hAlign = "LEFT"
        self._cells = [[c] if isinstance(c, Flowable) else list(c) for c in cells]
        self._widths = list(widths)
        self._padding = padding
        self._valign = valign
        self._align = align
        self._background = background
        self._box = box
        self._line_below = line_below
        self._sizes: list[list[tuple[float, float]]] = []
        self._heights: list[float] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._sizes:  # measured already: the cells' widths are fixed, so is the size
            return self.width, self.height
        top, right, bottom, left = self._padding
        canvas = getattr(self, "canv", None)
        self._sizes = []
        self._heights = []
        for cell, width in zip(self._cells, self._widths, strict=True):
            inner = width - left - right
            sizes = [f.wrapOn(canvas, inner, 72_000) for f in cell]
            self._sizes.append(sizes)
            self._heights.append(_stack_height(cell, sizes))
        self.width = sum(self._widths)
        self.height = max(self._heights, default=0) + top + bottom
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        canvas = self.canv
        top, right, bottom, left = self._padding
        if self._background is not None:
            canvas.saveState()
            canvas.setFillColor(self._background)
            canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
            canvas.restoreState()
        x = 0.0
        for cell, width, sizes, height in zip(
            self._cells, self._widths, self._sizes, self._heights, strict=True
        ):
            y = self.height - top if self._valign == "TOP" else bottom + height
            if cell:
                y += cell[0].getSpaceBefore()
            for flowable, (w, h) in zip(cell, sizes, strict=True):
                at = x + left if self._align == "LEFT" else x + (width + left - right - w) / 2
                y -= flowable.getSpaceBefore() + h
                flowable.drawOn(canvas, at, y)
                y -= flowable.getSpaceAfter()
            x += width
        for line, rectangle in ((self._line_below, False), (self._box, True)):
            if line is None:
                continue
            canvas.saveState()
            canvas.setStrokeColor(line.colour)
            canvas.setLineWidth(line.width)
            canvas.setLineCap(1)  # round, as a table's rules
            canvas.setLineJoin(1)
            if rectangle:
                canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
            else:
                canvas.line(0, 0, self.width, 0)
            canvas.restoreState()


def _stack_height(cell: Sequence[Flowable], sizes: Sequence[tuple[float, float]]) -> float:
    """A table cell's content height: spaces between flowables, none outside the first
    and last."""
    if not cell:
        return 0.0
    total = sum(
        h + f.getSpaceBefore() + f.getSpaceAfter() for f, (_, h) in zip(cell, sizes, strict=True)
    )
    return total - cell[0].getSpaceBefore() - cell[-1].getSpaceAfter()

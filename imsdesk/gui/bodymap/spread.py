"""Marks that would cover each other on screen are drawn a little apart (Qt-free).

Needle markers and severity badges keep their pixel size at any zoom, so at the fitted
zoom three needles in one muscle, or paraspinal needles a level apart, pile up on one
spot. Here each mark is a box of pixels round the point it belongs to; where boxes
overlap they are pushed apart, each time along the axis where the overlap is smallest (a
column of paraspinal needles stays a column, in its order; needles on one spot end up
side by side). Needles yield only to needles; a severity badge, which labels a whole
muscle, also moves off any needle. What is stored never changes: only where a mark is
drawn, as an offset in pixels from its own point.

Only the group of marks round a change is worked out again, so a click that adds one mark
stays cheap with hundreds on the map. A group too crowded to sort out at this zoom is
left as it is: zooming in separates it.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from enum import Enum

GAP = 2.0  # pixels kept clear between two marks
CELL = 16.0  # pixels: the grid that finds neighbours, about a needle marker across
ROUNDS = 24  # pushes over a group at most; a small group settles in a few
BULK = 24  # marks staged at once beyond which all are placed afresh (cheaper then)
CROWD = 24  # marks: a bigger overlapping group is left for zooming in to separate


class Kind(Enum):
    NEEDLE = "needle"
    BADGE = "badge"
    LABEL = "label"  # the drawing's own words (a level's name, L and R): never moved


@dataclass(frozen=True)
class Mark:
    x: float  # the point it belongs to, in drawing units
    y: float
    half_width: float  # pixels (drawing units for a label, which zooms with the drawing)
    half_height: float
    kind: Kind
    # Which way a badge moves off a needle on its very point: +1 right, -1 left (away from
    # the body's midline, so a right muscle's badge never lands on the left half).
    lean: float = 0.0


Offset = tuple[float, float]
_NONE: Offset = (0.0, 0.0)
# A mark in pixels at the current zoom: centre x, y, half width, half height, its kind,
# and its lean.
_Box = tuple[float, float, float, float, Kind, float]
Grid = dict[tuple[int, int], list[Hashable]]  # the marks filed under each cell


class Spreader:
    """Where each mark is drawn, as a pixel offset from its point, kept up to date."""

    def __init__(self) -> None:
        self._marks: dict[Hashable, Mark] = {}
        self._order: dict[Hashable, int] = {}  # first come first: ties are decided alike
        self._offsets: dict[Hashable, Offset] = {}
        self._scale = 0.0  # pixels per drawing unit; 0 until the drawing is shown
        self._boxes: dict[Hashable, _Box] = {}  # in pixels, at this zoom
        # The grid of boxes at their own points, and the grid of boxes where drawn.
        self._grid: Grid = {}
        self._drawn: Grid = {}
        self._touched: set[Hashable] = set()  # staged, not yet placed
        self._bulk = False  # so many staged that all are placed afresh
        self._count = 0

    @property
    def scale(self) -> float:
        """Pixels per drawing unit, as last set (0: not yet)."""
        return self._scale

    def offset(self, key: Hashable) -> Offset:
        return self._offsets.get(key, _NONE)

    def marks(self) -> list[tuple[Hashable, Mark]]:
        return list(self._marks.items())

    def set_scale(self, pixels_per_unit: float) -> dict[Hashable, Offset]:
        """The drawing's zoom changed: every mark is placed again. Returns every offset."""
        self._scale = pixels_per_unit
        self._boxes, self._grid, self._drawn, self._offsets = {}, {}, {}, {}
        self._touched = set()
        for key in self._marks:
            self._file(key)
        # Groups of marks overlapping at their own points, in one pass over the grid.
        parent = {key: key for key in self._marks}

        def root(key: Hashable) -> Hashable:
            while parent[key] != key:
                parent[key] = parent[parent[key]]
                key = parent[key]
            return key

        for key, box in self._boxes.items():
            for other in self._near(box):
                if other != key and _overlap(box, self._boxes[other], _NONE, _NONE):
                    parent[root(other)] = root(key)
        groups: dict[Hashable, set[Hashable]] = {}
        for key in self._marks:
            groups.setdefault(root(key), set()).add(key)
        done: set[Hashable] = set()
        for group in sorted(groups.values(), key=lambda g: min(map(self._order.__getitem__, g))):
            if not group & done:  # else placed already, with the group that pushed into it
                done |= self._place(group, {})
        return {key: self.offset(key) for key in self._marks}

    def put(self, key: Hashable, mark: Mark) -> dict[Hashable, Offset]:
        """Add or move a mark; returns the offsets that changed."""
        self.stage(key, mark)
        return self.settle()

    def remove(self, key: Hashable) -> dict[Hashable, Offset]:
        """Take a mark away; returns the offsets of the marks round it that changed."""
        self.stage(key, None)
        return self.settle()

    def stage(self, key: Hashable, mark: Mark | None) -> None:
        """Add, move or (None) remove a mark, placing nothing yet (see ``settle``)."""
        if self._bulk or len(self._touched) >= BULK:
            self._bulk = True  # many at once (another visit shown): all placed afresh
            self._record(key, mark)
            return
        if key in self._marks:
            self._touched |= self._group(key)  # its old neighbours may move back
            self._unfile(key)
        self._record(key, mark)
        if mark is None:
            self._touched.discard(key)
        else:
            self._file(key)
            self._touched.add(key)

    def _record(self, key: Hashable, mark: Mark | None) -> None:
        if mark is None:
            self._marks.pop(key, None)
            self._order.pop(key, None)
            self._offsets.pop(key, None)
            return
        self._marks[key] = mark
        if key not in self._order:
            self._order[key] = self._count
            self._count += 1

    def settle(self) -> dict[Hashable, Offset]:
        """Place the marks round what was staged; returns the offsets that changed."""
        if self._bulk:
            self._bulk = False
            before = self._offsets
            placed = self.set_scale(self._scale) if self._scale else {}
            return {k: o for k, o in placed.items() if before.get(k, _NONE) != o}
        touched, self._touched = self._touched, set()
        if not self._scale:  # not shown yet: placed when the zoom is known
            return {}
        changed = self._redo({key for key in touched if key in self._marks})
        for key in touched:  # a new mark wants its offset even when it has none
            if key in self._marks:
                changed.setdefault(key, self.offset(key))
        return changed

    # -- groups --------------------------------------------------------------------------

    def _redo(self, keys: set[Hashable]) -> dict[Hashable, Offset]:
        """Place again the groups of ``keys``; returns the offsets that changed."""
        changed: dict[Hashable, Offset] = {}
        done: set[Hashable] = set()
        for key in sorted(keys, key=self._order.__getitem__):
            if key not in done and key in self._marks:
                done |= self._place(self._group(key), changed)
        return changed

    def _place(self, group: set[Hashable], changed: dict[Hashable, Offset]) -> set[Hashable]:
        """Settle a group; a mark it pushes onto a mark outside makes that mark join.
        Returns the group as placed."""
        for _ in range(3):
            placed = self._settle(group)
            if len(group) > CROWD:
                break  # a crowd, left where it is: what it covers is no news
            covered = self._covered(group, placed)
            if not covered:
                break
            for other in covered:
                group |= self._group(other)
        for member, offset in placed.items():
            before = self._offsets.get(member, _NONE)
            if before != offset:
                changed[member] = offset
                _unfile(self._drawn, member, self._boxes[member], before)
                _file(self._drawn, member, self._boxes[member], offset)
                self._offsets[member] = offset
        return group

    def _group(self, seed: Hashable) -> set[Hashable]:
        """The seed and every mark overlapping it, and theirs, at their own points; once
        more than a crowd, the search stops (such a group is not spread anyway)."""
        if not self._scale:
            return {seed}
        group, todo = {seed}, [seed]
        while todo and len(group) <= CROWD:
            box = self._boxes[todo.pop()]
            for other in self._near(box):
                if other not in group and _overlap(box, self._boxes[other], _NONE, _NONE):
                    group.add(other)
                    todo.append(other)
        return group

    def _covered(self, group: set[Hashable], placed: dict[Hashable, Offset]) -> set[Hashable]:
        """Marks outside the group that its marks, where they are drawn now, overlap
        where those are drawn."""
        found = set()
        for key in group:
            box, moved = self._boxes[key], placed[key]
            for other in _filed(self._drawn, box, moved):
                if other not in group and _overlap(
                    box, self._boxes[other], moved, self.offset(other)
                ):
                    found.add(other)
        return found

    def _settle(self, group: set[Hashable]) -> dict[Hashable, Offset]:
        """Push the group's marks apart: alike marks both give way, a badge alone gives
        way to a needle or a label; each push along the axis where the two overlap least."""
        if len(group) == 1 or len(group) > CROWD or not self._scale:
            return dict.fromkeys(group, _NONE)
        keys = sorted(group, key=self._order.__getitem__)
        boxes = [self._boxes[k] for k in keys]
        xs = [0.0] * len(keys)  # how far each is pushed, in pixels
        ys = [0.0] * len(keys)
        # A badge only ever moves away from its drawing's midline, never across it.
        outward = [(i, b[5]) for i, b in enumerate(boxes) if b[4] is Kind.BADGE and b[5]]
        pairs = [
            (i, j, xi - xj, yi - yj, wi + wj + GAP, hi + hj + GAP, *_shares(box_i, box_j))
            for i, box_i in enumerate(boxes)
            for j, box_j in enumerate(boxes[i + 1 :], start=i + 1)
            for xi, yi, wi, hi, *_ in (box_i,)
            for xj, yj, wj, hj, *_ in (box_j,)
        ]
        for _ in range(ROUNDS):
            pushed = False
            for i, j, tdx, tdy, widths, heights, share_i, share_j, sideways, tie in pairs:
                dx = tdx + xs[i] - xs[j]
                dy = tdy + ys[i] - ys[j]
                across_x = widths - abs(dx)
                across_y = heights - abs(dy)
                if across_x <= 0.05 or across_y <= 0.05:
                    continue
                if not share_i and not share_j:
                    continue  # a needle over a label, or two labels: left as drawn
                if boxes[i][4] is boxes[j][4] is Kind.NEEDLE:  # round: pushed straight apart
                    distance = math.hypot(dx, dy)  # along the line between their centres
                    if distance >= widths - 0.05:
                        continue
                    pushed = True
                    if distance < 0.5:  # on one spot: side by side, the first to the left
                        dx, dy, distance = -1.0, 0.0, 1.0
                    step = (widths - distance) / 2 / distance
                    xs[i] += dx * step
                    ys[i] += dy * step
                    xs[j] -= dx * step
                    ys[j] -= dy * step
                    continue
                pushed = True
                if sideways:  # a badge off a needle or label: just past it, on its lean's side
                    if share_i:  # i is the badge; dx is where it lies from the other
                        xs[i] += tie * widths - dx
                    else:
                        xs[j] += tie * widths + dx
                elif across_x <= across_y:  # side by side (and on one spot)
                    step = across_x if dx > 0.5 else -across_x  # on one spot: i goes left
                    xs[i] += step * share_i
                    xs[j] -= step * share_j
                else:  # one above the other
                    step = across_y if dy > 0 else -across_y
                    ys[i] += step * share_i
                    ys[j] -= step * share_j
            for i, lean in outward:
                xs[i] = max(xs[i], 0.0) if lean > 0 else min(xs[i], 0.0)
            if not pushed:
                break
        return {k: (round(x, 1), round(y, 1)) for k, x, y in zip(keys, xs, ys, strict=True)}

    # -- the grid ------------------------------------------------------------------------

    def _file(self, key: Hashable) -> None:
        if not self._scale:
            return
        mark = self._marks[key]
        zooms = self._scale if mark.kind is Kind.LABEL else 1.0
        box = (
            mark.x * self._scale,
            mark.y * self._scale,
            mark.half_width * zooms,
            mark.half_height * zooms,
            mark.kind,
            mark.lean,
        )
        self._boxes[key] = box
        _file(self._grid, key, box, _NONE)
        _file(self._drawn, key, box, self.offset(key))

    def _unfile(self, key: Hashable) -> None:
        box = self._boxes.pop(key, None)
        if box is not None:
            _unfile(self._grid, key, box, _NONE)
            _unfile(self._drawn, key, box, self.offset(key))

    def _near(self, box: _Box, moved: Offset = _NONE) -> set[Hashable]:
        """Marks whose own boxes this box (drawn ``moved`` from its point) could overlap:
        two that overlap share a cell."""
        return _filed(self._grid, box, moved)


def _file(grid: Grid, key: Hashable, box: _Box, moved: Offset) -> None:
    for cell in _cells(box, moved):
        grid.setdefault(cell, []).append(key)


def _unfile(grid: Grid, key: Hashable, box: _Box, moved: Offset) -> None:
    for cell in _cells(box, moved):
        grid[cell].remove(key)


def _filed(grid: Grid, box: _Box, moved: Offset) -> set[Hashable]:
    found: set[Hashable] = set()
    for cell in _cells(box, moved):
        found.update(grid.get(cell, ()))
    return found


def _cells(box: _Box, moved: Offset) -> Iterator[tuple[int, int]]:
    """The grid cells the box, grown by half the gap on each side, covers."""
    x, y = box[0] + moved[0], box[1] + moved[1]
    reach_x, reach_y = box[2] + GAP / 2, box[3] + GAP / 2
    for cx in range(math.floor((x - reach_x) / CELL), math.floor((x + reach_x) / CELL) + 1):
        for cy in range(math.floor((y - reach_y) / CELL), math.floor((y + reach_y) / CELL) + 1):
            yield cx, cy


def _overlap(one: _Box, two: _Box, moved_one: Offset, moved_two: Offset) -> bool:
    dx = one[0] + moved_one[0] - two[0] - moved_two[0]
    dy = one[1] + moved_one[1] - two[1] - moved_two[1]
    return abs(dx) < one[2] + two[2] + GAP - 0.05 and abs(dy) < one[3] + two[3] + GAP - 0.05


def _shares(one: _Box, two: _Box) -> tuple[float, float, bool, float]:
    """How much of a push each of two marks takes, whether it is sideways, and which way:
    alike marks take half each (on one spot the first goes left); a badge takes all of it
    off a needle or a label, sideways towards its lean, staying level with its muscle (a
    paraspinal badge still reads with its level) and on its own half of the drawing.
    Labels never move, and needles do not move for them."""
    if Kind.LABEL in (one[4], two[4]) and Kind.BADGE not in (one[4], two[4]):
        return 0.0, 0.0, False, 0.0
    if one[4] is two[4]:
        return 0.5, 0.5, False, -1.0
    if one[4] is Kind.BADGE:
        return 1.0, 0.0, True, one[5] or -1.0
    if two[4] is Kind.BADGE:
        return 0.0, 1.0, True, two[5] or -1.0
    return 0.0, 0.0, False, 0.0

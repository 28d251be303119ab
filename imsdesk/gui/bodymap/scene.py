"""One body-map view as a QGraphicsScene: the artwork, and the visit's marks drawn on it.

Scene coordinates are the SVG's own units, so a needle stored at (x, y) sits at the same
point of the drawing at any zoom and in any export. The scene only draws; it never
changes a record (the view reports clicks, the panel decides what they mean).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from imsdesk.domain.anatomy import Atlas, Muscle, Side
from imsdesk.domain.artwork import ArtRegion, Shape, ViewArtwork, interior_point
from imsdesk.domain.marks import MuscleFinding, NeedleSite, VisitMarks
from imsdesk.domain.safety import has_thorax_precaution
from imsdesk.gui.bodymap import style
from imsdesk.gui.bodymap.items import (
    Z_HIGHLIGHT,
    ArtItem,
    LabelItem,
    NeedleMarker,
    OutlineItem,
    PreviousOverlay,
    RegionItem,
    SelectionRing,
    SeverityBadge,
    derived,
)
from imsdesk.gui.bodymap.spread import Kind, Mark, Spreader
from imsdesk.gui.bodymap.texts import needle_tooltip, tooltip

Target = tuple[str, Side]


def _runs(shapes: Sequence[Shape], region_orders: set[int]) -> list[list[Shape]]:
    """Decorations grouped into runs painted alike with no muscle between them in the
    drawing order, so merging a run into one item keeps the stacking exact."""
    runs: list[list[Shape]] = []
    for shape in sorted(shapes, key=lambda s: s.order):
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and last.paint == shape.paint
            and last.kind == shape.kind
            and not any(last.order < o < shape.order for o in region_orders)
        ):
            runs[-1].append(shape)
        else:
            runs.append([shape])
    return runs


def _decoration_runs(art: ViewArtwork) -> list[list[Shape]]:
    return _runs(art.decorations, {r.order for r in art.regions})


# Reopening a map shows mostly the same needle sites again.
_needle_tooltip = functools.lru_cache(maxsize=4096)(needle_tooltip)

# Worked out once per process for the (cached) artwork, not on each opening of a map.
_RUNS: dict[int, tuple[Any, Any]] = {}
_TOOLTIPS: dict[int, tuple[ArtRegion, Muscle, str]] = {}


class BodyMapScene(QGraphicsScene):
    """The artwork of one view with the current (and optionally previous) visit's marks."""

    def __init__(
        self,
        artwork: ViewArtwork,
        atlas: Atlas,
        parent: QObject | None = None,
        *,
        marks: VisitMarks | None = None,
    ) -> None:
        """``marks``: drawn from the start (each muscle built in its look at once)."""
        super().__init__(parent)
        self.artwork = artwork
        self.view_id = artwork.view
        self.atlas = atlas
        self.marker_scale = 1.0
        self.pixel_ratio = 1.0  # the screen's device pixels per pixel (marks match it)
        box = artwork.view_box
        self.setSceneRect(QRectF(box.x, box.y, box.width, box.height))
        # Each drawing's midline: badges moved off a needle go away from the nearest one
        # (a right muscle's badge stays on the right half of its drawing).
        self._midlines = [p.mirror_x for p in artwork.panels if p.mirror_x is not None] or [
            box.x + box.width / 2
        ]
        self._regions: dict[Target, RegionItem] = {}
        self._badges: dict[Target, SeverityBadge] = {}
        self._needles: dict[str, NeedleMarker] = {}
        # Where needles and badges are drawn apart when they would cover each other:
        # worked out on the event loop's next turn, after the change has been painted.
        self._spread = Spreader()
        self._wanted_scale = 0.0
        self._spread_timer = QTimer(self, singleShot=True, interval=0)
        self._spread_timer.timeout.connect(self.spread_marks)
        self._previous: list[QGraphicsItem] = []
        self.side_labels: list[LabelItem] = []
        self.captions: list[LabelItem] = []
        self._build(marks or VisitMarks())
        self.hover_outline = OutlineItem(style.HOVER, 2.0, Z_HIGHLIGHT)
        self.selection_outline = OutlineItem(style.SELECTED, 3.0, Z_HIGHLIGHT + 1)
        self.selection_ring = SelectionRing()
        self.addItem(self.hover_outline)
        self.addItem(self.selection_outline)
        self.addItem(self.selection_ring)
        self.hovered: Target | None = None
        self.selected_target: Target | None = None
        self.selected_needle: str | None = None
        self._level_outlines: list[OutlineItem] = []
        self.highlighted: frozenset[Target] = frozenset()
        # The drawing's words stay readable: badges move off them too.
        for number, label in enumerate(self.captions + self.side_labels):
            box = label.sceneBoundingRect()
            centre = box.center()
            self._spread.stage(
                ("label", number),
                Mark(centre.x(), centre.y(), box.width() / 2, box.height() / 2, Kind.LABEL),
            )
        if marks is not None:
            self.show_marks(marks)

    def _build(self, marks: VisitMarks) -> None:
        art = self.artwork
        findings = {(f.muscle_key, f.side): f for f in marks.findings}
        self.addItem(ArtItem([art.outline]))
        for run in derived(_RUNS, art, _decoration_runs):
            # Filled decoration (tendons) is muted like the muscles; strokes are not.
            self.addItem(ArtItem(run, mute=style.ART_MUTE if run[0].paint.fill else 0.0))
        for region in art.regions:
            muscle = self.atlas.get(region.muscle_key)
            finding = findings.get((region.muscle_key, region.side))
            item = RegionItem(region, muscle, self._tooltip(region, muscle), finding)
            self._regions[item.target] = item
            self.addItem(item)
        for label in art.captions:
            item = LabelItem(label, label.size, bold=label.bold)  # as the artist set them
            self.captions.append(item)
            self.addItem(item)
        height = art.view_box.height
        for label in art.side_labels:
            # The patient's L and R must never be misread: drawn larger than the artwork
            # asks (at least 3.5 % of the drawing's height), unless that would run into a
            # caption, then at the artwork's own size.
            item = LabelItem(label, max(label.size * 1.5, height * 0.035), bold=True)
            if any(
                item.sceneBoundingRect().intersects(c.sceneBoundingRect()) for c in self.captions
            ):
                item = LabelItem(label, label.size, bold=True)
            self.side_labels.append(item)
            self.addItem(item)

    def _tooltip(self, region: ArtRegion, muscle: Muscle | None) -> str:
        if muscle is None:
            return region.id
        cached = _TOOLTIPS.get(id(region))
        if cached is None or cached[0] is not region or cached[1] is not muscle:
            cached = _TOOLTIPS[id(region)] = (region, muscle, tooltip(muscle, region.side))
        return cached[2]

    # -- looking things up ----------------------------------------------------------------

    def region_item(self, muscle_key: str, side: Side) -> RegionItem | None:
        return self._regions.get((muscle_key, side))

    def region_items(self) -> list[RegionItem]:
        return list(self._regions.values())

    def needle_marker(self, uid: str) -> NeedleMarker | None:
        return self._needles.get(uid)

    def needle_markers(self) -> list[NeedleMarker]:
        return list(self._needles.values())

    def badge(self, muscle_key: str, side: Side) -> SeverityBadge | None:
        return self._badges.get((muscle_key, side))

    def anchor(self, muscle_key: str, side: Side) -> QPointF | None:
        """A point well inside a region: where its badge goes (and a test can click)."""
        item = self._regions.get((muscle_key, side))
        if item is None:
            return None
        x, y = interior_point(item.region)
        return QPointF(x, y)

    # -- marks ------------------------------------------------------------------------------

    def show_marks(self, marks: VisitMarks) -> None:
        """Draw this visit's findings and this view's needle sites; only changes repaint."""
        findings = {(f.muscle_key, f.side): f for f in marks.findings}
        for target, item in self._regions.items():
            if target not in findings:
                self._show_finding(item, None)
        # Badges are added in the marks' order: where badges overlap, the later mark's is on top.
        for target, finding in findings.items():
            self.show_finding(*target, finding)
        sites = {n.uid: n for n in marks.needles if n.view == self.view_id}
        # Markers of sites gone are moved to new sites (another visit's, say), not remade.
        gone = [uid for uid in self._needles if uid not in sites]
        spare = [self._needles.pop(uid) for uid in gone]
        for uid in gone:
            self._stage(("needle", uid), None)
        for uid, site in sites.items():
            if uid not in self._needles and spare:
                marker = spare.pop()
                marker.set_site(site)
                marker.setToolTip(_needle_tooltip(self.atlas, site))
                self._needles[uid] = marker
                self._stage(("needle", uid), _needle_mark(marker))
            else:
                self._show_needle(uid, site)
        for marker in spare:
            self.removeItem(marker)
        self.selection_ring.follow(self._needles.get(self.selected_needle or ""))

    def show_finding(self, muscle_key: str, side: Side, finding: MuscleFinding | None) -> None:
        """One muscle's finding changed (None: cleared): only its own items change."""
        item = self._regions.get((muscle_key, side))
        if item is not None:  # else a muscle this view does not draw
            self._show_finding(item, finding)

    def show_needle(self, uid: str, site: NeedleSite | None) -> None:
        """One needle site changed (None: removed): only its own marker changes."""
        self._show_needle(uid, site if site is not None and site.view == self.view_id else None)
        self.selection_ring.follow(self._needles.get(self.selected_needle or ""))

    def _show_finding(self, item: RegionItem, finding: MuscleFinding | None) -> None:
        item.set_finding(finding)
        badge = self._badges.get(item.target)
        if finding is None:
            if badge is not None:
                self.removeItem(self._badges.pop(item.target))
                self._stage(("badge", item.target), None)
        elif badge is None:
            warning = bool(item.muscle and has_thorax_precaution(item.muscle))
            badge = SeverityBadge(
                finding.severity, warning, self.marker_scale, pixel_ratio=self.pixel_ratio
            )
            x, y = interior_point(item.region)
            badge.setPos(QPointF(x, y))
            self._badges[item.target] = badge
            self.addItem(badge)
            self._stage(("badge", item.target), self._badge_mark(badge))
        else:
            badge.set_severity(finding.severity)

    def _show_needle(self, uid: str, site: NeedleSite | None) -> None:
        marker = self._needles.get(uid)
        if site is None:
            if marker is not None:
                self.removeItem(self._needles.pop(uid))
                self._stage(("needle", uid), None)
            return
        if marker is None:
            marker = NeedleMarker(site, self.marker_scale, pixel_ratio=self.pixel_ratio)
            self._needles[uid] = marker
            self.addItem(marker)
        elif marker.site == site:
            return
        else:
            moved = (marker.site.x, marker.site.y) != (site.x, site.y)
            marker.set_site(site)
            if not moved:  # a new response or depth: drawn where it was
                marker.setToolTip(_needle_tooltip(self.atlas, site))
                return
        marker.setToolTip(_needle_tooltip(self.atlas, site))
        self._stage(("needle", uid), _needle_mark(marker))

    def show_previous(self, marks: VisitMarks | None) -> None:
        """The previous visit's marks, hatched and faded, under today's."""
        for item in self._previous:
            self.removeItem(item)
        self._previous = []
        if marks is None:
            return
        for finding in marks.findings:
            region = self._regions.get((finding.muscle_key, finding.side))
            if region is None:
                continue
            self._add_previous(PreviousOverlay(region))
            badge = SeverityBadge(
                finding.severity,
                False,
                self.marker_scale,
                faded=True,
                pixel_ratio=self.pixel_ratio,
            )
            x, y = interior_point(region.region)
            # Just below today's badge, so both read when a muscle is marked twice.
            badge.setPos(QPointF(x, y))
            badge.setTransform(badge.transform().translate(0, style.BADGE_DOT * 3.6))
            self._add_previous(badge)
        for site in marks.needles:
            if site.view == self.view_id:
                self._add_previous(
                    NeedleMarker(site, self.marker_scale, faded=True, pixel_ratio=self.pixel_ratio)
                )

    def _add_previous(self, item: QGraphicsItem) -> None:
        self._previous.append(item)
        self.addItem(item)

    def previous_items(self) -> list[QGraphicsItem]:
        return list(self._previous)

    # -- highlight ----------------------------------------------------------------------------

    def set_hovered(self, target: Target | None) -> None:
        if target != self.hovered:
            self.hovered = target
            self.hover_outline.follow(self._regions.get(target) if target else None)

    def set_selection(self, target: Target | None = None, needle_uid: str | None = None) -> None:
        if target != self.selected_target:
            self.selection_outline.follow(self._regions.get(target) if target else None)
        self.selection_ring.follow(self._needles.get(needle_uid) if needle_uid else None)
        self.selected_target = target
        self.selected_needle = needle_uid

    def set_highlighted(self, targets: frozenset[Target]) -> None:
        """Outline the muscles of a spinal level chosen on the spine strip (all at once)."""
        for outline in self._level_outlines:
            self.removeItem(outline)
        self._level_outlines = []
        self.highlighted = targets
        for target in targets:
            item = self._regions.get(target)
            if item is None:
                continue
            outline = OutlineItem(style.SELECTED, 2.0, Z_HIGHLIGHT)
            outline.setPen(_dashed(outline.pen()))
            outline.follow(item)
            self.addItem(outline)
            self._level_outlines.append(outline)

    # -- marks drawn apart ------------------------------------------------------------------

    def set_view_scale(self, pixels_per_unit: float) -> None:
        """The zoom the scene is shown at (pixels per drawing unit): needles and badges
        that would cover each other there are drawn apart, now."""
        self._spread_timer.stop()
        self._wanted_scale = pixels_per_unit
        self._spread_out(self._spread.set_scale(pixels_per_unit))
        self._spread_out(self._spread.settle())

    def ask_view_scale(self, pixels_per_unit: float) -> None:
        """As ``set_view_scale``, on the event loop's next turn (the view asks as it
        paints: the drawing is shown first, the marks drawn apart straight after)."""
        if pixels_per_unit != self._wanted_scale:
            self._wanted_scale = pixels_per_unit
            self._spread_timer.start()

    def view_scale(self) -> float:
        """The zoom the marks are drawn apart for now (0: not yet)."""
        return self._spread.scale

    def spread_marks(self) -> None:
        """Draw apart, now, what was asked for or changed since."""
        self._spread_timer.stop()
        if self._wanted_scale != self._spread.scale:
            self.set_view_scale(self._wanted_scale)
        else:
            self._spread_out(self._spread.settle())

    def _stage(self, key: tuple[str, Any], mark: Mark | None) -> None:
        self._spread.stage(key, mark)
        self._spread_timer.start()

    def _spread_out(self, shifts: dict[Any, tuple[float, float]]) -> None:
        for (kind, key), (dx, dy) in shifts.items():
            item = self._needles.get(key) if kind == "needle" else self._badges.get(key)
            if item is not None and kind != "label":
                item.set_shift(dx, dy)
        if shifts and self.selected_needle in self._needles:
            self.selection_ring.follow(self._needles[self.selected_needle])

    def _badge_mark(self, badge: SeverityBadge) -> Mark:
        half_width, half_height = badge.half_size()
        x = badge.x()
        midline = min(self._midlines, key=lambda m: abs(m - x))
        lean = 1.0 if x > midline else -1.0
        return Mark(badge.x(), badge.y(), half_width, half_height, Kind.BADGE, lean)

    def _respread(self) -> None:
        """Every mark sized again (printing sizes them up): all placed afresh."""
        labels = {k: m for k, m in self._spread.marks() if k[0] == "label"}
        self._spread = Spreader()
        for key, mark in labels.items():
            self._spread.stage(key, mark)
        for target, badge in self._badges.items():
            self._spread.stage(("badge", target), self._badge_mark(badge))
        for uid, marker in self._needles.items():
            self._spread.stage(("needle", uid), _needle_mark(marker))

    def set_pixel_ratio(self, ratio: float) -> None:
        """The screen the scene is shown on: marks are pixmaps matching its pixels."""
        if ratio != self.pixel_ratio:
            self.pixel_ratio = ratio
            for item in self.items():
                if isinstance(item, NeedleMarker | SeverityBadge):
                    item.set_pixel_ratio(ratio)

    def set_marker_scale(self, scale: float) -> None:
        """Marker and badge size in device pixels per 96-dpi pixel (printing at 300 dpi: ~3)."""
        self.marker_scale = scale
        for item in self.items():
            if isinstance(item, NeedleMarker | SeverityBadge | SelectionRing):
                item.set_scale_px(scale)
        scale_now = self._spread.scale
        self._respread()
        if scale_now:
            self.set_view_scale(scale_now)


def _needle_mark(marker: NeedleMarker) -> Mark:
    r = marker.radius
    return Mark(marker.site.x, marker.site.y, r, r, Kind.NEEDLE)


def _dashed(pen: QPen) -> QPen:
    pen.setStyle(Qt.PenStyle.DashLine)
    return pen

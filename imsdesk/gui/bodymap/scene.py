"""One body-map view as a QGraphicsScene: the artwork, and the visit's marks drawn on it.

Scene coordinates are the SVG's own units, so a needle stored at (x, y) sits at the same
point of the drawing at any zoom and in any export. The scene only draws; it never
changes a record (the view reports clicks, the panel decides what they mean).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, QPointF, QRectF, Qt
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

    def __init__(self, artwork: ViewArtwork, atlas: Atlas, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.artwork = artwork
        self.view_id = artwork.view
        self.atlas = atlas
        self.marker_scale = 1.0
        self.pixel_ratio = 1.0  # the screen's device pixels per pixel (marks match it)
        box = artwork.view_box
        self.setSceneRect(QRectF(box.x, box.y, box.width, box.height))
        self._regions: dict[Target, RegionItem] = {}
        self._badges: dict[Target, SeverityBadge] = {}
        self._needles: dict[str, NeedleMarker] = {}
        self._previous: list[QGraphicsItem] = []
        self.side_labels: list[LabelItem] = []
        self.captions: list[LabelItem] = []
        self._build()
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

    def _build(self) -> None:
        art = self.artwork
        self.addItem(ArtItem([art.outline]))
        for run in derived(_RUNS, art, _decoration_runs):
            # Filled decoration (tendons) is muted like the muscles; strokes are not.
            self.addItem(ArtItem(run, mute=style.ART_MUTE if run[0].paint.fill else 0.0))
        for region in art.regions:
            muscle = self.atlas.get(region.muscle_key)
            item = RegionItem(region, muscle, self._tooltip(region, muscle))
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
        spare = [self._needles.pop(uid) for uid in [u for u in self._needles if u not in sites]]
        for uid, site in sites.items():
            if uid not in self._needles and spare:
                self._needles[uid] = spare.pop()
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
        elif badge is None:
            warning = bool(item.muscle and has_thorax_precaution(item.muscle))
            badge = SeverityBadge(
                finding.severity, warning, self.marker_scale, pixel_ratio=self.pixel_ratio
            )
            badge.setPos(QPointF(*interior_point(item.region)))
            self._badges[item.target] = badge
            self.addItem(badge)
        else:
            badge.set_severity(finding.severity)

    def _show_needle(self, uid: str, site: NeedleSite | None) -> None:
        marker = self._needles.get(uid)
        if site is None:
            if marker is not None:
                self.removeItem(self._needles.pop(uid))
            return
        if marker is None:
            marker = NeedleMarker(site, self.marker_scale, pixel_ratio=self.pixel_ratio)
            self._needles[uid] = marker
            self.addItem(marker)
        elif marker.site == site:
            return
        else:
            marker.set_site(site)
        marker.setToolTip(_needle_tooltip(self.atlas, site))

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


def _dashed(pen: QPen) -> QPen:
    pen.setStyle(Qt.PenStyle.DashLine)
    return pen

"""The graphics items of the body map: artwork, muscles, needle markers, badges, labels.

Every item is one of Qt's own path or pixmap items, painted in C++: nothing here
overrides paint() or boundingRect(). That keeps a repaint with hundreds of marks fast,
and it keeps Python out of the paint loop (with PySide6 6.12.0 on Python 3.11 every
Python call of a void Qt method drops a reference to None, so per-paint Python drawing
would exhaust it). Marks that keep their pixel size (needles, badges) are pixmaps
painted once per look and shared.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsPixmapItem

from imsdesk.domain.anatomy import Layer, Muscle
from imsdesk.domain.artwork import (
    ArtRegion,
    ClosePath,
    CubicTo,
    LineTo,
    MoveTo,
    Paint,
    PathCommand,
    Shape,
    TextLabel,
    flatten,
)
from imsdesk.domain.marks import MuscleFinding, NeedleSite, Response, Severity
from imsdesk.gui.bodymap import style

# Stacking: the artwork keeps its document order (deep muscles above superficial ones);
# marks, highlights and labels always sit above all of it.
Z_PREVIOUS = 3000.0
Z_HIGHLIGHT = 4000.0
Z_BADGE = 5000.0
Z_NEEDLE = 6000.0
Z_LABEL = 7000.0
CURVE_TOLERANCE = 0.05  # drawing units; far below a pixel at the deepest zoom
IGNORE_TRANSFORMS = QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
BEHIND_PARENT = QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent


_S = TypeVar("_S")
_T = TypeVar("_T")
# What is derived from the (process-wide cached) artwork is kept by the identity of what
# it came from: hashing an outline of thousands of points would cost more than it saves.
# Reopening a visit's map then reuses paths and paints instead of rebuilding them.
_Derived = dict[int, tuple[Any, Any]]


def derived(cache: _Derived, source: _S, make: Callable[[_S], _T]) -> _T:
    """``make(source)``, computed once per process for each artwork object."""
    hit = cache.get(id(source))
    if hit is not None and hit[0] is source:
        return cast(_T, hit[1])
    value = make(source)
    cache[id(source)] = (source, value)  # holding the source keeps its id from being reused
    return value


_PATHS: _Derived = {}


def painter_path(commands: tuple[PathCommand, ...]) -> QPainterPath:
    """The artwork's commands as a QPainterPath filled by the non-zero rule."""
    # Implicitly shared: the copy costs nothing, and a caller changing it changes no other.
    return QPainterPath(derived(_PATHS, commands, _build_path))


def _build_path(commands: tuple[PathCommand, ...]) -> QPainterPath:
    """One polygon per subpath (curves flattened finely) rather than one call per point:
    the generated artwork has tens of thousands of points per view."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    ring: list[QPointF] = []
    current = (0.0, 0.0)

    def flush(close: bool) -> None:
        if len(ring) > 1:
            path.addPolygon(QPolygonF(ring))
            if close:
                path.closeSubpath()
        ring.clear()

    for c in commands:
        if isinstance(c, MoveTo):
            flush(False)
            ring.append(QPointF(c.x, c.y))
            current = (c.x, c.y)
        elif isinstance(c, LineTo):
            ring.append(QPointF(c.x, c.y))
            current = (c.x, c.y)
        elif isinstance(c, CubicTo):
            (points,) = flatten((MoveTo(*current), c), CURVE_TOLERANCE)
            ring.extend(QPointF(x, y) for x, y in points[1:])
            current = (c.x, c.y)
        elif isinstance(c, ClosePath):
            start = ring[0] if ring else QPointF(*current)
            flush(True)
            ring.append(start)  # a command after Z starts from the subpath's start
            current = (start.x(), start.y())
    flush(False)
    return path


def _colour(value: str | None, alpha: float = 1.0) -> QColor | None:
    if value is None:
        return None
    colour = QColor(value)
    if not colour.isValid():
        return None
    colour.setAlphaF(max(0.0, min(1.0, colour.alphaF() * alpha)))
    return colour


def art_pen(paint: Paint, colour: QColor | None = None) -> QPen:
    stroke = colour or _colour(paint.stroke, paint.stroke_opacity * paint.opacity)
    if stroke is None:
        return QPen(Qt.PenStyle.NoPen)
    result = style.pen(stroke, paint.stroke_width)
    if paint.dash and paint.stroke_width > 0:
        # SVG dashes are in drawing units; Qt's are in multiples of the pen width.
        result.setCapStyle(Qt.PenCapStyle.FlatCap)
        result.setDashPattern([max(0.1, d / paint.stroke_width) for d in paint.dash])
    return result


def art_brush(paint: Paint, mute: float = 0.0) -> QBrush:
    fill = _colour(paint.fill, paint.fill_opacity * paint.opacity)
    if fill is None:
        return QBrush(Qt.BrushStyle.NoBrush)
    return QBrush(style.muted(fill, mute) if mute else fill)


def _inert(item: QGraphicsItem) -> None:
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    item.setAcceptHoverEvents(False)


_NOTHING = QPainterPath()


def _stroked_bounds(path: QPainterPath, pen: QPen) -> QRectF:
    """The path's rectangle grown by its pen, as QGraphicsPathItem would, without stroking."""
    if pen.style() == Qt.PenStyle.NoPen:
        return path.controlPointRect()
    # A cosmetic pen is in pixels, not units: pad generously for zoomed-out views.
    pad = pen.widthF() * 3 if pen.isCosmetic() else pen.widthF() / 2
    return path.controlPointRect().adjusted(-pad, -pad, pad, pad)


class _BoundedPathItem(QGraphicsPathItem):
    """A path item whose bounding rectangle holds its whole border, and whose hit area is
    its own business (``hit_area``), without any Python call while the map repaints.

    QGraphicsPathItem derives its bounding rectangle from shape() once per path and pen,
    and keeps it. So right after either changes, shape() answers for that one call the
    path's rectangle grown by the pen (found without stroking the path); at any other time
    it answers the hit area. A boundingRect() written here instead would be called for
    each item, several times, on every repaint.
    """

    _sizing: QPainterPath | None = None

    def hit_area(self) -> QPainterPath:
        raise NotImplementedError

    def shape(self) -> QPainterPath:
        return self._sizing if self._sizing is not None else self.hit_area()

    def setPath(self, path: QPainterPath) -> None:
        super().setPath(path)
        self._settle_bounds()

    def setPen(self, pen: QPen) -> None:
        super().setPen(pen)
        self._settle_bounds()

    def _settle_bounds(self) -> None:
        grown = QPainterPath()
        grown.addRect(_stroked_bounds(self.path(), self.pen()))
        self._sizing = grown
        try:
            self.boundingRect()
        finally:
            self._sizing = None


class _Unhittable(_BoundedPathItem):
    """Drawn, but never found by a hit test.

    Qt would otherwise stroke the whole path (all fibre strokes of a layer, a cosmetic
    outline) to test every mouse position: milliseconds per move for nothing clickable.
    """

    def hit_area(self) -> QPainterPath:
        return _NOTHING

    def contains(self, point: QPointF) -> bool:
        return False


class ArtItem(_Unhittable):
    """Decoration: the silhouette, tendons, fibre strokes, landmarks. Never clickable.

    Several shapes painted alike and adjacent in the drawing order become one item (the
    fibre strokes of a layer, say): fewer items paint faster.
    """

    def __init__(self, shapes: Sequence[Shape], *, mute: float = 0.0) -> None:
        path = painter_path(shapes[0].path)
        for shape in shapes[1:]:
            path.addPath(painter_path(shape.path))
        super().__init__(path)
        shape = shapes[0]
        self.kind = shape.kind
        # The artwork never changes: repaint it from a pixmap (redrawn only on zoom).
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setPen(art_pen(shape.paint))
        self.setBrush(art_brush(shape.paint, mute))
        self.setZValue(shape.order)
        _inert(self)


_PLAIN_LOOKS: _Derived = {}


def _plain_look(paint: Paint) -> tuple[QBrush, QPen]:
    """An unmarked muscle's brush and pen, as the artist painted it but muted."""
    return art_brush(paint, style.ART_MUTE), art_pen(paint)


class RegionItem(_BoundedPathItem):
    """One muscle on one side of the patient: hit-tested on its own outline."""

    def __init__(
        self,
        region: ArtRegion,
        muscle: Muscle | None,
        tooltip: str,
        finding: MuscleFinding | None = None,
    ) -> None:
        self._path = painter_path(region.path)
        super().__init__(self._path)
        self.region = region
        self.muscle = muscle
        self.target = (region.muscle_key, region.side)
        self.finding = finding
        self.setData(0, region.muscle_key)
        self.setData(1, region.side.value)
        self.setZValue(region.order)
        self.setToolTip(tooltip)
        _inert(self)  # the view does the hit tests and turns clicks into intent
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._plain_brush, self._plain_pen = derived(_PLAIN_LOOKS, region.paint, _plain_look)
        self._refresh()

    @property
    def is_deep(self) -> bool:
        return self.region.layer is Layer.DEEP

    def hit_area(self) -> QPainterPath:
        # The fill area only: the default adds half the pen width, which would let a
        # click just outside a muscle's border land on it.
        return self._path

    def set_finding(self, finding: MuscleFinding | None) -> None:
        if finding != self.finding:
            self.finding = finding
            self._refresh()

    def _refresh(self) -> None:
        if self.finding is None:
            brush, pen = self._plain_brush, self._plain_pen
        else:
            brush, pen = _marked_look(self.finding.severity, self.region.paint, self.is_deep)
        self.setBrush(brush)
        self.setPen(pen)


@functools.cache
def _marked_look(severity: Severity, paint: Paint, deep: bool) -> tuple[QBrush, QPen]:
    """A marked muscle's brush and pen: the severity's colour, a dark border (dashed when
    deep). The same for every muscle the artist painted alike."""
    fill = QColor(style.SEVERITY_FILL[severity])
    if deep:
        fill.setAlphaF(0.88)  # still hints at the muscles lying over it
    marked = Paint(
        fill=None,
        stroke=style.SEVERITY_STROKE.name(),
        stroke_width=max(paint.stroke_width, 0.8),
        dash=paint.dash or ((2.2, 1.4) if deep else ()),
    )
    return QBrush(fill), art_pen(marked)


class OutlineItem(_Unhittable):
    """A hover or selection outline laid over a region, the same width at any zoom."""

    def __init__(self, colour: QColor, width_px: float, z: float) -> None:
        super().__init__()
        self.setPen(style.pen(colour, width_px, cosmetic=True))
        self.setZValue(z)
        # Not cached: it moves to another muscle on most clicks and hovers, and stroking
        # one outline costs less than making a new cached picture of it each time.
        _inert(self)
        self.hide()

    def follow(self, item: RegionItem | None) -> None:
        if item is None:
            self.hide()
            return
        self.setPath(item.path())
        self.show()


class PreviousOverlay(_Unhittable):
    """A previous visit's finding: grey hatching and a dashed outline over the muscle."""

    def __init__(self, item: RegionItem) -> None:
        super().__init__(item.path())
        self.setBrush(QBrush(style.PREVIOUS_STROKE, Qt.BrushStyle.BDiagPattern))
        outline = style.pen(style.PREVIOUS_STROKE, 1.5, cosmetic=True)
        outline.setStyle(Qt.PenStyle.DashLine)
        self.setPen(outline)
        self.setZValue(Z_PREVIOUS)
        _inert(self)


def _cached(item: QGraphicsPathItem) -> QGraphicsPathItem:
    """An inert part of a drawing, repainted from a pixmap rather than drawn each time."""
    item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    _inert(item)
    return item


def _child(
    parent: QGraphicsItem, path: QPainterPath, pen: QPen, brush: QBrush
) -> QGraphicsPathItem:
    item = _cached(QGraphicsPathItem(path, parent))
    item.setPen(pen)
    item.setBrush(brush)
    return item


class NeedleMarker(QGraphicsPixmapItem):
    """A needle site: a small dark marker whose shape shows the response.

    Like a severity badge, one shared pixmap for each look, ignoring the view's
    transformation: it keeps its pixel size at any zoom (and its printed size: ``scale``
    is device pixels per 96-dpi pixel; ``pixel_ratio`` is the screen's). Where needles
    would cover each other the marker is drawn ``shift`` pixels from its point, with a
    thin line back to a dot on the point itself (the item stays at the stored point).
    """

    def __init__(
        self,
        site: NeedleSite,
        scale: float = 1.0,
        *,
        faded: bool = False,
        pixel_ratio: float = 1.0,
    ) -> None:
        super().__init__()
        self._hit_area = QPainterPath()
        self._corner = QPointF()
        self.shift = (0.0, 0.0)
        self._leader: LeaderLine | None = None
        self.setFlag(IGNORE_TRANSFORMS)
        _inert(self)
        self.site = site
        self.faded = faded
        self.scale_px = scale
        self.pixel_ratio = pixel_ratio
        self.setZValue(Z_NEEDLE - (500 if faded else 0))
        self.setPos(site.x, site.y)
        self._rebuild()

    @property
    def uid(self) -> str:
        return self.site.uid

    @property
    def radius(self) -> float:
        return style.MARKER_RADIUS * self.scale_px

    def set_site(self, site: NeedleSite) -> None:
        if site != self.site:
            restyle = site.response != self.site.response
            self.site = site
            self.setPos(site.x, site.y)
            if restyle:
                self._rebuild()

    def set_scale_px(self, scale: float) -> None:
        if scale != self.scale_px:
            self.scale_px = scale
            self._rebuild()

    def set_pixel_ratio(self, ratio: float) -> None:
        if ratio != self.pixel_ratio:
            self.pixel_ratio = ratio
            self._rebuild()

    def set_shift(self, dx: float, dy: float) -> None:
        """Draw the marker ``dx``, ``dy`` pixels from its point (0, 0: on it)."""
        if (dx, dy) != self.shift:
            self.shift = (dx, dy)
            self._place()

    def _rebuild(self) -> None:
        pixmap, self._corner, self._area = _marker_pixmap(
            self.site.response, self.radius, self.faded, self.pixel_ratio
        )
        self.setPixmap(pixmap)
        self._place()

    def _place(self) -> None:
        dx, dy = self.shift
        self.setOffset(self._corner + QPointF(dx, dy))
        self._hit_area = self._area.translated(dx, dy)
        if dx or dy:
            if self._leader is None:
                self._leader = LeaderLine(self)
            self._leader.reach(dx, dy, self.radius)
        elif self._leader is not None:
            self._leader.hide()

    def shape(self) -> QPainterPath:
        return QPainterPath(self._hit_area)


class LeaderLine(_Unhittable):
    """From a needle's own point (a dot) to its marker drawn beside it, behind the marker;
    never hit by a click (the marker is what is clicked)."""

    def __init__(self, marker: NeedleMarker) -> None:
        super().__init__(marker)
        self.setFlag(BEHIND_PARENT)
        _inert(self)
        ink = style.PREVIOUS_STROKE if marker.faded else style.MARKER_INK
        self.setPen(style.pen(ink, 1.0))
        self.setBrush(QBrush(ink))

    def reach(self, dx: float, dy: float, radius: float) -> None:
        path = QPainterPath()
        path.addEllipse(QPointF(0, 0), max(1.5, radius * 0.25), max(1.5, radius * 0.25))
        path.moveTo(0, 0)
        path.lineTo(dx, dy)
        self.setPath(path)
        self.show()


@functools.cache
def _marker_pixmap(
    response: Response | None, radius: float, faded: bool, ratio: float
) -> tuple[QPixmap, QPointF, QPainterPath]:
    """A marker painted centred on (0, 0), where the pixmap's corner goes for that, and
    the area a click may hit: a touch larger than the drawn marker, so it is easy to hit
    (the pixmap covers it, so that a hit test finds the marker there)."""
    ink = style.PREVIOUS_STROKE if faded else style.MARKER_INK
    outline, fill = style.marker_pen_brush(response, radius, ink)
    path = style.marker_path(response, radius)
    hit = QPainterPath()
    hit.addEllipse(QPointF(0, 0), radius * 1.5, radius * 1.5)

    def paint(painter: QPainter) -> None:
        painter.setOpacity(0.55 if faded else 1.0)  # fill and outline each, as items fade
        painter.setPen(outline)
        painter.setBrush(fill)
        painter.drawPath(path)

    pixmap, corner = _centred_pixmap(hit.boundingRect(), ratio, paint)
    return pixmap, corner, hit


def _centred_pixmap(
    box: QRectF, ratio: float, paint: Callable[[QPainter], None]
) -> tuple[QPixmap, QPointF]:
    """A mark that keeps its pixel size, painted once into a pixmap with the screen's
    pixel ratio: ``paint`` draws it centred on (0, 0) within ``box``. Returns the pixmap
    and where its corner goes. On each repaint of the map the mark is then one copy of
    pixels; as path items, hundreds of marks cost several times that.
    """
    # An even number of device pixels wide and high: the centre, the mark's anchor, falls
    # on a pixel corner.
    half_width = max(abs(box.left()), abs(box.right())) + 1.0
    half_height = max(abs(box.top()), abs(box.bottom())) + 1.0
    width = 2 * math.ceil(half_width * ratio)
    height = 2 * math.ceil(half_height * ratio)
    pixmap = QPixmap(width, height)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    corner = QPointF(-width / ratio / 2, -height / ratio / 2)
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(-corner)
        paint(painter)
    finally:
        painter.end()
    return pixmap, corner


class SelectionRing(_Unhittable):
    """The ring round the selected needle marker (one for the scene, moved to it)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(IGNORE_TRANSFORMS)
        self.setZValue(Z_NEEDLE - 1)
        _inert(self)
        self.hide()
        self.set_scale_px(1.0)

    def set_scale_px(self, scale: float) -> None:
        r = style.MARKER_RADIUS * scale
        ring = QPainterPath()
        ring.addEllipse(QPointF(0, 0), r * 1.9, r * 1.9)
        self.setPath(ring)
        self.setPen(style.pen(style.SELECTED, max(2.0, r * 0.4)))
        self.setBrush(QBrush(QColor(255, 255, 255, 200)))

    def follow(self, marker: NeedleMarker | None) -> None:
        if marker is None:
            self.hide()
            return
        self.setPos(marker.pos())
        self.setTransform(QTransform.fromTranslate(*marker.shift))  # round it where drawn
        self.show()


class SeverityBadge(QGraphicsPixmapItem):
    """●●○ beside the colour, so severity reads without it (and ⚠ over the thorax).

    One pixmap, painted once for each look and shared by every badge alike: on each
    repaint of the map a badge is a single copy of pixels (the pill, its dots and the
    warning as separate path items cost several times that, a hundred badges over).
    Like the needle markers it ignores the view's zoom; ``scale`` is device pixels per
    96-dpi pixel and ``pixel_ratio`` the screen's (the pixmap matches its pixels).
    """

    def __init__(
        self,
        severity: Severity,
        warning: bool,
        scale: float = 1.0,
        *,
        faded: bool = False,
        pixel_ratio: float = 1.0,
    ) -> None:
        super().__init__()
        self.setFlag(IGNORE_TRANSFORMS)
        self.setShapeMode(QGraphicsPixmapItem.ShapeMode.BoundingRectShape)
        _inert(self)
        self.severity = severity
        self.warning = warning
        self.faded = faded
        self.scale_px = scale
        self.pixel_ratio = pixel_ratio
        self.shift = (0.0, 0.0)
        self._corner = QPointF()
        self.setZValue(Z_BADGE - (500 if faded else 0))
        self._rebuild()

    def set_severity(self, severity: Severity) -> None:
        if severity != self.severity:
            self.severity = severity
            self._rebuild()

    def set_scale_px(self, scale: float) -> None:
        if scale != self.scale_px:
            self.scale_px = scale
            self._rebuild()

    def set_pixel_ratio(self, ratio: float) -> None:
        if ratio != self.pixel_ratio:
            self.pixel_ratio = ratio
            self._rebuild()

    def set_shift(self, dx: float, dy: float) -> None:
        """Draw the badge ``dx``, ``dy`` pixels from its muscle's point, off other marks."""
        if (dx, dy) != self.shift:
            self.shift = (dx, dy)
            self.setOffset(self._corner + QPointF(dx, dy))

    def half_size(self) -> tuple[float, float]:
        """Half the width and height of the pill as drawn, in pixels."""
        box = _badge_box(self.warning, style.BADGE_DOT * self.scale_px)
        return box.width() / 2, box.height() / 2

    def _rebuild(self) -> None:
        dot = style.BADGE_DOT * self.scale_px
        opacity = 0.5 if self.faded else 1.0
        pixmap, self._corner = _badge_pixmap(
            self.severity, dot, self.warning, self.pixel_ratio, opacity
        )
        self.setPixmap(pixmap)
        self.setOffset(self._corner + QPointF(*self.shift))


@functools.cache
def _badge_pixmap(
    severity: Severity, dot: float, warning: bool, ratio: float, opacity: float
) -> tuple[QPixmap, QPointF]:
    """The badge painted centred on (0, 0), and where the pixmap's corner goes for that.

    ``opacity`` fades each part on its own (a faded badge's dots show the pill through).
    """
    paths = style.badge_paths(severity, dot, warning)
    outline = style.badge_pen(dot)

    def paint(painter: QPainter) -> None:
        painter.setOpacity(opacity)
        painter.setPen(outline)
        painter.setBrush(_BADGE_FILL)
        painter.drawPath(paths.outlined)
        if paths.warning is not None:  # the "!" goes over the triangle
            painter.setBrush(_WARNING_FILL)
            painter.drawPath(paths.warning)
        painter.setPen(_NO_PEN)
        painter.setBrush(_BADGE_INK)
        painter.drawPath(paths.inked)

    box = paths.outlined.boundingRect()
    return _centred_pixmap(box.adjusted(-dot, -dot, dot, dot), ratio, paint)


@functools.cache
def _badge_box(warning: bool, dot: float) -> QRectF:
    """The pill's rectangle round its centre (alike for every severity)."""
    return style.badge_paths(Severity.MARKED, dot, warning).outlined.boundingRect()


_BADGE_FILL = QBrush(style.BADGE_FILL)
_BADGE_INK = QBrush(style.BADGE_INK)
_WARNING_FILL = QBrush(style.WARNING_FILL)
_NO_PEN = QPen(Qt.PenStyle.NoPen)


@functools.cache
def _glyphs(text: str, bold: bool) -> QPainterPath:
    """The text's outlines at 100 px (laying out text is slow: once per process)."""
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPixelSize(100)  # drawn big, then scaled: exact at any size
    font.setBold(bold)
    glyphs = QPainterPath()
    glyphs.addText(0, 0, font, text)
    return glyphs


class LabelItem(_Unhittable):
    """Text as outlines in drawing units: crisp at any zoom, with a white halo behind."""

    def __init__(self, label: TextLabel, size: float, *, bold: bool) -> None:
        super().__init__()
        glyphs = _glyphs(label.text, bold)
        scale = size / 100
        width = glyphs.boundingRect().width() * scale
        dx = {"middle": -width / 2, "end": -width}.get(label.anchor, 0.0)
        placed = QTransform().translate(label.x + dx, label.y).scale(scale, scale).map(glyphs)
        self.text = label.text
        self.size = size
        colour = QColor(label.fill)
        self.setPath(placed)
        self.setBrush(QBrush(colour if colour.isValid() else QColor("#000000")))
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.setZValue(Z_LABEL)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        _inert(self)
        halo = _child(
            self,
            placed,
            style.pen(QColor(255, 255, 255, 235), max(0.8, size * 0.16)),
            QBrush(Qt.BrushStyle.NoBrush),
        )
        halo.setFlag(BEHIND_PARENT)

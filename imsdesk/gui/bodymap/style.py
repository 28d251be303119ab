"""How marks look, in one place, so the map, the legend and the printout agree.

Severity is one warm hue at three intensities AND a count of dots; a needle's response
is a marker SHAPE. Colour is never the only cue: both read in greyscale print and for
colour-blind users. Shapes are built here as QPainterPaths; the map draws them with
Qt's own path items and the legend paints the same paths.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF

from imsdesk.domain.marks import Response, Severity

# One warm hue (red-orange) at rising intensity; greyscale lightness ~0.75 / 0.50 / 0.30.
SEVERITY_FILL: dict[Severity, QColor] = {
    Severity.MILD: QColor("#f6a46c"),
    Severity.MODERATE: QColor("#e0562b"),
    Severity.MARKED: QColor("#a3221a"),
}
SEVERITY_STROKE = QColor("#5e150f")
# The artwork's own colours are muted toward white so marks stand out from them.
ART_MUTE = 0.45
PREVIOUS_STROKE = QColor("#6b6b6b")
HOVER = QColor("#1b63c6")  # a cool blue: apart from the warm severity hue for every eye
SELECTED = QColor("#0b3d91")
MARKER_INK = QColor("#1c1c1c")
MARKER_HALO = QColor("#ffffff")
BADGE_FILL = QColor(255, 255, 255, 235)
BADGE_INK = QColor("#3a1410")
WARNING_FILL = QColor("#f2c200")

MARKER_RADIUS = 6.5  # device-independent pixels at 96 dpi
BADGE_DOT = 4.0


def muted(colour: QColor, amount: float = ART_MUTE) -> QColor:
    """Mix a colour toward white by ``amount`` (0 keeps it, 1 is white)."""
    return QColor(
        round(colour.red() + (255 - colour.red()) * amount),
        round(colour.green() + (255 - colour.green()) * amount),
        round(colour.blue() + (255 - colour.blue()) * amount),
        colour.alpha(),
    )


def pen(colour: QColor, width: float, *, cosmetic: bool = False, round_: bool = True) -> QPen:
    result = QPen(colour, width)
    if round_:
        result.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        result.setCapStyle(Qt.PenCapStyle.RoundCap)
    result.setCosmetic(cosmetic)
    return result


def _polygon(points: list[tuple[float, float]]) -> QPainterPath:
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
    path.closeSubpath()
    return path


def _circle(x: float, y: float, r: float) -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(QPointF(x, y), r, r)
    return path


# -- needle markers -------------------------------------------------------------------------


def marker_path(response: Response | None, radius: float) -> QPainterPath:
    """A needle marker centred on (0, 0): circle (grasp), triangle (twitch), square (no
    response), or a ring with a centre dot (not yet recorded)."""
    r = radius
    if response is Response.TWITCH:
        h = r * 1.25  # an upward triangle with the visual weight of the circle
        return _polygon([(0, -h), (h * 0.95, h * 0.72), (-h * 0.95, h * 0.72)])
    if response is Response.NONE:
        s = r * 0.88
        path = QPainterPath()
        path.addRect(QRectF(-s, -s, 2 * s, 2 * s))
        return path
    path = _circle(0, 0, r)
    if response is None:
        # Stroked with the outline's pen, this small circle reads as a centre dot.
        path.addEllipse(QPointF(0, 0), r * 0.12, r * 0.12)
    return path


def marker_filled(response: Response | None) -> bool:
    """Grasp and twitch are solid; 'no response' and 'not recorded' are hollow."""
    return response in (Response.GRASP, Response.TWITCH)


def marker_pen_brush(
    response: Response | None, radius: float, ink: QColor = MARKER_INK
) -> tuple[QPen, QBrush]:
    """Solid markers are ink with a white rim; hollow ones white with an ink rim, so each
    reads on any muscle colour with a single drawn shape."""
    if marker_filled(response):
        return pen(MARKER_HALO, max(1.2, radius * 0.34)), QBrush(ink)
    return pen(ink, max(1.2, radius * 0.3)), QBrush(MARKER_HALO)


def paint_marker(
    painter: QPainter, centre: QPointF, response: Response | None, radius: float = MARKER_RADIUS
) -> None:
    """The marker painted directly (legend, list icons); the map uses a path item."""
    outline, fill = marker_pen_brush(response, radius)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(outline)
    painter.setBrush(fill)
    painter.drawPath(marker_path(response, radius).translated(centre))
    painter.restore()


# -- severity badges ------------------------------------------------------------------------


@dataclass(frozen=True)
class BadgePaths:
    outlined: QPainterPath  # white, ink rim: the pill and the empty dots
    inked: QPainterPath  # solid ink: the filled dots (and the warning's "!")
    warning: QPainterPath | None  # yellow, ink rim


def badge_paths(severity: Severity, dot: float = BADGE_DOT, warning: bool = False) -> BadgePaths:
    """A small pill centred on (0, 0) with ●●○ (filled dots = severity) and ⚠ if asked."""
    gap = dot * 0.5
    radius = dot * 0.8
    dots_width = 3 * 2 * radius + 2 * gap
    warn_width = dot * 3.0 if warning else 0.0
    width = dots_width + warn_width + dot * 1.8
    height = dot * 3.0
    outlined, inked = QPainterPath(), QPainterPath()
    outlined.setFillRule(Qt.FillRule.WindingFill)  # empty dots stay white inside the pill
    outlined.addRoundedRect(QRectF(-width / 2, -height / 2, width, height), height / 2, height / 2)
    x = -width / 2 + dot * 0.9 + radius
    for i in range(3):
        (inked if i < int(severity) else outlined).addEllipse(QPointF(x, 0), radius, radius)
        x += 2 * radius + gap
    if not warning:
        return BadgePaths(outlined, inked, None)
    triangle, bang = warning_path(dot * 1.15)
    offset = QPointF(width / 2 - dot * 0.9 - warn_width / 2, 0)
    inked.addPath(bang.translated(offset))
    return BadgePaths(outlined, inked, triangle.translated(offset))


def paint_severity_badge(
    painter: QPainter, centre: QPointF, severity: Severity, *, dot: float = BADGE_DOT
) -> None:
    paths = badge_paths(severity, dot)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(centre)
    painter.setPen(badge_pen(dot))
    painter.setBrush(QBrush(BADGE_FILL))
    painter.drawPath(paths.outlined)
    painter.setBrush(QBrush(BADGE_INK))
    painter.drawPath(paths.inked)
    painter.restore()


def badge_pen(dot: float) -> QPen:
    return pen(BADGE_INK, max(0.8, dot * 0.22))


def warning_path(size: float) -> tuple[QPainterPath, QPainterPath]:
    """A warning triangle and its '!' centred on (0, 0): the thorax precaution."""
    triangle = _polygon([(0, -size), (size * 1.1, size * 0.85), (-size * 1.1, size * 0.85)])
    bang = QPainterPath()
    bang.addRect(QRectF(-size * 0.1, -size * 0.45, size * 0.2, size * 0.7))
    bang.addEllipse(QPointF(0, size * 0.52), size * 0.12, size * 0.12)
    return triangle, bang


def paint_warning(painter: QPainter, centre: QPointF, size: float) -> None:
    triangle, bang = warning_path(size)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(centre)
    painter.setPen(pen(BADGE_INK, max(0.8, size * 0.16)))
    painter.setBrush(QBrush(WARNING_FILL))
    painter.drawPath(triangle)
    painter.fillPath(bang, QBrush(BADGE_INK))
    painter.restore()

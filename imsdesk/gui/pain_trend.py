"""A small chart of pain before and after treatment at each visit, on the patient screen.

Drawn with QPainter, not matplotlib: it is painted every time a chart is opened and must
cost nothing to import. Styled as the progress report draws the same data (solid line and
filled circles before treatment, dashed line and open squares after), so shape and dash
tell the two apart in any colour scheme.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PAIN_MAX = 10
MARK = 5.0  # a marker's size, px
LEGEND = "Pain (0–10) at each visit:   ●  before treatment    □  after"


@dataclass(frozen=True)
class PainPoint:
    number: int  # the visit's number in the chart
    before: int | None
    after: int | None


class PainTrend(QWidget):
    """Pain at each visit, oldest on the left; hidden until two visits have pain recorded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pain_trend")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.points: tuple[PainPoint, ...] = ()
        self.hide()

    def sizeHint(self) -> QSize:
        # Room for 0-10 at about 7 px a point: a drop of one point reads at a glance.
        line = self.fontMetrics().height()
        return QSize(self.fontMetrics().horizontalAdvance(LEGEND) + 120, line * 7)

    def show_points(self, points: list[PainPoint]) -> None:
        self.points = tuple(points)
        rated = [p for p in points if p.before is not None or p.after is not None]
        self.setVisible(len(rated) >= 2)
        self.setToolTip(_summary(rated))
        self.update()

    # -- geometry ------------------------------------------------------------------------

    def plot_area(self) -> QRectF:
        metrics = self.fontMetrics()
        left = metrics.horizontalAdvance("10") + 10
        top = metrics.height() + 6
        bottom = metrics.height() + 4
        return QRectF(left, top, self.width() - left - 12, self.height() - top - bottom)

    def point_at(self, index: int, pain: float) -> QPointF:
        """Where visit ``index`` (0 for the oldest shown) with ``pain`` is drawn."""
        area = self.plot_area()
        count = max(1, len(self.points) - 1)
        x = area.left() + area.width() * (index / count if len(self.points) > 1 else 0.5)
        y = area.bottom() - area.height() * pain / PAIN_MAX
        return QPointF(x, y)

    # -- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if len(self.points) < 2:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().windowText().color()
        faint = QColor(text)
        faint.setAlphaF(0.25)
        area = self.plot_area()
        metrics = self.fontMetrics()
        painter.setPen(text)
        painter.drawText(QPointF(area.left(), metrics.ascent() + 1), LEGEND)
        for pain in (0, 5, PAIN_MAX):  # the scale, with a faint line at each mark
            y = self.point_at(0, pain).y()
            painter.setPen(QPen(faint, 1))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(text)
            label = str(pain)
            x = area.left() - 6 - metrics.horizontalAdvance(label)
            painter.drawText(QPointF(x, y + metrics.ascent() / 2 - 1), label)
        baseline = area.bottom() + metrics.ascent() + 3
        for index in (0, len(self.points) - 1):  # first and latest visit numbers
            label = f"#{self.points[index].number}"
            x = self.point_at(index, 0).x() - metrics.horizontalAdvance(label) / 2
            painter.drawText(QPointF(x, baseline), label)
        after = QColor(text)
        after.setAlphaF(0.6)
        self._series(painter, after, Qt.PenStyle.DashLine, [p.after for p in self.points], False)
        self._series(painter, text, Qt.PenStyle.SolidLine, [p.before for p in self.points], True)
        painter.end()

    def _series(
        self,
        painter: QPainter,
        colour: QColor,
        style: Qt.PenStyle,
        values: list[int | None],
        filled_circles: bool,
    ) -> None:
        placed = [
            (index, self.point_at(index, value))
            for index, value in enumerate(values)
            if value is not None
        ]
        painter.setPen(QPen(colour, 1.6, style))
        for (i, start), (j, end) in pairwise(placed):
            if j == i + 1:  # a visit without a score breaks the line, as in the report
                painter.drawLine(start, end)
        painter.setPen(QPen(colour, 1.4))
        background = self.palette().base().color()
        for _, point in placed:
            box = QRectF(point.x() - MARK / 2, point.y() - MARK / 2, MARK, MARK)
            if filled_circles:
                painter.setBrush(colour)
                painter.drawEllipse(box)
            else:
                painter.setBrush(background)
                painter.drawRect(box)


def _summary(rated: list[PainPoint]) -> str:
    """The chart in words (its tooltip, read by screen readers too)."""
    if len(rated) < 2:
        return ""
    before = [p for p in rated if p.before is not None]
    if len(before) < 2:
        return "Pain before treatment was recorded at fewer than two visits."
    first, latest = before[0], before[-1]
    return (
        f"Pain before treatment: {first.before} at visit #{first.number}, "
        f"{latest.before} at visit #{latest.number}"
    )

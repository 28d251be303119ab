"""A vertical C1–S2 strip per side, shaded by how strongly each level is implicated.

Custom-painted and intent-only: it paints scores it is given and emits which level
was clicked; it never records anything itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from imsdesk.domain.anatomy import SPINAL_LEVELS, Side, SpinalLevel
from imsdesk.domain.segments import SegmentAnalysis

# Patient's left on the viewer's left, as in the back view and the spine ladder.
COLUMNS = (Side.LEFT, Side.RIGHT)
LABEL_WIDTH = 34
HEADER_HEIGHT = 20
HOT = QColor("#b3261e")
_MOVES = {
    Qt.Key.Key_Up: (-1, 0),
    Qt.Key.Key_Down: (1, 0),
    Qt.Key.Key_Left: (0, -1),
    Qt.Key.Key_Right: (0, 1),
}
COOL = QColor("#fbf4ef")
RIM = QColor("#b9aca4")
INK = QColor("#1b1b1b")
WHITE = QColor("white")


class SpineStrip(QWidget):
    level_clicked = Signal(str, str)  # level, side
    level_context = Signal(str, str, QPoint)  # level, side, global position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SpineStrip")
        self.analysis: SegmentAnalysis | None = None
        self.selected: tuple[SpinalLevel, Side] | None = None
        self.signs: set[tuple[SpinalLevel, Side]] = set()
        # The strip as last painted, and its level labels (they change only with the size):
        # the screen repaints it whole more often than its scores change.
        self._painted: QPixmap | None = None
        self._labels: QPixmap | None = None
        self.setMouseTracking(True)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)  # 27 levels must fit a laptop screen
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip(
            "Click a level (or use the arrow keys) to see why it scores; right-click (or the "
            "Menu key, Shift+F10) to record exam signs"
        )

    def sizeHint(self) -> QSize:
        return QSize(LABEL_WIDTH + 2 * 44 + 8, 27 * 16 + HEADER_HEIGHT)

    def minimumSizeHint(self) -> QSize:
        # Never squeezed below one line of (the strip's smaller) text per level.
        row = self.fontMetrics().height() + 1
        return QSize(LABEL_WIDTH + 2 * 30, len(SPINAL_LEVELS) * row + HEADER_HEIGHT)

    def set_analysis(self, analysis: SegmentAnalysis, signs: set[tuple[SpinalLevel, Side]]) -> None:
        self.analysis = analysis
        self.signs = signs
        self._repaint_all()

    def _repaint_all(self, *, labels: bool = False) -> None:
        self._painted = None
        if labels:
            self._labels = None
        self.update()

    # -- geometry ---------------------------------------------------------------
    def _cell(self, row: int, column: int) -> QRectF:
        width = (self.width() - LABEL_WIDTH - 4) / 2
        height = (self.height() - HEADER_HEIGHT) / len(SPINAL_LEVELS)
        return QRectF(
            LABEL_WIDTH + column * width, HEADER_HEIGHT + row * height, width - 2, height - 1
        )

    def hit(self, point: QPoint) -> tuple[SpinalLevel, Side] | None:
        for row, level in enumerate(SPINAL_LEVELS):
            for column, side in enumerate(COLUMNS):
                if self._cell(row, column).contains(point.toPointF()):
                    return level, side
        return None

    def cell_center(self, level: SpinalLevel, side: Side) -> QPoint:
        """Where a level's cell is, for tests and keyboard users."""
        rect = self._cell(SPINAL_LEVELS.index(level), COLUMNS.index(side))
        return rect.center().toPoint()

    # -- painting ---------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        if self._painted is None:
            self._painted = self._render(self._paint_strip)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._painted)
        painter.end()

    def _render(self, paint: Callable[[QPainter], None]) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setFont(self.font())
        paint(painter)
        painter.end()
        return pixmap

    def _paint_strip(self, painter: QPainter) -> None:
        if self._labels is None:
            self._labels = self._render(self._paint_labels)
        painter.drawPixmap(0, 0, self._labels)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = self.analysis.top_score(Side.LEFT) if self.analysis else 0
        if self.analysis:
            top = max(top, self.analysis.top_score(Side.RIGHT))
        # With the keyboard focus here, the chosen cell's rim is the focus colour.
        chosen_rim = self.palette().highlight().color() if self.hasFocus() else INK
        for row, level in enumerate(SPINAL_LEVELS):
            for column, side in enumerate(COLUMNS):
                rim = chosen_rim if self.selected == (level, side) else None
                self._paint_cell(painter, self._cell(row, column), level, side, float(top), rim)

    def _paint_labels(self, painter: QPainter) -> None:
        """The side above each column and the level beside each row."""
        painter.setPen(self.palette().windowText().color())
        for column, side in enumerate(COLUMNS):
            header = self._cell(0, column).adjusted(0, -HEADER_HEIGHT, 0, 0)
            header.setHeight(HEADER_HEIGHT)
            painter.drawText(header, Qt.AlignmentFlag.AlignCenter, side.short)
        beside = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, level in enumerate(SPINAL_LEVELS):
            cell = self._cell(row, 0)
            painter.drawText(QRectF(0, cell.top(), LABEL_WIDTH - 4, cell.height()), beside, level)

    def _paint_cell(
        self,
        painter: QPainter,
        rect: QRectF,
        level: SpinalLevel,
        side: Side,
        top: float,
        chosen_rim: QColor | None,
    ) -> None:
        score = self.analysis.score(level, side).score if self.analysis else 0.0
        share = score / top if top else 0.0
        fill = QColor(
            round(COOL.red() + (HOT.red() - COOL.red()) * share),
            round(COOL.green() + (HOT.green() - COOL.green()) * share),
            round(COOL.blue() + (HOT.blue() - COOL.blue()) * share),
        )
        painter.setPen(QPen(chosen_rim, 2) if chosen_rim is not None else RIM)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 2, 2)
        if score:
            # The number, not only the shade, so it reads in greyscale and for colour-blind users.
            painter.setPen(WHITE if share > 0.55 else INK)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{score:.1f}")
        if (level, side) in self.signs:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(INK)
            painter.drawEllipse(rect.topRight() + QPoint(-5, 5).toPointF(), 2.5, 2.5)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._repaint_all(labels=True)
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._repaint_all(labels=True)
        super().changeEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._repaint_all()  # the chosen cell's rim takes the focus colour
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._repaint_all()
        super().focusOutEvent(event)

    # -- input ------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        target = self.hit(event.position().toPoint())
        if target is None:
            return
        level, side = target
        if event.button() == Qt.MouseButton.RightButton:
            self.level_context.emit(level.value, side.value, event.globalPosition().toPoint())
        elif event.button() == Qt.MouseButton.LeftButton:
            self._choose(target)

    def _choose(self, target: tuple[SpinalLevel, Side]) -> None:
        self.selected = target
        self._repaint_all()
        self.level_clicked.emit(target[0].value, target[1].value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows move between levels and sides as clicks would; the Menu key (or Shift+F10)
        opens the exam signs of the chosen level."""
        key = event.key()
        menu = key == Qt.Key.Key_Menu or (
            key == Qt.Key.Key_F10 and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        if key in _MOVES:
            level, side = self.selected or (SPINAL_LEVELS[0], COLUMNS[0])
            rows, columns = _MOVES[key] if self.selected else (0, 0)
            row = min(max(SPINAL_LEVELS.index(level) + rows, 0), len(SPINAL_LEVELS) - 1)
            column = min(max(COLUMNS.index(side) + columns, 0), len(COLUMNS) - 1)
            self._choose((SPINAL_LEVELS[row], COLUMNS[column]))
        elif menu and self.selected is not None:
            level, side = self.selected
            where = self.mapToGlobal(self.cell_center(level, side))
            self.level_context.emit(level.value, side.value, where)
        else:
            super().keyPressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        target = self.hit(event.position().toPoint())
        if target is not None and self.analysis is not None:
            QToolTip.showText(
                event.globalPosition().toPoint(), self.analysis.score(*target).explain(), self
            )

"""A vertical C1–S2 strip per side, shaded by how strongly each level is implicated.

Custom-painted and intent-only: it paints scores it is given and emits which level
was clicked; it never records anything itself.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
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


class SpineStrip(QWidget):
    level_clicked = Signal(str, str)  # level, side
    level_context = Signal(str, str, QPoint)  # level, side, global position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SpineStrip")
        self.analysis: SegmentAnalysis | None = None
        self.selected: tuple[SpinalLevel, Side] | None = None
        self.signs: set[tuple[SpinalLevel, Side]] = set()
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
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = self.analysis.top_score(Side.LEFT) if self.analysis else 0
        if self.analysis:
            top = max(top, self.analysis.top_score(Side.RIGHT))
        painter.setPen(self.palette().windowText().color())
        for column, side in enumerate(COLUMNS):
            header = self._cell(0, column).adjusted(0, -HEADER_HEIGHT, 0, 0)
            header.setHeight(HEADER_HEIGHT)
            painter.drawText(header, Qt.AlignmentFlag.AlignCenter, side.short)
        for row, level in enumerate(SPINAL_LEVELS):
            label = QRectF(
                0, self._cell(row, 0).top(), LABEL_WIDTH - 4, self._cell(row, 0).height()
            )
            painter.setPen(self.palette().windowText().color())
            painter.drawText(
                label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, level
            )
            for column, side in enumerate(COLUMNS):
                self._paint_cell(painter, row, column, level, side, float(top))
        painter.end()

    def _paint_cell(
        self, painter: QPainter, row: int, column: int, level: SpinalLevel, side: Side, top: float
    ) -> None:
        rect = self._cell(row, column)
        score = self.analysis.score(level, side).score if self.analysis else 0.0
        share = score / top if top else 0.0
        fill = QColor(
            round(COOL.red() + (HOT.red() - COOL.red()) * share),
            round(COOL.green() + (HOT.green() - COOL.green()) * share),
            round(COOL.blue() + (HOT.blue() - COOL.blue()) * share),
        )
        selected = self.selected == (level, side)
        # With the keyboard focus here, the chosen cell's rim is the focus colour.
        rim = self.palette().highlight().color() if self.hasFocus() else QColor("#1b1b1b")
        painter.setPen(QPen(rim if selected else QColor("#b9aca4"), 2 if selected else 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 2, 2)
        if score:
            # The number, not only the shade, so it reads in greyscale and for colour-blind users.
            painter.setPen(QColor("white") if share > 0.55 else QColor("#1b1b1b"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{score:.1f}")
        if (level, side) in self.signs:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#1b1b1b"))
            painter.drawEllipse(rect.topRight() + QPoint(-5, 5).toPointF(), 2.5, 2.5)

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
        self.update()
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

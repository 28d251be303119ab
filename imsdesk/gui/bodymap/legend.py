"""The key to the map, painted with the same code as the map itself."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from imsdesk.domain.marks import Response, Severity
from imsdesk.gui.bodymap import style
from imsdesk.gui.bodymap.texts import RESPONSE_WORDS, SEVERITY_WORDS, THORAX_PRECAUTION
from imsdesk.gui.flow_layout import FlowLayout

SWATCH_W, SWATCH_H = 34, 18


# Painted once per process: every visit's map has its own legend.
_PAINTED: dict[tuple[str, int], QPixmap] = {}


def _swatch(key: str, paint: Callable[[QPainter], None], width: int = SWATCH_W) -> QLabel:
    pixmap = _PAINTED.get((key, width))
    if pixmap is None:
        ratio = 2.0  # drawn at twice the size: sharp on high-DPI screens
        pixmap = QPixmap(int(width * ratio), int(SWATCH_H * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint(painter)
        painter.end()
        _PAINTED[(key, width)] = pixmap
    label = QLabel()
    label.setPixmap(pixmap)
    return label


def _severity(severity: Severity) -> Callable[[QPainter], None]:
    def paint(painter: QPainter) -> None:
        painter.setPen(QPen(style.SEVERITY_STROKE, 1))
        painter.setBrush(QBrush(style.SEVERITY_FILL[severity]))
        painter.drawRoundedRect(QRectF(1, 2, SWATCH_W - 2, SWATCH_H - 4), 4, 4)
        style.paint_severity_badge(painter, QPointF(SWATCH_W / 2, SWATCH_H / 2), severity, dot=3.2)

    return paint


def _deep(painter: QPainter) -> None:
    pen = QPen(style.SEVERITY_STROKE.lighter(160), 1.4)
    pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(QBrush(style.muted(style.SEVERITY_FILL[Severity.MILD], 0.7)))
    painter.drawRoundedRect(QRectF(2, 2, SWATCH_W - 4, SWATCH_H - 4), 4, 4)


def _previous(painter: QPainter) -> None:
    pen = QPen(style.PREVIOUS_STROKE, 1.4)
    pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(QBrush(style.PREVIOUS_STROKE, Qt.BrushStyle.BDiagPattern))
    painter.drawRoundedRect(QRectF(2, 2, SWATCH_W - 4, SWATCH_H - 4), 4, 4)


def _marker(response: Response | None) -> Callable[[QPainter], None]:
    return lambda p: style.paint_marker(p, QPointF(SWATCH_H / 2, SWATCH_H / 2), response, 5.5)


class Legend(QWidget):
    """The key to the map: severity, layers, precaution, needle responses, previous visit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bodymap_legend")
        severity = [
            (_swatch(f"severity {s}", _severity(s)), f"{int(s)} {SEVERITY_WORDS[s]}")
            for s in Severity
        ]
        layers = [
            (_swatch("deep", _deep), "deep muscle"),
            (_swatch("previous", _previous), "previous visit"),
        ]
        warning = [
            (
                _swatch("warning", lambda p: style.paint_warning(p, QPointF(9, 10), 7), SWATCH_H),
                THORAX_PRECAUTION,
            )
        ]
        needles = [
            (_swatch(f"needle {r}", _marker(r), SWATCH_H), RESPONSE_WORDS[r])
            for r in (Response.GRASP, Response.TWITCH, Response.NONE, None)
        ]
        # One line per kind of key, each as long as its own keys (no shared columns), and
        # wrapped where the column beside the map is narrower than the line: no word cut.
        lines = QVBoxLayout(self)
        lines.setContentsMargins(4, 4, 4, 4)
        lines.setSpacing(3)
        rows: list[list[tuple[QLabel, str]] | str] = [
            "Shortened muscle: severity",
            severity,
            layers,
            warning,
            "Needle: response",
            needles,
        ]
        for entries in rows:
            if isinstance(entries, str):
                lines.addWidget(QLabel(f"<b>{entries}</b>"))
                continue
            line = FlowLayout()
            for swatch, text in entries:
                line.addWidget(_key(swatch, text))
            lines.addLayout(line)


def _key(swatch: QLabel, text: str) -> QWidget:
    key = QWidget()
    cell = QHBoxLayout(key)
    cell.setContentsMargins(0, 0, 0, 0)
    cell.setSpacing(4)
    cell.addWidget(swatch)
    cell.addWidget(QLabel(text))
    return key

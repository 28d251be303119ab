"""A refusal from the service, shown once over the top of the map."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

BANNER_STYLE = (
    "QLabel { background: #fdecea; color: #611a15; border: 1px solid #f5c2c0;"
    " border-radius: 4px; padding: 6px 8px; }"
)


class Banner(QLabel):
    """Lies over the map (showing it never moves the muscles under the mouse) until the
    next saved edit, or a click on it."""

    def __init__(self, over: QWidget) -> None:
        super().__init__(over)
        self.setObjectName("bodymap_error")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(BANNER_STYLE)
        self.setToolTip("Click to dismiss")
        self.hide()
        over.installEventFilter(self)

    def show_text(self, text: str) -> None:
        self.setText(text)
        self._place()
        self.show()
        self.raise_()

    def _place(self) -> None:
        width = max(120, self.parentWidget().width() - 16)
        self.setGeometry(8, 8, width, self.heightForWidth(width))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()
        event.accept()

"""A one-line label that ends in '…' when its text does not fit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel


class ElidedLabel(QLabel):
    """One line that ends in '…' when it does not fit; the whole text on hover."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._full = ""

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        width = self.contentsRect().width()  # inside any padding a style sheet adds
        self.setText(metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, width))

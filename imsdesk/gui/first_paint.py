"""Run a callback once a widget has been painted, so slow work waits for the first screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _AfterFirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], object], fallback_ms: int) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback: Callable[[], object] | None = callback
        widget.installEventFilter(self)
        # A window that is never painted (minimised at start) still loads.
        QTimer.singleShot(fallback_ms, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A dialog collected late by Python's garbage collector still sends events while it is
        # torn down, after this object's Python state is gone: nothing to do then.
        widget = getattr(self, "_widget", None)
        if widget is not None and watched is widget and event.type() == QEvent.Type.Paint:
            # After this paint has reached the screen, not inside it.
            QTimer.singleShot(0, self._run)
        return False

    def _run(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            self._widget.removeEventFilter(self)
            callback()


def call_after_first_paint(
    widget: QWidget, callback: Callable[[], object], *, fallback_ms: int = 1000
) -> None:
    _AfterFirstPaint(widget, callback, fallback_ms)

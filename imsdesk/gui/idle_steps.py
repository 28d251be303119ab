"""Slow preparation run a short step at a time, so the window stays live meanwhile."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QObject, QTimer


class IdleSteps(QObject):
    """Runs a generator one step per turn of the event loop: whatever the user does in
    the meantime (a key press, a click) waits for one step at most, never for the lot."""

    def __init__(self, steps: Iterator[object], parent: QObject) -> None:
        super().__init__(parent)
        self._steps: Iterator[object] | None = steps
        # A zero timer fires once the events already queued are handled.
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._step)
        self._timer.start()

    def done(self) -> bool:
        return self._steps is None

    def _step(self) -> None:
        if self._steps is None:
            return
        try:
            next(self._steps)
        except StopIteration:
            self._steps = None
            return
        self._timer.start()

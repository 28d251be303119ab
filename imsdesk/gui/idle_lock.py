"""Locking the workstation after the clinic's idle time, without closing anything.

The watcher sees every key press and mouse action in the application; when
none came for the chosen minutes it asks the window to lock. Locking covers
each open window (forms and dialogs keep what was typed underneath) and asks
for the signed-in user's password in a dialog above them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatcher(QObject):
    """Calls ``on_idle`` after ``idle_ms`` without keyboard or mouse input."""

    def __init__(self, idle_ms: int, on_idle: Callable[[], object]) -> None:
        super().__init__()
        self._timer = QTimer(self, singleShot=True, interval=idle_ms)
        # A coarse timer may be off by 5%; the clinic's minutes should mean minutes.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(on_idle)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self._timer.start()

    def restart(self) -> None:
        self._timer.start()

    def pause(self) -> None:
        self._timer.stop()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and self._timer.isActive():
            self._timer.start()
        return False


class LockCover(QWidget):
    """An opaque sheet over one window's content while the workstation is locked."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lock_cover")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        label = QLabel("Locked", self, alignment=Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("font-size: 20pt; color: palette(mid);")
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False


_covered = False


@contextmanager
def open_windows_covered() -> Iterator[None]:
    """Every open window covered while the body runs (the workstation is locked)."""
    global _covered
    covers = [LockCover(w) for w in QApplication.topLevelWidgets() if w.isVisible()]
    _covered = True
    try:
        yield
    finally:
        _covered = False
        for cover in covers:
            cover.deleteLater()


def workstation_locked() -> bool:
    """Whether the windows are covered now: nothing that shows the record may open."""
    return _covered

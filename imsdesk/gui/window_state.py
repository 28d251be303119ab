"""Windows and dialogs that remember their size, place and splitters between runs."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget


def _settings() -> QSettings:
    return QSettings()


def restore_geometry(widget: QWidget) -> bool:
    """Put ``widget`` back where it was last closed; False on a first run."""
    key = widget.objectName()
    settings = _settings()
    geometry = settings.value(f"geometry/{key}")
    restored = isinstance(geometry, QByteArray) and widget.restoreGeometry(geometry)
    if isinstance(widget, QMainWindow):
        state = settings.value(f"state/{key}")
        if isinstance(state, QByteArray):
            widget.restoreState(state)
    for splitter in widget.findChildren(QSplitter):
        state = settings.value(f"splitter/{key}/{splitter.objectName()}")
        if isinstance(state, QByteArray):
            splitter.restoreState(state)
    return restored


def save_geometry(widget: QWidget) -> None:
    key = widget.objectName()
    settings = _settings()
    settings.setValue(f"geometry/{key}", widget.saveGeometry())
    if isinstance(widget, QMainWindow):
        settings.setValue(f"state/{key}", widget.saveState())
    for splitter in widget.findChildren(QSplitter):
        settings.setValue(f"splitter/{key}/{splitter.objectName()}", splitter.saveState())
    settings.sync()


def restore_splitters(widget: QWidget) -> set[str]:
    """Put back the splitters below ``widget``, built after its window was restored (a
    screen made on first use), as that window last left them; the names of those put back."""
    key = widget.window().objectName()
    settings = _settings()
    restored = set()
    for splitter in widget.findChildren(QSplitter):
        state = settings.value(f"splitter/{key}/{splitter.objectName()}")
        if isinstance(state, QByteArray) and splitter.restoreState(state):
            restored.add(splitter.objectName())
    return restored

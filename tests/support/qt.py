"""Helpers for driving modal dialogs from pytest-qt tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

W = TypeVar("W", bound=QWidget)


def with_modal(qtbot: object, kind: type[W], handle: Callable[[W], None]) -> None:
    """Run ``handle(dialog)`` on the next modal dialog of ``kind`` once it is shown."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            handle(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def next_message_box(qtbot: object) -> list[str]:
    """Accept the next message box once shown; the returned list then holds its text."""
    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    with_modal(qtbot, QMessageBox, read)
    return seen

"""Automatic backups while the app runs: every few hours and once more on close."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMainWindow, QMessageBox

from imsdesk.services.backups import BackupService
from imsdesk.services.database import OpenedDatabase
from imsdesk.services.errors import ServiceError, StoreError

HOUR_MS = 60 * 60 * 1000
PROBLEM_SHOWN_MS = 60_000  # long enough to be read: a failing backup must not go unnoticed


class BackupSchedule(QObject):
    """Backs the database up on a timer; a failed backup is said in the status bar."""

    def __init__(self, opened: OpenedDatabase, window: QMainWindow) -> None:
        super().__init__(window)
        self._backups = BackupService(opened.db)
        self._window = window
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.back_up("scheduled"))
        if self._backups.available:  # a server database is backed up on the server
            self.timer.start(self._backups.every_hours() * HOUR_MS)
        if opened.backup_problem:
            self._tell_failure(opened.backup_problem)

    def back_up(self, reason: str) -> str:
        """Back up now; returns the problem, or "" when the copy was made (or not needed)."""
        if not self._backups.available:
            return ""
        try:
            path = self._backups.back_up(reason)
        except (StoreError, ServiceError) as error:
            self._tell_failure(str(error))
            return str(error)
        self._window.statusBar().showMessage(f"Backed up to {path}", 5000)
        return ""

    def back_up_on_close(self) -> None:
        """The day's last copy; a failure gets a dialog, as the window is already gone."""
        self.timer.stop()
        problem = self.back_up("close")
        if problem:
            QMessageBox.warning(
                None,
                "imsdesk could not back up",
                f"{problem}\n\nEverything you charted is saved in the database itself.",
            )

    def _tell_failure(self, problem: str) -> None:
        self._window.statusBar().showMessage(f"Backup failed: {problem}", PROBLEM_SHOWN_MS)

"""Automatic backups while the app runs: every few hours and once more on close.

The database opens behind the first screen, so the schedule asks for it when it needs it;
a backup on start is made by the opening itself, before any migration.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMainWindow, QMessageBox

from imsdesk.services.errors import ServiceError, StoreError

if TYPE_CHECKING:  # the services pull in SQLAlchemy, which the first screen does without
    from imsdesk.services.database import OpenedDatabase

CHECK_EVERY_MS = 10 * 60 * 1000  # by the wall clock: a laptop asleep for the night still counts
FIRST_CHECK_MS = 5000  # the database has opened behind the first screen by then
PROBLEM_SHOWN_MS = 60_000  # long enough to be read: a failing backup must not go unnoticed


class BackupSchedule(QObject):
    """Backs the database up when the clinic's interval has passed; says when a backup fails."""

    def __init__(self, window: QMainWindow, opened: Callable[[], OpenedDatabase | None]) -> None:
        super().__init__(window)
        self._window = window
        self._opened = opened
        self.last_backup: datetime | None = None  # the newest backup this session made
        self._told_of_start = False
        self.timer = QTimer(self, interval=CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self.check)

    def check(self) -> None:
        """Say how the backup on start went (once), and back up if the interval has passed."""
        opened = self._opened()
        if opened is None or opened.db.sqlite_path is None:
            return  # not open yet, or a server database (backed up on the server)
        if not self._told_of_start:
            self._told_of_start = True
            if opened.start_backup or opened.upgrade_backup:
                self.last_backup = datetime.now(UTC)
            if opened.backup_problem:
                self._tell_failure(opened.backup_problem)
        from imsdesk.services.backups import BackupService

        interval = timedelta(hours=BackupService(opened.db).every_hours())
        if self.last_backup is None or datetime.now(UTC) - self.last_backup >= interval:
            self.back_up("scheduled")

    def back_up(self, reason: str) -> str:
        """Back up now; returns the problem, or "" when the copy was made (or not needed)."""
        opened = self._opened()
        if opened is None or opened.db.sqlite_path is None:
            return ""
        from imsdesk.services.backups import BackupService

        try:
            path = BackupService(opened.db).back_up(reason)
        except (StoreError, ServiceError) as error:
            self._tell_failure(str(error))
            return str(error)
        self.last_backup = datetime.now(UTC)
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

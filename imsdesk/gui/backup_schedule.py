"""Automatic backups while the app runs: on start, every few hours and once more on close.

The database opens behind the first screen, so the schedule asks for it when it needs it.
A database that needs upgrading is backed up by the opening itself, before any migration.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QProgressDialog

from imsdesk.services.errors import ServiceError, StoreError

if TYPE_CHECKING:  # the services pull in SQLAlchemy, which the first screen does without
    from imsdesk.services.database import OpenedDatabase

CHECK_EVERY_MS = 10 * 60 * 1000  # by the wall clock: a laptop asleep for the night still counts
FIRST_CHECK_MS = 1000  # the start's copy begins once the window is up
PROBLEM_SHOWN_MS = 60_000  # long enough to be read: a failing backup must not go unnoticed
CLOSE_PROGRESS_AFTER_MS = 500  # a quick copy on close shows no dialog


class BackupSchedule(QObject):
    """Backs the database up on start, when the clinic's interval has passed, and on close.

    Each copy is made on a worker thread: SQLite's backup reads one consistent snapshot
    while the therapist goes on charting (write-ahead log), and the copy of a clinic of
    many years takes seconds that nobody should wait for. Says when a backup fails.
    """

    finished = Signal(str, str)  # the copy's path or "", the problem or ""

    def __init__(self, window: QMainWindow, opened: Callable[[], OpenedDatabase | None]) -> None:
        super().__init__(window)
        self._window = window
        self._opened = opened
        self.last_backup: datetime | None = None  # the newest backup this session made
        self._copying: threading.Thread | None = None
        self._result = ("", "")  # the last copy's path and problem, set by its worker
        self.finished.connect(self._tell)
        self.timer = QTimer(self, interval=CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self.check)

    def check(self) -> None:
        """Back up when this session has no copy yet, or the interval has passed."""
        opened = self._opened()
        if opened is None or opened.db.sqlite_path is None:
            return  # not open yet, or a server database (backed up on the server)
        if self.last_backup is None and opened.upgrade_backup is not None:
            self.last_backup = datetime.now(UTC)  # copied before the upgrade: the start's copy
        from imsdesk.services.backups import BackupService

        interval = timedelta(hours=BackupService(opened.db).every_hours())
        if self.last_backup is None:
            self.back_up("start")
        elif datetime.now(UTC) - self.last_backup >= interval:
            self.back_up("scheduled")

    def back_up(self, reason: str) -> threading.Thread | None:
        """Start a copy on a worker thread (none while one is under way); ``finished`` says
        how it went."""
        opened = self._opened()
        if opened is None or opened.db.sqlite_path is None or self.copying:
            return None
        self.last_backup = datetime.now(UTC)  # not due again while this one runs
        self._copying = threading.Thread(
            target=self._copy, args=(opened, reason), name="imsdesk-backup", daemon=True
        )
        self._copying.start()
        return self._copying

    @property
    def copying(self) -> bool:
        return self._copying is not None and self._copying.is_alive()

    def back_up_on_close(self) -> None:
        """The day's last copy, waited for; a failure gets a dialog, as the window is gone."""
        self.timer.stop()
        self.finished.disconnect(self._tell)  # the window is closing: no status bar to tell
        self._wait("Finishing the backup before imsdesk closes…", self._copying)
        closing = self.back_up("close")
        self._wait("Backing up the clinic's records before imsdesk closes…", closing)
        problem = self._result[1] if closing is not None and not closing.is_alive() else ""
        if problem:
            QMessageBox.warning(
                None,
                "imsdesk could not back up",
                f"{problem}\n\nEverything you charted is saved in the database itself.",
            )

    def _copy(self, opened: OpenedDatabase, reason: str) -> None:
        from imsdesk.services.backups import BackupService

        try:
            self._result = (str(BackupService(opened.db).back_up(reason)), "")
        except (StoreError, ServiceError) as error:
            self._result = ("", str(error))
        self.finished.emit(*self._result)

    def _wait(self, label: str, copying: threading.Thread | None) -> None:
        """Wait for a copy, with a dialog once it takes a while; Cancel stops waiting (an
        unfinished copy is never renamed into place, so nothing half-written is kept)."""
        if copying is None:
            return
        copying.join(CLOSE_PROGRESS_AFTER_MS / 1000)
        if not copying.is_alive():
            return
        progress = QProgressDialog(label, "Close without waiting", 0, 0)
        progress.setWindowTitle("imsdesk")
        progress.setMinimumDuration(0)
        progress.show()
        while copying.is_alive() and not progress.wasCanceled():
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            copying.join(0.05)
        progress.close()

    def _tell(self, path: str, problem: str) -> None:
        if problem:
            self._tell_failure(problem)
        else:
            self._window.statusBar().showMessage(f"Backed up to {path}", 5000)

    def _tell_failure(self, problem: str) -> None:
        self._window.statusBar().showMessage(f"Backup failed: {problem}", PROBLEM_SHOWN_MS)

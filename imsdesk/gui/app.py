"""The composition root: open the database, build the services, show the window."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from imsdesk.gui.backup_schedule import BackupSchedule
from imsdesk.gui.context import Services
from imsdesk.gui.main_window import MainWindow
from imsdesk.gui.recovery import offer_latest_backup
from imsdesk.services.database import OpenedDatabase, open_clinic_database
from imsdesk.services.errors import DamagedDatabase, StoreError

# Benchmarks and smoke tests set this to quit as soon as the first screen is shown and filled.
QUIT_WHEN_READY_ENV = "IMSDESK_QUIT_WHEN_READY"


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName("imsdesk")
    app.setApplicationName("imsdesk")
    app.setApplicationDisplayName("imsdesk")
    app.setDesktopFileName("imsdesk")
    return app  # type: ignore[return-value]


def build_main_window(opened: OpenedDatabase) -> MainWindow:
    services = Services.for_database(opened)
    window = MainWindow(services)
    if opened.upgrade_backup is not None:
        window.statusBar().showMessage(
            f"Database upgraded; the previous version was backed up to {opened.upgrade_backup}",
            15000,
        )
    return window


def run_app(db_url: str | None) -> int:
    app = make_application()
    try:
        opened = open_clinic_database(db_url, back_up_on_open=True)
    except DamagedDatabase as damage:
        recovered = offer_latest_backup(damage, db_url)
        if recovered is None:
            return 1
        opened = recovered
    except StoreError as error:
        QMessageBox.critical(None, "imsdesk cannot open the database", str(error))
        return 1
    window = build_main_window(opened)
    backups = BackupSchedule(opened, window)
    window.show()
    if os.environ.get(QUIT_WHEN_READY_ENV):
        window.grab()  # render every widget once, as the first paint would
        QTimer.singleShot(0, app.quit)
    try:
        return app.exec()
    finally:
        backups.back_up_on_close()
        opened.db.close()

"""The composition root: open the database, build the services, show the window.

On an up-to-date SQLite file the patient list's first page is read with the
standard library and shown at once; SQLAlchemy and the services load right
after that first paint (or sooner, if the therapist acts first).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from imsdesk.gui.context import Services, ServicesSource
from imsdesk.gui.first_paint import call_after_first_paint
from imsdesk.gui.main_window import MainWindow
from imsdesk.gui.patient_table_model import PAGE_SIZE
from imsdesk.services.errors import StoreError
from imsdesk.services.first_screen import peek_first_screen

if TYPE_CHECKING:
    from imsdesk.services.database import OpenedDatabase

# Benchmarks and smoke tests set this to quit once the first screen is shown and filled
# ("1"), or once the services behind it have loaded too ("loaded").
QUIT_WHEN_READY_ENV = "IMSDESK_QUIT_WHEN_READY"


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName("imsdesk")
    app.setApplicationName("imsdesk")
    app.setApplicationDisplayName("imsdesk")
    app.setDesktopFileName("imsdesk")
    return app  # type: ignore[return-value]


class ClinicDatabase:
    """Opens the database and builds the services on request; closes it at the end."""

    def __init__(self, url: str | None) -> None:
        self._url = url
        self.opened: OpenedDatabase | None = None

    def services(self) -> Services:
        from imsdesk.services.database import open_clinic_database

        self.opened = open_clinic_database(self._url)
        return Services.for_database(self.opened)

    def close(self) -> None:
        if self.opened is not None:
            self.opened.db.close()


def build_main_window(opened: OpenedDatabase) -> MainWindow:
    """A window over an already opened database (tests and tools)."""
    return MainWindow(Services.for_database(opened))


def run_app(db_url: str | None) -> int:
    app = make_application()
    database = ClinicDatabase(db_url)
    first_screen = peek_first_screen(db_url, PAGE_SIZE)
    if first_screen is None:
        try:
            services = database.services()
        except StoreError as error:
            QMessageBox.critical(None, "imsdesk cannot open the database", str(error))
            return 1
        window = MainWindow(services)
        _tell_of_upgrade(window, database)
    else:
        source = ServicesSource(first_screen.location, database.services)
        window = MainWindow(source, first_screen)
    window.show()
    quit_when = os.environ.get(QUIT_WHEN_READY_ENV)
    if first_screen is not None and quit_when != "1":
        then_quit = quit_when == "loaded"
        call_after_first_paint(
            window.list_page.table.viewport(),
            lambda: window.finish_loading() and then_quit and app.quit(),
        )
    elif quit_when:
        QTimer.singleShot(0, app.quit)
    if quit_when:
        window.grab()  # render every widget once, as the first paint would
    try:
        return app.exec()
    finally:
        database.close()


def _tell_of_upgrade(window: MainWindow, database: ClinicDatabase) -> None:
    backup = database.opened.upgrade_backup if database.opened else None
    if backup is not None:
        window.statusBar().showMessage(
            f"Database upgraded; the previous version was backed up to {backup}", 15000
        )

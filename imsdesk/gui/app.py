"""The composition root: open the database, sign in, show the window.

On an up-to-date database with an administrator (an SQLite file read with the
standard library, a PostgreSQL server asked behind the dialog), the sign-in dialog
shows before SQLAlchemy has loaded; the database layer loads in the background
while the user types, so the patient list is ready when they press Enter.
"""

from __future__ import annotations

import os
import sys
import threading
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from imsdesk.gui.app_icon import app_icon
from imsdesk.gui.backup_schedule import BackupSchedule
from imsdesk.gui.context import Services
from imsdesk.gui.first_paint import call_after_first_paint
from imsdesk.gui.main_window import MainWindow
from imsdesk.gui.memory import keep_long_lived
from imsdesk.gui.passphrase_dialog import ask_for_passphrase
from imsdesk.gui.recovery import offer_latest_backup
from imsdesk.gui.server_check import NOT_READY, ServerCheck
from imsdesk.gui.sign_in_dialog import SignInDialog
from imsdesk.services.early_read import (
    clinic_server,
    damage_found_so_far,
    encrypted_file_at_start,
    peek_sign_in_ready,
    start_check_done,
    start_damage_check,
)
from imsdesk.services.errors import DamagedDatabase, StoreError

if TYPE_CHECKING:
    from imsdesk.domain.users import User
    from imsdesk.services.database import OpenedDatabase

# Benchmarks and smoke tests set this to quit as soon as the first window is shown.
QUIT_WHEN_READY_ENV = "IMSDESK_QUIT_WHEN_READY"
DAMAGE_POLL_MS = 100


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName("imsdesk")
    app.setApplicationName("imsdesk")
    app.setApplicationDisplayName("imsdesk")
    app.setDesktopFileName("imsdesk")
    app.setWindowIcon(app_icon())
    return app  # type: ignore[return-value]


class ClinicDatabase:
    """Opens the database and builds the services once, on request; closes it at the end."""

    def __init__(self, url: str | None) -> None:
        self._url = url
        self.opened: OpenedDatabase | None = None
        self._services: Services | None = None

    def services(self) -> Services:
        if self._services is None:
            from imsdesk.services.database import open_clinic_database

            self.opened = open_clinic_database(self._url)
            self._services = Services.for_database(self.opened)
        return self._services

    def close(self) -> None:
        if self.opened is not None:
            self.opened.db.close()


def build_main_window(opened: OpenedDatabase) -> MainWindow:
    """A window over an already opened database (tests and tools)."""
    return MainWindow(Services.for_database(opened))


def run_app(db_url: str | None) -> int:
    make_application()
    encrypted = encrypted_file_at_start(db_url)
    if encrypted is not None and (refused := ask_for_passphrase(encrypted)) is not None:
        return refused
    while True:
        try:
            return _open_and_run(db_url)
        except DamagedDatabase as damage:
            if not offer_latest_backup(damage, db_url):
                return 1


def _open_and_run(db_url: str | None) -> int:
    database = ClinicDatabase(db_url)
    backups: BackupSchedule | None = None
    try:
        try:
            user = _sign_in(database, db_url)
        except DamagedDatabase:
            raise
        except StoreError as error:
            QMessageBox.critical(None, "imsdesk cannot open the database", str(error))
            return 1
        if user is None:
            return 0
        services = database.services()
        window = MainWindow(services, user)
        _tell_of_upgrade(window, database)
        backups = BackupSchedule(window, lambda: database.opened)
        window.lock_when_idle(services.settings.load().idle_lock_minutes)
        window.show()
        call_after_first_paint(window, keep_long_lived)
        call_after_first_paint(window, window.prepare_visit_screen)
        return QApplication.exec()
    finally:
        if backups is not None:
            backups.back_up_on_close()
        database.close()


def _sign_in(database: ClinicDatabase, db_url: str | None) -> User | None:
    """The signed-in user, after the first administrator is set up if there is none yet.

    An up-to-date SQLite file is read before the dialog (standard library only); a
    PostgreSQL server is asked behind it (see server_check). Either way the dialog
    shows before SQLAlchemy has loaded, and the database layer loads while they type.
    """
    ready_file = peek_sign_in_ready(db_url)
    server = clinic_server(db_url) if ready_file is None else None
    if ready_file is None and server is None:
        return _sign_in_on_opened(database)
    dialog = SignInDialog(
        lambda username, password: database.services().users.sign_in(username, password),
        location=server.shown if server else str(ready_file),
    )
    if server is not None:
        call_after_first_paint(dialog, ServerCheck(server, dialog).start)
    else:
        # SQLite's quick check reads every page of the file (seconds, on a clinic of many
        # years): it runs while the user signs in, and opening waits for its answer.
        call_after_first_paint(dialog, lambda: _load_in_background(db_url))
        _close_when_damage_found(dialog, db_url)
    answer = _shown(dialog)
    if dialog.damage is not None:
        raise dialog.damage
    if answer == NOT_READY:  # the server wants an upgrade or a first administrator, or is down
        return _sign_in_on_opened(database)
    return dialog.user if answer else None


def _sign_in_on_opened(database: ClinicDatabase) -> User | None:
    """The ordinary path: the database opened (created, upgraded) first, then sign-in."""
    services = database.services()
    if services.users.needs_first_admin():
        return _set_up_first_admin(services)
    dialog = SignInDialog(services.users.sign_in, location=services.location)
    return dialog.user if _shown(dialog) else None


def _shown(dialog: QDialog) -> int:
    if os.environ.get(QUIT_WHEN_READY_ENV):
        QTimer.singleShot(0, dialog.reject)
    return dialog.exec()


def _close_when_damage_found(dialog: SignInDialog, db_url: str | None) -> None:
    """Should the check running behind the dialog find damage, say so without waiting for
    the user to finish signing in."""
    timer = QTimer(dialog, interval=DAMAGE_POLL_MS)

    def poll() -> None:
        if not start_check_done(db_url):
            return
        timer.stop()  # the answer is in: no more polling while the user types
        damage = damage_found_so_far(db_url)
        if damage is not None:
            dialog.give_way_to(damage)

    timer.timeout.connect(poll)
    timer.start()


def _set_up_first_admin(services: Services) -> User | None:
    from imsdesk.domain.users import Role
    from imsdesk.gui.user_dialog import FIRST_ADMIN_INTRO, UserDialog

    def create_and_sign_in(details, password, confirmation):  # noqa: ANN001
        created = services.users.create(details, password, confirmation)
        return services.users.sign_in(created.username, password)

    dialog = UserDialog(
        create_and_sign_in,
        roles=(Role.ADMIN,),
        title="Set up imsdesk",
        intro=FIRST_ADMIN_INTRO,
    )
    return dialog.created if _shown(dialog) else None


def _load_in_background(db_url: str | None) -> None:
    # The check, and imports only: the modules are ready when the user presses Enter.
    # Connections are made on the main thread, which uses them.
    start_damage_check(db_url)
    threading.Thread(
        target=import_module, args=("imsdesk.gui.services_factory",), name="imsdesk-load"
    ).start()


def _tell_of_upgrade(window: MainWindow, database: ClinicDatabase) -> None:
    backup = database.opened.upgrade_backup if database.opened else None
    if backup is not None:
        window.statusBar().showMessage(
            f"Database upgraded; the previous version was backed up to {backup}", 15000
        )

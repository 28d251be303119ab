"""Asking a clinic server, behind the sign-in dialog, whether signing in is what comes next.

On a PostgreSQL clinic the sign-in dialog shows as soon as Qt is up, as on an SQLite
file; psycopg (a tenth of a second to import) and the server's answer follow in a
background thread, and so does the database layer. When the server says otherwise
(it cannot be reached, its schema needs an upgrade, no administrator can sign in
yet) the dialog closes and start-up takes the ordinary path, which says why or sets
up the first administrator.
"""

from __future__ import annotations

import threading
from importlib import import_module

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QDialog
from shiboken6 import isValid

from imsdesk.services.early_read import ClinicServer, server_sign_in_ready

NOT_READY = 2  # the dialog's result when the server's answer closed it


class ServerCheck(QObject):
    answered = Signal(bool)  # emitted from the worker thread, received on the GUI thread

    def __init__(self, server: ClinicServer, dialog: QDialog) -> None:
        # Kept by the application: the answer may come after the dialog has gone.
        super().__init__(QApplication.instance())
        self._server = server
        self._dialog = dialog
        self.answered.connect(self._on_answer)

    def start(self) -> None:
        # A daemon: a start-up abandoned while the server is slow to answer is not kept waiting.
        threading.Thread(target=self._ask, name="imsdesk-server-check", daemon=True).start()

    def _ask(self) -> None:
        ready = server_sign_in_ready(self._server)
        if ready:
            import_module("imsdesk.gui.services_factory")  # ready when Sign in is pressed
        self.answered.emit(ready)

    def _on_answer(self, ready: bool) -> None:
        dialog = self._dialog
        if not ready and isValid(dialog) and dialog.isVisible():
            dialog.done(NOT_READY)
        self.deleteLater()

"""The clinic passphrase, asked for at start when the database file is encrypted.

It comes before the sign-in dialog and, like it, before SQLAlchemy loads. Once given, the
key stays in the open connection: the idle lock asks only for the user's password.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget

from imsdesk.gui.field_errors import ERROR_STYLE
from imsdesk.gui.forms.ui_passphrase_dialog import Ui_PassphraseDialog
from imsdesk.services.early_read import encryption_available, unlock
from imsdesk.services.errors import StoreError, WrongPassphrase

Unlock = Callable[[Path, str], None]  # raises WrongPassphrase when it does not open the file
WRONG_PASSPHRASE = (
    "That passphrase does not open the clinic database. Check it (and Caps Lock) and try "
    "again. If you are sure of it, the file may be damaged: ask whoever looks after the "
    "clinic's computers."
)
NO_MODULE_TITLE = "imsdesk cannot open the encrypted database"


class PassphraseDialog(QDialog):
    """Asks for the clinic passphrase until ``unlock`` accepts it; Quit leaves the app."""

    def __init__(self, path: Path, unlock: Unlock = unlock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PassphraseDialog")
        self.ui = Ui_PassphraseDialog()
        self.ui.setupUi(self)
        self._path = path
        self._unlock = unlock
        self.ui.intro.setText(
            "The clinic database is encrypted. Enter the clinic passphrase to open it; "
            f"you then sign in as usual.\nDatabase: {path}"
        )
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Open")
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Quit imsdesk")
        self.ui.message.setStyleSheet(ERROR_STYLE)
        self.ui.buttons.accepted.connect(self._try_unlock)
        self.ui.buttons.rejected.connect(self.reject)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

    def _try_unlock(self) -> None:
        # Deriving the file's key takes a moment on purpose: show that it is working.
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._unlock(self._path, self.ui.passphrase.text())
        except WrongPassphrase:
            self._refuse(WRONG_PASSPHRASE)
            return
        except StoreError as error:
            self._refuse(str(error))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.accept()

    def _refuse(self, message: str) -> None:
        self.ui.message.setText(message)
        self.ui.message.setVisible(True)
        self.ui.passphrase.clear()
        self.ui.passphrase.setFocus()


def ask_for_passphrase(path: Path) -> int | None:
    """None once the clinic passphrase has opened ``path``; else the app's exit code
    (0: the user quit, 1: this installation cannot open encrypted files)."""
    if not encryption_available():
        QMessageBox.critical(
            None,
            NO_MODULE_TITLE,
            f"{path} is encrypted; opening it needs the sqlcipher3 module, which is not "
            "installed (pip install 'imsdesk[encryption]').",
        )
        return 1
    accepted = PassphraseDialog(path).exec() == QDialog.DialogCode.Accepted
    return None if accepted else 0

"""Signing in at start, and unlocking after the workstation was left idle."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget

from imsdesk.domain.users import User
from imsdesk.gui.field_errors import ERROR_STYLE
from imsdesk.gui.forms.ui_sign_in_dialog import Ui_SignInDialog
from imsdesk.services.errors import DamagedDatabase, ServiceError, StoreError

SignIn = Callable[[str, str], User]  # user name, password -> the user, or raises


class SignInDialog(QDialog):
    """Asks for a user name and password until ``sign_in`` accepts them."""

    def __init__(
        self,
        sign_in: SignIn,
        parent: QWidget | None = None,
        *,
        location: str = "",
        locked_user: User | None = None,
        idle_minutes: int = 0,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SignInDialog")
        self.ui = Ui_SignInDialog()
        self.ui.setupUi(self)
        self._sign_in = sign_in
        self.user: User | None = None
        self.damage: DamagedDatabase | None = None  # found while opening: recovery takes over
        ok = self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        cancel = self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("&Quit imsdesk")
        if locked_user is None:
            ok.setText("&Sign in")
            if location:
                self.ui.intro.setText(f"Sign in to open the clinic's charts.\nDatabase: {location}")
        else:
            self.setWindowTitle("imsdesk is locked")
            ok.setText("&Unlock")
            self.ui.intro.setText(
                f"imsdesk locked itself after {idle_minutes} minutes without use. What you were "
                f"working on is kept. Enter {locked_user.display_name}'s password to go on."
            )
            self.ui.username.setText(locked_user.username)
            self.ui.username.setReadOnly(True)
            self.ui.password.setFocus()
        self.ui.message.setStyleSheet(ERROR_STYLE)
        self.ui.buttons.accepted.connect(self._try_sign_in)
        self.ui.buttons.rejected.connect(self.reject)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

    def give_way_to(self, damage: DamagedDatabase) -> None:
        """Close: the database is damaged, and nothing typed here can help."""
        self.damage = damage
        self.reject()

    def _try_sign_in(self) -> None:
        # Opening may wait for the start-up check of a large file: say it is working.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.user = self._sign_in(self.ui.username.text(), self.ui.password.text())
        except DamagedDatabase as damage:
            self.give_way_to(damage)
            return
        except (ServiceError, StoreError) as error:
            self.ui.message.setText(str(error))
            self.ui.message.setVisible(True)
            self.ui.password.clear()
            self.ui.password.setFocus()
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.accept()

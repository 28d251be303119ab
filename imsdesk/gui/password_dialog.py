"""An administrator gives a user a new password (typed twice)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QWidget

from imsdesk.domain.users import User
from imsdesk.gui.field_errors import show_field_errors
from imsdesk.gui.forms.ui_password_dialog import Ui_PasswordDialog
from imsdesk.services.errors import ValidationError

SetPassword = Callable[[str, str], None]  # password, password again


class PasswordDialog(QDialog):
    """Save hands both passwords to ``set_password``; a refusal shows beside the field."""

    def __init__(self, user: User, set_password: SetPassword, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PasswordDialog")
        self.ui = Ui_PasswordDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(f"New password for {user.display_name}")
        self.ui.intro.setText(
            f"{user.display_name} ({user.username}) signs in with this password from now on. "
            "Tell it to them in person; they cannot see it anywhere in imsdesk."
        )
        self._set_password = set_password
        self.ui.buttons.accepted.connect(self._try_save)
        self.ui.buttons.rejected.connect(self.reject)

    def _try_save(self) -> None:
        try:
            self._set_password(self.ui.password.text(), self.ui.confirmation.text())
        except ValidationError as error:
            show_field_errors(self.ui, ("password",), error.problems)
            return
        self.accept()

"""An account with its password: the first administrator at first start, or a new user."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QDialog, QWidget

from imsdesk.domain.users import Role, User, UserDetails
from imsdesk.gui.field_errors import show_field_errors
from imsdesk.gui.forms.ui_user_dialog import Ui_UserDialog
from imsdesk.services.errors import ValidationError

USER_FIELDS = ("display_name", "username", "registration_number", "role", "password")
FIRST_ADMIN_INTRO = (
    "Set up the administrator account for this clinic. Administrators add the other users; "
    "as a clinician you can also chart and sign visits. Your name and registration number "
    "are printed on take-home summaries."
)

CreateUser = Callable[[UserDetails, str, str], User]  # details, password, password again


class UserDialog(QDialog):
    def __init__(
        self,
        create: CreateUser,
        parent: QWidget | None = None,
        *,
        roles: Sequence[Role] = (Role.THERAPIST, Role.FRONT_DESK, Role.ADMIN),
        title: str = "Add a user",
        intro: str = "The new user signs in with this user name and password.",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("UserDialog")
        self.ui = Ui_UserDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(title)
        self.ui.intro.setText(intro)
        for role in roles:
            self.ui.role.addItem(role.label, role)
        self.ui.role.setEnabled(len(roles) > 1)
        self._create = create
        self.created: User | None = None
        self.ui.display_name.textEdited.connect(self._suggest_username)
        self.ui.buttons.accepted.connect(self._try_save)
        self.ui.buttons.rejected.connect(self.reject)
        self._username_touched = False
        self.ui.username.textEdited.connect(self._mark_username_touched)

    def _mark_username_touched(self) -> None:
        self._username_touched = True

    def _suggest_username(self, name: str) -> None:
        if not self._username_touched:
            words = name.replace(",", " ").split()
            self.ui.username.setText(
                "".join(
                    w for w in (words[0][:1] + words[-1] if words else "").lower() if w.isalnum()
                )
            )

    def _try_save(self) -> None:
        details = UserDetails(
            username=self.ui.username.text(),
            display_name=self.ui.display_name.text(),
            role=Role(self.ui.role.currentData()),
            registration_number=self.ui.registration_number.text(),
        )
        try:
            self.created = self._create(
                details, self.ui.password.text(), self.ui.confirmation.text()
            )
        except ValidationError as error:
            show_field_errors(self.ui, USER_FIELDS, error.problems)
            return
        self.accept()

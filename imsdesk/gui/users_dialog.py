"""Administrators manage accounts: add, reset a password, change a role, deactivate or
reactivate. The user service decides what is allowed (the last administrator stays one)
and audits each change; this dialog asks and shows."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QInputDialog,
    QMessageBox,
    QTableWidgetItem,
    QWidget,
)

from imsdesk.domain.users import Role, User
from imsdesk.gui.forms.ui_users_dialog import Ui_UsersDialog
from imsdesk.gui.operations import run_service
from imsdesk.gui.password_dialog import PasswordDialog
from imsdesk.gui.user_dialog import UserDialog
from imsdesk.gui.window_state import restore_geometry, save_geometry
from imsdesk.services.users import UserService

COLUMNS = ("Name", "User name", "Role", "Registration no.", "Status")


class UsersDialog(QDialog):
    def __init__(self, users: UserService, me: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UsersDialog")
        self.ui = Ui_UsersDialog()
        self.ui.setupUi(self)
        self._users = users
        self._me = me
        self.accounts: list[User] = []
        table = self.ui.table
        table.setColumnCount(len(COLUMNS))
        table.setHorizontalHeaderLabels(COLUMNS)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        table.itemSelectionChanged.connect(self._update_buttons)
        table.doubleClicked.connect(lambda _index: self.change_role())
        self.ui.add_button.clicked.connect(self.add_user)
        self.ui.password_button.clicked.connect(self.reset_password)
        self.ui.role_button.clicked.connect(self.change_role)
        self.ui.active_button.clicked.connect(self.toggle_active)
        self.ui.buttons.rejected.connect(self.reject)
        self.refresh()
        restore_geometry(self)
        table.setFocus()

    @property
    def selected(self) -> User | None:
        row = self.ui.table.currentRow()
        return self.accounts[row] if 0 <= row < len(self.accounts) else None

    def refresh(self, select_id: int | None = None) -> None:
        accounts = run_service(self, self._users.list_users, failure_title="Users")
        if accounts is None:
            return
        self.accounts = accounts
        table = self.ui.table
        table.setRowCount(len(accounts))
        for row, user in enumerate(accounts):
            cells = (
                user.display_name,
                user.username,
                user.role.label,
                user.registration_number,
                user.status + (" (you)" if user.id == self._me.id else ""),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not user.active:
                    item.setForeground(self.palette().placeholderText())
                table.setItem(row, column, item)
        ids = [u.id for u in accounts]
        keep = select_id if select_id in ids else (self.selected.id if self.selected else None)
        table.selectRow(ids.index(keep) if keep in ids else 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        user = self.selected
        for button in (self.ui.password_button, self.ui.role_button, self.ui.active_button):
            button.setEnabled(user is not None)
        active = user is None or user.active
        self.ui.active_button.setText("&Deactivate" if active else "&Reactivate")

    def _done(self, message: str, user: User | None) -> None:
        self.ui.message.setText(message)
        self.refresh(user.id if user else None)

    # -- the changes ----------------------------------------------------------------------
    def add_user(self) -> None:
        dialog = UserDialog(self._users.create, self)
        if dialog.exec() and dialog.created is not None:
            created = dialog.created
            self._done(f"Added {created.display_name} ({created.role.label}).", created)

    def reset_password(self) -> None:
        user = self.selected
        if user is None:
            return
        dialog = PasswordDialog(
            user, lambda password, again: self._users.set_password(user.id, password, again), self
        )
        if dialog.exec():
            self._done(f"{user.display_name} has a new password.", user)

    def change_role(self) -> None:
        user = self.selected
        if user is None:
            return
        roles = list(Role)
        label, chosen = QInputDialog.getItem(
            self,
            "Change role",
            f"Role of {user.display_name} (from their next sign-in):",
            [r.label for r in roles],
            roles.index(user.role),
            False,
        )
        role = next((r for r in roles if r.label == label), None)
        if not chosen or role is None or role is user.role:
            return
        changed = run_service(
            self, lambda: self._users.change_role(user.id, role), failure_title="Change role"
        )
        if changed is not None:
            self._done(f"{changed.display_name} is now {role.label.lower()}.", changed)

    def toggle_active(self) -> None:
        user = self.selected
        if user is None:
            return
        if user.active:
            answer = QMessageBox.question(
                self,
                "Deactivate user",
                f"Deactivate {user.display_name}? They can no longer sign in. Their visits, "
                "signatures and audit entries stay as they are; you can reactivate them later.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        changed = run_service(
            self,
            lambda: self._users.set_active(user.id, not user.active),
            failure_title="Deactivate user" if user.active else "Reactivate user",
        )
        if changed is not None:
            state = "reactivated" if changed.active else "deactivated: they can no longer sign in"
            self._done(f"{changed.display_name} {state}.", changed)

    def done(self, result: int) -> None:
        save_geometry(self)
        super().done(result)

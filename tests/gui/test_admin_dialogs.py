"""Administrators' windows: the chart's audit trail, the clinic's audit log and the users
dialog; other users never see these commands."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox, QToolButton, QWidget

from imsdesk.domain.audit import AuditFilter
from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.users import Role, User, UserDetails
from imsdesk.gui.actions import ADMIN_ACTIONS, ActionId
from imsdesk.gui.app import make_application
from imsdesk.gui.audit_dialog import AuditDialog
from imsdesk.gui.context import Services
from imsdesk.gui.main_window import MainWindow
from imsdesk.gui.password_dialog import PasswordDialog
from imsdesk.gui.user_dialog import UserDialog
from imsdesk.gui.users_dialog import UsersDialog
from imsdesk.services.database import OpenedDatabase, open_clinic_database
from imsdesk.store.models import AuditRow
from tests.support.qt import press_save, with_modal

PASSWORD = "correct horse battery"
JANE = PatientDetails("1042", "Doe", "Jane", date(1968, 4, 23))


@pytest.fixture
def opened(sqlite_url: str) -> Iterator[OpenedDatabase]:
    make_application()
    opened = open_clinic_database(sqlite_url)
    yield opened
    opened.db.close()


@pytest.fixture
def people(opened: OpenedDatabase) -> dict[str, User]:
    users = Services.for_database(opened).users  # set up from the command line
    return {
        "admin": users.create(UserDetails("dlee", "Dana Lee", Role.ADMIN), PASSWORD),
        "therapist": users.create(
            UserDetails("amorgan", "Alex Morgan", Role.THERAPIST, "PT-10482"), PASSWORD
        ),
        "desk": users.create(UserDetails("rreyes", "Robin Reyes", Role.FRONT_DESK), PASSWORD),
    }


@pytest.fixture
def window_for(qtbot, opened: OpenedDatabase) -> Callable[[User], MainWindow]:
    """The main window as ``user`` sees it once signed in (each with its own services)."""

    def make(user: User) -> MainWindow:
        window = MainWindow(Services.for_database(opened), user)
        qtbot.addWidget(window)
        window.show()
        return window

    return make


def menu_titles(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def header_buttons(window: MainWindow) -> list[str]:
    buttons = window.patient_page.findChildren(QToolButton)
    return [b.text() for b in buttons if b.isVisible()]


@pytest.mark.parametrize("who", ["therapist", "desk"])
def test_only_administrators_see_the_audit_and_user_commands(people, window_for, who):
    admin = window_for(people["admin"])
    patient = admin.services.patients.create(JANE)
    admin.open_patient(patient.id)
    assert "A&dmin" in menu_titles(admin)
    admin_menu = admin.menuBar().findChild(QMenu, "admin_menu")
    assert [a.text() for a in admin_menu.actions()] == ["&Users…", "Audit &log…"]
    assert admin.actions_by_id[ActionId.AUDIT_TRAIL].isEnabled()

    other = window_for(people[who])
    other.open_patient(patient.id)
    assert "A&dmin" not in menu_titles(other)
    everything = [a for menu in other.menuBar().actions() for a in menu.menu().actions()]
    everything += other.actions()
    hidden = {other.actions_by_id[i] for i in ADMIN_ACTIONS}
    assert not hidden & {a for a in everything if a.isVisible()}
    assert not any(a in other.actions() for a in hidden)  # no shortcut reaches them either
    assert "Audit trail" in header_buttons(admin)
    assert "Audit trail" not in header_buttons(other)


def test_the_audit_trail_shows_who_did_what_newest_first_and_exports_it(
    qtbot, people, window_for, tmp_path: Path, monkeypatch
):
    therapist = window_for(people["therapist"])
    patient = therapist.services.patients.create(JANE)
    therapist.open_patient(patient.id)
    therapist.start_visit(patient.id)
    therapist.visit_page.notes.notes["subjective"].setPlainText("Pain down the right leg")
    therapist.visit_page.notes.flush()
    therapist.close()
    admin = window_for(people["admin"])
    admin.open_patient(patient.id)
    out = tmp_path / "trail.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "trail"), ""))
    seen: dict[str, object] = {}

    def look(dialog: AuditDialog) -> None:
        table = dialog.ui.table
        model = table.model()
        rows = [
            [model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())
        ]
        seen["title"] = dialog.windowTitle()
        seen["rows"] = [(r[1], r[3], r[4].split(" (")[0], r[5]) for r in rows]
        seen["local"] = rows[0][0]
        table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # by user
        seen["by_user"] = [model.index(r, 1).data() for r in range(model.rowCount())]
        qtbot.mouseClick(dialog.ui.export_button, Qt.MouseButton.LeftButton)
        seen["count"] = dialog.ui.count.text()
        grab(dialog, "audit_trail_dialog")
        dialog.accept()

    with_modal(qtbot, AuditDialog, look)
    admin.actions_by_id[ActionId.AUDIT_TRAIL].trigger()
    assert seen["title"] == "Audit trail of DOE, Jane (#1042)"
    assert seen["rows"] == [
        ("Dana Lee", "Opened", "Patient", ""),
        ("Alex Morgan", "Edited", "Visit #1", "subjective"),
        ("Alex Morgan", "Opened", "Visit #1", ""),
        ("Alex Morgan", "Created", "Visit #1", ""),
        ("Alex Morgan", "Opened", "Patient", ""),
        ("Alex Morgan", "Created", "Patient", ""),
    ]
    trail = admin.services.audit.chart_trail(patient.id)
    newest = next(e for e in trail if e.action == "open" and e.user_name == "Dana Lee").at
    assert seen["local"] == newest.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert seen["by_user"] == ["Alex Morgan"] * 5 + ["Dana Lee"]
    assert seen["count"] == f"Exported 6 audit entries to {out}."
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 6
    exports = [e for e in admin.services.audit.chart_trail(patient.id) if e.action == "export"]
    assert [(e.user_name, e.detail) for e in exports] == [("Dana Lee", f"audit trail to {out}")]


def test_the_clinic_log_loads_more_as_it_scrolls_and_filters(qtbot, opened, people, window_for):
    noon = datetime(2026, 3, 2, 12, tzinfo=UTC)
    with opened.db.engine.begin() as connection:
        connection.execute(
            AuditRow.__table__.insert(),
            [
                {
                    "at": noon - timedelta(minutes=i),
                    "user_id": people["therapist" if i % 2 else "desk"].id,
                    "workstation": "room-2",
                    "action": "open" if i % 3 else "print",
                    "record_kind": "clinic",
                    "record_id": None,
                    "detail": "",
                }
                for i in range(450)
            ],
        )
    admin = window_for(people["admin"])
    seen: dict[str, object] = {}

    def look(dialog: AuditDialog) -> None:
        ui, model = dialog.ui, dialog.model
        seen["first"] = (model.rowCount(), ui.count.text())
        while model.canFetchMore():
            ui.table.scrollToBottom()
            qtbot.wait(10)
        seen["all"] = (model.rowCount(), ui.count.text())
        ui.user.setCurrentIndex(ui.user.findData(people["desk"].id))
        ui.action.setCurrentIndex(ui.action.findData("print"))
        entries = model.entries
        seen["filtered"] = (len(entries), {(e.username, e.action) for e in entries})
        ui.date_range.setChecked(True)
        ui.since.setDate(date(2026, 3, 2))
        ui.until.setDate(date(2026, 3, 1))
        seen["error"] = (ui.filter_error.isVisible(), ui.filter_error.text())
        seen["export"] = ui.export_button.isEnabled()
        dialog.accept()

    with_modal(qtbot, AuditDialog, look)
    admin.actions_by_id[ActionId.AUDIT_LOG].trigger()
    total = 450 + 3  # the rows above and the three accounts made
    assert seen["first"][0] == 200 and "scroll down for older ones" in seen["first"][1]
    assert seen["all"] == (total, f"{total} entries")
    assert seen["filtered"] == (75, {("rreyes", "print")})
    assert seen["error"] == (True, "The first day comes after the last day.")
    assert seen["export"] is False


def test_an_administrator_manages_users_from_the_window(qtbot, people, window_for):
    admin = window_for(people["admin"])
    steps: list[str] = []

    def add_user(dialog: UserDialog) -> None:
        qtbot.keyClicks(dialog.ui.display_name, "Jordan Lin, PT")
        dialog.ui.username.clear()
        qtbot.keyClicks(dialog.ui.username, "jlin")
        dialog.ui.role.setCurrentIndex(dialog.ui.role.findData(Role.THERAPIST))
        qtbot.keyClicks(dialog.ui.password, "a new therapist")
        qtbot.keyClicks(dialog.ui.confirmation, "a new therapist")
        press_save(qtbot, dialog)

    def new_password(dialog: PasswordDialog) -> None:
        qtbot.keyClicks(dialog.ui.password, "short")
        qtbot.keyClicks(dialog.ui.confirmation, "short")
        press_save(qtbot, dialog)
        steps.append(dialog.ui.password_error.text())
        for field in (dialog.ui.password, dialog.ui.confirmation):
            field.setText("the reset password")
        press_save(qtbot, dialog)

    def read(box: QMessageBox) -> None:
        steps.append(f"{box.windowTitle()}: {box.text()}")
        box.accept()

    def confirm(then: Callable[[QMessageBox], None] | None = None):
        def handle(box: QMessageBox) -> None:
            steps.append(f"{box.windowTitle()}: {box.text()}")
            if then is not None:
                with_modal(qtbot, QMessageBox, then)
            box.button(QMessageBox.StandardButton.Yes).click()

        return handle

    def manage(dialog: UsersDialog) -> None:
        table = dialog.ui.table

        def select(name: str) -> None:
            names = [table.item(r, 0).text() for r in range(table.rowCount())]
            table.selectRow(names.index(name))

        steps.append(" / ".join(table.item(r, 4).text() for r in range(table.rowCount())))
        with_modal(qtbot, UserDialog, add_user)
        qtbot.mouseClick(dialog.ui.add_button, Qt.MouseButton.LeftButton)
        steps.append(dialog.ui.message.text())
        select("Alex Morgan")
        with_modal(qtbot, PasswordDialog, new_password)
        qtbot.mouseClick(dialog.ui.password_button, Qt.MouseButton.LeftButton)
        steps.append(dialog.ui.message.text())
        with_modal(qtbot, QInputDialog, lambda box: (box.setTextValue("Admin"), box.accept()))
        qtbot.mouseClick(dialog.ui.role_button, Qt.MouseButton.LeftButton)
        steps.append(dialog.ui.message.text())
        with_modal(qtbot, QMessageBox, confirm())
        qtbot.mouseClick(dialog.ui.active_button, Qt.MouseButton.LeftButton)
        steps.append(dialog.ui.message.text())
        steps.append(dialog.ui.active_button.text())
        grab(dialog, "users_dialog")
        select("Dana Lee")
        with_modal(qtbot, QMessageBox, confirm(then=read))
        qtbot.mouseClick(dialog.ui.active_button, Qt.MouseButton.LeftButton)
        dialog.accept()

    with_modal(qtbot, UsersDialog, manage)
    admin.actions_by_id[ActionId.MANAGE_USERS].trigger()
    assert steps == [
        "Active (you) / Active / Active",
        "Added Jordan Lin, PT (Therapist).",
        "The password needs at least 8 characters.",
        "Alex Morgan has a new password.",
        "Alex Morgan is now admin.",
        "Deactivate user: Deactivate Alex Morgan? They can no longer sign in. Their visits, "
        "signatures and audit entries stay as they are; you can reactivate them later.",
        "Alex Morgan deactivated: they can no longer sign in.",
        "&Reactivate",
        "Deactivate user: Deactivate Dana Lee? They can no longer sign in. Their visits, "
        "signatures and audit entries stay as they are; you can reactivate them later.",
        "Deactivate user: You cannot deactivate your own account; another administrator can.",
    ]
    changes = [e for e in admin.services.audit.log(AuditFilter()) if e.record_kind == "user"]
    assert [(e.username, e.action) for e in changes][:4] == [
        ("dlee", "deactivate"),
        ("dlee", "edit"),
        ("dlee", "set_password"),
        ("dlee", "create"),
    ]
    users = admin.services.users
    assert users.sign_in("jlin", "a new therapist").role is Role.THERAPIST
    listed = {u.username: (u.role, u.active) for u in users.list_users()}
    assert listed["amorgan"] == (Role.ADMIN, False) and listed["dlee"] == (Role.ADMIN, True)


SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def grab(widget: QWidget, name: str) -> None:
    """A picture of the dialog as the test left it, for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SCREENSHOTS / f"{name}.png"))

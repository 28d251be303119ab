"""Signing in, the first administrator, the idle lock, and what front desk may open."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from imsdesk.domain.patients import PatientDetails
from imsdesk.domain.users import Role, UserDetails
from imsdesk.gui.actions import ActionId
from imsdesk.gui.app import make_application
from imsdesk.gui.context import Services
from imsdesk.gui.idle_lock import IdleWatcher, LockCover
from imsdesk.gui.main_window import MainWindow
from imsdesk.gui.sign_in_dialog import SignInDialog
from imsdesk.gui.user_dialog import FIRST_ADMIN_INTRO, UserDialog
from imsdesk.services.database import open_clinic_database
from imsdesk.services.users import SIGN_IN_REFUSED
from tests.support.qt import with_modal

PASSWORD = "correct horse battery"


@pytest.fixture
def services(sqlite_url: str):
    make_application()
    opened = open_clinic_database(sqlite_url)
    yield Services.for_database(opened)
    opened.db.close()


def click_ok(dialog) -> None:
    dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_a_wrong_password_keeps_the_dialog_open_and_says_so(qtbot, services):
    services.users.create(UserDetails("dlee", "Dana Lee", Role.ADMIN), PASSWORD)
    dialog = SignInDialog(services.users.sign_in, location="clinic.sqlite")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.ui.username, "dlee")
    qtbot.keyClicks(dialog.ui.password, "wrong password")
    click_ok(dialog)
    assert dialog.isVisible()
    assert dialog.ui.message.text() == SIGN_IN_REFUSED
    assert dialog.ui.password.text() == ""
    assert dialog.ui.username.text() == "dlee"
    qtbot.keyClicks(dialog.ui.password, PASSWORD)
    qtbot.keyClick(dialog.ui.password, Qt.Key.Key_Return)
    assert dialog.result() == SignInDialog.DialogCode.Accepted
    assert dialog.user.username == "dlee"


def test_the_first_administrator_is_made_with_a_confirmed_password(qtbot, services):
    dialog = UserDialog(services.users.create, roles=(Role.ADMIN,), intro=FIRST_ADMIN_INTRO)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ui.role.isEnabled()
    qtbot.keyClicks(dialog.ui.display_name, "Dana Lee")
    qtbot.keyClicks(dialog.ui.password, PASSWORD)
    qtbot.keyClicks(dialog.ui.confirmation, PASSWORD + "!")
    dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.ui.password_error.isVisible()
    assert "not the same" in dialog.ui.password_error.text()
    assert services.users.needs_first_admin()
    dialog.ui.confirmation.clear()
    qtbot.keyClicks(dialog.ui.confirmation, PASSWORD)
    dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.created.role is Role.ADMIN
    assert not services.users.needs_first_admin()
    assert services.users.sign_in("dlee", PASSWORD) == dialog.created


def test_the_idle_watcher_fires_after_quiet_time_and_input_postpones_it(qtbot, services):
    fired: list[bool] = []
    target = SignInDialog(services.users.sign_in)
    qtbot.addWidget(target)
    target.show()
    watcher = IdleWatcher(10_000, lambda: fired.append(True))
    try:
        qtbot.wait(1500)
        before = watcher._timer.remainingTime()
        qtbot.keyClick(target.ui.username, Qt.Key.Key_A)  # a key press starts the wait again
        after = watcher._timer.remainingTime()
        assert after > before and after > 9_000
    finally:
        watcher.stop()
    quiet = IdleWatcher(200, lambda: fired.append(True))
    try:
        qtbot.waitUntil(lambda: fired == [True], timeout=5000)
    finally:
        quiet.stop()


def test_locking_hides_the_chart_and_unlocking_keeps_what_was_typed(qtbot, services):
    therapist = services.users.create(
        UserDetails("amorgan", "Alex Morgan", Role.THERAPIST), PASSWORD
    )
    patient = services.patients.create(PatientDetails("1", "Doe", "Jane", date(1968, 4, 23)))
    window = MainWindow(services, therapist)
    qtbot.addWidget(window)
    window.show()
    window.start_visit(patient.id)
    notes = window.visit_page.notes.notes["subjective"]
    qtbot.keyClicks(notes, "Pain down the right leg since Monday")
    seen: dict[str, object] = {}

    def at_the_lock(dialog: SignInDialog) -> None:
        covers = window.findChildren(LockCover)
        seen["covered"] = bool(covers) and all(c.isVisible() for c in covers)
        seen["username"] = dialog.ui.username.text()
        seen["editable"] = not dialog.ui.username.isReadOnly()
        qtbot.keyClicks(dialog.ui.password, "not the password")
        click_ok(dialog)
        seen["message"] = dialog.ui.message.text()
        qtbot.keyClicks(dialog.ui.password, PASSWORD)
        click_ok(dialog)

    with_modal(qtbot, SignInDialog, at_the_lock)
    assert window.lock()
    assert seen == {
        "covered": True,
        "username": "amorgan",
        "editable": False,
        "message": SIGN_IN_REFUSED,
    }
    qtbot.waitUntil(lambda: not window.findChildren(LockCover))
    assert notes.toPlainText() == "Pain down the right leg since Monday"
    record = services.records.record(window.visit_page.record.visit.id)
    assert record.subjective == "Pain down the right leg since Monday"


def test_front_desk_sees_the_visit_dates_but_not_the_notes(qtbot, services):
    therapist = services.users.create(
        UserDetails("amorgan", "Alex Morgan", Role.THERAPIST), PASSWORD
    )
    desk = services.users.create(UserDetails("reception", "Robin Reyes", Role.FRONT_DESK))
    patient = services.patients.create(PatientDetails("1", "Doe", "Jane", date(1968, 4, 23)))
    visit = services.visits.start_draft(patient.id, therapist.id)
    window = MainWindow(services, desk)
    qtbot.addWidget(window)
    window.show()
    assert window.clinician_label.text() == "Signed in as Robin Reyes (front desk)"
    window.open_patient(patient.id)
    assert window.patient_page.visits.rowCount() == 1
    assert not window.patient_page.start_button.isVisible()
    assert not window.actions_by_id[ActionId.START_VISIT].isEnabled()
    assert not window.actions_by_id[ActionId.PRINT].isEnabled()
    # Whole charts, notes and all, go out or come in only through a clinician.
    for bulk in (ActionId.EXPORT_CHART, ActionId.EXPORT_ALL, ActionId.IMPORT_PATIENTS):
        assert not window.actions_by_id[bulk].isEnabled()
    window.open_visit(visit.id)
    assert window.current_page() is window.patient_page
    assert "clinicians only" in window.statusBar().currentMessage()
    assert QApplication.activeModalWidget() is None

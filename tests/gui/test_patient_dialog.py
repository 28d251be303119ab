"""The patient dialog says what is wrong beside each field and keeps what was typed."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from imsdesk.domain.patients import PatientDetails, Sex
from imsdesk.gui.patient_dialog import PatientDialog
from imsdesk.services.patients import PatientService
from tests.support.qt import press_save


@pytest.fixture
def service(sqlite_db) -> PatientService:
    return PatientService(sqlite_db)


def open_dialog(qtbot, service: PatientService, patient=None) -> PatientDialog:
    dialog = PatientDialog(
        service.create if patient is None else (lambda d: service.update(patient.id, d)),
        patient=patient,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_bad_input_is_explained_beside_each_field_and_nothing_is_lost(qtbot, service):
    dialog = open_dialog(qtbot, service)
    qtbot.keyClicks(dialog.ui.chart_number, "1042")
    qtbot.keyClicks(dialog.ui.given_names, "Jane")
    qtbot.keyClicks(dialog.ui.date_of_birth, "2099-01-01")
    qtbot.keyClicks(dialog.ui.email, "jane@")
    press_save(qtbot, dialog)

    assert dialog.isVisible() and dialog.saved is None
    assert dialog.ui.family_name_error.isVisible()
    assert dialog.ui.family_name_error.text() == "Family name is required."
    assert "future" in dialog.ui.date_of_birth_error.text()
    assert "incomplete" in dialog.ui.email_error.text()
    assert not dialog.ui.given_names_error.isVisible()
    # What was typed stays exactly as typed, and the first bad field has the cursor.
    assert dialog.ui.email.text() == "jane@"
    assert dialog.ui.date_of_birth.text() == "2099-01-01"
    assert dialog.focusWidget() is dialog.ui.family_name
    assert service.count("") == 0


def test_an_impossible_date_is_not_mistaken_for_a_missing_one(qtbot, service):
    dialog = open_dialog(qtbot, service)
    qtbot.keyClicks(dialog.ui.date_of_birth, "1970-02-30")
    press_save(qtbot, dialog)
    assert dialog.ui.date_of_birth_error.text() == "Date of birth: 1970-02-30 is not a real date."


def test_a_duplicate_chart_number_is_reported_by_the_field(qtbot, service):
    service.create(PatientDetails("1042", "Doe", "Jane", date(1968, 4, 23)))
    dialog = open_dialog(qtbot, service)
    for field, text in [
        (dialog.ui.chart_number, "1042"),
        (dialog.ui.family_name, "Roe"),
        (dialog.ui.given_names, "Richard"),
        (dialog.ui.date_of_birth, "1970-01-01"),
    ]:
        qtbot.keyClicks(field, text)
    press_save(qtbot, dialog)
    assert dialog.ui.chart_number_error.text() == "Chart number 1042 is already used by DOE, Jane."
    assert dialog.focusWidget() is dialog.ui.chart_number
    assert service.count("") == 1


def test_a_good_patient_is_saved_and_the_dialog_closes(qtbot, service):
    dialog = open_dialog(qtbot, service)
    qtbot.keyClicks(dialog.ui.chart_number, "77")
    # QTest can only type ASCII; accented names arrive as an input method would deliver them.
    dialog.ui.family_name.insert("Ólafsdóttir")
    dialog.ui.given_names.insert("Sigrún")
    qtbot.keyClicks(dialog.ui.date_of_birth, "1984-07-15")
    dialog.ui.sex.setCurrentIndex(dialog.ui.sex.findData("female"))
    assert dialog.ui.age_hint.text().startswith("age ")
    press_save(qtbot, dialog)
    assert not dialog.isVisible()
    assert dialog.saved is not None
    stored = service.get(dialog.saved.id)
    assert (stored.family_name, stored.sex) == ("Ólafsdóttir", Sex.FEMALE)


def test_editing_starts_from_the_stored_details(qtbot, service):
    patient = service.create(
        PatientDetails("5", "Doe", "Jane", date(1968, 4, 23), phone="555-0100")
    )
    dialog = open_dialog(qtbot, service, patient)
    assert dialog.windowTitle() == "Edit patient"
    assert dialog.ui.date_of_birth.text() == "1968-04-23"
    assert dialog.ui.sex.currentData() == "unknown"
    dialog.ui.phone.clear()
    qtbot.keyClicks(dialog.ui.phone, "555-0199")
    press_save(qtbot, dialog)
    assert service.get(patient.id).phone == "555-0199"


def test_tab_order_follows_the_form(qtbot, service):
    dialog = open_dialog(qtbot, service)
    order = []
    widget = dialog.ui.chart_number
    for _ in range(9):
        order.append(widget.objectName())
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget = widget.nextInFocusChain()
    assert order == [
        "chart_number",
        "family_name",
        "given_names",
        "date_of_birth",
        "sex",
        "phone",
        "email",
        "address",
        "notes",
    ]

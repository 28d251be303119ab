"""Adding a patient or correcting one, with messages beside the fields that need them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QPlainTextEdit, QWidget

from imsdesk.domain.patients import (
    PATIENT_FORM_FIELDS,
    Patient,
    PatientDetails,
    Sex,
    age_on,
    details_from_form,
    parse_iso_date,
)
from imsdesk.gui.field_errors import show_field_errors
from imsdesk.gui.forms.ui_patient_dialog import Ui_PatientDialog
from imsdesk.gui.window_state import restore_geometry, save_geometry
from imsdesk.services.errors import ValidationError

SaveCall = Callable[[PatientDetails], Patient]


class PatientDialog(QDialog):
    """Collects details; ``save`` (a service call) decides whether they are kept."""

    def __init__(
        self, save: SaveCall, parent: QWidget | None = None, patient: Patient | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PatientDialog")
        self.ui = Ui_PatientDialog()
        self.ui.setupUi(self)
        self._save = save
        self.saved: Patient | None = None
        for sex in Sex:
            self.ui.sex.addItem(sex.label, sex.value)
        self.setWindowTitle("Edit patient" if patient else "New patient")
        if patient is not None:
            self._load(patient)
        self.ui.date_of_birth.textChanged.connect(self._show_age)
        self.ui.buttons.accepted.connect(self._try_save)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip(
            "Save the patient (Enter)"
        )
        restore_geometry(self)
        self.ui.chart_number.setFocus() if patient is None else self.ui.family_name.setFocus()

    def fields(self) -> dict[str, str]:
        """What is typed in the form, as text, exactly as typed."""
        values: dict[str, str] = {}
        for name in PATIENT_FORM_FIELDS:
            widget = getattr(self.ui, name)
            if isinstance(widget, QLineEdit):
                values[name] = widget.text()
            elif isinstance(widget, QPlainTextEdit):
                values[name] = widget.toPlainText()
            else:
                values[name] = widget.currentData()
        return values

    def _load(self, patient: Patient) -> None:
        self.ui.chart_number.setText(patient.chart_number)
        self.ui.family_name.setText(patient.family_name)
        self.ui.given_names.setText(patient.given_names)
        born = patient.date_of_birth
        self.ui.date_of_birth.setText(born.isoformat() if born else "")
        self.ui.sex.setCurrentIndex(self.ui.sex.findData(patient.sex.value))
        self.ui.phone.setText(patient.phone)
        self.ui.email.setText(patient.email)
        self.ui.address.setPlainText(patient.address)
        self.ui.notes.setPlainText(patient.notes)

    def _show_age(self, text: str) -> None:
        try:
            born = parse_iso_date(text)
        except ValueError:
            self.ui.age_hint.clear()
            return
        today = date.today()
        self.ui.age_hint.setText(f"age {age_on(born, today)}" if born <= today else "")

    def _try_save(self) -> None:
        details, problems = details_from_form(self.fields(), date.today())
        if details is not None:
            try:
                self.saved = self._save(details)
            except ValidationError as error:
                problems = error.problems
        show_field_errors(self.ui, PATIENT_FORM_FIELDS, problems)
        if self.saved is not None:
            self.accept()

    def done(self, result: int) -> None:
        save_geometry(self)
        super().done(result)

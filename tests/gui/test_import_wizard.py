"""The import wizard: preview of a messy file, a decision on a duplicate, the report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QWizard

from imsdesk.domain.import_dates import DateOrder
from imsdesk.domain.patient_import import Target
from imsdesk.domain.patients import PatientDetails
from imsdesk.gui.actions import ActionId
from imsdesk.gui.import_wizard import ImportWizard

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"
SCREENSHOTS = Path(__file__).parent.parent.parent / "artifacts" / "screenshots"


def test_import_a_messy_file_through_the_wizard(qtbot, make_main_window):
    window = make_main_window()
    services = window.services
    services.patients.create(PatientDetails("1042", "Doe", "Jane", date(1968, 4, 23)))
    wizard = ImportWizard(services.imports, None, window)
    qtbot.addWidget(wizard)
    wizard.show()

    wizard.file_page.path.setText(str(FIXTURES / "semicolon_bom_dmy.csv"))
    wizard.next()
    page = wizard.columns_page
    assert wizard.currentPage() is page
    assert "UTF-8 with byte-order mark" in page.how_read.text()
    assert "3 blank lines left out" in page.how_read.text()
    assert page.mapping.item(1, 0).text() == "Surname"
    assert page.mapping.cellWidget(1, 2).currentData() == Target.FAMILY_NAME
    assert page.date_order.currentData() == DateOrder.DMY
    assert page.date_reason.text().startswith("Detected.")
    assert page.rows.item(0, 3).text() == "Müller"
    assert page.rows.item(0, 5).text() == "1968-04-23"
    assert "3 patients ready, 1 possible duplicate" in page.summary.text()
    wizard.resize(1000, 680)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert wizard.grab().save(str(SCREENSHOTS / "import-wizard-preview.png"))

    # Ignoring the comments column takes effect at once in the preview.
    notes: QComboBox = page.mapping.cellWidget(9, 2)
    notes.setCurrentIndex(notes.findData(Target.IGNORE))
    notes.activated.emit(notes.currentIndex())
    assert wizard.preview.mapping[9] is Target.IGNORE
    assert page.isComplete()

    wizard.next()
    decisions = wizard.decisions_page
    assert decisions.duplicates.rowCount() == 1
    assert "DOE, Jane" in decisions.duplicates.item(0, 3).text()
    assert services.patients.count("") == 1  # nothing written before Import
    decisions.duplicates.item(0, 0).setCheckState(Qt.CheckState.Checked)
    assert "4 patients will be added" in decisions.summary.text()
    assert wizard.button(QWizard.WizardButton.CommitButton).text() == "&Import"
    wizard.next()
    assert wizard.currentPage() is wizard.report_page
    report = wizard.report_page.text.toPlainText()
    assert report.startswith("Imported 4 patients from semicolon_bom_dmy.csv; skipped 3 rows.")
    assert "line 9: skipped: Given name is required." in report
    assert services.patients.count("") == 5
    (muller,) = services.patients.search("müller")
    assert muller.notes == ""  # the comments column was left out


def test_import_action_opens_the_wizard_from_the_patient_list(qtbot, make_main_window):
    window = make_main_window()
    button = window.list_page.findChild(object, "import_patients_button")
    assert button is not None and button.isEnabled()
    opened = []

    def look() -> None:
        wizard = window.findChild(ImportWizard)
        opened.append(wizard)
        wizard.reject()

    QTimer.singleShot(0, look)
    window.actions_by_id[ActionId.IMPORT_PATIENTS].trigger()
    assert opened and opened[0] is not None
    assert window.services.patients.count("") == 0

"""Export chart from the patient screen and Export all patients, through their dialogs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from imsdesk.domain.patients import PatientDetails
from imsdesk.gui.actions import ActionId
from imsdesk.gui.export_actions import ExportDialog
from imsdesk.services.audit import AuditService
from imsdesk.services.database import open_clinic_database


def answer_export_dialog(fmt: str, destination: Path, seen: list[ExportDialog]) -> None:
    """When the modal export dialog opens, choose the format and place, then press Export."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ExportDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog)
        dialog.findChild(object, f"export_{fmt}").setChecked(True)
        dialog.destination.setText(str(destination))
        dialog.accept()

    QTimer.singleShot(0, answer)


def test_export_the_open_chart_as_pdf_from_the_patient_screen(
    qtbot, make_main_window, sqlite_url, tmp_path
):
    window = make_main_window()
    patient = window.services.patients.create(
        PatientDetails("77/B", "Ólafsdóttir", "Sigrún", date(1968, 4, 23))
    )
    action = window.actions_by_id[ActionId.EXPORT_CHART]
    assert not action.isEnabled()  # nothing to export from the list
    window.open_patient(patient.id)
    assert action.isEnabled()
    seen: list[ExportDialog] = []
    answer_export_dialog("pdf", tmp_path / "chart.pdf", seen)
    action.trigger()
    assert seen and seen[0].windowTitle() == "Export the chart of ÓLAFSDÓTTIR, Sigrún"
    assert (tmp_path / "chart.pdf").read_bytes().startswith(b"%PDF")
    assert "Exported 1 patient as PDF document" in window.statusBar().currentMessage()
    opened = open_clinic_database(sqlite_url)
    try:
        trail = AuditService(opened.db).for_record("patient", patient.id)
    finally:
        opened.db.close()
    assert [e.action for e in trail] == ["create", "open", "export"]
    assert trail[-1].detail.endswith("chart.pdf")


def test_export_all_patients_as_fhir_with_progress(qtbot, make_main_window, tmp_path):
    window = make_main_window(demo_patients=12)
    seen: list[ExportDialog] = []
    answer_export_dialog("fhir", tmp_path / "clinic", seen)
    window.actions_by_id[ActionId.EXPORT_ALL].trigger()
    assert len(list((tmp_path / "clinic").glob("patient-*.json"))) == 12
    assert "Exported 12 patients as FHIR R4 bundle" in window.statusBar().currentMessage()

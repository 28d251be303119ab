"""Print and Save as PDF from the visit and patient screens make real documents."""

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog

from imsdesk.domain.patients import PatientDetails


def test_save_the_visit_summary_and_the_progress_report(
    qtbot, make_main_window, tmp_path: Path, monkeypatch
):
    window = make_main_window(demo_patients=1)
    services = window.services
    patient = services.patients.create(
        PatientDetails("77", "Ólafsdóttir", "Sigrún", date(1968, 4, 23))
    )
    window.open_patient(patient.id)
    window.start_visit(patient.id)
    window.visit_page.notes.numbers["pain_before"].setText("6")
    window.visit_page.notes._number_changed("pain_before", "6")

    saved: list[Path] = []

    def choose(*args: object) -> tuple[str, str]:
        target = tmp_path / f"doc{len(saved)}.pdf"
        saved.append(target)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kw: ("Tuesday 10:30", True))
    window.print_document(save=True)
    assert saved[0].read_bytes().startswith(b"%PDF")
    assert "Saved summary-visit-1" in window.statusBar().currentMessage()

    window.open_patient(patient.id)
    window.print_document(save=True)
    assert saved[1].read_bytes().startswith(b"%PDF")
    assert "progress-report-77" in window.statusBar().currentMessage()

"""Exporting from the windows: the format and destination dialog, progress and cancel.

The export service does the work (``ExportService``); this module asks where to, shows
progress for a clinic export (with Cancel, which leaves nothing behind) and reports.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from imsdesk.domain.patients import Patient
from imsdesk.services.errors import ServiceError, StoreError
from imsdesk.services.exports import ExportCancelled, ExportDone, ExportFormat, ExportService

_SUFFIX = {ExportFormat.PDF: ".pdf", ExportFormat.FHIR: ".json", ExportFormat.CSV: ""}


class ExportDialog(QDialog):
    """Choose a format and where the file (or folder) goes."""

    def __init__(
        self,
        title: str,
        formats: tuple[ExportFormat, ...],
        base_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ExportDialog")
        self.setWindowTitle(title)
        self._base = base_name
        self.group = QButtonGroup(self)
        choices = QVBoxLayout()
        for fmt in formats:
            button = QRadioButton(fmt.label, objectName=f"export_{fmt.value}")
            button.setProperty("format", fmt.value)
            self.group.addButton(button)
            choices.addWidget(button)
        self.group.buttons()[0].setChecked(True)
        self.group.buttonToggled.connect(lambda *_: self._suggest())
        self.destination = QLineEdit(objectName="export_destination")
        browse = QPushButton("&Browse…", objectName="export_browse")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.destination, 1)
        where.addWidget(browse)
        self.hint = QLabel(objectName="export_hint")
        self.hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("E&xport")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Format:", choices)
        form.addRow("&Save to:", where)
        form.addRow(self.hint)
        form.addRow(buttons)
        self._suggest()
        self.resize(560, self.sizeHint().height())

    @property
    def fmt(self) -> ExportFormat:
        return ExportFormat(self.group.checkedButton().property("format"))

    @property
    def path(self) -> Path:
        return Path(self.destination.text().strip()).expanduser()

    def _suggest(self) -> None:
        folder = self.path.parent if self.destination.text().strip() else Path.home()
        self.destination.setText(str(folder / f"{self._base}{_SUFFIX[self.fmt]}"))
        self.hint.setText(
            "A new folder is made with one CSV file per table and a README describing every column."
            if self.fmt.writes_folder
            else "The file appears only once it is complete."
        )

    def _browse(self) -> None:
        if self.fmt.writes_folder:
            chosen = QFileDialog.getExistingDirectory(self, "Export into a new folder in…")
            if chosen:
                self.destination.setText(str(Path(chosen) / self._base))
            return
        chosen, _ = QFileDialog.getSaveFileName(self, "Export", str(self.path))
        if chosen:
            self.destination.setText(chosen)


def export_patient(
    parent: QWidget, exports: ExportService, patient: Patient, user_id: int | None
) -> str | None:
    """Ask for a format and place, export the chart; a status line, or None if not done."""
    dialog = ExportDialog(
        f"Export the chart of {patient.display_name}",
        (ExportFormat.PDF, ExportFormat.FHIR, ExportFormat.CSV),
        f"chart-{patient.chart_number.replace('/', '-')}",
        parent,
    )
    if not dialog.exec():
        return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        done = exports.export_patient(patient.id, dialog.fmt, dialog.path, user_id=user_id)
    except (ServiceError, StoreError) as error:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, "Export chart", str(error))
        return None
    QApplication.restoreOverrideCursor()
    return _said(done)


def export_clinic(parent: QWidget, exports: ExportService, user_id: int | None) -> str | None:
    """Every patient, with a progress dialog whose Cancel leaves nothing behind."""
    dialog = ExportDialog(
        "Export every patient", (ExportFormat.CSV, ExportFormat.FHIR), "imsdesk-export", parent
    )
    if not dialog.exec():
        return None
    progress = QProgressDialog("Exporting patients…", "Cancel", 0, 0, parent)
    progress.setObjectName("export_progress")
    progress.setWindowTitle("Export every patient")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)

    def step(done: int, total: int) -> bool:
        progress.setMaximum(total)
        progress.setValue(done)  # a modal progress dialog also processes events here
        progress.setLabelText(f"Exporting patients… {done:,} of {total:,}")
        return not progress.wasCanceled()

    try:
        done = exports.export_clinic(dialog.fmt, dialog.path, user_id=user_id, progress=step)
    except ExportCancelled as cancelled:
        return str(cancelled)
    except (ServiceError, StoreError) as error:
        QMessageBox.warning(parent, "Export every patient", str(error))
        return None
    finally:
        progress.close()
    return _said(done)


def _said(done: ExportDone) -> str:
    text = done.summary
    return text[:1].upper() + text[1:] + "."

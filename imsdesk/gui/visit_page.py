"""A visit as it stands today: who, when, its status, and an honest word on charting."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from imsdesk.domain.patients import Patient
from imsdesk.domain.visits import Visit, VisitStatus


class VisitPage(QWidget):
    back_requested = Signal(int)  # patient id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("VisitPage")
        self._patient_id = 0
        self.back_button = QPushButton("← &Back to patient", objectName="visit_back_button")
        self.back_button.setToolTip("Back to this patient's visits (Esc)")
        self.back_button.clicked.connect(lambda: self.back_requested.emit(self._patient_id))
        self.title = QLabel(objectName="visit_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.facts = QLabel(objectName="visit_facts")
        self.body = QLabel(objectName="visit_body")
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        header = QHBoxLayout()
        header.addWidget(self.back_button)
        header.addSpacing(12)
        header.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.facts)
        layout.addSpacing(16)
        layout.addWidget(self.body, 1)

    def show_visit(self, patient: Patient, visit: Visit) -> None:
        self._patient_id = patient.id
        local = visit.started_at.astimezone()
        self.title.setText(f"{patient.display_name}  ·  visit #{visit.number}")
        status = "Draft, not signed" if visit.status is VisitStatus.DRAFT else "Signed"
        self.facts.setText(
            f"{local.strftime('%A %Y-%m-%d, %H:%M')}  ·  {visit.therapist_name}  ·  {status}"
        )
        self.body.setText(
            "This visit is saved. Nothing has been charted in it yet.\n\n"
            "This version of imsdesk keeps patients and their visits; the charting screen "
            "(body map, shortened muscles, needle sites, pain before and after, notes and "
            "signing) is not part of it yet. Record today's findings on your usual chart."
        )
        self.back_button.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.back_requested.emit(self._patient_id)
            return
        super().keyPressEvent(event)

"""The strip under the visit header: safety screen, episode of care, questionnaires, events.

Each button says where things stand ("Safety screen due") and opens its dialog; the
dialogs save through the services, and the strip re-reads what they saved.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from imsdesk.domain.patients import Patient
from imsdesk.domain.visit_record import VisitRecord
from imsdesk.gui.adverse_event_dialog import AdverseEventDialog
from imsdesk.gui.context import Services
from imsdesk.gui.episode_dialog import EpisodeDialog
from imsdesk.gui.outcome_measure_dialog import OutcomeMeasureDialog
from imsdesk.gui.safety_screen_dialog import SafetyScreenDialog
from imsdesk.services.outcomes import StoredScore
from imsdesk.services.visit_course import VisitCourse


class VisitCourseBar(QWidget):
    status_message = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("VisitCourseBar")
        self.services = services
        self.patient: Patient | None = None
        self.record: VisitRecord | None = None
        self.clinician_id: int | None = None
        self.scores: list[StoredScore] = []  # the visit's outcome scores, as shown
        self.screen_button = self._button("screen_button", self.take_screen)
        self.episode_button = self._button("episode_button", self.edit_episode)
        self.outcome_button = self._button("outcome_button", self.add_outcome)
        self.event_button = self._button("event_button", self.add_event)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (
            self.screen_button,
            self.episode_button,
            self.outcome_button,
            self.event_button,
        ):
            layout.addWidget(button)
        layout.addStretch(1)

    def _button(self, name: str, slot: object) -> QPushButton:
        button = QPushButton(objectName=name)
        button.clicked.connect(slot)
        return button

    def show_for(self, patient: Patient, record: VisitRecord, course: VisitCourse) -> None:
        """Show the visit's course of care, as the visit screen read it."""
        self.patient, self.record = patient, record
        self._show(record, course)

    def refresh(self) -> None:
        """Read the course again (a dialog saved, or another workstation did)."""
        record = self.record
        if self.patient is None or record is None:
            return
        self._show(record, self.services.course.course(record.visit.id))  # one read for all

    def _show(self, record: VisitRecord, course: VisitCourse) -> None:
        editable = record.visit.is_editable
        status = course.screen
        if status.due:
            self.screen_button.setText("⚠ Safety screen due…")
            self.screen_button.setToolTip(
                "No screen yet, or the last one is older than the clinic's interval. "
                "Signing needs a current screen with consent."
            )
        else:
            when = status.recorded_on.isoformat() if status.recorded_on else ""
            self.screen_button.setText(f"✓ Safety screen {when}…")
            self.screen_button.setToolTip("Review or retake the contraindication screen")
        self.screen_button.setEnabled(editable)

        place = course.episode
        if place is None:
            self.episode_button.setText("Episode…" if course.has_open_episode else "Episode: none…")
            self.episode_button.setToolTip("Open an episode of care: condition, referral, goals")
        else:
            episode, number = place
            self.episode_button.setText(
                f"{episode.condition} · visit {number} "
                f"(typical course ~{course.typical_course_visits:g})…"
            )
            self.episode_button.setToolTip(
                f"Episode since {episode.started_on.isoformat()}"
                + (f", referred by {episode.referral_source}" if episode.referral_source else "")
            )
        self.episode_button.setEnabled(editable or place is not None)

        scores = self.scores = course.scores
        self.outcome_button.setText(f"Outcome measures ({len(scores)})…")
        self.outcome_button.setToolTip(
            "; ".join(f"{s.instrument.value.upper()} {s.score:g}" for s in scores)
            or "Enter a questionnaire (NPRS, ODI, NDI, PSFS, QuickDASH, LEFS)"
        )
        self.outcome_button.setEnabled(editable)
        events = course.events
        self.event_button.setText(f"Adverse events ({len(events)})…")
        self.event_button.setToolTip(
            "; ".join(e.kind.label for e in events)
            or "Record fainting, bleeding, a suspected pneumothorax… (also after signing)"
        )

    # -- dialogs ----------------------------------------------------------------
    def take_screen(self) -> None:
        patient, record, user = self.patient, self.record, self.clinician_id
        if patient is None or record is None or user is None:
            return
        screening = self.services.screening
        dialog = SafetyScreenDialog(
            lambda screen: screening.record(patient.id, user, screen, visit_id=record.visit.id),
            self,
            screening.latest(patient.id),
        )
        if dialog.exec() and dialog.saved is not None:
            self.status_message.emit("Safety screen and consent saved.")
            self.refresh()

    def edit_episode(self) -> None:
        patient, record = self.patient, self.record
        if patient is None or record is None:
            return
        episodes = self.services.episodes
        current = episodes.current(patient.id)
        if current is None:
            dialog = EpisodeDialog(lambda details: episodes.open(patient.id, details), self)
        else:
            dialog = EpisodeDialog(
                lambda details: episodes.update(current.id, details), self, current
            )
        if dialog.exec() and dialog.saved is not None:
            self.status_message.emit(f"Episode saved: {dialog.saved.condition}.")
            self.refresh()

    def add_outcome(self) -> None:
        record = self.record
        if record is None:
            return
        dialog = OutcomeMeasureDialog(partial(self.services.outcomes.record, record.visit.id), self)
        if dialog.exec() and dialog.saved is not None:
            self.status_message.emit(
                f"{dialog.saved.instrument.value.upper()} saved: {dialog.saved.score:g}."
            )
            self.refresh()

    def add_event(self) -> None:
        record, user = self.record, self.clinician_id
        if record is None or user is None:
            return
        events = self.services.adverse_events
        dialog = AdverseEventDialog(lambda event: events.record(record.visit.id, user, event), self)
        if dialog.exec() and dialog.saved is not None:
            self.status_message.emit("Adverse event recorded.")
            self.refresh()

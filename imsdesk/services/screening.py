"""Recording the safety screen and consent, and knowing when the next one is due."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from imsdesk.domain.audit import AuditAction, RecordKind
from imsdesk.domain.screening import Consent, SafetyScreen, screen_is_due, screen_problems
from imsdesk.domain.visit_record import ScreenStatus
from imsdesk.services.audit import add_audit_row
from imsdesk.services.errors import NotFound, ValidationError
from imsdesk.store.database import Database
from imsdesk.store.driver_statements import DriverUnit, Run
from imsdesk.store.models import PatientRow, SafetyScreenRow, UserRow


class ScreeningService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def record(
        self, patient_id: int, user_id: int, screen: SafetyScreen, *, visit_id: int | None = None
    ) -> SafetyScreen:
        problems = screen_problems(screen)
        if problems:
            raise ValidationError(problems)
        with self._db.transaction() as session:
            if session.get(PatientRow, patient_id) is None:
                raise NotFound(f"No patient with id {patient_id}.")
            session.add(
                SafetyScreenRow(
                    patient_id=patient_id,
                    visit_id=visit_id,
                    recorded_by_id=user_id,
                    answers=json.dumps(screen.answers, sort_keys=True),
                    notes=screen.notes,
                    consent_given=screen.consent.given,
                    consent_given_by=screen.consent.given_by.strip(),
                    consent_explained=screen.consent.explained,
                )
            )
            consent = "consent given" if screen.consent.given else "consent not given"
            add_audit_row(
                session,
                AuditAction.CREATE,
                RecordKind.PATIENT,
                patient_id,
                detail=f"safety screen ({consent})",
                user_id=user_id,
            )
        latest = self.latest(patient_id)
        assert latest is not None
        return latest

    def latest(self, patient_id: int) -> SafetyScreen | None:
        with self._db.reading() as session:
            return latest_screen(session, patient_id)

    def is_due(self, patient_id: int, on: date, interval_days: int) -> bool:
        latest = self.latest(patient_id)
        return screen_is_due(latest.recorded_on if latest else None, on, interval_days)


def latest_screen(
    reader: Session | Connection | DriverUnit, patient_id: int
) -> SafetyScreen | None:
    """The patient's most recent safety screen, read inside the caller's unit of work
    (one plain statement: it is read on every opening of a visit)."""
    row = reader.execute(*latest_screen_read(patient_id)).first()
    if row is None:
        return None
    answers, given, given_by, explained, notes, recorded_at, recorded_by = row
    return SafetyScreen(
        answers=json.loads(answers),
        consent=Consent(given, given_by, explained),
        notes=notes,
        recorded_on=recorded_at.astimezone().date(),
        recorded_by_name=recorded_by,
    )


def latest_screen_read(patient_id: int) -> Run:
    """What ``latest_screen`` runs (DriverUnit.read_ahead)."""
    return _LATEST, {"s_patient": patient_id}


def screen_status_on(
    reader: Session | Connection | DriverUnit, patient_id: int, day: date, interval_days: int
) -> ScreenStatus:
    """Where the patient's screen stands on ``day`` (a visit's), by the clinic's interval."""
    latest = latest_screen(reader, patient_id)
    recorded_on = latest.recorded_on if latest else None
    due = screen_is_due(recorded_on, day, interval_days)
    return ScreenStatus(due, latest.consent.given if latest else None, recorded_on)


_LATEST = (  # built once
    select(
        SafetyScreenRow.answers,
        SafetyScreenRow.consent_given,
        SafetyScreenRow.consent_given_by,
        SafetyScreenRow.consent_explained,
        SafetyScreenRow.notes,
        SafetyScreenRow.recorded_at,
        UserRow.display_name,
    )
    .join(UserRow, UserRow.id == SafetyScreenRow.recorded_by_id)
    .where(SafetyScreenRow.patient_id == bindparam("s_patient"))
    .order_by(SafetyScreenRow.recorded_at.desc(), SafetyScreenRow.id.desc())
    .limit(1)
)

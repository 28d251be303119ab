"""Recording the safety screen and consent, and knowing when the next one is due."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from imsdesk.domain.audit import AuditAction, RecordKind
from imsdesk.domain.screening import Consent, SafetyScreen, screen_is_due, screen_problems
from imsdesk.domain.visit_record import ScreenStatus
from imsdesk.services.audit import add_audit_row
from imsdesk.services.errors import NotFound, ValidationError
from imsdesk.store.database import Database
from imsdesk.store.models import PatientRow, SafetyScreenRow


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


def latest_screen(session: Session, patient_id: int) -> SafetyScreen | None:
    """The patient's most recent safety screen, read inside the caller's unit of work."""
    row = session.scalars(
        select(SafetyScreenRow)
        .options(joinedload(SafetyScreenRow.recorded_by))
        .where(SafetyScreenRow.patient_id == patient_id)
        .order_by(SafetyScreenRow.recorded_at.desc(), SafetyScreenRow.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return SafetyScreen(
        answers=json.loads(row.answers),
        consent=Consent(row.consent_given, row.consent_given_by, row.consent_explained),
        notes=row.notes,
        recorded_on=row.recorded_at.astimezone().date(),
        recorded_by_name=row.recorded_by.display_name,
    )


def screen_status_on(
    session: Session, patient_id: int, day: date, interval_days: int
) -> ScreenStatus:
    """Where the patient's screen stands on ``day`` (a visit's), by the clinic's interval."""
    latest = latest_screen(session, patient_id)
    recorded_on = latest.recorded_on if latest else None
    due = screen_is_due(recorded_on, day, interval_days)
    return ScreenStatus(due, latest.consent.given if latest else None, recorded_on)

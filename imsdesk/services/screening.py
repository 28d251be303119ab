"""Recording the safety screen and consent, and knowing when the next one is due."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, Select, bindparam, select
from sqlalchemy.orm import Session

from imsdesk.domain.audit import AuditAction, RecordKind
from imsdesk.domain.screening import Consent, SafetyScreen, screen_is_due, screen_problems
from imsdesk.domain.visit_record import ScreenStatus
from imsdesk.services.audit import add_audit_row
from imsdesk.services.errors import NotFound, ValidationError
from imsdesk.store.database import Database
from imsdesk.store.driver_statements import DriverUnit, Run
from imsdesk.store.models import PatientRow, SafetyScreenRow, UserRow, VisitRow


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
    return _screen(reader.execute(_LATEST, {"s_patient": patient_id}).first())


def latest_screen_of_visit(
    reader: Session | Connection | DriverUnit, visit_id: int
) -> SafetyScreen | None:
    """As ``latest_screen``, for the patient of the visit (found by the visit alone)."""
    return _screen(reader.execute(*latest_screen_of_visit_read(visit_id)).first())


def latest_screen_of_visit_read(visit_id: int) -> Run:
    """What ``latest_screen_of_visit`` runs (DriverUnit.run_together)."""
    return _LATEST_OF_VISIT, {"s_visit": visit_id}


def screen_status_on(
    reader: Session | Connection | DriverUnit, patient_id: int, day: date, interval_days: int
) -> ScreenStatus:
    """Where the patient's screen stands on ``day`` (a visit's), by the clinic's interval."""
    return screen_status(latest_screen(reader, patient_id), day, interval_days)


def screen_status(latest: SafetyScreen | None, day: date, interval_days: int) -> ScreenStatus:
    """Where a screen (the patient's latest, or none) stands on ``day``."""
    recorded_on = latest.recorded_on if latest else None
    due = screen_is_due(recorded_on, day, interval_days)
    return ScreenStatus(due, latest.consent.given if latest else None, recorded_on)


def _screen(row: Row[Any] | None) -> SafetyScreen | None:
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


def _latest_of(patient: ColumnElement[int]) -> Select[Any]:
    """The latest screen of ``patient`` (a parameter, or a subquery finding it)."""
    return (
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
        .where(SafetyScreenRow.patient_id == patient)
        .order_by(SafetyScreenRow.recorded_at.desc(), SafetyScreenRow.id.desc())
        .limit(1)
    )


_LATEST = _latest_of(bindparam("s_patient"))  # built once
_LATEST_OF_VISIT = _latest_of(
    select(VisitRow.patient_id).where(VisitRow.id == bindparam("s_visit")).scalar_subquery()
)

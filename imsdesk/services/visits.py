"""A patient's visits: listing them and starting a new draft."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from imsdesk.domain.audit import AuditAction, RecordKind
from imsdesk.domain.visits import Visit, VisitStatus, visit_date_problem
from imsdesk.services.audit import ActingUser
from imsdesk.services.errors import NotFound, ServiceError, ValidationError
from imsdesk.store.database import Database
from imsdesk.store.models import EpisodeRow, PatientRow, UserRow, VisitRow
from imsdesk.store.types import utc_now


class VisitService:
    def __init__(self, db: Database, acting: ActingUser | None = None) -> None:
        self._db = db
        self._acting = acting or ActingUser()

    def list_for_patient(self, patient_id: int) -> list[Visit]:
        """Newest first, each numbered in the order it happened."""
        with self._db.reading() as session:
            rows = _visit_rows(session, patient_id)
        visits = [_to_visit(row, number) for number, row in enumerate(rows, start=1)]
        return visits[::-1]

    def get(self, visit_id: int) -> Visit:
        with self._db.reading() as session:
            row = session.get(VisitRow, visit_id)
            if row is None:
                raise NotFound(f"No visit with id {visit_id}.")
            numbers = {r.id: n for n, r in enumerate(_visit_rows(session, row.patient_id), 1)}
            return _to_visit(row, numbers[row.id])

    def latest_draft(self, patient_id: int) -> Visit | None:
        drafts = [v for v in self.list_for_patient(patient_id) if v.status is VisitStatus.DRAFT]
        return drafts[0] if drafts else None

    def start_draft(
        self, patient_id: int, therapist_id: int, *, started_at: datetime | None = None
    ) -> Visit:
        started_at = started_at or utc_now()
        with self._db.transaction() as session:
            patient = session.get(PatientRow, patient_id)
            if patient is None:
                raise NotFound(f"No patient with id {patient_id}.")
            problem = visit_date_problem(started_at, patient.date_of_birth, utc_now())
            if problem:
                raise ValidationError({"started_at": problem})
            therapist = session.get(UserRow, therapist_id)
            if therapist is None or not therapist.active:
                raise ServiceError("Visits are charted by an active therapist; none was given.")
            # A new visit joins the patient's open episode of care, if there is one.
            episode_id = session.scalars(
                select(EpisodeRow.id)
                .where(EpisodeRow.patient_id == patient_id, EpisodeRow.closed_on.is_(None))
                .order_by(EpisodeRow.started_on.desc(), EpisodeRow.id.desc())
            ).first()
            row = VisitRow(
                patient_id=patient_id,
                therapist_id=therapist_id,
                started_at=started_at,
                status=VisitStatus.DRAFT.value,
                episode_id=episode_id,
            )
            session.add(row)
            session.flush()
            visit_id = row.id
            self._acting.audit(session, AuditAction.CREATE, RecordKind.VISIT, visit_id)
        return self.get(visit_id)


def _visit_rows(session: Session, patient_id: int) -> list[VisitRow]:
    return list(
        session.scalars(
            select(VisitRow)
            .options(joinedload(VisitRow.therapist))
            .where(VisitRow.patient_id == patient_id)
            .order_by(VisitRow.started_at, VisitRow.id)
        )
    )


def _to_visit(row: VisitRow, number: int) -> Visit:
    return Visit(
        id=row.id,
        patient_id=row.patient_id,
        therapist_id=row.therapist_id,
        therapist_name=row.therapist.display_name,
        started_at=row.started_at,
        status=VisitStatus(row.status),
        number=number,
    )

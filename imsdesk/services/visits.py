"""A patient's visits: listing them and starting a new draft."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, and_, bindparam, func, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import Label
from sqlalchemy.sql.selectable import ScalarSelect

from imsdesk.domain.audit import AuditAction, RecordKind
from imsdesk.domain.visits import Visit, VisitStatus, todays_draft, visit_date_problem
from imsdesk.services.audit import ActingUser
from imsdesk.services.errors import NotFound, ServiceError, ValidationError
from imsdesk.store.database import Database
from imsdesk.store.driver_statements import DriverUnit, Run
from imsdesk.store.models import EpisodeRow, PatientRow, UserRow, VisitRow
from imsdesk.store.types import utc_now


class VisitService:
    def __init__(self, db: Database, acting: ActingUser | None = None) -> None:
        self._db = db
        self._acting = acting or ActingUser()

    def list_for_patient(self, patient_id: int) -> list[Visit]:
        """Newest first, each numbered in the order it happened."""
        with self._db.reading() as session:
            rows = session.execute(
                LISTED_VISITS.where(VisitRow.patient_id == patient_id).order_by(
                    VisitRow.started_at, VisitRow.id
                )
            ).all()
        visits = [
            to_visit(row, row.display_name, number) for number, row in enumerate(rows, start=1)
        ]
        return visits[::-1]

    def get(self, visit_id: int) -> Visit:
        with self._db.statements() as connection:
            return visit_in(connection, visit_id)

    def previous(self, visit: Visit) -> Visit | None:
        """The patient's visit just before ``visit``, read alone (a chart may hold hundreds)."""
        with self._db.statements() as connection:
            found = previous_in(connection, visit)
        return None if found is None else found[0]

    def latest_draft(self, patient_id: int) -> Visit | None:
        drafts = [v for v in self.list_for_patient(patient_id) if v.status is VisitStatus.DRAFT]
        return drafts[0] if drafts else None

    def start_or_continue(
        self, patient_id: int, therapist_id: int, today: date
    ) -> tuple[Visit, bool]:
        """Today's visit for the patient, and whether it was started now: the draft already
        started today if there is one (a second would chart one treatment twice), else a
        new draft."""
        draft = todays_draft(self.list_for_patient(patient_id), today)
        if draft is not None:
            return draft, False
        return self.start_draft(patient_id, therapist_id), True

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


# What a visit is listed with: a few columns, no ORM objects (a chart may hold hundreds).
LISTED_VISITS = select(
    VisitRow.id,
    VisitRow.patient_id,
    VisitRow.therapist_id,
    UserRow.display_name,
    VisitRow.started_at,
    VisitRow.status,
).join(UserRow, UserRow.id == VisitRow.therapist_id)


def _earlier(visit: Any, patient_id: Any, started_at: Any, visit_id: Any) -> ColumnElement[bool]:
    """``visit`` came before the given one in the same chart (ties broken by id)."""
    return and_(
        visit.patient_id == patient_id,
        (visit.started_at < started_at)
        | ((visit.started_at == started_at) & (visit.id < visit_id)),
    )


def numbered_in_chart() -> Label[int]:
    """Each listed visit's place in its patient's history, counted in the same statement."""
    earlier = aliased(VisitRow)
    count = (
        select(func.count(earlier.id))
        .where(_earlier(earlier, VisitRow.patient_id, VisitRow.started_at, VisitRow.id))
        .scalar_subquery()
    )
    return (count + 1).label("number")


def to_visit(row: Row[Any] | VisitRow, therapist_name: str, number: int) -> Visit:
    return Visit(
        id=row.id,
        patient_id=row.patient_id,
        therapist_id=row.therapist_id,
        therapist_name=therapist_name,
        started_at=row.started_at,
        status=VisitStatus(row.status),
        number=number,
    )


_ONE_VISIT = (  # built once
    LISTED_VISITS.add_columns(numbered_in_chart()).where(VisitRow.id == bindparam("v_visit"))
)


def visit_in(reader: Session | Connection | DriverUnit, visit_id: int) -> Visit:
    """The visit, numbered in its chart, or NotFound: one statement inside the caller's
    unit of work."""
    row = reader.execute(_ONE_VISIT, {"v_visit": visit_id}).first()
    if row is None:
        raise NotFound(f"No visit with id {visit_id}.")
    return to_visit(row, row.display_name, row.number)


def previous_id_of(visit: ColumnElement[int]) -> ScalarSelect[int]:
    """The id of the patient's visit just before ``visit`` (a parameter), as a subquery:
    found by that visit's id alone (read with the rest of a visit's screen, before the
    visit itself is known)."""
    this = aliased(VisitRow, name="this")
    return (
        select(VisitRow.id)
        .join(
            this,
            and_(this.id == visit, _earlier(VisitRow, this.patient_id, this.started_at, this.id)),
        )
        .order_by(VisitRow.started_at.desc(), VisitRow.id.desc())
        .limit(1)
        .scalar_subquery()
    )


_PREVIOUS = (  # built once
    LISTED_VISITS.add_columns(VisitRow.plan).where(
        VisitRow.id == previous_id_of(bindparam("p_visit"))
    )
)


def previous_in(
    reader: Session | Connection | DriverUnit, visit: Visit
) -> tuple[Visit, str] | None:
    """The patient's visit just before ``visit``, and its plan (a draft offers to carry it
    forward): one statement inside the caller's unit of work."""
    row = reader.execute(*previous_read(visit.id)).first()
    return None if row is None else (to_visit(row, row.display_name, visit.number - 1), row.plan)


def previous_read(visit_id: int) -> Run:
    """What ``previous_in`` runs (DriverUnit.run_together)."""
    return _PREVIOUS, {"p_visit": visit_id}

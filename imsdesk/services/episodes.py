"""Episodes of care: opening one, keeping visits in it, closing it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, bindparam, exists, func, select
from sqlalchemy.orm import Session

from imsdesk.domain.audit import AuditAction, RecordKind
from imsdesk.domain.episodes import Episode, EpisodeDetails, episode_problems
from imsdesk.services.audit import ActingUser
from imsdesk.services.errors import NotFound, ValidationError
from imsdesk.store.database import Database
from imsdesk.store.driver_statements import DriverUnit, Run
from imsdesk.store.models import EpisodeRow, PatientRow, VisitRow


class EpisodeService:
    def __init__(self, db: Database, acting: ActingUser | None = None) -> None:
        self._db = db
        self._acting = acting or ActingUser()

    def open(
        self, patient_id: int, details: EpisodeDetails, *, today: date | None = None
    ) -> Episode:
        """Start an episode; the patient's next visits belong to it until it is closed."""
        problems = episode_problems(details, today or date.today())
        if problems:
            raise ValidationError(problems)
        with self._db.transaction() as session:
            patient = session.get(PatientRow, patient_id)
            if patient is None:
                raise NotFound(f"No patient with id {patient_id}.")
            _refuse_dates_before_birth(details, patient.date_of_birth)
            row = EpisodeRow(patient_id=patient_id)
            _fill(row, details)
            session.add(row)
            session.flush()
            self._acting.audit(session, AuditAction.CREATE, RecordKind.EPISODE, row.id)
            return _to_episode(row)

    def update(
        self, episode_id: int, details: EpisodeDetails, *, today: date | None = None
    ) -> Episode:
        problems = episode_problems(details, today or date.today())
        if problems:
            raise ValidationError(problems)
        with self._db.transaction() as session:
            row = _row(session, episode_id)
            patient = session.get(PatientRow, row.patient_id)
            assert patient is not None  # episodes refuse to outlive their patient
            _refuse_dates_before_birth(details, patient.date_of_birth)
            _fill(row, details)
            self._acting.audit(session, AuditAction.EDIT, RecordKind.EPISODE, episode_id)
            return _to_episode(row)

    def close(self, episode_id: int, on: date) -> Episode:
        with self._db.transaction() as session:
            row = _row(session, episode_id)
            if on < row.started_on:
                raise ValidationError({"closed_on": "An episode cannot close before it started."})
            row.closed_on = on
            detail = f"closed on {on.isoformat()}"
            self._acting.audit(session, AuditAction.EDIT, RecordKind.EPISODE, episode_id, detail)
            return _to_episode(row)

    def for_patient(self, patient_id: int) -> list[Episode]:
        """Newest first."""
        with self._db.reading() as session:
            rows = session.scalars(
                select(EpisodeRow)
                .where(EpisodeRow.patient_id == patient_id)
                .order_by(EpisodeRow.started_on.desc(), EpisodeRow.id.desc())
            )
            return [_to_episode(row) for row in rows]

    def current(self, patient_id: int) -> Episode | None:
        return next((e for e in self.for_patient(patient_id) if e.is_open), None)

    def get(self, episode_id: int) -> Episode:
        with self._db.reading() as session:
            return _to_episode(_row(session, episode_id))

    def visit_number(self, visit_id: int) -> tuple[Episode, int] | None:
        """The visit's episode and its place in it (1 for the episode's first visit)."""
        with self._db.statements() as connection:
            return visit_episode(connection, visit_id).place


@dataclass(frozen=True)
class VisitEpisode:
    place: tuple[Episode, int] | None  # the visit's episode and its place in it
    patient_has_open: bool  # the patient has an episode of care open now


def visit_episode(reader: Session | Connection | DriverUnit, visit_id: int) -> VisitEpisode:
    """The visit's episode, its place in it and whether the patient has one open now:
    one statement inside the caller's unit of work (read on every opening of a visit)."""
    row = reader.execute(*visit_episode_read(visit_id)).first()
    if row is None:
        raise NotFound(f"No visit with id {visit_id}.")
    place = None if row.id is None else (_to_episode(row), row.place)
    return VisitEpisode(place, bool(row.has_open))


def visit_episode_read(visit_id: int) -> Run:
    """What ``visit_episode`` runs (DriverUnit.run_together)."""
    return _VISIT_EPISODE, {"e_visit": visit_id}


def place_in_episode_column(visits: Any) -> ColumnElement[int]:
    """The visit's place in its episode of care (1 for the first) as a column of a
    statement reading ``visits`` (the visits table): one statement gathers the visit with
    its number. Meaningless outside an episode (the caller reads the episode too)."""
    earlier = VisitRow.__table__.alias("earlier")
    before = (
        select(func.count(earlier.c.id))
        .where(_before_in_episode(earlier.c, visits.c.episode_id, visits.c.started_at, visits.c.id))
        .scalar_subquery()
    )
    return before + 1


def _before_in_episode(
    earlier: Any, episode_id: object, started_at: object, visit_id: object
) -> ColumnElement[bool]:
    """Visits of the episode that came before the given one (by start, then by id)."""
    return (earlier.episode_id == episode_id) & (
        (earlier.started_at < started_at)
        | ((earlier.started_at == started_at) & (earlier.id < visit_id))
    )


def _refuse_dates_before_birth(details: EpisodeDetails, born: date) -> None:
    problems = {
        name: f"{label} is before the patient was born ({born.isoformat()})."
        for name, label, day in (
            ("started_on", "The start date", details.started_on),
            ("referral_date", "The referral date", details.referral_date),
        )
        if day is not None and day < born
    }
    if problems:
        raise ValidationError(problems)


def _row(session: Session, episode_id: int) -> EpisodeRow:
    row = session.get(EpisodeRow, episode_id)
    if row is None:
        raise NotFound(f"No episode with id {episode_id}.")
    return row


def _fill(row: EpisodeRow, details: EpisodeDetails) -> None:
    row.condition = details.condition.strip()
    row.started_on = details.started_on
    row.referral_source = details.referral_source.strip()
    row.referral_date = details.referral_date
    row.goals = details.goals


def _to_episode(row: EpisodeRow | Row[Any]) -> Episode:
    return Episode(
        condition=row.condition,
        started_on=row.started_on,
        referral_source=row.referral_source,
        referral_date=row.referral_date,
        goals=row.goals,
        id=row.id,
        patient_id=row.patient_id,
        closed_on=row.closed_on,
    )


_VISITS, _EPISODES = VisitRow.__table__, EpisodeRow.__table__
_OPEN_EPISODES = _EPISODES.alias("open_episodes")
_VISIT_EPISODE = (  # built once
    select(
        *(_EPISODES.c[name] for name in ("id", "patient_id", "condition", "started_on")),
        *(_EPISODES.c[name] for name in ("referral_source", "referral_date", "goals", "closed_on")),
        place_in_episode_column(_VISITS).label("place"),
        exists()
        .where(
            _OPEN_EPISODES.c.patient_id == _VISITS.c.patient_id,
            _OPEN_EPISODES.c.closed_on.is_(None),
        )
        .label("has_open"),
    )
    .select_from(_VISITS.outerjoin(_EPISODES, _EPISODES.c.id == _VISITS.c.episode_id))
    .where(_VISITS.c.id == bindparam("e_visit"))
)

"""Outcome measures at a visit: scored by the domain rules, stored with their answers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, bindparam, delete, select
from sqlalchemy.orm import Session

from imsdesk.domain.audit import AuditAction, RecordKind
from imsdesk.domain.draft_findings import OutcomeEntry
from imsdesk.domain.outcomes import InstrumentKey, ScoringError, get_instrument, score
from imsdesk.domain.plain_text import text_problem
from imsdesk.services.audit import ActingUser
from imsdesk.services.errors import ValidationError
from imsdesk.services.visit_access import changing_draft, visit_row
from imsdesk.store.database import Database
from imsdesk.store.driver_statements import DriverUnit, Run
from imsdesk.store.models import OutcomeScoreRow, VisitRow


@dataclass(frozen=True)
class StoredScore:
    id: int
    visit_id: int
    visit_started_at: datetime
    instrument: InstrumentKey
    answers: tuple[int | None, ...]
    activities: tuple[str, ...]
    score: float

    @property
    def entry(self) -> OutcomeEntry:
        """What signing compares: which score, of what, how much."""
        return OutcomeEntry(self.id, self.instrument, self.score)


class OutcomeService:
    def __init__(self, db: Database, acting: ActingUser | None = None) -> None:
        self._db = db
        self._acting = acting or ActingUser()

    def record(
        self,
        visit_id: int,
        instrument: str,
        answers: list[int | None],
        *,
        activities: list[str] | None = None,
    ) -> StoredScore:
        """Score ``answers`` by the instrument's own rules and store both."""
        try:
            key = get_instrument(instrument).key
            result = score(key, answers)
        except (ScoringError, KeyError, ValueError) as error:
            raise ValidationError({"answers": str(error).strip("'\"")}) from None
        names = [a.strip() for a in activities or []]
        for name in names:
            if problem := text_problem("Activity", name, 200):
                raise ValidationError({"activities": problem})
        with changing_draft(self._db, visit_id, "its outcome measures") as session:
            visit = visit_row(session, visit_id)  # read with the lock just taken
            row = OutcomeScoreRow(
                visit_id=visit_id,
                instrument=key.value,
                answers=json.dumps(list(result.answers)),
                activities=json.dumps(names, ensure_ascii=False),
                score=float(result.score),
            )
            session.add(row)
            session.flush()
            detail = f"outcome measure {key.value} added"
            self._acting.audit(session, AuditAction.EDIT, RecordKind.VISIT, visit_id, detail)
            return _stored(row, visit.started_at)

    def remove(self, visit_id: int, score_id: int) -> None:
        with changing_draft(self._db, visit_id, "its outcome measures") as session:
            target = (OutcomeScoreRow.id == score_id, OutcomeScoreRow.visit_id == visit_id)
            instrument = session.scalar(select(OutcomeScoreRow.instrument).where(*target))
            if instrument is None:
                return  # already gone
            session.execute(delete(OutcomeScoreRow).where(*target))
            detail = f"outcome measure {instrument} removed"
            self._acting.audit(session, AuditAction.DELETE, RecordKind.VISIT, visit_id, detail)

    def for_visit(self, visit_id: int) -> list[StoredScore]:
        with self._db.reading() as session:
            return scores_for_visit(session, visit_id)

    def for_patient(self, patient_id: int, *, episode_id: int | None = None) -> list[StoredScore]:
        """Every score of the patient (or one episode), oldest visit first."""
        statement = (
            select(OutcomeScoreRow, VisitRow.started_at)
            .join(VisitRow, VisitRow.id == OutcomeScoreRow.visit_id)
            .where(VisitRow.patient_id == patient_id)
            .order_by(VisitRow.started_at, OutcomeScoreRow.id)
        )
        if episode_id is not None:
            statement = statement.where(VisitRow.episode_id == episode_id)
        with self._db.reading() as session:
            return [_stored(row, started) for row, started in session.execute(statement).all()]


def scores_for_visit(reader: Session | Connection | DriverUnit, visit_id: int) -> list[StoredScore]:
    """The visit's scores in the order entered, inside the caller's unit of work."""
    rows = reader.execute(*scores_read(visit_id))
    return [_stored(row, row.started_at) for row in rows]


def scores_read(visit_id: int) -> Run:
    """What ``scores_for_visit`` runs (DriverUnit.run_together)."""
    return _FOR_VISIT, {"o_visit": visit_id}


_FOR_VISIT = (  # built once: read on every opening of a visit
    select(
        OutcomeScoreRow.id,
        OutcomeScoreRow.visit_id,
        VisitRow.started_at,
        OutcomeScoreRow.instrument,
        OutcomeScoreRow.answers,
        OutcomeScoreRow.activities,
        OutcomeScoreRow.score,
    )
    .join(VisitRow, VisitRow.id == OutcomeScoreRow.visit_id)
    .where(OutcomeScoreRow.visit_id == bindparam("o_visit"))
    .order_by(OutcomeScoreRow.id)
)


def _stored(row: OutcomeScoreRow | Row[Any], started_at: datetime) -> StoredScore:
    return StoredScore(
        id=row.id,
        visit_id=row.visit_id,
        visit_started_at=started_at,
        instrument=InstrumentKey(row.instrument),
        answers=tuple(json.loads(row.answers)),
        activities=tuple(json.loads(row.activities)),
        score=row.score,
    )

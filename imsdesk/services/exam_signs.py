"""Recording exam signs per spinal level and side, and reading them for the analysis."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from imsdesk.domain.anatomy import Side, SpinalLevel
from imsdesk.domain.segments import ExamSign, SignKind
from imsdesk.services.audit import ActingUser
from imsdesk.services.visit_access import set_draft_row
from imsdesk.store.database import Database
from imsdesk.store.driver_statements import DriverUnit, Run
from imsdesk.store.models import ExamSignRow


class ExamSignService:
    def __init__(self, db: Database, acting: ActingUser | None = None) -> None:
        self._db = db
        self._acting = acting or ActingUser()

    def signs(self, visit_id: int) -> list[ExamSign]:
        with self._db.statements() as connection:
            return visit_signs(connection, visit_id)

    def signs_by_visit(self, visit_ids: Iterable[int]) -> dict[int, list[ExamSign]]:
        """Each visit's signs in the order recorded, read at once (a report over a course)."""
        with self._db.reading() as session:
            return signs_in(session, visit_ids)

    def set_sign(self, visit_id: int, sign: ExamSign, present: bool) -> None:
        """Record (present=True) or withdraw a sign; one transaction, refused once signed."""
        values = {"level": sign.level.value, "side": sign.side.value, "kind": sign.kind.value}
        set_draft_row(
            self._db,
            visit_id,
            ExamSignRow,
            values,
            present,
            "its exam signs",
            lambda session: self._acting.note_edit(session, visit_id, "exam signs"),
        )


def signs_in(reader: Session | Connection, visit_ids: Iterable[int]) -> dict[int, list[ExamSign]]:
    """Each visit's signs in the order recorded, inside the caller's unit of work."""
    found: dict[int, list[ExamSign]] = {}
    for visit_id, *sign in reader.execute(_SIGNS, {"s_visits": list(visit_ids)}):
        found.setdefault(visit_id, []).append(_to_sign(*sign))
    return found


def visit_signs(reader: Session | Connection | DriverUnit, visit_id: int) -> list[ExamSign]:
    """One visit's signs in the order recorded (as ``signs_in``, compiled once: read on
    every opening of a visit)."""
    return [_to_sign(*sign) for sign in reader.execute(*visit_signs_read(visit_id))]


def visit_signs_read(visit_id: int) -> Run:
    """What ``visit_signs`` runs (DriverUnit.run_together)."""
    return _VISIT_SIGNS, {"s_visit": visit_id}


def _to_sign(level: str, side: str, kind: str) -> ExamSign:
    return ExamSign(SpinalLevel(level), Side(side), SignKind(kind))


_SIGN_COLUMNS = (ExamSignRow.level, ExamSignRow.side, ExamSignRow.kind)
_SIGNS = (  # built once
    select(ExamSignRow.visit_id, *_SIGN_COLUMNS)
    .where(ExamSignRow.visit_id.in_(bindparam("s_visits", expanding=True)))
    .order_by(ExamSignRow.id)
)
_VISIT_SIGNS = (
    select(*_SIGN_COLUMNS)
    .where(ExamSignRow.visit_id == bindparam("s_visit"))
    .order_by(ExamSignRow.id)
)

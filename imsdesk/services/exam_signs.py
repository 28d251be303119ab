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
from imsdesk.store.models import ExamSignRow


class ExamSignService:
    def __init__(self, db: Database, acting: ActingUser | None = None) -> None:
        self._db = db
        self._acting = acting or ActingUser()

    def signs(self, visit_id: int) -> list[ExamSign]:
        return self.signs_by_visit([visit_id]).get(visit_id, [])

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
    for visit_id, level, side, kind in reader.execute(_SIGNS, {"s_visits": list(visit_ids)}):
        sign = ExamSign(SpinalLevel(level), Side(side), SignKind(kind))
        found.setdefault(visit_id, []).append(sign)
    return found


_SIGNS = (  # built once: read on every opening of a visit
    select(ExamSignRow.visit_id, ExamSignRow.level, ExamSignRow.side, ExamSignRow.kind)
    .where(ExamSignRow.visit_id.in_(bindparam("s_visits", expanding=True)))
    .order_by(ExamSignRow.id)
)

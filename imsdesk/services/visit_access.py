"""Fetching a visit inside a unit of work, and refusing changes once it is signed."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, bindparam, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql.base import ExecutableOption as ORMOption

from imsdesk.domain.visits import VisitStatus
from imsdesk.services.errors import NotFound, RecordLocked
from imsdesk.store.database import Database
from imsdesk.store.driver_statements import DriverUnit
from imsdesk.store.models import VisitRow

_VISITS = VisitRow.__table__
_STATUS = select(_VISITS.c.status).where(_VISITS.c.id == bindparam("b_visit"))  # built once
# Before a change to a draft's rows: on PostgreSQL the row is share-locked, so signing
# (which updates it) waits for the change or the change sees the signature; SQLite's
# single writer and the lock triggers give the same order there.
_STATUS_FOR_CHANGE = _STATUS.with_for_update(read=True)


def visit_row(
    session: Session, visit_id: int, options: Sequence[ORMOption] = (), *, share_lock: bool = False
) -> VisitRow:
    """The visit, or NotFound; ``options`` load related rows with it (joinedload)."""
    lock = {"read": True} if share_lock else None
    row = session.get(VisitRow, visit_id, options=options, with_for_update=lock)
    if row is None:
        raise no_visit(visit_id)
    return row


def no_visit(visit_id: int) -> NotFound:
    return NotFound(f"No visit with id {visit_id}.")


def draft_row(session: Session, visit_id: int, what: str = "it", hint: str = "") -> VisitRow:
    """The visit, if it may still change; ``what`` names what the caller wanted to change."""
    row = visit_row(session, visit_id)
    _refuse_unless_draft(row.status, what, hint)
    return row


@contextmanager
def changing_draft(db: Database, visit_id: int, what: str) -> Iterator[Session]:
    """One unit of work adding or removing rows of a draft (exam signs, areas of pain,
    outcome scores), which signing compares with what the signer saw.

    The visit is share-locked first, as ``require_draft`` does, so on PostgreSQL signing
    waits for the change or the change sees the signature. (Not for a change of the
    visit row itself: two such locks both going on to update it would deadlock.) On
    SQLite a signature committed between the check and the write is refused by the lock
    trigger beneath; that refusal is RecordLocked too, as the check's own would be.
    """
    try:
        with db.transaction() as session:
            row = visit_row(session, visit_id, share_lock=True)
            _refuse_unless_draft(row.status, what, "")
            yield session
    except IntegrityError:
        with db.reading() as session:
            draft_row(session, visit_id, what)  # signed or gone meanwhile: says which
        raise


def set_draft_row(
    db: Database,
    visit_id: int,
    model: type[Any],
    values: dict[str, str],
    present: bool,
    what: str,
    changed: Callable[[Session], object],
) -> None:
    """Add (``present``) or remove the draft's row holding exactly ``values`` (an exam sign,
    an area of pain); ``changed`` runs in the same unit of work when something changed.

    A row added at another workstation at the same moment is recorded, as asked: the
    unique index refuses the second insert, which is then no error.
    """
    row = {"visit_id": visit_id, **values}
    key = [getattr(model, column) == value for column, value in row.items()]
    try:
        with changing_draft(db, visit_id, what) as session:
            exists = session.scalars(select(model.id).where(*key)).first() is not None
            if present == exists:
                return  # already as asked: nothing changed, nothing to audit
            if present:
                session.add(model(**row))
            else:
                session.execute(delete(model).where(*key))
            changed(session)
    except IntegrityError:
        if not present:
            raise


def visit_status(
    connection: Connection | DriverUnit, visit_id: int, *, for_change: bool = False
) -> str:
    """The visit's status read with one plain statement (the hot paths use no ORM);
    ``for_change``: share-locked for a change to the draft's rows."""
    statement = _STATUS_FOR_CHANGE if for_change else _STATUS
    status = connection.execute(statement, {"b_visit": visit_id}).scalar_one_or_none()
    if status is None:
        raise no_visit(visit_id)
    return str(status)


def require_draft(connection: Connection | DriverUnit, visit_id: int, what: str = "it") -> None:
    """As ``draft_row``, for a unit of work made of plain statements."""
    _refuse_unless_draft(visit_status(connection, visit_id, for_change=True), what, "")


def _refuse_unless_draft(status: str, what: str, hint: str) -> None:
    if status != VisitStatus.DRAFT.value:
        raise RecordLocked(f"This visit is signed; {what} can no longer change.{hint}")


def previous_visit_id(session: Session, visit_id: int) -> int | None:
    """The patient's visit just before this one (by start time), if any."""
    visit = visit_row(session, visit_id)
    return session.scalars(
        select(VisitRow.id)
        .where(
            VisitRow.patient_id == visit.patient_id,
            (VisitRow.started_at < visit.started_at)
            | ((VisitRow.started_at == visit.started_at) & (VisitRow.id < visit.id)),
        )
        .order_by(VisitRow.started_at.desc(), VisitRow.id.desc())
    ).first()

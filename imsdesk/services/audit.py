"""The audit trail: every chart opened, every record created, edited, signed, amended, printed
or exported, every sign-in and every backup leaves a row, in the same transaction as the
change it records (so a committed change never lacks its row)."""

from __future__ import annotations

import socket
from collections.abc import Iterable
from datetime import timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    Connection,
    Integer,
    Row,
    Select,
    String,
    bindparam,
    exists,
    func,
    insert,
    literal,
    select,
)
from sqlalchemy.orm import Session

from imsdesk.domain.audit import EDIT_AUDIT_MINUTES, AuditAction, AuditEntry, RecordKind
from imsdesk.store.database import Database
from imsdesk.store.driver_statements import DriverUnit, Run
from imsdesk.store.models import AuditRow, UserRow
from imsdesk.store.types import UTCDateTime, utc_now


class ActingUser:
    """Who the audit rows name: the user signed in on this workstation.

    The services of one window share one instance; the window sets it once the user has
    signed in. It stays None where no one signs in (the command line, demo data): those
    rows name the workstation alone.
    """

    __slots__ = ("id",)

    def __init__(self, user_id: int | None = None) -> None:
        self.id = user_id

    def audit(
        self,
        session: Session,
        action: AuditAction,
        record_kind: RecordKind,
        record_id: int | None,
        detail: str = "",
    ) -> None:
        """A row naming this user, in ``session``'s transaction."""
        add_audit_row(session, action, record_kind, record_id, detail=detail, user_id=self.id)

    def note_edit(self, unit: Session | Connection | DriverUnit, visit_id: int, part: str) -> None:
        """An autosaved edit of a draft visit by this user (see ``note_edit``)."""
        note_edit(unit, visit_id, part, self.id)


class AuditService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def record(
        self,
        action: str,
        record_kind: str,
        record_id: int | None,
        *,
        detail: str = "",
        user_id: int | None = None,
    ) -> None:
        self.record_many(action, record_kind, [record_id], detail=detail, user_id=user_id)

    def record_many(
        self,
        action: str,
        record_kind: str,
        record_ids: Iterable[int | None],
        *,
        detail: str = "",
        user_id: int | None = None,
    ) -> None:
        """One row per record, in one transaction (an export of many charts)."""
        with self._db.transaction() as session:
            for record_id in record_ids:
                add_audit_row(
                    session, action, record_kind, record_id, detail=detail, user_id=user_id
                )

    def for_record(self, record_kind: str, record_id: int) -> list[AuditEntry]:
        """Everything done to one record, oldest first."""
        statement = (
            entry_query()
            .where(AuditRow.record_kind == record_kind, AuditRow.record_id == record_id)
            .order_by(AuditRow.at, AuditRow.id)
        )
        with self._db.reading() as session:
            return [to_entry(row) for row in session.execute(statement)]


def entry_query() -> Select[Any]:
    """Audit rows with the names of their users (rows from the command line have none)."""
    return select(AuditRow, UserRow.username, UserRow.display_name).outerjoin(
        UserRow, UserRow.id == AuditRow.user_id
    )


def to_entry(row: Row[Any], record: str = "") -> AuditEntry:
    audit, username, display_name = row
    return AuditEntry(
        id=audit.id,
        at=audit.at,
        user_id=audit.user_id,
        username=username or "",
        user_name=display_name or "",
        workstation=audit.workstation,
        action=audit.action,
        record_kind=audit.record_kind,
        record_id=audit.record_id,
        record=record,
        detail=audit.detail,
    )


@cache
def workstation() -> str:
    """This computer's network name, as the audit trail records it."""
    return socket.gethostname()[:255]


def add_audit_row(
    unit: Session | Connection | DriverUnit,
    action: str,
    record_kind: str,
    record_id: int | None,
    *,
    detail: str = "",
    user_id: int | None = None,
) -> None:
    """Audit inside the caller's transaction: the row stands or falls with the change.
    In a unit of work of plain statements (a visit's opening) it is one statement too."""
    if isinstance(unit, Session):
        unit.add(AuditRow(**_row_values(action, record_kind, record_id, detail, user_id)))
    else:
        unit.execute(*audit_row_run(action, record_kind, record_id, detail, user_id))


def audit_row_run(
    action: str, record_kind: str, record_id: int | None, detail: str, user_id: int | None
) -> Run:
    """The plain statement writing one audit row, to run with others (a visit's opening,
    with the reads of its screen: DriverUnit.run_together)."""
    values = _row_values(action, record_kind, record_id, detail, user_id)
    return _ADD, {f"a_{name}": value for name, value in values.items()}


def _row_values(
    action: str, record_kind: str, record_id: int | None, detail: str, user_id: int | None
) -> dict[str, Any]:
    return {
        "at": utc_now(),
        "user_id": user_id,
        "workstation": workstation(),
        "action": str(action),  # the plain value of an AuditAction or RecordKind
        "record_kind": str(record_kind),
        "record_id": record_id,
        "detail": detail,
    }


def note_edit(
    unit: Session | Connection | DriverUnit, visit_id: int, part: str, user_id: int | None
) -> None:
    """Audit an autosaved edit of ``part`` of a draft visit, inside the caller's transaction.

    One "edit" row per visit, user and part per EDIT_AUDIT_MINUTES, not one per save:
    autosave writes a note after each pause in typing and the body map on every click,
    hundreds of saves a visit, and a row for each would bury the openings, signatures
    and exports a privacy officer looks for (and grow the log by ~100 rows a visit).
    Because the row is written in the same transaction as the change whenever no
    covering row exists, every committed edit has an "edit" row by the same user for
    the same part at most EDIT_AUDIT_MINUTES older; the visit's updated_at keeps the
    time of the last change. It costs one indexed statement (ix_audit_log_record), so
    a body-map click stays as cheap as before within a fraction of a millisecond.
    """
    now = utc_now()
    unit.execute(
        _NOTE_EDIT,
        {
            "e_at": now,
            "e_since": now - timedelta(minutes=EDIT_AUDIT_MINUTES),
            "e_user": user_id,
            "e_host": workstation(),
            "e_visit": visit_id,
            "e_part": part,
        },
    )


# Built once: the hot paths (a body-map click) run it with plain statements.
_LOG = AuditRow.__table__
_AUDITED = ("at", "user_id", "workstation", "action", "record_kind", "record_id", "detail")
_ADD = insert(_LOG).values(  # every value given: it is compiled once (DriverUnit)
    {name: bindparam(f"a_{name}", type_=_LOG.c[name].type) for name in _AUDITED}
)
_VISIT = bindparam("e_visit", type_=Integer())
_PART = bindparam("e_part", type_=String())
_USER = bindparam("e_user", type_=Integer())
_RECENT_EDIT = exists().where(
    _LOG.c.record_kind == RecordKind.VISIT.value,
    _LOG.c.record_id == _VISIT,
    # Action and user are compared as expressions so that no planner reaches for an
    # index by action or by user (the clinic log's): the visit's own rows are few, and
    # the (record_kind, record_id) index finds them however large the log grows.
    _LOG.c.action.concat("") == AuditAction.EDIT.value,
    func.coalesce(_LOG.c.user_id, 0) == func.coalesce(_USER, 0),
    _LOG.c.detail == _PART,
    _LOG.c.at >= bindparam("e_since", type_=UTCDateTime()),
)
_NOTE_EDIT = insert(_LOG).from_select(
    ["at", "user_id", "workstation", "action", "record_kind", "record_id", "detail"],
    select(
        bindparam("e_at", type_=UTCDateTime()),
        _USER,
        bindparam("e_host", type_=String()),
        literal(AuditAction.EDIT.value, String()),
        literal(RecordKind.VISIT.value, String()),
        _VISIT,
        _PART,
    ).where(~_RECENT_EDIT),
)

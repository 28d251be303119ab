"""The audit trail: every export (and, as it grows, every chart action) leaves a row."""

from __future__ import annotations

import socket
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from imsdesk.store.database import Database
from imsdesk.store.models import AuditRow


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    user_id: int | None
    workstation: str
    action: str  # e.g. "print", "export"
    record_kind: str  # e.g. "visit", "patient"
    record_id: int | None
    detail: str


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
        with self._db.reading() as session:
            rows = session.scalars(
                select(AuditRow)
                .where(AuditRow.record_kind == record_kind, AuditRow.record_id == record_id)
                .order_by(AuditRow.at, AuditRow.id)
            )
            return [
                AuditEntry(
                    r.at, r.user_id, r.workstation, r.action, r.record_kind, r.record_id, r.detail
                )
                for r in rows
            ]


def add_audit_row(
    session: Session,
    action: str,
    record_kind: str,
    record_id: int | None,
    *,
    detail: str = "",
    user_id: int | None = None,
) -> None:
    """Audit inside the caller's transaction: the row stands or falls with the change."""
    session.add(
        AuditRow(
            user_id=user_id,
            workstation=socket.gethostname()[:255],
            action=action,
            record_kind=record_kind,
            record_id=record_id,
            detail=detail,
        )
    )

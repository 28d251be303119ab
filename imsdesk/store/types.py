"""Column types shared by the models."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Store instants as UTC and hand them back timezone-aware.

    SQLite has no timezone type; keeping every instant in UTC means a visit
    started at 09:00 stays at 09:00 whichever workstation reads it.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def search_key(length: int) -> String:
    """A folded-text column compared byte-wise on every backend.

    Prefix search uses a range (key >= 'abc' AND key < 'abd'); with the "C"
    collation PostgreSQL orders like SQLite does, so the same query is correct
    and indexed on both.
    """
    return String(length).with_variant(String(length, collation="C"), "postgresql")


def utc_now() -> datetime:
    return datetime.now(UTC)

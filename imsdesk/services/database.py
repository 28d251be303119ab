"""Opening the clinic's database for the app and the CLI: one call, ready to use."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from imsdesk.store.database import Database, connect, describe, resolve_url
from imsdesk.store.schema import HealthReport, check_health, ensure_current_schema


@dataclass(frozen=True)
class OpenedDatabase:
    db: Database
    upgrade_backup: Path | None  # written when an older database was upgraded

    @property
    def location(self) -> str:
        return describe(self.db.url)


def open_clinic_database(url: str | None = None, *, upgrade: bool = True) -> OpenedDatabase:
    """Open --db/$IMSDESK_DB/the default file and bring its schema up to date.

    Raises StoreError with one line for a person when that cannot be done.
    """
    db = connect(resolve_url(url))
    try:
        backup = ensure_current_schema(db) if upgrade else None
    except Exception:
        db.close()
        raise
    return OpenedDatabase(db, backup)


def database_health(db: Database) -> HealthReport:
    return check_health(db)

"""Opening the clinic's database for the app and the CLI: one call, ready to use."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from imsdesk.services.backups import BackupService, latest_good_backup
from imsdesk.store.database import Database, connect, describe, resolve_url
from imsdesk.store.errors import DamagedDatabase
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

    A damaged SQLite file is refused untouched (DamagedDatabase names the latest good
    backup). An older database is backed up before it is upgraded (the app's other
    copies, on start and after, are made by its backup schedule while it runs).
    Raises StoreError with one line for a person when the database cannot be used.
    """
    try:
        db = connect(resolve_url(url))
    except DamagedDatabase as damage:
        latest = latest_good_backup(damage.path)
        raise DamagedDatabase(damage.path, damage.problem, latest) from None
    try:
        return _brought_up_to_date(db, upgrade=upgrade)
    except Exception:
        db.close()
        raise


def _brought_up_to_date(db: Database, *, upgrade: bool) -> OpenedDatabase:
    backups = BackupService(db)
    before_upgrade = backups.copy if backups.available else None
    upgrade_backup = ensure_current_schema(db, before_upgrade) if upgrade else None
    if upgrade_backup is not None:
        backups.record(upgrade_backup, "before upgrade")
    return OpenedDatabase(db, upgrade_backup)


def database_health(db: Database) -> HealthReport:
    return check_health(db)

"""Backups of the clinic's SQLite file: where they go, the rotating set, the latest good one.

The app backs up on start, every few hours while it runs and on close; those automatic
backups are pruned to a rotating set (see domain/backup_rotation.py). Backups made by
hand (`imsdesk backup`) and before a schema upgrade are never pruned.
A PostgreSQL database is backed up on its server, not by imsdesk.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from imsdesk.domain.backup_rotation import backups_to_keep
from imsdesk.services.audit import AuditService
from imsdesk.services.clinic_settings import ClinicSettingsService, setting_in_file
from imsdesk.store.backup_files import (
    UNFINISHED_SUFFIX,
    backup_sqlite,
    list_backups,
    parse_backup_name,
)
from imsdesk.store.database import Database, resolve_url
from imsdesk.store.errors import StoreError
from imsdesk.store.schema import revision_problem
from imsdesk.store.sqlite_file import file_revision, integrity_problem

AUTOMATIC_REASONS = ("start", "scheduled", "close")
SQLITE_ONLY = (
    "imsdesk backs up and restores SQLite database files only; back up a PostgreSQL "
    "database on its server (pg_dump, pg_restore)."
)


def sqlite_file_of(url: str | None, refusal: str = SQLITE_ONLY) -> Path:
    """The database file --db/$IMSDESK_DB/the default names; ``refusal`` for a server
    database."""
    resolved = resolve_url(url)
    database = resolved.database or ""
    if resolved.get_backend_name() != "sqlite" or database in ("", ":memory:"):
        raise StoreError(refusal)
    return Path(database)


def default_backup_folder() -> Path:
    from platformdirs import user_data_path

    return user_data_path("imsdesk", appauthor=False) / "backups"


def backup_folder_of(database: Path) -> Path:
    """The clinic's backup folder, read from the database file without opening it for use."""
    folder = setting_in_file(database, "backup_folder")
    return Path(folder) if isinstance(folder, str) and folder else default_backup_folder()


class BackupService:
    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def available(self) -> bool:
        return self._db.sqlite_path is not None

    def every_hours(self) -> int:
        return ClinicSettingsService(self._db).load().backup_every_hours

    def back_up(
        self, reason: str, folder: Path | None = None, *, now: datetime | None = None
    ) -> Path:
        """Copy the database now, record it in the audit trail and prune automatic backups."""
        path = self.copy(reason, folder, now=now)
        self.record(path, reason)
        return path

    def copy(self, reason: str, folder: Path | None = None, *, now: datetime | None = None) -> Path:
        """The copy alone: before an upgrade the audit trail may not exist yet."""
        source = self._source()
        now = now or datetime.now(UTC)
        path = backup_sqlite(source, folder or backup_folder_of(source), reason, now=now)
        if reason in AUTOMATIC_REASONS:
            prune_backups(path.parent, source.stem, now)
        return path

    def record(self, path: Path, reason: str) -> None:
        AuditService(self._db).record("backup", "database", None, detail=f"{reason} to {path}")

    def _source(self) -> Path:
        if self._db.sqlite_path is None:
            raise StoreError(SQLITE_ONLY)
        return self._db.sqlite_path


UNFINISHED_AFTER_S = 6 * 3600


def prune_backups(folder: Path, database_stem: str, now: datetime) -> list[Path]:
    """Delete the automatic backups the rotation no longer keeps; returns what went."""
    automatic = {
        backup.path: backup.taken_at.astimezone()  # the clinic's days, not UTC's
        for backup in list_backups(folder, database_stem)
        if backup.reason in AUTOMATIC_REASONS
    }
    removed = _unfinished_copies(folder, now)
    for path in automatic.keys() - backups_to_keep(automatic, now.astimezone()):
        try:
            path.unlink()
        except OSError:
            continue  # kept one more round; the next backup tries again
        removed.append(path)
    return removed


def _unfinished_copies(folder: Path, now: datetime) -> list[Path]:
    """Remove copies left unfinished (the app closed without waiting for one): each is as
    large as the database. Only old ones: a copy may be under way in another process."""
    removed = []
    for path in folder.glob(f".*{UNFINISHED_SUFFIX}"):
        try:
            if now.timestamp() - path.stat().st_mtime > UNFINISHED_AFTER_S:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


def backup_taken_at(path: Path) -> datetime | None:
    """When a backup was made, from its name (UTC); None for a file not named like one."""
    parsed = parse_backup_name(path)
    return parsed.taken_at if parsed else None


def latest_good_backup(database: Path) -> Path | None:
    """The newest backup of ``database`` that passes the quick check and this imsdesk can open."""
    folders = dict.fromkeys([backup_folder_of(database), default_backup_folder()])
    candidates = sorted(
        (backup for folder in folders for backup in list_backups(folder, database.stem)),
        key=lambda backup: backup.taken_at,
        reverse=True,
    )
    for backup in candidates:
        try:
            good = integrity_problem(backup.path) is None and not revision_problem(
                file_revision(backup.path), str(backup.path)
            )
        except StoreError:  # encrypted under another passphrase, or none was given
            continue
        if good:
            return backup.path
    return None

"""Bringing a database to the schema this version of imsdesk expects.

Alembic is imported only when a migration really has to run: on an
up-to-date database, start-up reads one row and moves on.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from imsdesk.store.database import Database, describe
from imsdesk.store.errors import StoreError
from imsdesk.store.revisions import KNOWN_REVISIONS, SCHEMA_HEAD, VERSION_TABLE

__all__ = ["KNOWN_REVISIONS", "SCHEMA_HEAD", "ensure_current_schema", "read_schema_state"]


@dataclass(frozen=True)
class SchemaState:
    revision: str | None  # None: an empty database
    is_current: bool


def read_schema_state(db: Database) -> SchemaState:
    with db.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        if VERSION_TABLE not in tables:
            if tables:
                raise StoreError(
                    f"{_where(db)} holds tables but is not an imsdesk database; left as it is."
                )
            return SchemaState(None, False)
        revision = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    return SchemaState(revision, revision == SCHEMA_HEAD)


def ensure_current_schema(db: Database, backup_dir: Path | None = None) -> Path | None:
    """Upgrade an older database to SCHEMA_HEAD, backing it up first.

    Returns the backup written (SQLite only), or None when nothing needed one.
    A database from a newer imsdesk is refused rather than touched.
    """
    state = read_schema_state(db)
    if state.is_current:
        return None
    if state.revision is not None and state.revision not in KNOWN_REVISIONS:
        raise StoreError(
            f"{_where(db)} was written by a newer imsdesk (schema {state.revision}); "
            "install that version or newer to open it."
        )
    backup = None
    if state.revision is not None and db.sqlite_path is not None:
        backup = backup_sqlite(
            db.sqlite_path, backup_dir, reason=f"before-upgrade-{state.revision}"
        )
    upgrade_to_head(db)
    return backup


def upgrade_to_head(db: Database) -> None:
    from alembic import command

    try:
        with db.engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
    except DBAPIError as error:
        raise StoreError(f"Could not upgrade {_where(db)}: {error.orig}") from None


def alembic_config(connection: object = None) -> object:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.attributes["connection"] = connection
    return config


def backup_sqlite(source: Path, backup_dir: Path | None, reason: str) -> Path:
    """Copy a live SQLite file with SQLite's online backup API (safe while in use)."""
    folder = backup_dir or source.parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{source.stem}-{stamp}-{reason}.sqlite"
    with closing(sqlite3.connect(source)) as live, closing(sqlite3.connect(target)) as copy:
        live.backup(copy)
    return target


@dataclass(frozen=True)
class HealthReport:
    database: str
    revision: str | None
    is_current: bool
    integrity: str  # "ok" or what the check found

    @property
    def healthy(self) -> bool:
        return self.is_current and self.integrity == "ok"


def check_health(db: Database) -> HealthReport:
    """Schema version and an integrity check, for `imsdesk check`."""
    state = read_schema_state(db)
    with db.engine.connect() as connection:
        if db.is_sqlite:
            rows = connection.execute(text("PRAGMA integrity_check")).scalars().all()
            integrity = "ok" if rows == ["ok"] else "; ".join(str(r) for r in rows[:5])
        else:
            connection.execute(text("SELECT count(*) FROM pg_catalog.pg_class"))
            integrity = "ok"
    return HealthReport(describe(db.url), state.revision, state.is_current, integrity)


def _where(db: Database) -> str:
    return str(db.sqlite_path) if db.sqlite_path else describe(db.url)

"""Bringing a database to the schema this version of imsdesk expects.

Alembic is imported only when a migration really has to run: on an
up-to-date database, start-up reads one row and moves on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


def ensure_current_schema(
    db: Database, back_up: Callable[[str], Path | None] | None = None
) -> Path | None:
    """Upgrade an older database to SCHEMA_HEAD, backing it up first.

    ``back_up(reason)`` copies the database before an upgrade touches it; what it returns
    (the backup written, if any) is returned. A database from a newer imsdesk is refused
    rather than touched.
    """
    state = read_schema_state(db)
    if state.is_current:
        return None
    backup = None
    if state.revision is not None:  # an existing database, not an empty file
        problem = revision_problem(state.revision, _where(db))
        if problem:
            raise StoreError(problem)
        if back_up is not None:
            backup = back_up(f"before-upgrade-{state.revision}")
    upgrade_to_head(db)
    return backup


def revision_problem(revision: str | None, where: str) -> str | None:
    """Why this imsdesk cannot use a database at ``revision`` (None: not an imsdesk one)."""
    if revision is None:
        return f"{where} is not an imsdesk database (it has no schema version)."
    if revision not in KNOWN_REVISIONS:
        return (
            f"{where} was written by a newer imsdesk (schema {revision}); "
            "install that version or newer to open it."
        )
    return None


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

"""What start-up reads with the standard library alone, before SQLAlchemy has loaded.

Whether the sign-in dialog can be shown at once: only for an up-to-date SQLite
file with an administrator who can sign in. Every other case returns None and
the app takes the ordinary path, which also gives the proper message for a
file that cannot be opened.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from imsdesk.store.revisions import SCHEMA_HEAD, VERSION_TABLE
from imsdesk.store.sqlite_file import BUSY_TIMEOUT_MS, SQLITE_HEADER

# The same question UserService.needs_first_admin answers (a test holds them equal).
_ADMINS_WHO_CAN_SIGN_IN = (
    "SELECT count(*) FROM users WHERE active AND role = 'admin' AND password_hash IS NOT NULL"
)


def read_sign_in_ready(path: Path) -> bool | None:
    """True: sign-in can be asked for now. None: open the database the ordinary way first."""
    if not _is_sqlite_file(path):
        return None
    try:
        with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)) as db:
            db.execute("PRAGMA query_only = ON")  # this early reader never writes
            if _revision(db) != SCHEMA_HEAD:
                return None  # new, older or newer: the ordinary path creates, upgrades or refuses
            admins = db.execute(_ADMINS_WHO_CAN_SIGN_IN).fetchone()[0]
            return True if admins else None
    except sqlite3.Error:
        return None


def _is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _revision(db: sqlite3.Connection) -> str | None:
    found = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (VERSION_TABLE,)
    ).fetchone()
    if found is None:
        return None
    row = db.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
    return row[0] if row else None

"""The SQLite file itself: where it is, whether it is safe to open, how each connection is set.

Only the standard library here, so the first screen can read the file before
SQLAlchemy has loaded; the engine uses the same checks and settings.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from imsdesk.store.errors import StoreError

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
DB_ENV_VAR = "IMSDESK_DB"


def default_database_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("imsdesk", appauthor=False) / "imsdesk.sqlite"


def requested_database(url: str | None) -> str:
    """What was asked for: --db, else $IMSDESK_DB; empty means the default file."""
    return url or os.environ.get(DB_ENV_VAR) or ""


def check_sqlite_file(path: Path) -> None:
    """Refuse, with one line, a path that is not (or cannot become) an imsdesk SQLite file."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file.")
    if path.exists():
        if not os.access(path, os.R_OK):
            raise StoreError(f"Cannot read {path}: permission denied.")
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header and header != SQLITE_HEADER:
            raise StoreError(
                f"{path} is not an imsdesk database (not an SQLite file); left as it is."
            )
        if not folder_writable(path.parent):
            raise StoreError(
                f"Cannot write to the folder {path.parent}: imsdesk needs it for the "
                "database's journal. Choose a folder you can write to."
            )
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"Cannot create the folder {path.parent}: {error.strerror}.") from None
    if not folder_writable(path.parent):
        raise StoreError(f"Cannot create a database in {path.parent}: the folder is read-only.")


def folder_writable(folder: Path) -> bool:
    """Really try: os.access says yes to root even on a read-only mount."""
    probe = folder / f".imsdesk-write-test-{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return False
    return True


def tune_sqlite_connection(connection: sqlite3.Connection) -> None:
    cursor = connection.cursor()
    try:
        # WAL lets the list read while a visit autosaves; synchronous=FULL makes
        # each commit survive a power cut; foreign keys are off by default in SQLite.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()

"""The SQLite file itself: where it is, whether it is safe to open, how each connection is set.

Only the standard library here, so the first screen can read the file before
SQLAlchemy has loaded; the engine uses the same checks and settings.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from imsdesk.store.errors import DamagedDatabase, StoreError, first_line
from imsdesk.store.revisions import VERSION_TABLE

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
DB_ENV_VAR = "IMSDESK_DB"
MAX_PROBLEMS_SHOWN = 1


def default_database_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("imsdesk", appauthor=False) / "imsdesk.sqlite"


def requested_database(url: str | None) -> str:
    """What was asked for: --db, else $IMSDESK_DB; empty means the default file."""
    return url or os.environ.get(DB_ENV_VAR) or ""


def check_sqlite_file(path: Path) -> None:
    """Refuse, with one line, a path that is not (or cannot become) an imsdesk SQLite file."""
    try:
        _check_sqlite_file(path)
    except OSError as error:  # e.g. a name longer than the file system allows
        reason = error.strerror or type(error).__name__
        raise StoreError(f"Cannot use {path} as the database: {reason}.") from None


def _check_sqlite_file(path: Path) -> None:
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


def is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def refuse_damaged_file(path: Path) -> None:
    """Raise DamagedDatabase when an existing SQLite file fails SQLite's quick check.

    The check reads through a read-only connection: a damaged file is never written to.
    """
    if not is_sqlite_file(path):
        return
    problem = integrity_problem(path)
    if problem is not None:
        raise DamagedDatabase(path, problem)


def read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file, whatever is asked of it."""
    return sqlite3.connect(
        f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
    )


def read_rows(path: Path, sql: str, parameters: Sequence[object] = ()) -> list[tuple]:
    with closing(read_only(path)) as connection:
        return connection.execute(sql, parameters).fetchall()


def file_revision(path: Path) -> str | None:
    """The schema version of an imsdesk SQLite file, read without opening it for writing."""
    try:
        rows = read_rows(path, f"SELECT version_num FROM {VERSION_TABLE}")
    except sqlite3.DatabaseError:
        return None  # no version table: not an imsdesk database
    return str(rows[0][0]) if rows else None


def integrity_problem(path: Path, *, quick: bool = True) -> str | None:
    """None when SQLite finds the file sound, else one line saying what it found.

    ``quick`` runs PRAGMA quick_check (the page structure, fast enough for every start);
    otherwise the full integrity_check, which also compares every index with its table.
    A quick check that passed is not run again in this process while the file (and its
    write-ahead log) are unchanged: start-up checks before the first window and again
    when the engine opens, and on a clinic of many years each check reads every page.
    """
    state = _file_state(path)
    if quick and state is not None and _PASSED_QUICK_CHECK.get(path) == state:
        return None
    pragma = "quick_check" if quick else "integrity_check"
    try:
        rows = [str(row[0]) for row in read_rows(path, f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as error:
        return first_line(error)
    if rows == ["ok"]:
        if state is not None:
            _PASSED_QUICK_CHECK[path] = state
        return None
    problems = [
        line.strip()
        for row in rows
        for line in row.splitlines()
        if line.strip() and not line.startswith("***")
    ]
    if not problems:
        return "the check failed without saying why"
    more = len(problems) - MAX_PROBLEMS_SHOWN
    shown = "; ".join(problems[:MAX_PROBLEMS_SHOWN])
    return f"{shown} (and {more} more)" if more > 0 else shown


_PASSED_QUICK_CHECK: dict[Path, tuple[tuple[int, int, int], ...]] = {}


def _file_state(path: Path) -> tuple[tuple[int, int, int], ...] | None:
    """What changes when anything writes the database: its file's and its log's stat."""
    states = []
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            found = part.stat()
        except OSError:
            if part == path:
                return None
            continue
        states.append((found.st_ino, found.st_size, found.st_mtime_ns))
    return tuple(states)


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

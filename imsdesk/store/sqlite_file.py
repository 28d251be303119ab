"""The SQLite file itself: where it is, whether it is safe to open, how each connection is set.

Only the standard library here (and SQLCipher for an encrypted file), so the first
screen can read the file before SQLAlchemy has loaded; the engine uses the same checks
and settings.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Sequence
from contextlib import closing, suppress
from pathlib import Path

from imsdesk.store.encryption import (
    PassphraseNeeded,
    clinic_passphrase,
    connect_keyed,
    database_errors,
    has_marker,
)
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
        if header and header != SQLITE_HEADER and not reads_with_key(path):
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


def is_encrypted_file(path: Path) -> bool:
    """Encrypted by imsdesk: marked so beside it, and not a plain SQLite file (a marker left
    beside a plain file, e.g. after a crash mid-conversion, is ignored)."""
    return has_marker(path) and _has_content(path) and not is_sqlite_file(path)


def reads_with_key(path: Path) -> bool:
    """Whether ``path`` is read through SQLCipher: an encrypted database, or a file that is
    not plain SQLite while the clinic passphrase is in hand (a backup of an encrypted
    database has no marker beside it)."""
    if not _has_content(path) or is_sqlite_file(path):
        return False
    return has_marker(path) or clinic_passphrase() is not None


def passphrase_for(path: Path) -> str:
    passphrase = clinic_passphrase()
    if passphrase is None:
        raise PassphraseNeeded(path)
    return passphrase


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def refuse_damaged_file(path: Path) -> None:
    """Raise DamagedDatabase when an existing SQLite file fails SQLite's quick check.

    The check reads through a read-only connection: a damaged file is never written to.
    """
    if not is_sqlite_file(path) and not reads_with_key(path):
        return
    problem = integrity_problem(path)
    if problem is not None:
        raise DamagedDatabase(path, problem)


def read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file, whatever is asked of it.

    An encrypted file gets an SQLCipher connection opened with the clinic passphrase
    (PassphraseNeeded without one, WrongPassphrase when it does not open the file).
    """
    if reads_with_key(path):
        return connect_keyed(
            path, passphrase_for(path), read_only=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
    return sqlite3.connect(
        f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
    )


def read_rows(path: Path, sql: str, parameters: Sequence[object] = ()) -> list[tuple]:
    with closing(read_only(path)) as connection:
        return connection.execute(sql, parameters).fetchall()


def file_revision(path: Path) -> str | None:
    """The schema version of an imsdesk SQLite file, read without opening it for writing."""
    try:
        with closing(read_only(path)) as connection:
            return revision_in(connection)
    except database_errors():
        return None  # cannot be opened: not an imsdesk database


def revision_in(connection: sqlite3.Connection) -> str | None:
    try:
        rows = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
    except database_errors():
        return None  # no version table: not an imsdesk database
    return str(rows[0][0]) if rows else None


def integrity_problem(path: Path, *, quick: bool = True) -> str | None:
    """None when SQLite finds the file sound, else one line saying what it found.

    ``quick`` runs PRAGMA quick_check (the page structure, fast enough for every start);
    otherwise the full integrity_check, which also compares every index with its table.
    A quick check already made in this process (or running: see check_in_background) is
    not run again while the file and its write-ahead log are unchanged: on a clinic of
    many years each check reads every page, seconds of it.
    """
    if not quick:
        return _checked(path, "integrity_check")
    running = _CHECKS_RUNNING.pop(path, None)
    if running is not None and running is not threading.current_thread():
        running.join()
    known = _quick_check_known(path)
    return known[0] if known is not None else _quick_check(path)


def check_in_background(path: Path) -> None:
    """Start the quick check of ``path`` on another thread; integrity_problem waits for it.

    Start-up calls this before its first window, so the check reads the file while the
    user signs in instead of before anything shows.
    """
    if path in _CHECKS_RUNNING or not (is_sqlite_file(path) or reads_with_key(path)):
        return
    thread = threading.Thread(
        target=_quick_check_quietly, args=(path,), name="imsdesk-quick-check", daemon=True
    )
    _CHECKS_RUNNING[path] = thread
    thread.start()


def quick_check_finished(path: Path) -> bool:
    """Whether integrity_problem(path) would answer at once (the check is known)."""
    running = _CHECKS_RUNNING.get(path)
    return (running is None or not running.is_alive()) and _quick_check_known(path) is not None


# What each quick check found, keyed by the file's state when it ran.
_QUICK_CHECKS: dict[Path, tuple[tuple[tuple[int, int, int], ...], str | None]] = {}
_CHECKS_RUNNING: dict[Path, threading.Thread] = {}


def _quick_check(path: Path) -> str | None:
    state = _file_state(path)
    problem = _checked(path, "quick_check")
    if state is not None and _file_state(path) == state:  # nothing wrote while it ran
        _QUICK_CHECKS[path] = (state, problem)
    return problem


def _quick_check_quietly(path: Path) -> None:
    """The background check: a file it cannot read (e.g. its passphrase is not known yet)
    leaves no answer, and opening checks again and says what is wrong."""
    with suppress(Exception):
        _quick_check(path)


def _quick_check_known(path: Path) -> tuple[str | None] | None:
    known = _QUICK_CHECKS.get(path)
    if known is None or known[0] != _file_state(path):
        return None
    return (known[1],)


def _checked(path: Path, pragma: str) -> str | None:
    try:
        rows = [str(row[0]) for row in read_rows(path, f"PRAGMA {pragma}")]
    except database_errors() as error:
        return first_line(error)
    if rows == ["ok"]:
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


def _file_state(path: Path) -> tuple[tuple[int, int, int], ...] | None:
    """What changes when anything writes the database: its file's and its log's stat.

    An empty log holds nothing (a reader may leave one behind), so it does not count.
    """
    states = []
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            found = part.stat()
        except OSError:
            if part == path:
                return None
            continue
        if found.st_size or part == path:
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
        # Without it, INSERT OR REPLACE deletes the row it replaces without firing DELETE
        # triggers: a signed visit or an audit row could be overwritten past the locks.
        cursor.execute("PRAGMA recursive_triggers=ON")
    finally:
        cursor.close()

"""Start-up's first question, answered before SQLAlchemy and the services have loaded."""

from __future__ import annotations

from pathlib import Path

from imsdesk.store.early_read import read_sign_in_ready
from imsdesk.store.errors import DamagedDatabase
from imsdesk.store.sqlite_file import (
    check_in_background,
    default_database_path,
    integrity_problem,
    is_sqlite_file,
    quick_check_finished,
    requested_database,
)


def damage_at_start(url: str | None) -> DamagedDatabase | None:
    """SQLite's quick check of the file --db names, before anything reads it.

    None when it passes (or names no existing SQLite file: opening says what is wrong).
    """
    path = _plain_sqlite_path(requested_database(url))
    if path is None or not is_sqlite_file(path):
        return None
    problem = integrity_problem(path)
    if problem is None:
        return None
    from imsdesk.services.backups import latest_good_backup  # only now: it loads SQLAlchemy

    return DamagedDatabase(path, problem, latest_good_backup(path))


def start_damage_check(url: str | None) -> None:
    """Begin the quick check of the file --db names, on another thread.

    The first window shows meanwhile; the database is not opened for writing until the
    check has answered (opening waits for it).
    """
    path = _plain_sqlite_path(requested_database(url))
    if path is not None:
        check_in_background(path)


def damage_found_so_far(url: str | None) -> DamagedDatabase | None:
    """The damage a finished check found; None while it runs, when it passed, or no check."""
    path = _plain_sqlite_path(requested_database(url))
    if path is None or not quick_check_finished(path):
        return None
    return damage_at_start(url)


def peek_sign_in_ready(url: str | None) -> Path | None:
    """The SQLite file when the sign-in dialog can be shown before the database layer loads."""
    path = _plain_sqlite_path(requested_database(url))
    return path if path is not None and read_sign_in_ready(path) else None


def _plain_sqlite_path(requested: str) -> Path | None:
    """The file a request names, read the way the engine's URL parsing reads it."""
    if not requested:
        return default_database_path()
    if requested.startswith("sqlite:///") and "?" not in requested:
        return Path(requested.removeprefix("sqlite:///"))
    if "://" in requested:
        return None  # a server, or an SQLite URL with options: the ordinary path
    return Path(requested).expanduser().absolute()

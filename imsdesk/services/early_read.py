"""Start-up's first question, answered before SQLAlchemy and the services have loaded."""

from __future__ import annotations

from pathlib import Path

from imsdesk.store.early_read import read_sign_in_ready
from imsdesk.store.sqlite_file import default_database_path, requested_database


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

"""The first screen's data, read before SQLAlchemy and the services have loaded."""

from __future__ import annotations

from pathlib import Path

from imsdesk.store.first_screen import FirstScreen, read_first_screen
from imsdesk.store.sqlite_file import default_database_path, requested_database

__all__ = ["FirstScreen", "peek_first_screen"]


def peek_first_screen(url: str | None, page_size: int) -> FirstScreen | None:
    """The patient list's opening page when --db names an up-to-date SQLite file, else None."""
    path = _plain_sqlite_path(requested_database(url))
    return None if path is None else read_first_screen(path, page_size)


def _plain_sqlite_path(requested: str) -> Path | None:
    """The file a request names, read the way the engine's URL parsing reads it."""
    if not requested:
        return default_database_path()
    if requested.startswith("sqlite:///") and "?" not in requested:
        return Path(requested.removeprefix("sqlite:///"))
    if "://" in requested:
        return None  # a server, or an SQLite URL with options: the ordinary path
    return Path(requested).expanduser().absolute()

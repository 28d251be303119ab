"""Start-up's first question, answered before SQLAlchemy and the services have loaded."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from imsdesk.store.early_read import read_server_sign_in_ready, read_sign_in_ready
from imsdesk.store.errors import DamagedDatabase
from imsdesk.store.sqlite_file import (
    default_database_path,
    integrity_problem,
    is_sqlite_file,
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


@dataclass(frozen=True)
class ClinicServer:
    """A PostgreSQL database named on the command line, as psycopg and people read it."""

    conninfo: str  # the URL libpq takes (no "+psycopg" driver name)
    shown: str  # the URL with its password hidden


_SERVER_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")  # as the engine reads them


def clinic_server(url: str | None) -> ClinicServer | None:
    """The PostgreSQL server --db/$IMSDESK_DB names, or None (a file, or another kind)."""
    scheme, separator, rest = requested_database(url).partition("://")
    if not separator or scheme not in _SERVER_SCHEMES:
        return None
    conninfo = f"postgresql://{rest}"
    parts = urlsplit(conninfo)
    shown = conninfo
    if parts.password is not None:
        host = parts.netloc.rpartition("@")[2]
        shown = urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))
    return ClinicServer(conninfo, shown)


def server_sign_in_ready(server: ClinicServer) -> bool:
    """Whether the server's clinic is current and has an administrator who can sign in."""
    return bool(read_server_sign_in_ready(server.conninfo))

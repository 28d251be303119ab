"""Start-up's first question, answered before SQLAlchemy and the services have loaded."""

from __future__ import annotations

import unicodedata
from contextlib import closing
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from imsdesk.store.early_read import read_server_sign_in_ready, read_sign_in_ready
from imsdesk.store.encryption import MODULE, connect_keyed, use_passphrase
from imsdesk.store.errors import DamagedDatabase
from imsdesk.store.sqlite_file import (
    BUSY_TIMEOUT_MS,
    check_in_background,
    default_database_path,
    integrity_problem,
    is_encrypted_file,
    is_sqlite_file,
    quick_check_finished,
    requested_database,
)


def encrypted_file_at_start(url: str | None) -> Path | None:
    """The SQLite file --db names when it is encrypted: its passphrase is asked for first."""
    path = _plain_sqlite_path(requested_database(url))
    return path if path is not None and is_encrypted_file(path) else None


def encryption_available() -> bool:
    return find_spec(MODULE) is not None


def as_typed(passphrase: str) -> str:
    """The same passphrase whichever way the keyboard composed its accented letters."""
    return unicodedata.normalize("NFC", passphrase)


def unlock(path: Path, passphrase: str) -> None:
    """Prove ``passphrase`` opens the encrypted ``path``, then keep it for this process.

    Raises WrongPassphrase (EncryptionUnavailable without the sqlcipher3 module). Derives
    the file's key, the slow part on purpose; every connection after it reuses the key.
    """
    passphrase = as_typed(passphrase)
    with closing(connect_keyed(path, passphrase, read_only=True, timeout=BUSY_TIMEOUT_MS / 1000)):
        pass
    use_passphrase(passphrase)


def damage_at_start(url: str | None) -> DamagedDatabase | None:
    """SQLite's quick check of the file --db names, before anything reads it.

    None when it passes (or names no existing SQLite file: opening says what is wrong).
    An encrypted file is checked once its passphrase has been given.
    """
    path = _plain_sqlite_path(requested_database(url))
    if path is None or not (is_sqlite_file(path) or is_encrypted_file(path)):
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


def start_check_done(url: str | None) -> bool:
    """Whether the start-up check has its answer (or there is none to wait for)."""
    path = _plain_sqlite_path(requested_database(url))
    return path is None or quick_check_finished(path)


def peek_sign_in_ready(url: str | None) -> Path | None:
    """The SQLite file when the sign-in dialog can be shown before the database layer loads."""
    path = _plain_sqlite_path(requested_database(url))
    return path if path is not None and read_sign_in_ready(path) else None


def _plain_sqlite_path(requested: str) -> Path | None:
    """The file a request names, read the way the engine's URL parsing reads it."""
    if not requested:
        return default_database_path()
    if requested.startswith("sqlite:///") and "?" not in requested:
        name = requested.removeprefix("sqlite:///")
        return Path(name) if name else None  # no file named: opening says so
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

"""SQLCipher: the clinic's SQLite file encrypted at rest, opened with the clinic passphrase.

SQLCipher derives the page key from the passphrase itself (``PRAGMA key``; v4:
PBKDF2-HMAC-SHA512, 256,000 iterations, a random salt in the file's first 16 bytes),
so imsdesk never handles a key of its own. The sqlcipher3 module is optional: without
it plain files work as before and an encrypted one is refused with one line.

An encrypted file starts with random bytes, so nothing in it says what it is: a small
marker file beside it (``<name>-encryption``) does, for the start-up read that must
know before asking for a passphrase. The marker travels with the database when the
folder is copied or shared, unlike a workstation's settings.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from imsdesk.store.errors import StoreError, first_line

MARKER_SUFFIX = "-encryption"
MARKER_TEXT = (
    "The database file beside this one is encrypted with SQLCipher 4 (PBKDF2-HMAC-SHA512, "
    "256000 iterations). imsdesk asks for the clinic passphrase to open it.\n"
    "Keep this file beside the database: it is how imsdesk knows the file is encrypted.\n"
)
INSTALL_HINT = "pip install 'imsdesk[encryption]'"
MODULE = "sqlcipher3"

# One clinic database per process: once its passphrase has opened it, the same passphrase
# opens its backups, which carry no marker. Held in memory only, like the open connection's
# key; never written anywhere.
_clinic_passphrase: str | None = None


class EncryptionUnavailable(StoreError):
    def __init__(self, what: str) -> None:
        super().__init__(
            f"{what} needs the {MODULE} module, which is not installed ({INSTALL_HINT})."
        )


class PassphraseNeeded(StoreError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} is encrypted; imsdesk needs the clinic passphrase to open it.")


class WrongPassphrase(StoreError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"The passphrase does not open {path} (a wrong passphrase, or the file is damaged)."
        )


class DatabaseInUse(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is open in imsdesk (here or on another workstation); close it everywhere "
            "and try again."
        )


def use_passphrase(passphrase: str | None) -> None:
    global _clinic_passphrase
    _clinic_passphrase = passphrase


def clinic_passphrase() -> str | None:
    return _clinic_passphrase


def marker_of(database: Path) -> Path:
    return database.with_name(database.name + MARKER_SUFFIX)


def has_marker(database: Path) -> bool:
    try:
        return marker_of(database).is_file()
    except OSError:  # e.g. a name too long for the disk: no marker, and opening says why
        return False


def write_marker(database: Path) -> None:
    marker_of(database).write_text(MARKER_TEXT, encoding="utf-8")


def sqlcipher(what: str = "Encryption") -> ModuleType:
    """The sqlcipher3 DB-API module, imported only when an encrypted file is met."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise EncryptionUnavailable(what) from None
    return dbapi2


def cipher_errors() -> tuple[type[Exception], ...]:
    """sqlcipher3's error class once it is loaded (before that it cannot have raised)."""
    module = sys.modules.get(f"{MODULE}.dbapi2")
    return (module.Error,) if module is not None else ()


def database_errors() -> tuple[type[Exception], ...]:
    """What a plain or an encrypted SQLite connection raises."""
    return (sqlite3.Error, *cipher_errors())


def key_connection(connection: Any, passphrase: str) -> None:
    """Give a new SQLCipher connection its passphrase: the first thing it is told."""
    # SQLCipher logs a failed page check to stderr; imsdesk says it in its own words.
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = {_sql_text(passphrase)}")


def connect_keyed(path: Path, passphrase: str, *, read_only: bool, timeout: float) -> Any:
    """An SQLCipher connection to ``path`` whose passphrase is proven to open it.

    Raises WrongPassphrase when it does not: SQLCipher cannot tell a wrong passphrase from
    a damaged first page, both fail the same check.
    """
    module = sqlcipher(f"Opening the encrypted file {path}")
    if read_only:
        uri = f"{path.absolute().as_uri()}?mode=ro"
        connection = module.connect(uri, uri=True, timeout=timeout)
    else:
        connection = module.connect(str(path), timeout=timeout)
    try:
        key_connection(connection, passphrase)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except module.DatabaseError as error:
        connection.close()
        if getattr(error, "sqlite_errorname", "") == "SQLITE_NOTADB":
            raise WrongPassphrase(path) from None
        raise
    return connection


@contextmanager
def sole_connection(path: Path, passphrase: str | None, *, timeout: float) -> Iterator[Any]:
    """A connection that proves no one else has ``path`` open, and keeps it that way.

    Leaving WAL mode needs every other connection closed; the exclusive locking mode then
    keeps others out until this one closes. ``passphrase`` None: a plain file.
    """
    module = sqlcipher()
    if passphrase is None:
        connection = module.connect(str(path), timeout=timeout)
        connection.execute("PRAGMA cipher_log_level = NONE")
    else:
        connection = connect_keyed(path, passphrase, read_only=False, timeout=timeout)
    with closing(connection):
        try:
            mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            connection.execute("PRAGMA locking_mode = EXCLUSIVE")
            connection.execute("BEGIN EXCLUSIVE")
            connection.execute("COMMIT")
        except module.OperationalError as error:
            if getattr(error, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
                raise DatabaseInUse(path) from None
            raise
        if mode != "delete":
            raise DatabaseInUse(path)
        yield connection


def export_into(connection: Any, target: Path, passphrase: str | None) -> None:
    """Write everything ``connection`` holds into a new file ``target`` with SQLCipher's
    export: encrypted with ``passphrase``, or plain when it is None."""
    connection.execute("ATTACH DATABASE ? AS exported KEY ?", (str(target), passphrase or ""))
    try:
        connection.execute("BEGIN")  # one consistent snapshot, should the app be writing
        try:
            connection.execute("SELECT sqlcipher_export('exported')")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    finally:
        connection.execute("DETACH DATABASE exported")


def copy_keyed(source: Path, target: Path, passphrase: str, *, timeout: float) -> None:
    """Copy an encrypted file page by page (SQLite's online backup) into a new file
    encrypted with the same passphrase: safe while the app writes to the source."""
    module = sqlcipher()
    with (
        closing(connect_keyed(source, passphrase, read_only=True, timeout=timeout)) as live,
        closing(module.connect(str(target))) as copy,
    ):
        key_connection(copy, passphrase)
        copy.execute("PRAGMA journal_mode = OFF")
        copy.execute("PRAGMA synchronous = OFF")
        live.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")


def encrypt_copy(source: Path, target: Path, passphrase: str, *, timeout: float) -> None:
    """Copy a plain SQLite file into a new file encrypted with ``passphrase``."""
    module = sqlcipher()
    uri = f"{source.absolute().as_uri()}?mode=ro"
    with closing(module.connect(uri, uri=True, timeout=timeout)) as plain:
        plain.execute("PRAGMA cipher_log_level = NONE")
        export_into(plain, target, passphrase)


def rekey(path: Path, old: str, new: str, *, timeout: float) -> None:
    """Re-encrypt ``path`` (a copy no one else has open) under a new passphrase."""
    with closing(connect_keyed(path, old, read_only=False, timeout=timeout)) as connection:
        connection.execute(f"PRAGMA rekey = {_sql_text(new)}")


def problem_in(connection: Any) -> str | None:
    """SQLite's full integrity check of an open connection: None when sound."""
    rows = [str(row[0]) for row in connection.execute("PRAGMA integrity_check").fetchall()]
    return None if rows == ["ok"] else first_line("; ".join(rows))


def _sql_text(value: str) -> str:
    """A string literal for a PRAGMA, which takes no bound parameters."""
    if "\x00" in value:
        raise StoreError("A passphrase cannot contain a NUL character.")
    return "'" + value.replace("'", "''") + "'"

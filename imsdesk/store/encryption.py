"""SQLCipher: the clinic's SQLite file encrypted at rest, opened with the clinic passphrase.

A file's key is SQLCipher 4's own: PBKDF2-HMAC-SHA512 of the passphrase, 256,000
iterations, with the random salt kept in the file's first 16 bytes. SQLCipher would run
that derivation (a third of a second, on purpose) for every new connection; imsdesk runs
it once per file and process and gives each connection the key itself, with the file's
salt (``PRAGMA key = "x'<key><salt>'"``). The file stays the same to any SQLCipher 4
tool, which opens it with the passphrase. The sqlcipher3 module is optional: without it
plain files work as before and an encrypted one is refused with one line.

An encrypted file starts with random bytes, so nothing in it says what it is: a small
marker file beside it (``<name>-encryption``) does, for the start-up read that must
know before asking for a passphrase. The marker travels with the database when the
folder is copied or shared, unlike a workstation's settings.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import sys
import threading
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

# SQLCipher 4's defaults, which any SQLCipher 4 tool applies to the passphrase.
KDF_ITERATIONS = 256_000
KEY_BYTES = 32
SALT_BYTES = 16
# A passphrase SQLCipher itself reads as key data (x'<hex>'): handed over as it is.
_SQLCIPHER_KEY_DATA = re.compile(r"[xX]'(?:[0-9a-fA-F]{2})+'")

# One clinic database per process: once its passphrase has opened it, the same passphrase
# opens its backups, which carry no marker. Held in memory only, like the keys derived from
# it; never written anywhere, never logged.
_clinic_passphrase: str | None = None
# The keys derived in this process, by (file salt, passphrase).
_keys: dict[tuple[bytes, str], bytes] = {}
_keys_lock = threading.Lock()  # the start-up check's thread may ask at the same moment


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
    """Keep ``passphrase`` for this process; the keys of any other passphrase are forgotten."""
    global _clinic_passphrase
    _clinic_passphrase = passphrase
    with _keys_lock:
        for other in [known for known in _keys if known[1] != passphrase]:
            del _keys[other]


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


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """The key SQLCipher 4 derives from ``passphrase`` for a file with ``salt``."""
    return hashlib.pbkdf2_hmac(
        "sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, dklen=KEY_BYTES
    )


def key_connection(connection: Any, path: Path, passphrase: str) -> None:
    """Give a new SQLCipher connection to ``path`` its key: the first thing it is told."""
    # SQLCipher logs a failed page check to stderr; imsdesk says it in its own words.
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = {_sql_text(_key_data(path, passphrase))}")


def _key_data(path: Path, passphrase: str) -> str:
    """What PRAGMA key takes for ``path``: its key, derived once, followed by its salt."""
    if "\x00" in passphrase:
        raise StoreError("A passphrase cannot contain a NUL character.")
    if _SQLCIPHER_KEY_DATA.fullmatch(passphrase):
        return passphrase
    salt = _file_salt(path) or _new_file_salt(passphrase)
    with _keys_lock:
        key = _keys.get((salt, passphrase))
        if key is None:
            key = _keys[(salt, passphrase)] = derive_key(passphrase, salt)
    return f"x'{key.hex()}{salt.hex()}'"


def _file_salt(path: Path) -> bytes | None:
    """The salt in an encrypted file's first bytes; None for a file not written yet."""
    try:
        with path.open("rb") as handle:
            salt = handle.read(SALT_BYTES)
    except OSError:  # no such file yet (one that cannot be read, SQLCipher says why)
        return None
    return salt if len(salt) == SALT_BYTES else None


def _new_file_salt(passphrase: str) -> bytes:
    """The salt of a new file: that of a key already derived for ``passphrase`` (a backup
    then costs no derivation, and opens with the same passphrase), else a random one."""
    with _keys_lock:
        known = [salt for salt, of in _keys if of == passphrase]
    return known[0] if known else os.urandom(SALT_BYTES)


def _forget_key(path: Path, passphrase: str) -> None:
    """Keep no key that opened nothing (a mistyped passphrase)."""
    salt = _file_salt(path)
    if salt is not None:
        with _keys_lock:
            _keys.pop((salt, passphrase), None)


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
        key_connection(connection, path, passphrase)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException as error:
        connection.close()
        if getattr(error, "sqlite_errorname", "") == "SQLITE_NOTADB":
            _forget_key(path, passphrase)
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
    key = "" if passphrase is None else _key_data(target, passphrase)
    connection.execute("ATTACH DATABASE ? AS exported KEY ?", (str(target), key))
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
    encrypted with the same passphrase (and key): safe while the app writes to the source."""
    module = sqlcipher()
    with (
        closing(connect_keyed(source, passphrase, read_only=True, timeout=timeout)) as live,
        closing(module.connect(str(target))) as copy,
    ):
        key_connection(copy, target, passphrase)
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


def problem_in(connection: Any) -> str | None:
    """SQLite's full integrity check of an open connection: None when sound."""
    rows = [str(row[0]) for row in connection.execute("PRAGMA integrity_check").fetchall()]
    return None if rows == ["ok"] else first_line("; ".join(rows))


def _sql_text(value: str) -> str:
    """A string literal for a PRAGMA, which takes no bound parameters."""
    return "'" + value.replace("'", "''") + "'"

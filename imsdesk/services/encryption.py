"""Encryption at rest of the clinic's SQLite file: turning it on, a new passphrase, a plain
copy for moving to another system, and unlocking the file at start.

A PostgreSQL database lives on its server: the server's disk encryption and TLS protect
it, not imsdesk.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from imsdesk.services.audit import AuditService
from imsdesk.services.backups import (
    BackupService,
    backup_folder_of,
    default_backup_folder,
    sqlite_file_of,
)
from imsdesk.services.database import open_clinic_database
from imsdesk.services.early_read import as_typed
from imsdesk.services.errors import ValidationError
from imsdesk.store.backup_files import list_backups
from imsdesk.store.cipher_swap import re_encrypt
from imsdesk.store.encryption import (
    connect_keyed,
    database_errors,
    export_into,
    use_passphrase,
)
from imsdesk.store.erasure import erase_file
from imsdesk.store.errors import StoreError, first_line
from imsdesk.store.sqlite_file import (
    BUSY_TIMEOUT_MS,
    integrity_problem,
    is_encrypted_file,
    is_sqlite_file,
    passphrase_for,
)

MIN_PASSPHRASE_LENGTH = 10
SQLITE_ONLY = (
    "Encryption at rest is for SQLite files; protect a PostgreSQL database with its "
    "server's disk encryption and TLS connections."
)


@dataclass(frozen=True)
class Encrypted:
    database: Path
    kept_plain: Path | None  # the plain file, kept only when asked for
    backup: Path | None  # a fresh encrypted backup
    plain_copies: tuple[Path, ...]  # older backups and set-aside files still unencrypted


def passphrase_problem(passphrase: str) -> str | None:
    if len(passphrase.strip()) < MIN_PASSPHRASE_LENGTH:
        return (
            f"A clinic passphrase has at least {MIN_PASSPHRASE_LENGTH} characters; "
            "a few unrelated words make a good one."
        )
    return None


def remember_passphrase(passphrase: str) -> None:
    """Keep a passphrase given for files not yet seen (e.g. an encrypted backup to restore)."""
    use_passphrase(as_typed(passphrase))


def encrypt_database(
    url: str | None, passphrase: str, *, keep_plain: bool = False, erase_plain_copies: bool = False
) -> Encrypted:
    """Encrypt the clinic's SQLite file with ``passphrase``; the plain file is erased unless
    ``keep_plain``. ``erase_plain_copies`` also erases the unencrypted backups."""
    database = database_to_encrypt(url)
    passphrase = _checked(passphrase)
    open_clinic_database(url).db.close()  # refuses a damaged file; upgrades an older one
    kept = re_encrypt(database, None, passphrase, keep_old_as="plain" if keep_plain else None)
    use_passphrase(passphrase)
    backup = _record(url, "encrypt", "the database file is now encrypted", "encrypted")
    if erase_plain_copies:
        _erase(url, plain_copies_of(database, but=kept), backup)
    return Encrypted(database, kept, backup, tuple(plain_copies_of(database)))


def is_encrypted(url: str | None) -> bool:
    return is_encrypted_file(_sqlite_file(url))


def erase_plain_copies(url: str | None) -> list[Path]:
    """Overwrite and remove the unencrypted copies of the encrypted clinic file, once a
    fresh encrypted backup has been made; returns what went."""
    database = _sqlite_file(url)
    if not is_encrypted_file(database):
        raise StoreError(f"{database} is not encrypted; its backups are as readable as it is.")
    backup = _record(url, "backup", "before erasing unencrypted copies", "manual")
    return _erase(url, plain_copies_of(database), backup)


def _erase(url: str | None, paths: list[Path], backup: Path | None) -> list[Path]:
    if backup is None:
        raise StoreError(
            "No encrypted backup could be made, so the unencrypted backups were kept; "
            "make one with imsdesk backup, then erase them."
        )
    for path in paths:
        erase_file(path)
    _record(url, "erase", f"{len(paths)} unencrypted copies of the database erased")
    return paths


def database_to_encrypt(url: str | None) -> Path:
    """The plain SQLite file to encrypt, or StoreError saying why there is none."""
    database = _sqlite_file(url)
    if is_encrypted_file(database):
        raise StoreError(
            f"{database} is already encrypted; imsdesk encrypt --change-passphrase gives it "
            "a new passphrase."
        )
    if not database.is_file():
        raise StoreError(f"There is no database at {database} to encrypt.")
    return database


def change_passphrase(url: str | None, new_passphrase: str) -> Path | None:
    """Put the encrypted clinic file under a new passphrase (the current one already given);
    returns a fresh backup under it. Older backups keep opening with the old passphrase."""
    database = _sqlite_file(url)
    if not is_encrypted_file(database):
        raise StoreError(f"{database} is not encrypted; imsdesk encrypt encrypts it.")
    new_passphrase = _checked(new_passphrase)
    re_encrypt(database, passphrase_for(database), new_passphrase)
    use_passphrase(new_passphrase)
    return _record(url, "change passphrase", "new clinic passphrase", "new-passphrase")


def write_plain_copy(url: str | None, out: Path) -> Path:
    """A plain SQLite copy of the encrypted clinic file at ``out`` (for moving to another
    system); the encrypted file is left as it is and may be in use meanwhile."""
    database = _sqlite_file(url)
    if not is_encrypted_file(database):
        raise StoreError(f"{database} is not encrypted; copy it with imsdesk backup.")
    out = out.expanduser().absolute()
    if out.exists():
        raise StoreError(f"{out} already exists; choose a new file name.")
    partial = out.with_name(f".{out.name}.part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with closing(
            connect_keyed(
                database, passphrase_for(database), read_only=True, timeout=BUSY_TIMEOUT_MS / 1000
            )
        ) as source:
            export_into(source, partial, None)
        problem = integrity_problem(partial, quick=False)
        if problem is not None:
            raise StoreError(f"The plain copy failed SQLite's check ({problem}).")
        partial.rename(out)
    except (OSError, *database_errors()) as error:
        reason = error.strerror if isinstance(error, OSError) else first_line(error)
        raise StoreError(f"Cannot write {out}: {reason}.") from None
    finally:
        partial.unlink(missing_ok=True)
    opened = open_clinic_database(url)
    try:
        AuditService(opened.db).record("export", "database", None, detail=f"plain copy to {out}")
    finally:
        opened.db.close()
    return out


def plain_copies_of(database: Path, but: Path | None = None) -> list[Path]:
    """Unencrypted copies of an encrypted database: its backups and the files set aside
    beside it (replaced, damaged or kept plain); ``but`` one of them."""
    folders = dict.fromkeys([backup_folder_of(database), default_backup_folder()])
    backups = [b.path for folder in folders for b in list_backups(folder, database.stem)]
    beside = database.parent.glob(f"{database.stem}-*{database.suffix}")
    found = dict.fromkeys([*backups, *beside])
    return sorted(p for p in found if p != but and is_sqlite_file(p))


def _record(url: str | None, action: str, detail: str, backup_reason: str = "") -> Path | None:
    """An audit row and, given a reason, a fresh backup under the new key (None when the
    backup could not be made)."""
    opened = open_clinic_database(url)
    try:
        AuditService(opened.db).record(action, "database", None, detail=detail)
        if not backup_reason:
            return None
        try:
            return BackupService(opened.db).back_up(backup_reason)
        except StoreError:
            return None  # e.g. the backup disk is not plugged in; the next start backs up
    finally:
        opened.db.close()


def _sqlite_file(url: str | None) -> Path:
    return sqlite_file_of(url, SQLITE_ONLY)


def _checked(passphrase: str) -> str:
    passphrase = as_typed(passphrase)
    problem = passphrase_problem(passphrase)
    if problem:
        raise ValidationError({"passphrase": problem})
    return passphrase

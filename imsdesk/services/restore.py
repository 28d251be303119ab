"""Putting a backup in the place of the clinic's database, keeping the one it replaces.

Nothing is replaced until the backup has passed SQLite's full integrity check and carries
a schema this imsdesk can open; the replaced file (damaged or not) is renamed aside with a
timestamp, never deleted or written to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from imsdesk.services.audit import AuditService
from imsdesk.services.backups import sqlite_file_of
from imsdesk.services.database import open_clinic_database
from imsdesk.store.backup_files import (
    copy_sqlite,
    replace_database_file,
    set_aside_name,
)
from imsdesk.store.encryption import WrongPassphrase, clinic_passphrase
from imsdesk.store.errors import StoreError
from imsdesk.store.schema import revision_problem
from imsdesk.store.sqlite_file import (
    file_revision,
    integrity_problem,
    is_encrypted_file,
    is_sqlite_file,
    reads_with_key,
)


@dataclass(frozen=True)
class Restored:
    database: Path
    kept_aside: Path | None  # the file it replaced; None when there was none


def restore_backup(backup: Path, url: str | None = None) -> Restored:
    """Check ``backup`` and make it the database at --db/$IMSDESK_DB/the default file.

    The file it replaces is kept beside it as ``<name>-replaced-<time>`` (or ``-damaged-``
    when it fails the quick check). A backup of an older schema is upgraded as it is
    opened, like any older database.
    """
    target = sqlite_file_of(url)
    backup = backup.expanduser().absolute()
    refusal = _backup_problem(backup, target)
    if refusal:
        raise StoreError(f"{refusal} Nothing was replaced.")
    incoming = target.with_name(f".{target.name}.restoring")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)  # a new workstation has no folder yet
        encrypt_with = clinic_passphrase() if is_encrypted_file(target) else None
        copy_sqlite(
            backup,
            incoming,
            failure=f"Cannot copy {backup} next to {target}",
            encrypt_with=encrypt_with,
        )
        label = "damaged" if _damaged(target) else "replaced"
        kept = replace_database_file(incoming, target, set_aside_name(target, label))
    except OSError as error:
        raise StoreError(f"Cannot restore into {target.parent}: {error.strerror}.") from None
    finally:
        incoming.unlink(missing_ok=True)
    opened = open_clinic_database(str(target))
    try:
        kept_note = f"; the replaced file was kept as {kept}" if kept else ""
        AuditService(opened.db).record(
            "restore", "database", None, detail=f"from {backup}{kept_note}"
        )
    finally:
        opened.db.close()
    return Restored(target, kept)


def _backup_problem(backup: Path, target: Path) -> str | None:
    """Why ``backup`` must not replace ``target``, read without writing to either."""
    if not backup.is_file():
        return f"There is no backup file at {backup}."
    if target.exists() and backup.resolve() == target.resolve():
        return f"{backup} is the database itself, not a backup of it."
    if not (is_sqlite_file(backup) or reads_with_key(backup)):
        return (
            f"{backup} is not an imsdesk backup (not an SQLite file); if it is an encrypted "
            "one, give the clinic passphrase."
        )
    try:
        damage = integrity_problem(backup, quick=False)
    except WrongPassphrase:
        return (
            f"The clinic passphrase does not open {backup} (encrypted under another "
            "passphrase, or damaged)."
        )
    if damage:
        return f"{backup} is damaged; SQLite's check found: {damage}."
    return revision_problem(file_revision(backup), str(backup))


def _damaged(database: Path) -> bool:
    if not database.is_file():
        return False
    try:
        return integrity_problem(database) is not None
    except StoreError:  # encrypted under a passphrase not in hand: not known to be damaged
        return False

"""Backup files of an SQLite database: copying it while in use, naming, finding, swapping in.

The clinic's file is never opened for writing here: a copy reads it through a read-only
connection, and a file being replaced is renamed, not rewritten, so a damaged database
stays exactly as it was found.
"""

from __future__ import annotations

import os
import re
import sqlite3
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from imsdesk.store.encryption import (
    MARKER_SUFFIX,
    copy_keyed,
    database_errors,
    encrypt_copy,
    write_marker,
)
from imsdesk.store.errors import StoreError, first_line
from imsdesk.store.sqlite_file import (
    BUSY_TIMEOUT_MS,
    is_sqlite_file,
    passphrase_for,
    read_only,
    reads_with_key,
)

STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
BACKUP_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}Z)-(?P<reason>[a-z0-9-]+)\.sqlite$")
# SQLite keeps a database's uncommitted or not yet merged pages in files beside it;
# imsdesk marks an encrypted one with a file beside it too.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal", MARKER_SUFFIX)
UNFINISHED_SUFFIX = ".part"  # a copy under way: never renamed into place unless whole


@dataclass(frozen=True)
class BackupFile:
    path: Path
    database_stem: str  # the backed-up file's name without its extension
    taken_at: datetime  # UTC
    reason: str  # "start", "close", "scheduled", "manual", "before-upgrade-0007", ...


def backup_sqlite(source: Path, folder: Path, reason: str, *, now: datetime | None = None) -> Path:
    """Copy a live SQLite file into ``folder`` with SQLite's online backup API.

    Safe while the app writes to it. The copy is named after the source, the time and the
    reason, and appears whole or not at all.
    """
    taken_at = (now or datetime.now(UTC)).astimezone(UTC)
    target = folder / f"{source.stem}-{taken_at.strftime(STAMP_FORMAT)}-{reason}.sqlite"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"Cannot back up to {folder}: {_reason(error)}.") from None
    copy_sqlite(source, target, failure=f"Cannot back up {source} to {folder}")
    return target


def copy_sqlite(
    source: Path, target: Path, *, failure: str, encrypt_with: str | None = None
) -> None:
    """Copy ``source`` to ``target`` page by page through SQLite, then rename it into place.

    The copy is a single self-contained file (no write-ahead log beside it). An encrypted
    source gives a copy encrypted with the same passphrase; ``encrypt_with`` encrypts the
    copy of a plain one. ``failure`` starts the one-line message when the copy cannot be made.
    """
    partial = target.with_name(f".{target.name}{UNFINISHED_SUFFIX}")
    partial.unlink(missing_ok=True)  # a leftover of an interrupted copy
    timeout = BUSY_TIMEOUT_MS / 1000
    try:
        if reads_with_key(source):
            copy_keyed(source, partial, passphrase_for(source), timeout=timeout)
        elif encrypt_with is not None:
            encrypt_copy(source, partial, encrypt_with, timeout=timeout)
        else:
            _copy_plain(source, partial)
        _fsync(partial)
        os.replace(partial, target)
        _fsync_folder(target.parent)
    except (OSError, *database_errors()) as error:
        for leftover in (partial, *_companions(partial)):
            leftover.unlink(missing_ok=True)
        raise StoreError(f"{failure}: {_reason(error)}.") from None


def _copy_plain(source: Path, partial: Path) -> None:
    with closing(read_only(source)) as live, closing(sqlite3.connect(partial)) as copy:
        # No journal and no syncs while copying: an unfinished copy is never renamed into
        # place, and the finished one is synced once, in copy_sqlite.
        copy.execute("PRAGMA journal_mode=OFF")
        copy.execute("PRAGMA synchronous=OFF")
        live.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")


def parse_backup_name(path: Path) -> BackupFile | None:
    match = BACKUP_NAME.match(path.name)
    if match is None:
        return None
    try:
        taken_at = datetime.strptime(match["stamp"], STAMP_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None
    return BackupFile(path, match["stem"], taken_at, match["reason"])


def list_backups(folder: Path, database_stem: str) -> list[BackupFile]:
    """The backups of one database found in ``folder``, newest first."""
    try:
        paths = list(folder.iterdir())
    except OSError:  # no such folder (yet), or a disk that is not plugged in
        return []
    found = [b for p in paths if (b := parse_backup_name(p)) and b.database_stem == database_stem]
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def set_aside_name(database: Path, label: str, now: datetime | None = None) -> Path:
    """Where a replaced or damaged database is kept: beside it, labelled and stamped."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime(STAMP_FORMAT)
    return database.with_name(f"{database.stem}-{label}-{stamp}{database.suffix}")


def replace_database_file(replacement: Path, database: Path, aside: Path) -> Path | None:
    """Put ``replacement`` in the place of ``database``; the old file, if any, goes to ``aside``.

    Its write-ahead log moves with it (a log left behind would be replayed onto the new
    file), and so does its encryption marker; an encrypted replacement is marked before it
    takes the database's place. Returns where the old file went.
    """
    kept = None
    try:
        for suffix in COMPANION_SUFFIXES:
            companion = database.with_name(database.name + suffix)
            if companion.exists():
                os.replace(companion, aside.with_name(aside.name + suffix))
        if database.exists():
            os.replace(database, aside)
            kept = aside
        if not is_sqlite_file(replacement):
            write_marker(database)
        os.replace(replacement, database)
        _fsync_folder(database.parent)
    except OSError as error:
        raise StoreError(f"Cannot replace {database}: {_reason(error)}.") from None
    return kept


def _companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in COMPANION_SUFFIXES]


def _fsync(path: Path) -> None:
    """Make a file's bytes survive a power cut before it is renamed into place."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_folder(folder: Path) -> None:
    """Make a rename survive a power cut, where the system allows it (not on Windows)."""
    with suppress(OSError):
        _fsync(folder)


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return first_line(error)

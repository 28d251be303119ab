"""Re-writing the clinic's SQLite file under another key: encrypting it, or a new passphrase.

The new file is made beside the old one while no one else has the database open, checked
(SQLite's full integrity check and the same number of rows in every table), and renamed
into its place in one step. The old file is then overwritten and removed, unless the
person asked to keep it: a readable copy left behind would defeat the encryption.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Any

from imsdesk.store.backup_files import (
    COMPANION_SUFFIXES,
    replace_database_file,
    set_aside_name,
)
from imsdesk.store.encryption import (
    connect_keyed,
    database_errors,
    export_into,
    problem_in,
    sole_connection,
)
from imsdesk.store.erasure import erase_file
from imsdesk.store.errors import StoreError, first_line

# Long enough for a workstation's quick read to finish; short enough to say "in use" soon.
IN_USE_WAIT_S = 2.0


def re_encrypt(
    database: Path, old_key: str | None, new_key: str, *, keep_old_as: str | None = None
) -> Path | None:
    """Put ``database`` (plain when ``old_key`` is None) under ``new_key``.

    ``keep_old_as`` names the label of the old file kept beside it (returned); otherwise
    the old file is erased. Raises StoreError with one line; the database is then as it was.
    """
    work = database.with_name(f".{database.name}.converting")
    _remove_with_companions(work)
    try:
        with sole_connection(database, old_key, timeout=IN_USE_WAIT_S) as source:
            counts = _row_counts(source)
            # SQLCipher's export writes every table into a new file under the new key.
            export_into(source, work, new_key)
        _check_copy(work, new_key, counts)
    except (OSError, *database_errors()) as error:
        _remove_with_companions(work)
        raise StoreError(f"Could not re-encrypt {database}: {first_line(error)}.") from None
    except StoreError:
        _remove_with_companions(work)
        raise
    old = replace_database_file(work, database, set_aside_name(database, keep_old_as or "old"))
    if old is None or keep_old_as is not None:
        return old
    for companion in _companions(old):
        erase_file(companion)
    erase_file(old)
    return None


def _row_counts(connection: Any) -> dict[str, int]:
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        for table in tables
    }


def _check_copy(work: Path, key: str, counts: dict[str, int]) -> None:
    with closing(connect_keyed(work, key, read_only=True, timeout=IN_USE_WAIT_S)) as copy:
        problem = problem_in(copy)
        if problem is not None:
            raise StoreError(
                f"The encrypted copy failed SQLite's check ({problem}); nothing changed."
            )
        if _row_counts(copy) != counts:
            raise StoreError("The encrypted copy does not hold every row; nothing changed.")


def _companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in COMPANION_SUFFIXES]


def _remove_with_companions(path: Path) -> None:
    for leftover in (path, *_companions(path)):
        leftover.unlink(missing_ok=True)

"""Real SQLite trouble for tests: a damaged file, a full disk, a read-only database."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from sqlalchemy import event

from imsdesk.store.database import Database


def damage_table(path: Path, table: str = "visits") -> None:
    """Overwrite the header of ``table``'s first b-tree page, as a failing disk sector would."""
    with closing(sqlite3.connect(path)) as connection:
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        (page_size,) = connection.execute("PRAGMA page_size").fetchone()
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xde\xad\xbe\xef" * 16)


def fingerprint(path: Path) -> tuple[str, int]:
    """The file's content and modification time: equal before and after means untouched."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def fill_the_disk(db: Database) -> Callable[[], None]:
    """Let the database grow by no page more, as on a full disk: SQLite answers SQLITE_FULL.

    Returns the call that frees the space again.
    """
    with db.engine.connect() as connection:
        connection.exec_driver_sql("VACUUM")  # no free pages left inside the file either
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
    return _on_every_connection(db, f"PRAGMA max_page_count={pages}")


def make_read_only(db: Database) -> Callable[[], None]:
    """Refuse every write as SQLite does for a read-only file (SQLITE_READONLY)."""
    return _on_every_connection(db, "PRAGMA query_only=ON")


def _on_every_connection(db: Database, pragma: str) -> Callable[[], None]:
    def apply(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(pragma)

    event.listen(db.engine, "connect", apply)
    db.engine.dispose()  # every connection from now on runs it

    def undo() -> None:
        event.remove(db.engine, "connect", apply)
        db.engine.dispose()

    return undo


def a_note_that_needs_new_pages(limit: int = 20_000) -> str:
    """As long as a form takes: several pages of the file, which a full disk cannot add."""
    sentence = "Patient reports low back pain radiating to the right leg. "
    return (sentence * (limit // len(sentence) + 1))[: limit - 1]

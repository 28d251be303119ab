"""The patient list's opening page, read with the standard library alone.

Start-up shows this page while SQLAlchemy and the services load behind the
shown window. It answers exactly what the patient service answers for an empty
search (a test holds them equal), and only for an up-to-date SQLite file: any
other case returns None and the app takes the ordinary path, which also gives
the proper message for a file that cannot be opened.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from imsdesk.domain.patients import Patient, Sex
from imsdesk.store.revisions import SCHEMA_HEAD, VERSION_TABLE
from imsdesk.store.sqlite_file import BUSY_TIMEOUT_MS, SQLITE_HEADER

_FIRST_PAGE = (
    "SELECT id, chart_number, family_name, given_names, date_of_birth, sex, phone, email,"
    " address, notes FROM patients ORDER BY family_key, given_key, id LIMIT ?"
)


@dataclass(frozen=True)
class FirstScreen:
    location: str  # the file, as shown to people
    patients: list[Patient]  # the first page, A-Z, as an empty search lists them
    total: int


def read_first_screen(path: Path, page_size: int) -> FirstScreen | None:
    if not _is_sqlite_file(path):
        return None
    try:
        with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)) as db:
            db.execute("PRAGMA query_only = ON")  # this early reader never writes
            if _revision(db) != SCHEMA_HEAD:
                return None  # new, older or newer: the ordinary path creates, upgrades or refuses
            total = db.execute("SELECT count(*) FROM patients").fetchone()[0]
            rows = db.execute(_FIRST_PAGE, (page_size,)).fetchall()
            return FirstScreen(str(path), [_patient(row) for row in rows], total)
    except (sqlite3.Error, ValueError):
        return None


def _is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _revision(db: sqlite3.Connection) -> str | None:
    found = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (VERSION_TABLE,)
    ).fetchone()
    if found is None:
        return None
    row = db.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
    return row[0] if row else None


def _patient(row: tuple) -> Patient:
    patient_id, chart, family, given, born, sex, phone, email, address, notes = row
    return Patient(
        id=patient_id,
        chart_number=chart,
        family_name=family,
        given_names=given,
        date_of_birth=date.fromisoformat(born),
        sex=Sex(sex),
        phone=phone,
        email=email,
        address=address,
        notes=notes,
    )

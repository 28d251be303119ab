"""The start-up quick check: run once per unchanged file, never trusted after a change."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from imsdesk.store.sqlite_file import (
    check_in_background,
    integrity_problem,
    quick_check_finished,
)
from tests.support.sqlite_trouble import damage_table


def make_clinic_file(path: Path) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY, note TEXT)")
        connection.executemany(
            "INSERT INTO visits (note) VALUES (?)", [("Right gluteus medius",)] * 500
        )
        connection.commit()


def pages_read_by_checks(path: Path) -> list[str]:
    """The check statements SQLite ran on the file, from its own trace."""
    seen: list[str] = []
    original = sqlite3.connect

    def traced(*args: object, **kwargs: object) -> sqlite3.Connection:
        connection = original(*args, **kwargs)  # type: ignore[arg-type]
        connection.set_trace_callback(seen.append)
        return connection

    sqlite3.connect = traced  # type: ignore[assignment]
    try:
        assert integrity_problem(path) is None
        assert integrity_problem(path) is None
    finally:
        sqlite3.connect = original  # type: ignore[assignment]
    return [statement for statement in seen if "quick_check" in statement]


def test_a_file_that_passed_is_not_read_again_while_unchanged(tmp_path: Path):
    path = tmp_path / "clinic.sqlite"
    make_clinic_file(path)
    assert len(pages_read_by_checks(path)) == 1


def test_a_file_damaged_after_passing_is_caught(tmp_path: Path):
    path = tmp_path / "clinic.sqlite"
    make_clinic_file(path)
    assert integrity_problem(path) is None
    damage_table(path)
    assert integrity_problem(path) is not None


def test_the_full_check_always_reads_the_file(tmp_path: Path):
    path = tmp_path / "clinic.sqlite"
    make_clinic_file(path)
    assert integrity_problem(path) is None
    damage_table(path)
    assert integrity_problem(path, quick=False) is not None


def test_a_check_started_in_the_background_is_the_one_waited_for(tmp_path: Path):
    path = tmp_path / "clinic.sqlite"
    make_clinic_file(path)
    damage_table(path)
    check_in_background(path)
    assert integrity_problem(path) is not None  # waits for the running check's answer
    assert quick_check_finished(path)

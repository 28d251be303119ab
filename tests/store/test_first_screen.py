"""The list's opening page read before SQLAlchemy loads: the same page, or nothing."""

import sqlite3
from pathlib import Path

import pytest

from imsdesk.services.database import open_clinic_database
from imsdesk.services.demo_data import generate_demo_data
from imsdesk.services.first_screen import peek_first_screen
from imsdesk.services.patients import PatientService
from imsdesk.store.database import Database
from imsdesk.store.first_screen import read_first_screen
from tests.conftest import AS_OF

PAGE = 100


def test_the_opening_page_is_exactly_what_the_patient_service_lists(sqlite_db: Database):
    generate_demo_data(sqlite_db, patients=140, seed=3, as_of=AS_OF)
    service = PatientService(sqlite_db)
    first = read_first_screen(sqlite_db.sqlite_path, PAGE)
    assert first is not None
    assert first.patients == service.search("", limit=PAGE)
    assert [p.display_name for p in first.patients] == [
        p.display_name for p in service.search("", limit=PAGE)
    ]
    assert first.total == service.count("") == 140
    assert first.location == str(sqlite_db.sqlite_path)


def test_a_missing_file_is_left_to_the_ordinary_path_and_not_created(tmp_path: Path):
    missing = tmp_path / "new-clinic.sqlite"
    assert read_first_screen(missing, PAGE) is None
    assert not missing.exists()


def test_a_file_that_is_not_a_database_gives_nothing(tmp_path: Path):
    letter = tmp_path / "letter.sqlite"
    letter.write_bytes(b"Dear colleague" * 10)
    assert read_first_screen(letter, PAGE) is None
    assert letter.read_bytes() == b"Dear colleague" * 10


def test_a_database_needing_an_upgrade_is_left_to_the_ordinary_path(sqlite_db: Database):
    path = sqlite_db.sqlite_path
    sqlite_db.close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0007'")
    assert read_first_screen(path, PAGE) is None


def test_another_programs_database_gives_nothing(tmp_path: Path):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER)")
    assert read_first_screen(other, PAGE) is None


@pytest.mark.parametrize(
    "requested",
    ["", "clinic.sqlite", "~/clinic.sqlite", "sqlite:///clinic.sqlite", "absolute URL"],
)
def test_the_file_peeked_at_is_the_file_the_engine_opens(
    requested: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    if requested == "absolute URL":
        requested = f"sqlite:///{tmp_path}/c.sqlite"
    opened = open_clinic_database(requested or None)
    opened.db.close()
    first = peek_first_screen(requested or None, PAGE)
    assert first is not None
    assert Path(first.location).absolute() == Path(opened.location).absolute()


def test_a_server_url_is_never_peeked_at():
    assert peek_first_screen("postgresql://clinic@db.example/imsdesk", PAGE) is None

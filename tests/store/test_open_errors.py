"""Opening what cannot be opened: one clear sentence, and nothing on disk changed."""

import os
import sqlite3
from pathlib import Path

import pytest

from imsdesk.services.database import open_clinic_database
from imsdesk.store.database import default_database_path, resolve_url
from imsdesk.store.errors import StoreError


def test_a_file_that_is_not_a_database_is_left_exactly_as_it_was(tmp_path: Path):
    letter = tmp_path / "referral.docx"
    letter.write_bytes(b"PK\x03\x04 a word document, not a database" * 50)
    before = letter.read_bytes()
    with pytest.raises(StoreError, match="not an imsdesk database") as caught:
        open_clinic_database(str(letter))
    assert "\n" not in str(caught.value)
    assert letter.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["referral.docx"]


def test_another_programs_sqlite_database_is_refused(tmp_path: Path):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StoreError, match="not an imsdesk database"):
        open_clinic_database(str(other))
    with sqlite3.connect(other) as connection:
        tables = connection.execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("invoices",)]


def test_an_unreachable_server_is_one_line_naming_where(unused_port: int):
    url = f"postgresql://clinic:secret@127.0.0.1:{unused_port}/imsdesk"
    with pytest.raises(StoreError) as caught:
        open_clinic_database(url)
    message = str(caught.value)
    assert f"127.0.0.1:{unused_port}" in message
    assert "secret" not in message  # passwords are never echoed
    assert "\n" not in message


def test_a_folder_that_cannot_be_written_is_named(tmp_path: Path):
    if os.geteuid() == 0:
        # Root ignores permission bits; /proc refuses everyone.
        target = Path("/proc/imsdesk-test/clinic.sqlite")
    else:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        target = locked / "clinic.sqlite"
    with pytest.raises(StoreError, match=str(target.parent)):
        open_clinic_database(str(target))
    assert not target.exists()


def test_unsupported_database_kinds_say_what_is_supported():
    with pytest.raises(StoreError, match=r"SQLite .* and PostgreSQL"):
        open_clinic_database("mysql://someone@localhost/clinic")


def test_the_default_is_a_file_in_the_users_data_folder(isolated_home: Path):
    url = resolve_url(None)
    assert url.get_backend_name() == "sqlite"
    assert Path(str(url.database)) == default_database_path()
    assert str(isolated_home) in str(url.database)


def test_environment_variable_and_bare_paths_are_understood(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("IMSDESK_DB", str(tmp_path / "from-env.sqlite"))
    assert resolve_url(None).database == str(tmp_path / "from-env.sqlite")
    assert resolve_url("postgresql://u@h/db").drivername == "postgresql+psycopg"

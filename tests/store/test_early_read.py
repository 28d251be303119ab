"""Start-up's early read: whether the sign-in dialog can show before SQLAlchemy loads."""

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from imsdesk.domain.users import Role, UserDetails
from imsdesk.services.database import open_clinic_database
from imsdesk.services.early_read import clinic_server, peek_sign_in_ready, server_sign_in_ready
from imsdesk.services.users import UserService
from imsdesk.store.database import Database
from imsdesk.store.early_read import read_sign_in_ready

PASSWORD = "correct horse battery"


def test_it_agrees_with_the_user_service_as_accounts_are_made(sqlite_db: Database):
    users = UserService(sqlite_db)
    path = sqlite_db.sqlite_path

    def agree() -> bool:
        early = read_sign_in_ready(path)
        assert bool(early) == (not users.needs_first_admin())
        return bool(early)

    assert not agree()
    users.create(UserDetails("amorgan", "Alex Morgan", Role.THERAPIST), PASSWORD)
    assert not agree()
    admin = users.create(UserDetails("dlee", "Dana Lee", Role.ADMIN))
    assert not agree()
    users.set_password(admin.id, PASSWORD)
    assert agree()


def test_a_missing_file_is_left_to_the_ordinary_path_and_not_created(tmp_path: Path):
    missing = tmp_path / "new-clinic.sqlite"
    assert read_sign_in_ready(missing) is None
    assert not missing.exists()


def test_a_file_that_is_not_a_database_is_left_alone(tmp_path: Path):
    letter = tmp_path / "letter.sqlite"
    letter.write_bytes(b"Dear colleague" * 10)
    assert read_sign_in_ready(letter) is None
    assert letter.read_bytes() == b"Dear colleague" * 10


def test_a_database_needing_an_upgrade_is_left_to_the_ordinary_path(sqlite_db: Database):
    UserService(sqlite_db).create(UserDetails("dlee", "Dana Lee", Role.ADMIN), PASSWORD)
    path = sqlite_db.sqlite_path
    assert read_sign_in_ready(path)
    sqlite_db.close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0007'")
    assert read_sign_in_ready(path) is None


def test_another_programs_database_is_left_to_the_ordinary_path(tmp_path: Path):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER)")
    assert read_sign_in_ready(other) is None


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
    UserService(opened.db).create(UserDetails("dlee", "Dana Lee", Role.ADMIN), PASSWORD)
    opened.db.close()
    ready = peek_sign_in_ready(requested or None)
    assert ready is not None
    assert ready.absolute() == Path(opened.location).absolute()


def test_a_server_url_is_never_peeked_at():
    assert peek_sign_in_ready("postgresql://clinic@db.example/imsdesk") is None


@pytest.mark.postgres
def test_a_server_is_asked_the_same_question_without_sqlalchemy(postgres_url: str):
    server = clinic_server(postgres_url)
    assert server is not None
    assert not server_sign_in_ready(server)  # an empty database: not an imsdesk one yet
    opened = open_clinic_database(postgres_url)
    users = UserService(opened.db)

    def agree() -> bool:
        early = server_sign_in_ready(server)
        assert early == (not users.needs_first_admin())
        return early

    assert not agree()
    admin = users.create(UserDetails("dlee", "Dana Lee", Role.ADMIN))
    assert not agree()
    users.set_password(admin.id, PASSWORD)
    assert agree()
    with opened.db.engine.begin() as connection:  # an older schema: the ordinary path upgrades
        connection.execute(text("UPDATE alembic_version SET version_num = '0007'"))
    assert not server_sign_in_ready(server)
    opened.db.close()


def test_a_server_that_cannot_be_reached_is_left_to_the_ordinary_path(unused_port: int):
    server = clinic_server(f"postgresql://clinic@127.0.0.1:{unused_port}/imsdesk")
    assert server is not None and not server_sign_in_ready(server)


def test_the_server_is_named_without_its_password():
    server = clinic_server("postgresql+psycopg://clinic:s3cret@db.example:5433/ims?sslmode=require")
    assert server is not None
    assert server.conninfo == "postgresql://clinic:s3cret@db.example:5433/ims?sslmode=require"
    assert server.shown == "postgresql://clinic:***@db.example:5433/ims?sslmode=require"
    assert clinic_server("postgres://db.example/ims").conninfo == "postgresql://db.example/ims"
    for not_a_server in ("clinic.sqlite", "sqlite:///clinic.sqlite", "mysql://db/ims", ""):
        assert clinic_server(not_a_server) is None

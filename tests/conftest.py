"""Shared fixtures: an isolated home, temporary databases (SQLite and a real PostgreSQL),
demo patients, and the main window on a temporary database."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

# Offscreen unless a test starts its own X server: no test may need the developer's screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from imsdesk.services.database import open_clinic_database
from imsdesk.store.database import Database
from tests.support.postgres import (
    REQUIRE_ENV,
    PostgresServer,
    create_database,
    drop_database,
    start_server,
)

AS_OF = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own data and config folders: no test touches the user's files."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("IMSDESK_DB", raising=False)
    return home


@pytest.fixture(autouse=True)
def no_clinic_passphrase() -> Iterator[None]:
    """The clinic passphrase lives for a process: no test hands it on to the next."""
    from imsdesk.store.encryption import use_passphrase

    use_passphrase(None)
    yield
    use_passphrase(None)


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'clinic.sqlite'}"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    try:
        server = start_server()
    except Exception as error:  # a broken server install must be loud in CI
        pytest.fail(f"could not start PostgreSQL for the tests: {error}")
    if server is None:
        if os.environ.get(REQUIRE_ENV):
            pytest.fail("PostgreSQL server binaries not found, and this run requires them")
        pytest.skip("PostgreSQL server binaries not installed")
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh, empty database on the real server, dropped afterwards."""
    url = create_database(postgres_server)
    yield url
    drop_database(postgres_server, url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_url(request: pytest.FixtureRequest) -> str:
    """Runs a test once on SQLite and once on the real PostgreSQL server."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def db(any_url: str) -> Iterator[Database]:
    opened = open_clinic_database(any_url)
    yield opened.db
    opened.db.close()


@pytest.fixture
def sqlite_db(sqlite_url: str) -> Iterator[Database]:
    opened = open_clinic_database(sqlite_url)
    yield opened.db
    opened.db.close()


@pytest.fixture(scope="session")
def demo_clinic_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plain clinic file with a few demo patients and the demo accounts, made once."""
    from imsdesk.services.demo_data import generate_demo_data

    path = tmp_path_factory.mktemp("demo") / "clinic.sqlite"
    opened = open_clinic_database(str(path))
    try:
        generate_demo_data(opened.db, patients=12, as_of=AS_OF)
    finally:
        opened.db.close()
    return path


@pytest.fixture
def demo_clinic(demo_clinic_file: Path, tmp_path: Path) -> Path:
    """This test's own copy of the demo clinic file."""
    return Path(shutil.copy(demo_clinic_file, tmp_path / "clinic.sqlite"))


@pytest.fixture
def unused_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]

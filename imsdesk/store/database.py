"""Opening the clinic database: the SQLite default or any SQLAlchemy URL.

Everything that can go wrong while opening (a missing server, a file that is
not a database, a folder that cannot be written) becomes a StoreError with one
line a person can act on, and nothing on disk is touched before it is known to
be safe.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from imsdesk.store.errors import StoreError
from imsdesk.store.sqlite_file import (
    BUSY_TIMEOUT_MS,
    check_sqlite_file,
    default_database_path,
    requested_database,
    tune_sqlite_connection,
)

__all__ = ["Database", "connect", "default_database_path", "describe", "resolve_url"]


def resolve_url(url: str | None) -> URL:
    """The URL to open: --db, else $IMSDESK_DB, else the file in the user's data folder."""
    text_url = requested_database(url)
    if not text_url:
        return URL.create("sqlite", database=str(default_database_path()))
    try:
        parsed = make_url(text_url)
    except ArgumentError:
        # A bare path is the most natural thing to type for a local file.
        if "://" in text_url:
            raise StoreError(f"Not a database URL: {text_url}") from None
        return URL.create("sqlite", database=str(Path(text_url).expanduser().absolute()))
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def describe(url: URL) -> str:
    """The database as shown to people: a file's path, or the URL without its password."""
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return url.database
    return url.render_as_string(hide_password=True)


@dataclass
class Database:
    engine: Engine
    url: URL

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        database = self.url.database
        if not self.is_sqlite or not database or database == ":memory:":
            return None
        return Path(database)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed whole when the block ends, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @contextmanager
    def reading_rows(self) -> Iterator[Connection]:
        """Plain rows without ORM objects: for lists read on every keystroke."""
        with self.engine.connect() as connection:
            yield connection

    def close(self) -> None:
        self.engine.dispose()


SUPPORTED_BACKENDS = ("sqlite", "postgresql")


def connect(url: URL) -> Database:
    """Create the engine and prove it works, without changing the schema."""
    if url.get_backend_name() not in SUPPORTED_BACKENDS:
        raise StoreError(
            f"Cannot use {describe(url)}: imsdesk works with SQLite (sqlite:///path/file.sqlite) "
            "and PostgreSQL (postgresql://user@host/database)."
        )
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        check_sqlite_file(Path(url.database))
    try:
        engine = _create_engine(url)
    except (NoSuchModuleError, ArgumentError, ModuleNotFoundError) as error:
        raise StoreError(f"Cannot use {describe(url)}: {_first_line(error)}") from None
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except DBAPIError as error:
        engine.dispose()
        raise StoreError(explain_connect_error(url, error)) from None
    return Database(engine, url)


def _create_engine(url: URL) -> Engine:
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, connect_args=_server_connect_args(url))
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", lambda connection, _record: tune_sqlite_connection(connection))
    return engine


def _server_connect_args(url: URL) -> dict[str, object]:
    # A clinic server that is down should fail fast, not hang the treatment room.
    if url.get_backend_name() == "postgresql":
        return {"connect_timeout": 5}
    return {}


def explain_connect_error(url: URL, error: DBAPIError) -> str:
    detail = _first_line(error.orig or error)
    if url.get_backend_name() == "sqlite":
        if "not a database" in detail:
            return f"{url.database} is not an imsdesk database (not an SQLite file); left as it is."
        return f"Cannot open the database file {url.database}: {detail}."
    where = f"{url.host or 'localhost'}:{url.port or 'default port'}"
    return f"Cannot connect to the database server at {where} ({describe(url)}): {detail}"


def _first_line(error: BaseException | object) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__

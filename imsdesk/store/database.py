"""Opening the clinic database: the SQLite default or any SQLAlchemy URL.

Everything that can go wrong while opening (a missing server, a file that is
not a database or fails SQLite's quick check, a folder that cannot be written)
becomes a StoreError with one line a person can act on, and nothing on disk is
touched before it is known to be safe.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from imsdesk.store.driver_statements import DriverUnit
from imsdesk.store.encryption import WrongPassphrase, key_connection, sqlcipher
from imsdesk.store.errors import StoreError, first_line
from imsdesk.store.sqlite_file import (
    BUSY_TIMEOUT_MS,
    check_sqlite_file,
    default_database_path,
    passphrase_for,
    reads_with_key,
    refuse_damaged_file,
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
    except (ArgumentError, ValueError):  # ValueError: e.g. a port that is not a number
        # A bare path is the most natural thing to type for a local file.
        if "://" in text_url:
            raise StoreError(f"Not a database URL: {text_url}") from None
        return URL.create("sqlite", database=str(Path(text_url).expanduser().absolute()))
    if parsed.get_backend_name() == "sqlite":
        _refuse_unusable_sqlite_url(parsed, text_url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _refuse_unusable_sqlite_url(url: URL, as_given: str) -> None:
    if url.database in (None, "", ":memory:"):
        # SQLite's in-memory database: everything charted would vanish on closing.
        raise StoreError(
            f"{as_given} names no database file; give one, e.g. sqlite:///clinic.sqlite."
        )
    if url.query:
        raise StoreError(
            f"Cannot use {as_given}: an SQLite database is given by its path alone (no ?options)."
        )


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
        """One unit of work: committed whole when the block ends, rolled back on error.

        A full disk, a read-only file or a lost server becomes a StoreError saying so;
        SQLite has then rolled the whole unit back, so nothing half-written remains.
        """
        with self._storage_failures("save"), self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._storage_failures("read"), self._sessions() as session:
            yield session

    @contextmanager
    def statements(self) -> Iterator[Connection]:
        """One unit of work as plain SQL statements, no ORM: committed whole when the block
        ends, rolled back on error. For the hot paths (a body-map click saves one row)."""
        with self._storage_failures("save"), self.engine.begin() as connection:
            yield connection

    @contextmanager
    def driver(self) -> Iterator[Any]:
        """The driver's own connection, for statements compiled once (DriverStatement) that
        only read; failures are explained as for ``statements``.

        On PostgreSQL each statement is a transaction of its own (autocommit): no BEGIN
        before it and no ROLLBACK when the connection goes back to the pool, two round trips
        fewer a keystroke; and psycopg keeps the statements it has prepared, which it
        forgets on every rollback.
        """
        on_their_own = not self.is_sqlite
        with self._on_driver("read") as driver:
            if on_their_own:
                driver.autocommit = True
            try:
                yield driver
            finally:
                if on_their_own and not driver.closed:
                    driver.autocommit = False  # as every other unit of work expects it

    @contextmanager
    def driver_transaction(self) -> Iterator[DriverUnit]:
        """As ``statements``, on the driver's own connection (DriverUnit): one unit of work
        committed whole when the block ends, rolled back on error. For a body-map click."""
        with self._on_driver("save") as driver:
            try:
                yield DriverUnit(driver, self.engine.dialect)
            except BaseException:
                driver.rollback()
                raise
            driver.commit()

    @contextmanager
    def _on_driver(self, doing: str) -> Iterator[Any]:
        failure = self.engine.dialect.loaded_dbapi.Error
        with self._storage_failures(doing):
            pooled = self.engine.raw_connection()
            try:
                yield pooled.driver_connection
            except failure as error:  # as SQLAlchemy would have raised it, to be explained
                raise DBAPIError.instance(None, None, error, failure) from error
            finally:
                pooled.close()

    @contextmanager
    def _storage_failures(self, doing: str) -> Iterator[None]:
        try:
            yield
        except DBAPIError as error:
            message = explain_storage_failure(self, error, doing)
            if message is None:
                raise
            raise StoreError(message) from None

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
        refuse_damaged_file(Path(url.database))
    try:
        engine = _create_engine(url)
    except (NoSuchModuleError, ArgumentError, ModuleNotFoundError) as error:
        raise StoreError(f"Cannot use {describe(url)}: {first_line(error)}") from None
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
    connect_args = {"timeout": BUSY_TIMEOUT_MS / 1000}
    path = Path(url.database) if url.database and url.database != ":memory:" else None
    if path is None or not reads_with_key(path):
        engine = create_engine(url, connect_args=connect_args)
    else:
        passphrase = passphrase_for(path)
        engine = create_engine(url, module=sqlcipher(), connect_args=connect_args)
        # Before anything else reads a page, SQLAlchemy's own first look included.
        event.listen(
            engine,
            "connect",
            lambda connection, _record: key_connection(connection, path, passphrase),
            insert=True,
        )
    event.listen(engine, "connect", lambda connection, _record: tune_sqlite_connection(connection))
    return engine


def _server_connect_args(url: URL) -> dict[str, object]:
    # A clinic server that is down should fail fast, not hang the treatment room.
    if url.get_backend_name() == "postgresql":
        return {"connect_timeout": 5}
    return {}


# SQLite's primary result codes (extended codes such as SQLITE_IOERR_WRITE share the prefix).
_SQLITE_FAILURES = {
    "SQLITE_FULL": "the disk holding {where} is full; free some space",
    "SQLITE_READONLY": "{where} cannot be written to (it is read-only)",
    "SQLITE_IOERR": "the disk holding {where} reported an error ({detail})",
    "SQLITE_CANTOPEN": "{where} cannot be reached ({detail})",
    "SQLITE_BUSY": "another workstation is busy writing; try again in a moment",
    "SQLITE_LOCKED": "another workstation is busy writing; try again in a moment",
    "SQLITE_CORRUPT": "{where} is damaged ({detail}); close imsdesk and restore a backup",
    "SQLITE_NOTADB": "{where} is damaged ({detail}); close imsdesk and restore a backup",
}


def explain_storage_failure(db: Database, error: DBAPIError, doing: str) -> str | None:
    """One line for a write or read the storage refused, or None for a program error."""
    detail = first_line(error.orig or error)
    if db.is_sqlite:
        name = str(getattr(error.orig, "sqlite_errorname", ""))
        for code, text in _SQLITE_FAILURES.items():
            if name.startswith(code):
                where = str(db.sqlite_path or "the database")
                return f"Could not {doing}: " + text.format(where=where, detail=detail) + "."
        return None
    if isinstance(error, OperationalError):
        return f"Could not {doing}: the database server ({describe(db.url)}) failed: {detail}"
    return None


def explain_connect_error(url: URL, error: DBAPIError) -> str:
    detail = first_line(error.orig or error)
    if url.get_backend_name() == "sqlite":
        if "not a database" in detail and reads_with_key(Path(str(url.database))):
            return str(WrongPassphrase(Path(str(url.database))))
        if "not a database" in detail:
            return f"{url.database} is not an imsdesk database (not an SQLite file); left as it is."
        return f"Cannot open the database file {url.database}: {detail}."
    where = f"{url.host or 'localhost'}:{url.port or 'default port'}"
    return f"Cannot connect to the database server at {where} ({describe(url)}): {detail}"

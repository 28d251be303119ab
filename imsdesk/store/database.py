"""Opening the clinic database: the SQLite default or any SQLAlchemy URL.

Everything that can go wrong while opening (a missing server, a file that is
not a database, a folder that cannot be written) becomes a StoreError with one
line a person can act on, and nothing on disk is touched before it is known to
be safe.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from imsdesk.store.errors import StoreError

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
DB_ENV_VAR = "IMSDESK_DB"


def default_database_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("imsdesk", appauthor=False) / "imsdesk.sqlite"


def resolve_url(url: str | None) -> URL:
    """The URL to open: --db, else $IMSDESK_DB, else the file in the user's data folder."""
    text_url = url or os.environ.get(DB_ENV_VAR) or ""
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
    def statements(self) -> Iterator[Connection]:
        """One unit of work as plain SQL statements, no ORM: committed whole when the block
        ends, rolled back on error. For the hot paths (a body-map click saves one row)."""
        with self.engine.begin() as connection:
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
    if url.get_backend_name() == "sqlite":
        _check_sqlite_file(url)
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
    event.listen(engine, "connect", _tune_sqlite_connection)
    return engine


def _server_connect_args(url: URL) -> dict[str, object]:
    # A clinic server that is down should fail fast, not hang the treatment room.
    if url.get_backend_name() == "postgresql":
        return {"connect_timeout": 5}
    return {}


def _tune_sqlite_connection(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    try:
        # WAL lets the list read while a visit autosaves; synchronous=FULL makes
        # each commit survive a power cut; foreign keys are off by default in SQLite.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _check_sqlite_file(url: URL) -> None:
    database = url.database
    if not database or database == ":memory:":
        return
    path = Path(database)
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file.")
    if path.exists():
        if not os.access(path, os.R_OK):
            raise StoreError(f"Cannot read {path}: permission denied.")
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header and header != SQLITE_HEADER:
            raise StoreError(
                f"{path} is not an imsdesk database (not an SQLite file); left as it is."
            )
        if not _folder_writable(path.parent):
            raise StoreError(
                f"Cannot write to the folder {path.parent}: imsdesk needs it for the "
                "database's journal. Choose a folder you can write to."
            )
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"Cannot create the folder {path.parent}: {error.strerror}.") from None
    if not _folder_writable(path.parent):
        raise StoreError(f"Cannot create a database in {path.parent}: the folder is read-only.")


def _folder_writable(folder: Path) -> bool:
    """Really try: os.access says yes to root even on a read-only mount."""
    probe = folder / f".imsdesk-write-test-{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return False
    return True


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

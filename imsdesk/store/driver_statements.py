"""Statements compiled once and run on the driver's own connection.

For the statements run on every keystroke (the patient search) and every click on the
body map (one mark saved). Through SQLAlchemy's execution (parameters rebuilt from the
statement, a Row and a type conversion per value read, the connection's and
transaction's events) each costs about as much again as the SQL's own work; compiled
once per database and run on the driver's cursor, it costs what the driver costs. The
statements are still built with SQLAlchemy, as every other one is.

On PostgreSQL a statement is written with the server's own placeholders ($1) and run on
psycopg's raw cursor, which passes it on as it is: its usual cursor rewrites %(name)s
placeholders on every run of a statement longer than 4 kB (it keeps the rewrite of
shorter ones only), a third of a millisecond for the list's page. It is prepared on its
first run rather than its fifth, as psycopg forgets what it prepared whenever the
connection's transaction is rolled back (which the pool does after any other read on it).
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Dialect, Float
from sqlalchemy.sql.expression import Executable
from sqlalchemy.types import TypeEngine

Read = Callable[[Any], Any]
Run = tuple[Executable, Mapping[str, Any]]  # a statement and its values
RunKey = tuple[int, tuple[tuple[str, Any], ...]]


def as_given(value: Any) -> Any:
    """What the driver gives, kept: a column it already gives as its type."""
    return value


@dataclass(frozen=True)
class DriverStatement:
    sql: str
    names: tuple[str, ...]  # the placeholders, in order where the driver takes a sequence
    positional: bool  # sqlite3 and psycopg's raw cursor take a sequence
    held: Mapping[str, Any]  # values the statement holds itself (a CASE's 0)
    converts: tuple[tuple[str, Read], ...]  # values the driver takes converted (SQLite dates)
    readers: tuple[Read, ...]  # per column: what the driver gives, read as the column's type
    row: Callable[..., tuple[Any, ...]]  # a row of the columns, by position or by name
    cursor: Callable[[Any], Any]  # a cursor of the driver connection that runs ``sql``
    execute_options: Mapping[str, Any]  # psycopg: prepared on its first run

    @classmethod
    def compile(cls, statement: Executable, dialect: Dialect) -> DriverStatement:
        numbered = dialect.name == "postgresql"
        compiled = statement.compile(dialect=_numbered(dialect) if numbered else dialect)
        if compiled.literal_execute_params or compiled.post_compile_params:
            raise ValueError("a statement rendered anew on each run cannot be compiled once")
        if compiled.insert_prefetch or compiled.update_prefetch:
            # A column's Python default (a timestamp) would be worked out once, here.
            raise ValueError("a statement compiled once must give every column's value")
        given = {bind.key for bind in compiled.binds.values() if bind.required}
        every = compiled.construct_params(dict.fromkeys(given))
        names = compiled.positiontup if compiled.positional else every
        assert names is not None
        converts = [
            (bind.key, convert)
            for bind in compiled.binds.values()
            if bind.required
            and (convert := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None
        ]
        selected = getattr(statement, "selected_columns", ())
        readers = [_reader(column.type, dialect) for column in selected]
        return cls(
            sql=compiled.string,
            names=tuple(names),
            positional=compiled.positional,
            held={name: value for name, value in every.items() if name not in given},
            converts=tuple(converts),
            readers=tuple(readers),
            row=namedtuple("Row", [column.key for column in selected], rename=True),  # type: ignore[misc]
            cursor=_raw_cursor if numbered else _cursor,
            execute_options={"prepare": True} if numbered else {},
        )

    def rows(self, driver: Any, values: Mapping[str, Any]) -> list[Any]:
        """The rows as the driver gives them (``readers`` read them), run on ``driver``,
        a driver connection (Database.driver), with ``values`` by name."""
        return self.fetched(self._run(driver, values))

    def fetched(self, cursor: Any) -> list[Any]:
        """The rows of a cursor this statement ran on (then closed)."""
        try:
            return cursor.fetchall()
        finally:
            cursor.close()

    def counted(self, cursor: Any) -> int:
        """How many rows the write run on ``cursor`` changed (then closed)."""
        try:
            return int(cursor.rowcount)
        finally:
            cursor.close()

    def _run(self, driver: Any, values: Mapping[str, Any]) -> Any:
        given = {**self.held, **values}
        for name, convert in self.converts:
            if given.get(name) is not None:
                given[name] = convert(given[name])
        if self.positional:
            parameters: Any = [given[name] for name in self.names]
        else:
            parameters = {name: given[name] for name in self.names}
        cursor = self.cursor(driver)
        try:
            cursor.execute(self.sql, parameters, **self.execute_options)
        except BaseException:
            cursor.close()
            raise
        return cursor


def compiled_once(statement: Executable, dialect: Dialect) -> DriverStatement:
    """``statement`` compiled for the database's driver on its first run, then kept.

    Kept by the statement object itself: pass statements built once (module constants,
    or made by a cached function), never one built anew per call.
    """
    key = (id(statement), dialect.name, dialect.paramstyle)
    kept = _COMPILED.get(key)
    if kept is None or kept[0] is not statement:
        kept = _COMPILED[key] = (statement, DriverStatement.compile(statement, dialect))
    return kept[1]


_COMPILED: dict[tuple[int, str, str], tuple[Executable, DriverStatement]] = {}


class DriverResult:
    """What a statement run on a DriverUnit gave: as much of SQLAlchemy's result as the
    hot paths read."""

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self._rows = rows
        self.rowcount = rowcount

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)

    def all(self) -> list[Any]:
        return list(self._rows)

    def first(self) -> Any | None:
        return self._rows[0] if self._rows else None

    def scalar_one_or_none(self) -> Any | None:
        if len(self._rows) > 1:
            raise ValueError("more than one row where one was expected")
        return self._rows[0][0] if self._rows else None


class DriverUnit:
    """One unit of work on the driver's connection (Database.driver_transaction), run as
    a Connection's ``execute`` is: each statement compiled once per database.

    Statements known before their results are needed can be sent together
    (``run_together``): on PostgreSQL in one pipeline, the server answering them all in
    one round trip instead of one each; ``execute`` then hands out what they gave.
    """

    def __init__(self, driver: Any, dialect: Dialect) -> None:
        self._driver = driver
        self._dialect = dialect
        self._ahead: dict[RunKey, DriverResult] = {}

    def execute(self, statement: Executable, values: Mapping[str, Any]) -> DriverResult:
        kept = self._ahead.pop(_run_key(statement, values), None)
        if kept is not None:
            return kept
        compiled = compiled_once(statement, self._dialect)
        if not compiled.readers:  # a write: what was read ahead may no longer be so
            self._ahead.clear()
        return self._result(compiled, compiled._run(self._driver, values))

    def run_together(self, runs: Iterable[Run]) -> None:
        """Run these statements now, in this order and together, and keep what each gave
        for the ``execute`` of the same statement with the same values (hashable) later in
        this unit. What is not asked for again is simply dropped (a write's count); a
        statement asked for that was not run here runs then, as always."""
        planned = [
            (_run_key(statement, values), compiled_once(statement, self._dialect), values)
            for statement, values in runs
        ]
        keys = [key for key, _, _ in planned]
        if len(set(keys)) != len(keys) or self._ahead.keys() & set(keys):
            # Two runs alike would hand out one answer for both: a caller's mistake.
            raise ValueError("the same statement with the same values is run together twice")
        if self._dialect.name == "postgresql":  # sent at once, answered at once
            with self._driver.pipeline():
                sent = [
                    (key, compiled, compiled._run(self._driver, values))
                    for key, compiled, values in planned
                ]
            for key, compiled, cursor in sent:
                self._ahead[key] = self._result(compiled, cursor)
            return
        for key, compiled, values in planned:
            self._ahead[key] = self._result(compiled, compiled._run(self._driver, values))

    @staticmethod
    def _result(compiled: DriverStatement, cursor: Any) -> DriverResult:
        """What the statement run on ``cursor`` gave: its rows read as their columns'
        types, or the count of rows a write changed (then closed)."""
        if not compiled.readers:
            return DriverResult([], compiled.counted(cursor))
        readers, make = compiled.readers, compiled.row
        converted = [
            make(*(read(value) for read, value in zip(readers, row, strict=True)))
            for row in compiled.fetched(cursor)
        ]
        return DriverResult(converted, len(converted))


def _run_key(statement: Executable, values: Mapping[str, Any]) -> RunKey:
    return id(statement), tuple(sorted(values.items()))


def _reader(type_: TypeEngine[Any], dialect: Dialect) -> Read:
    """What reads a column's value as given by the driver as the column's type."""
    # A float column is the server's double precision (PostgreSQL's type 701), which the
    # driver gives as a float already; the dialect asks which type a number came as.
    coltype = 701 if isinstance(type_, Float) else None
    return type_.dialect_impl(dialect).result_processor(dialect, coltype) or as_given


def _numbered(dialect: Dialect) -> Dialect:
    """The same kind of dialect, writing PostgreSQL's own placeholders ($1, $2 ...)."""
    return type(dialect)(paramstyle="numeric_dollar")


def _cursor(driver: Any) -> Any:
    return driver.cursor()


def _raw_cursor(driver: Any) -> Any:
    from psycopg import RawCursor  # only on PostgreSQL

    return RawCursor(driver)

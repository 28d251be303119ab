"""Statements compiled once and run on the driver's own connection.

For the statement the patient list runs on every keystroke. Through SQLAlchemy's
execution (parameters rebuilt from the statement, a Row and a type conversion per
value read) it costs about half as much again as the SQL's own reading; compiled once
per database and run on the driver's cursor, it costs what the driver costs. The
statement is still built with SQLAlchemy, as every other one is.

On PostgreSQL it is written with the server's own placeholders ($1) and run on psycopg's
raw cursor, which passes it on as it is: its usual cursor rewrites %(name)s placeholders
on every run of a statement longer than 4 kB (it keeps the rewrite of shorter ones only),
a third of a millisecond for the list's page. It is prepared on its first run rather
than its fifth, as psycopg forgets what it prepared whenever the connection's transaction
is rolled back (which the pool does after any other read on it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Dialect, Select

Read = Callable[[Any], Any]


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
    cursor: Callable[[Any], Any]  # a cursor of the driver connection that runs ``sql``
    execute_options: Mapping[str, Any]  # psycopg: prepared on its first run

    @classmethod
    def compile(cls, statement: Select[Any], dialect: Dialect) -> DriverStatement:
        numbered = dialect.name == "postgresql"
        compiled = statement.compile(dialect=_numbered(dialect) if numbered else dialect)
        if compiled.literal_execute_params or compiled.post_compile_params:
            raise ValueError("a statement rendered anew on each run cannot be compiled once")
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
        readers = [
            column.type.dialect_impl(dialect).result_processor(dialect, None) or as_given
            for column in statement.selected_columns
        ]
        return cls(
            sql=compiled.string,
            names=tuple(names),
            positional=compiled.positional,
            held={name: value for name, value in every.items() if name not in given},
            converts=tuple(converts),
            readers=tuple(readers),
            cursor=_raw_cursor if numbered else _cursor,
            execute_options={"prepare": True} if numbered else {},
        )

    def rows(self, driver: Any, values: Mapping[str, Any]) -> list[Any]:
        """The rows as the driver gives them (``readers`` read them), run on ``driver``,
        a driver connection (Database.driver), with ``values`` by name."""
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
            return cursor.fetchall()
        finally:
            cursor.close()


def _numbered(dialect: Dialect) -> Dialect:
    """The same kind of dialect, writing PostgreSQL's own placeholders ($1, $2 ...)."""
    return type(dialect)(paramstyle="numeric_dollar")


def _cursor(driver: Any) -> Any:
    return driver.cursor()


def _raw_cursor(driver: Any) -> Any:
    from psycopg import RawCursor  # only on PostgreSQL

    return RawCursor(driver)

"""Writing many rows at once, below the ORM, for generated demo clinics.

Millions of rows through the ORM would take hours. Here each value goes through
the column type's own bind processing (so a row reads back exactly as if the ORM
had written it), then SQLite takes one ``executemany`` and PostgreSQL one
``COPY``. Both run inside the caller's transaction, and both fire the triggers
that lock signed visits: the caller inserts a visit's children before signing it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, text

Processor = Callable[[Any], Any]


class BulkWriter:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._dialect = connection.dialect
        self._raw = connection.connection.dbapi_connection
        self._encoders: dict[tuple[str, str], Processor | None] = {}

    @property
    def connection(self) -> Connection:
        return self._connection

    @property
    def is_sqlite(self) -> bool:
        return self._dialect.name == "sqlite"

    def insert(self, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Insert ``rows`` (tuples in ``columns`` order) into ``table``."""
        encode = _row_encoder([self._encoder(table, name) for name in columns])
        encoded = map(encode, rows)
        names = ", ".join(columns)
        cursor = self._raw.cursor()
        try:
            if self.is_sqlite:
                marks = ", ".join("?" for _ in columns)
                cursor.executemany(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", encoded)
            else:
                with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
                    for row in encoded:
                        copy.write_row(row)
        finally:
            cursor.close()

    def next_id(self, table: Table) -> int:
        """The id the next row of ``table`` takes when ids are given explicitly."""
        found = self._connection.execute(text(f"SELECT max(id) FROM {table.name}")).scalar()
        return (found or 0) + 1

    def ids_given_up_to(self, table: Table) -> None:
        """After explicit ids: PostgreSQL's sequence must not hand out one already used."""
        if not self.is_sqlite:
            self._connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"coalesce((SELECT max(id) FROM {table.name}), 1))"
                )
            )

    def _encoder(self, table: Table, name: str) -> Processor | None:
        key = (table.name, name)
        if key not in self._encoders:
            column_type = table.c[name].type
            process = column_type.dialect_impl(self._dialect).bind_processor(self._dialect)
            self._encoders[key] = None if process is None else _remembering(process)
        return self._encoders[key]


def _remembering(process: Processor) -> Processor:
    """Dates and times repeat across a visit's rows: encode each distinct value once."""
    seen: dict[Any, Any] = {}

    def encode(value: Any) -> Any:
        try:
            return seen[value]
        except KeyError:
            if len(seen) > 100_000:
                seen.clear()
            result = seen[value] = process(value)
            return result

    return encode


def _row_encoder(encoders: list[Processor | None]) -> Callable[[Sequence[Any]], Sequence[Any]]:
    """Most columns need no encoding: touch only those that do, row after row."""
    active = [(index, encode) for index, encode in enumerate(encoders) if encode is not None]
    if not active:
        return lambda row: row

    def encode_row(row: Sequence[Any]) -> list[Any]:
        values = list(row)
        for index, encode in active:
            value = values[index]
            if value is not None:
                values[index] = encode(value)
        return values

    return encode_row

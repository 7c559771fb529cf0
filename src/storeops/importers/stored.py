"""Rows in the form SQLite stores them: insert, look up, compare and update without conversions.

A large import spends more time turning each value into what SQLAlchemy's SQLite dialect
stores (aware times into naive UTC text, Decimal into text) and back again than SQLite spends
storing it. An importer that builds its rows in that stored form ("stored rows": times as
`YYYY-MM-DD HH:MM:SS.ffffff` UTC text, money as `str(Decimal)`, booleans as 0/1) hands them to
SQLite as they are here, and compares them with what is stored without turning every stored
value back into a Python object.

Re-import compares in two steps. The quick step compares text with text: stored amounts come
back from SQLite as numbers and are turned into their text once per distinct number; stored
times already are text. Rows equal by text are equal. The few rows that differ by text are
then compared exactly as `upsert` compares (as Decimal and aware datetime), so a row written
by another writer in another spelling of the same value still counts as unchanged.

On databases other than SQLite, stored rows are turned back into Python values and written
through SQLAlchemy (`upsert`, `insert_tuples`): the stored form is SQLite's, not theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from storeops.importers.summary import ImportSummary
from storeops.importers.upsert import (
    _remembered,
    _sqlite_value,
    insert_tuples,
    sqlite_insert_statement,
    stored_rows,
    upsert,
)

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.engine import Connection


def stored_converters(target: Table, columns: list[str]) -> list[Callable[[Any], Any] | None]:
    """Per column, the function turning a Python value into its stored form (None: as is)."""
    return [_sqlite_value(target.c[column].type) for column in columns]


def to_stored(
    converters: list[Callable[[Any], Any] | None], values: tuple[Any, ...]
) -> tuple[Any, ...]:
    """A row of Python values (aware datetimes, Decimals, bools) in its stored form."""
    return tuple(
        value if convert is None else convert(value)
        for convert, value in zip(converters, values, strict=True)
    )


def _python_value(column_type: Any) -> Callable[[Any], Any] | None:
    """The inverse of `_sqlite_value`: a stored value back as the Python value it stores."""
    from sqlalchemy import Boolean, Numeric

    from storeops.dbtypes import UTCDateTime

    if isinstance(column_type, UTCDateTime):
        return lambda value: (
            None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)
        )
    if isinstance(column_type, Numeric):
        return lambda value: None if value is None else Decimal(value)
    if isinstance(column_type, Boolean):
        return lambda value: None if value is None else bool(value)
    return None


def from_stored(target: Table, columns: list[str]) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """A function turning a stored row of `columns` back into Python values."""
    converters = [_python_value(target.c[column].type) for column in columns]

    def convert(row: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(
            value if python is None else python(value)
            for python, value in zip(converters, row, strict=True)
        )

    return convert


class StoredComparison:
    """Compares stored rows as SQLite returns them with new rows in stored form."""

    def __init__(self, connection: Connection, target: Table, columns: list[str]) -> None:
        from sqlalchemy import Numeric

        dialect = connection.dialect
        self.columns = columns
        # Amounts come back from SQLite as int or float: their text, through the column's own
        # result processor (Decimal at its scale), remembered per distinct stored number.
        self._amount_text: list[tuple[int, Callable[[Any], Any]]] = []
        self._result: list[Callable[[Any], Any] | None] = []
        for position, column in enumerate(columns):
            column_type = target.c[column].type
            processor = column_type.dialect_impl(dialect).result_processor(dialect, None)
            self._result.append(processor)
            if isinstance(column_type, Numeric) and processor is not None:
                key = (dialect.name, target.name, column)
                as_decimal = _remembered(processor, (*key, "value"))
                self._amount_text.append(
                    (position, _remembered(_as_text(as_decimal), (*key, "text")))
                )
        self._python = from_stored(target, columns)

    def comparable(self, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """Stored rows (of `columns`) with their amounts as text, for the quick comparison."""
        if not self._amount_text or not rows:
            return rows
        # Column by column: map() turns a column in C, zip() turns rows into columns and back.
        by_column: list[Any] = list(zip(*rows, strict=True))
        for position, text in self._amount_text:
            by_column[position] = map(text, by_column[position])
        return list(zip(*by_column, strict=True))

    def same(self, stored: tuple[Any, ...], new: tuple[Any, ...]) -> bool:
        """Whether a stored row (as SQLite returns it) holds the new row's values.

        Called only for the rows whose text differs: compared as Decimal and aware datetime,
        as SQLAlchemy would read them.
        """
        read = tuple(
            value if process is None else process(value)
            for process, value in zip(self._result, stored, strict=True)
        )
        return read == self._python(new)


def _as_text(as_decimal: Callable[[Any], Any]) -> Callable[[Any], str | None]:
    def text(stored: Any) -> str | None:
        amount = as_decimal(stored)
        return None if amount is None else str(amount)

    return text


def insert_stored(
    connection: Connection, target: Table, columns: list[str], rows: list[tuple[Any, ...]]
) -> None:
    """Insert rows given in stored form, as tuples of the values of `columns`."""
    if not rows:
        return
    if connection.dialect.name != "sqlite":
        python = from_stored(target, columns)
        insert_tuples(connection, target, columns, [python(row) for row in rows])
        return
    statement, constant = sqlite_insert_statement(connection, target, columns)
    parameters = rows if not constant else [row + constant for row in rows]
    connection.exec_driver_sql(statement, parameters)


def insert_stored_returning_ids(
    connection: Connection,
    target: Table,
    match: str,
    columns: list[str],
    rows: list[tuple[Any, ...]],
) -> dict[Any, int]:
    """Insert rows in stored form and return each one's new id by its `match` value.

    As `insert_returning_ids`: the new rows are those above the highest id before the insert.
    """
    from sqlalchemy import func, select

    if not rows:
        return {}
    at = columns.index(match)
    keys = {row[at] for row in rows}
    highest = connection.execute(select(func.max(target.c.id))).scalar() or 0
    insert_stored(connection, target, columns, rows)
    if connection.dialect.name != "sqlite":
        query = select(target.c.id, target.c[match]).where(target.c.id > highest)
        return {key: row_id for row_id, key in connection.execute(query) if key in keys}
    # The DBAPI cursor of the session's connection: plain tuples, no result row per id.
    quote = connection.dialect.identifier_preparer.quote
    cursor = connection.connection.cursor()
    try:
        found = cursor.execute(
            f"SELECT id, {quote(match)} FROM {quote(target.name)} WHERE id > ?", (highest,)
        ).fetchall()
    finally:
        cursor.close()
    return {key: row_id for row_id, key in found if key in keys}


def update_stored(
    connection: Connection,
    target: Table,
    columns: list[str],
    changes: list[tuple[Any, ...]],
) -> None:
    """Set `columns` of existing rows; each change is (*stored values of columns, row id)."""
    if not changes:
        return
    if connection.dialect.name != "sqlite":
        from sqlalchemy import bindparam

        python = from_stored(target, columns)
        connection.execute(
            target.update().where(target.c.id == bindparam("row_id")),
            [
                dict(zip(columns, python(change[:-1]), strict=True), row_id=change[-1])
                for change in changes
            ],
        )
        return
    quote = connection.dialect.identifier_preparer.quote
    assignments = ", ".join(f"{quote(column)} = ?" for column in columns)
    connection.exec_driver_sql(
        f"UPDATE {quote(target.name)} SET {assignments} WHERE id = ?", changes
    )


def upsert_stored(
    connection: Connection,
    target: Table,
    match: str,
    columns: list[str],
    rows: list[tuple[Any, ...]],
    summary: ImportSummary,
    plural: str,
    scope: dict[str, Any] | None = None,
) -> dict[Hashable, int]:
    """`upsert` for rows in stored form (tuples of `columns`); keys unique within the batch."""
    scope = scope or {}
    if not rows:
        return {}
    if connection.dialect.name != "sqlite":
        python = from_stored(target, columns)
        return upsert(
            connection,
            target,
            match,
            [dict(zip(columns, python(row), strict=True)) for row in rows],
            summary,
            plural,
            scope,
        )
    at = columns.index(match)
    keys = [row[at] for row in rows]
    found = stored_rows(connection, target, ["id", *columns], match, keys, scope, raw=True)
    comparison = StoredComparison(connection, target, columns)
    before: dict[Any, tuple[int, tuple[Any, ...], tuple[Any, ...]]] = {
        raw[at + 1]: (raw[0], raw[1:], text)
        for raw, text in zip(found, comparison.comparable([raw[1:] for raw in found]), strict=True)
    }
    created: list[tuple[Any, ...]] = []
    changed: list[tuple[Any, ...]] = []
    ids: dict[Hashable, int] = {}
    for key, row in zip(keys, rows, strict=True):
        stored = before.get(key)
        if stored is None:
            created.append(row)
            continue
        ids[key] = stored[0]
        if stored[2] != row and not comparison.same(stored[1], row):
            changed.append((*row, stored[0]))
    if created:
        ids.update(insert_stored_returning_ids(connection, target, match, columns, created))
    update_stored(connection, target, columns, changed)
    summary.created[plural] += len(created)
    summary.updated[plural] += len(changed)
    summary.unchanged[plural] += len(rows) - len(created) - len(changed)
    return ids

"""Bulk upserts keyed on a source's own ids: look up a batch at once, insert, update, count.

Existing rows are found with one `IN (...)` query per batch, never one query per row, and
compared column by column, so re-importing the same data writes nothing and a changed row
updates exactly that row.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import UTC, datetime
from itertools import repeat
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from storeops.importers.summary import ImportSummary

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.engine import Connection


def table(name: str) -> Table:
    """The store's table by name, as SQLAlchemy Core (`storeops.tables`, no ORM needed)."""
    from storeops.tables import metadata

    return metadata.tables[name]


def _sqlite_value(column_type: Any) -> Callable[[Any], Any] | None:
    """How a value is stored by SQLAlchemy's SQLite dialect, for the columns that convert."""
    from sqlalchemy import Boolean, Date, Numeric

    from storeops.dbtypes import UTCDateTime

    if isinstance(column_type, UTCDateTime):

        def stored_time(value: datetime | None) -> str | None:
            # SQLITE_DATETIME_FORMAT, written by isoformat: several times faster than strftime.
            if value is None:
                return None
            if value.tzinfo is UTC:
                # Already UTC (what the importers hand over): the same text without the offset.
                return value.isoformat(sep=" ", timespec="microseconds")[:26]
            naive = value.astimezone(UTC).replace(tzinfo=None)
            return naive.isoformat(sep=" ", timespec="microseconds")

        return stored_time
    if isinstance(column_type, Numeric):
        return lambda value: None if value is None else str(value)
    if isinstance(column_type, Date):
        return lambda value: None if value is None else value.isoformat()
    if isinstance(column_type, Boolean):
        return lambda value: None if value is None else int(value)
    return None


def insert_rows(connection: Connection, target: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows; on SQLite straight through the driver's executemany.

    SQLAlchemy's per-value processing costs more than SQLite's insert itself on a large
    import, so on SQLite values are converted here exactly as the dialect would store them
    (aware times as naive UTC text, Decimal as NUMERIC, booleans as 0/1).
    """
    if not rows:
        return
    if connection.dialect.name != "sqlite":
        connection.execute(target.insert(), rows)
        return
    columns = list(rows[0])
    insert_tuples(connection, target, columns, list(map(_tuple_getter(columns), rows)))


def insert_tuples(
    connection: Connection, target: Table, columns: list[str], rows: list[tuple[Any, ...]]
) -> None:
    """`insert_rows` for rows given as tuples of the values of `columns`, in that order.

    The importers compare new rows with stored ones as tuples; inserting those same tuples
    saves building a dict per row only to take it apart again.
    """
    if not rows:
        return
    if connection.dialect.name != "sqlite":
        connection.execute(target.insert(), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    statement, constant = sqlite_insert_statement(connection, target, columns)
    converters = [
        (position, convert)
        for position, column in enumerate(columns)
        if (convert := _sqlite_value(target.c[column].type)) is not None
    ]
    parameters: list[tuple[Any, ...]] = rows
    if converters or constant:
        # Column by column: map() over a column runs the conversion without a Python loop
        # per row; zip() turns rows into columns and back in C.
        by_column: list[Any] = list(zip(*rows, strict=True))
        for position, convert in converters:
            by_column[position] = map(convert, by_column[position])
        by_column.extend(repeat(value, len(rows)) for value in constant)
        parameters = list(zip(*by_column, strict=True))
    connection.exec_driver_sql(statement, parameters)


def sqlite_insert_statement(
    connection: Connection, target: Table, columns: list[str]
) -> tuple[str, tuple[Any, ...]]:
    """The INSERT of `columns` plus the model's scalar defaults, and those defaults stored.

    Each row's parameters are its values of `columns` followed by the returned constant.
    """
    # The model's Python-side defaults, which SQLAlchemy would have filled in.
    defaults = {
        column.name: column.default.arg  # type: ignore[attr-defined]
        for column in target.c
        if column.name not in columns and column.default is not None and column.default.is_scalar
    }
    quote = connection.dialect.identifier_preparer.quote
    names = [*columns, *defaults]
    statement = (
        f"INSERT INTO {quote(target.name)} ({', '.join(quote(name) for name in names)}) "
        f"VALUES ({', '.join('?' for _ in names)})"
    )
    constant = tuple(
        convert(value) if (convert := _sqlite_value(target.c[name].type)) else value
        for name, value in defaults.items()
    )
    return statement, constant


def stored_rows(
    connection: Connection,
    target: Table,
    columns: list[str],
    match: str | tuple[str, ...],
    keys: list[Any],
    scope: dict[str, Any],
    *,
    order_by: tuple[str, ...] = (),
    raw: bool = False,
) -> list[tuple[Any, ...]]:
    """`columns` of the rows whose `match` column(s) are among `keys` (within `scope`), as tuples.

    Plain tuples, not mappings: a mapping per row cost more than the query on a large import.
    A composite `match` narrows each column with its own IN (...); the caller picks out the
    exact combinations. With `raw` (SQLite only) values are returned as SQLite stores them,
    without the columns' result processing (see `stored`).
    """
    from sqlalchemy import select

    matched = (match,) if isinstance(match, str) else match
    if connection.dialect.name == "sqlite":
        return _sqlite_stored_rows(
            connection, target, columns, matched, keys, scope, order_by, raw=raw
        )
    query = select(*(target.c[column] for column in columns))
    for position, column in enumerate(matched):
        if isinstance(match, str):
            query = query.where(target.c[column].in_(keys))
        else:
            query = query.where(target.c[column].in_({key[position] for key in keys}))
    for column, value in scope.items():
        query = query.where(target.c[column] == value)
    query = query.order_by(*(target.c[column] for column in order_by))
    return [tuple(row) for row in connection.execute(query)]


def _sqlite_stored_rows(
    connection: Connection,
    target: Table,
    columns: list[str],
    matched: tuple[str, ...],
    keys: list[Any],
    scope: dict[str, Any],
    order_by: tuple[str, ...],
    *,
    raw: bool = False,
) -> list[tuple[Any, ...]]:
    """`stored_rows` on SQLite: the same query, straight through the driver.

    Compiling an IN (...) of 2,000 values costs SQLAlchemy more than SQLite spends running it.
    Values go in and come out through the column types' own bind and result processors, so
    the rows are exactly those SQLAlchemy would return.
    """
    from sqlalchemy import Numeric

    dialect = connection.dialect
    quote = dialect.identifier_preparer.quote

    def bind(column: str, value: Any) -> Any:
        process = target.c[column].type.dialect_impl(dialect).bind_processor(dialect)
        return value if process is None else process(value)

    conditions: list[str] = []
    parameters: list[Any] = []
    for position, column in enumerate(matched):
        wanted = keys if len(matched) == 1 else list({key[position] for key in keys})
        if not wanted:
            return []
        process = target.c[column].type.dialect_impl(dialect).bind_processor(dialect)
        conditions.append(f"{quote(column)} IN ({', '.join('?' * len(wanted))})")
        parameters.extend(wanted if process is None else map(process, wanted))
    for column, value in scope.items():
        conditions.append(f"{quote(column)} = ?")
        parameters.append(bind(column, value))
    statement = (
        f"SELECT {', '.join(quote(column) for column in columns)} FROM {quote(target.name)}"
        f" WHERE {' AND '.join(conditions)}"
    )
    if order_by:
        statement += f" ORDER BY {', '.join(quote(column) for column in order_by)}"
    converters: list[tuple[int, Callable[[Any], Any]]] = []
    for position, column in enumerate(columns):
        column_type = target.c[column].type
        processor = column_type.dialect_impl(dialect).result_processor(dialect, None)
        if processor is not None:
            numeric = isinstance(column_type, Numeric)
            key = (dialect.name, target.name, column, "value")
            converters.append((position, _remembered(processor, key) if numeric else processor))
    # The DBAPI cursor of the session's own connection (so inside its transaction): plain
    # tuples, without a result object wrapped around each row.
    cursor = connection.connection.cursor()
    try:
        rows: list[tuple[Any, ...]] = cursor.execute(statement, parameters).fetchall()
    finally:
        cursor.close()
    if raw or not converters or not rows:
        return rows
    # Column by column, as insert_rows converts: map() runs each conversion without a Python
    # loop per row.
    by_column: list[Any] = list(zip(*rows, strict=True))
    for position, convert in converters:
        by_column[position] = map(convert, by_column[position])
    return list(zip(*by_column, strict=True))


class _Remembered(dict[Any, Any]):
    """A result processor's answers by stored value: amounts repeat down a table."""

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        super().__init__()
        self.convert = convert

    def __missing__(self, stored: Any) -> Any:
        value = self[stored] = self.convert(stored)
        return value


# One memo per column (and dialect) and what it answers, kept between batches and emptied
# when it grows past this. Keyed by name, not by the processor: SQLAlchemy makes a new
# processor each time one is asked for, so a memo per processor lasted one batch, and a
# large import left one behind per batch.
_REMEMBERED: dict[tuple[str, ...], _Remembered] = {}
_REMEMBERED_MAX = 50_000


def _remembered(convert: Callable[[Any], Any], key: tuple[str, ...]) -> Callable[[Any], Any]:
    """`convert` looked up in a memo first: a dict lookup in C instead of a call per value.

    `key` names what `convert` computes, (dialect, table, column, what): every function
    remembered under one key must give the same answers.
    """
    memo = _REMEMBERED.get(key)
    if memo is None or len(memo) > _REMEMBERED_MAX:
        memo = _REMEMBERED[key] = _Remembered(convert)
    return memo.__getitem__


def existing_rows(
    connection: Connection,
    target: Table,
    match: str | tuple[str, ...],
    keys: list[Any],
    columns: list[str],
    scope: dict[str, Any],
) -> dict[Any, dict[str, Any]]:
    """Rows whose `match` column(s) equal one of `keys` (within `scope`): id plus `columns`.

    A composite `match` (a tuple of columns) takes tuple keys; each column is narrowed with
    its own IN (...) and the exact combinations are picked out here.
    """
    if not keys:
        return {}
    matched = (match,) if isinstance(match, str) else match
    wanted = list(dict.fromkeys(["id", *columns, *matched]))
    key_at = _key_getter([wanted.index(column) for column in matched], match)
    found = {}
    exact = set(keys)
    for row in stored_rows(connection, target, wanted, match, keys, scope):
        key = key_at(row)
        if key in exact:
            found[key] = dict(zip(wanted, row, strict=True))
    return found


def _key_getter(positions: list[int], match: str | tuple[str, ...]) -> Callable[[Any], Any]:
    """A function reading a key from a row by position: a value, or a tuple for a composite key."""
    if isinstance(match, str):
        return itemgetter(positions[0])
    return _tuple_getter(positions)


def _tuple_getter(items: list[Any]) -> Callable[[Any], tuple[Any, ...]]:
    """itemgetter that returns a tuple whatever the number of items."""
    if len(items) == 1:
        item = items[0]
        return lambda row: (row[item],)
    return itemgetter(*items)


def insert_returning_ids(
    connection: Connection,
    target: Table,
    match: str | tuple[str, ...],
    rows: list[dict[str, Any]],
) -> dict[Any, int]:
    """Insert `rows` and return each one's new id, by key.

    The new rows are read back as those above the table's highest id before the insert: one
    range scan instead of a 2,000-value IN (...). Rows another writer may have added meanwhile
    (not on SQLite, whose write lock we hold) are filtered out by key.
    """
    if not rows:
        return {}
    columns = list(rows[0])
    values = list(map(_tuple_getter(columns), rows))
    keys = {key_of(row, match) for row in rows}
    return _insert_tuples_returning_ids(connection, target, match, columns, values, keys)


def _insert_tuples_returning_ids(
    connection: Connection,
    target: Table,
    match: str | tuple[str, ...],
    columns: list[str],
    rows: list[tuple[Any, ...]],
    keys: set[Any],
) -> dict[Any, int]:
    from sqlalchemy import func, select

    highest = connection.execute(select(func.max(target.c.id))).scalar() or 0
    insert_tuples(connection, target, columns, rows)
    matched = (match,) if isinstance(match, str) else match
    query = select(target.c.id, *(target.c[column] for column in matched)).where(
        target.c.id > highest
    )
    key_at = _key_getter(list(range(1, len(matched) + 1)), match)
    ids = {}
    for found in connection.execute(query):
        key = key_at(found)
        if key in keys:
            ids[key] = found[0]
    return ids


def key_of(row: Any, match: str | tuple[str, ...]) -> Any:
    """A row's key: one column's value, or a tuple for a composite key."""
    return row[match] if isinstance(match, str) else tuple(row[column] for column in match)


def upsert(
    connection: Connection,
    target: Table,
    match: str | tuple[str, ...],
    rows: list[dict[str, Any]],
    summary: ImportSummary,
    plural: str,
    scope: dict[str, Any] | None = None,
    on_insert: dict[str, Any] | None = None,
) -> dict[Hashable, int]:
    """Insert new rows, update changed ones, count all; return each key's row id.

    `rows` carry every column to set, including `match` and the `scope` columns; keys must be
    unique within the batch. `on_insert` columns are set on new rows only (a first-seen time).
    """
    from sqlalchemy import bindparam

    scope = scope or {}
    if not rows:
        return {}
    columns = list(rows[0])
    matched = (match,) if isinstance(match, str) else match
    keys = [key_of(row, match) for row in rows]
    # Each stored row as (id, its values of `columns`), compared with the new row as a tuple:
    # one comparison in C per row instead of a Python loop over its columns.
    wanted = ["id", *columns, *(column for column in matched if column not in columns)]
    key_at = _key_getter([wanted.index(column) for column in matched], match)
    width = len(columns) + 1
    found: dict[Any, tuple[int, tuple[Any, ...]]] = {}
    exact = set(keys)
    for stored in stored_rows(connection, target, wanted, match, keys, scope):
        key = key_at(stored)
        if key in exact:
            found[key] = (stored[0], stored[1:width])
    # New rows are inserted as (*the row's values, *on_insert's other columns); an on_insert
    # column the row also sets takes on_insert's value, as {**row, **on_insert} would.
    on_insert = on_insert or {}
    insert_columns = [*columns, *(column for column in on_insert if column not in columns)]
    inserted = tuple(on_insert[column] for column in insert_columns[len(columns) :])
    overrides = [
        (columns.index(column), on_insert[column]) for column in on_insert if column in columns
    ]
    created: list[tuple[Any, ...]] = []
    created_keys: set[Any] = set()
    changed: list[dict[str, Any]] = []
    ids: dict[Hashable, int] = {}
    for key, row, values in zip(keys, rows, map(_tuple_getter(columns), rows), strict=True):
        before = found.get(key)
        if before is None:
            if overrides:
                overridden = list(values)
                for position, value in overrides:
                    overridden[position] = value
                values = tuple(overridden)
            created.append(values + inserted)
            created_keys.add(key)
            continue
        ids[key] = before[0]
        if before[1] != values:
            changed.append({**row, "row_id": before[0]})
    if created:
        ids.update(
            _insert_tuples_returning_ids(
                connection, target, match, insert_columns, created, created_keys
            )
        )
    if changed:
        connection.execute(target.update().where(target.c.id == bindparam("row_id")), changed)
    summary.created[plural] += len(created)
    summary.updated[plural] += len(changed)
    summary.unchanged[plural] += len(rows) - len(created) - len(changed)
    return ids

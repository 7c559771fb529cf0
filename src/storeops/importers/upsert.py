"""Bulk upserts keyed on a source's own ids: look up a batch at once, insert, update, count.

Existing rows are found with one `IN (...)` query per batch, never one query per row, and
compared column by column, so re-importing the same data writes nothing and a changed row
updates exactly that row.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from storeops.importers.summary import ImportSummary

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.engine import Connection


def table(name: str) -> Table:
    """The model's table by name (the models registered on SQLModel's metadata)."""
    import storeops.models

    return storeops.models.metadata.tables[name]


def _sqlite_value(column_type: Any) -> Callable[[Any], Any] | None:
    """How a value is stored by SQLAlchemy's SQLite dialect, for the columns that convert."""
    from sqlalchemy import Boolean, Date, Numeric

    from storeops.models.types import UTCDateTime

    if isinstance(column_type, UTCDateTime):

        def stored_time(value: datetime | None) -> str | None:
            # SQLITE_DATETIME_FORMAT, written by isoformat: several times faster than strftime.
            if value is None:
                return None
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
    # The model's Python-side defaults, which SQLAlchemy would have filled in.
    defaults = {
        column.name: column.default.arg  # type: ignore[attr-defined]
        for column in target.c
        if column.name not in columns and column.default is not None and column.default.is_scalar
    }
    quote = connection.dialect.identifier_preparer.quote
    converters = [
        (position, convert)
        for position, column in enumerate(columns)
        if (convert := _sqlite_value(target.c[column].type)) is not None
    ]
    names = [*columns, *defaults]
    statement = (
        f"INSERT INTO {quote(target.name)} ({', '.join(quote(name) for name in names)}) "
        f"VALUES ({', '.join('?' for _ in names)})"
    )
    constant = [
        convert(value) if (convert := _sqlite_value(target.c[name].type)) else value
        for name, value in defaults.items()
    ]
    # Column by column: map() over a column runs the conversion without a Python loop per row.
    by_column: list[list[Any]] = [[row[column] for row in rows] for column in columns]
    for position, convert in converters:
        by_column[position] = list(map(convert, by_column[position]))
    by_column.extend([value] * len(rows) for value in constant)
    parameters = list(zip(*by_column, strict=True))
    connection.exec_driver_sql(statement, parameters)


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
    from sqlalchemy import select

    if not keys:
        return {}
    matched = (match,) if isinstance(match, str) else match
    wanted = list(dict.fromkeys(["id", *columns, *matched]))
    query = select(*(target.c[column] for column in wanted))
    for position, column in enumerate(matched):
        if isinstance(match, str):
            query = query.where(target.c[column].in_(keys))
        else:
            query = query.where(target.c[column].in_({key[position] for key in keys}))
    for column, value in scope.items():
        query = query.where(target.c[column] == value)
    found = {}
    exact = set(keys)
    for row in connection.execute(query).mappings():
        key = row[match] if isinstance(match, str) else tuple(row[column] for column in match)
        if key in exact:
            found[key] = dict(row)
    return found


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
    from sqlalchemy import func, select

    if not rows:
        return {}
    highest = connection.execute(select(func.max(target.c.id))).scalar() or 0
    insert_rows(connection, target, rows)
    matched = (match,) if isinstance(match, str) else match
    query = select(target.c.id, *(target.c[column] for column in matched)).where(
        target.c.id > highest
    )
    wanted = {key_of(row, match) for row in rows}
    ids = {}
    for found in connection.execute(query).mappings():
        key = key_of(found, match)
        if key in wanted:
            ids[key] = found["id"]
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
    keys = [key_of(row, match) for row in rows]
    found = existing_rows(connection, target, match, keys, columns, scope)
    created: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    ids: dict[Hashable, int] = {}
    for row in rows:
        key = key_of(row, match)
        before = found.get(key)
        if before is None:
            created.append({**row, **on_insert} if on_insert else row)
            continue
        ids[key] = before["id"]
        if any(before[column] != value for column, value in row.items()):
            changed.append({**row, "row_id": before["id"]})
    if created:
        ids.update(insert_returning_ids(connection, target, match, created))
    if changed:
        connection.execute(target.update().where(target.c.id == bindparam("row_id")), changed)
    summary.created[plural] += len(created)
    summary.updated[plural] += len(changed)
    summary.unchanged[plural] += len(rows) - len(created) - len(changed)
    return ids

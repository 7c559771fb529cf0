"""The figures reports need, in plain SQL over a `Reader`, so `storeops report` skips SQLAlchemy.

Importing SQLAlchemy, sqlmodel and the models costs about 0.9 s, more than building the
monthly report on a large store; the queries themselves are the same either way. So each
function here is the twin of a `storeops.metrics` function the checks use (named in its
docstring): the same SQL as SQLAlchemy compiles it for SQLite, the same conversions of what
comes back, the same result type. `tests/test_metrics_plain.py` holds every twin equal to its
original on hand-built data; change both or neither.

Conventions: instants are bound as the stored text of a timestamp (`at`), days as ISO text;
a store's fixed vocabularies (statuses, kinds) are written into the SQL as literals.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from storeops.readers import sql_timestamp

if TYPE_CHECKING:
    from storeops.readers import Reader


def at(moment: datetime) -> str:
    """An aware instant as a bound parameter, compared with timestamp columns as stored."""
    return sql_timestamp(moment)


def cents(value: Any) -> Decimal:
    """A sum of money as SQLAlchemy returns a NUMERIC(12, 2) from SQLite: "%.2f", then Decimal.

    Formatting the float with two decimals (not `str()`) matters: 1.015 is stored as
    1.01499999..., which "%.2f" rounds to 1.01 where Decimal("1.015") would round to 1.02.
    """
    return Decimal("%.2f" % value) if value is not None else Decimal("0.00")  # noqa: UP031


def literals(values: tuple[str, ...]) -> str:
    """A fixed vocabulary as SQL literals for IN (...): 'a', 'b' (values never hold quotes)."""
    assert all("'" not in value for value in values)
    return ", ".join(f"'{value}'" for value in values)


def as_datetime(value: Any) -> datetime:
    """A stored timestamp (text on SQLite, naive UTC elsewhere) as an aware UTC datetime."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    assert isinstance(moment, datetime)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def as_date(value: Any) -> date:
    """A stored date (ISO text on SQLite) as a date."""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    assert isinstance(day, date)
    return day


def hours_sql(reader: Reader, later: str, earlier: str) -> str:
    """SQL for `later - earlier` in hours, as `metrics.fulfillment.hours_between` writes it."""
    if reader.dialect == "sqlite":
        return f"(julianday({later}) - julianday({earlier})) * 24"
    return f"EXTRACT(epoch FROM {later} - {earlier}) / 3600"

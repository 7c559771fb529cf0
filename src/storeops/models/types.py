"""Column types shared by every table: aware UTC timestamps and exact money.

SQLite has neither timezone-aware timestamps nor decimals. Timestamps are stored as naive UTC
text in SQLAlchemy's fixed-width format (so they sort and compare as text) and come back aware;
money is NUMERIC(12, 2) and comes back as Decimal, quantised to cents.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import DateTime, Numeric
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field

# The text SQLAlchemy's SQLite dialect stores for a DATETIME; bulk loaders write the same.
from storeops.readers import SQLITE_DATETIME_FORMAT as SQLITE_DATETIME_FORMAT


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored as UTC; naive values are refused, not guessed."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert an aware datetime to naive UTC for storage."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: storeops stores aware UTC times only")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """Attach UTC to the stored naive value."""
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        result: datetime = value.replace(tzinfo=UTC)
        return result


def money(**kwargs: Any) -> Any:
    """A money column: NUMERIC(12, 2), Decimal in Python, zero by default."""
    kwargs.setdefault("default", Decimal("0.00"))
    return Field(sa_type=Numeric(12, 2), **kwargs)


def optional_money(**kwargs: Any) -> Any:
    """A money column that may be unknown (NULL)."""
    return Field(default=None, sa_type=Numeric(12, 2), nullable=True, **kwargs)


def timestamp(**kwargs: Any) -> Any:
    """A required UTC timestamp column."""
    return Field(sa_type=UTCDateTime, **kwargs)


def optional_timestamp(**kwargs: Any) -> Any:
    """A UTC timestamp column that may be NULL (the event has not happened)."""
    return Field(default=None, sa_type=UTCDateTime, nullable=True, **kwargs)

"""Column types shared by every table: aware UTC timestamps and exact money.

SQLite has neither timezone-aware timestamps nor decimals. Timestamps are stored as naive UTC
text in SQLAlchemy's fixed-width format (so they sort and compare as text) and come back aware;
money is NUMERIC(12, 2) and comes back as Decimal, quantised to cents.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Numeric
from sqlmodel import Field

# UTCDateTime needs no ORM: it lives where the importers can use it without importing the
# models (see storeops.dbtypes); its name here is the one migrations refer to.
from storeops.dbtypes import UTCDateTime as UTCDateTime

# The text SQLAlchemy's SQLite dialect stores for a DATETIME; bulk loaders write the same.
from storeops.readers import SQLITE_DATETIME_FORMAT as SQLITE_DATETIME_FORMAT


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

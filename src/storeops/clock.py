"""The one source of "now".

Every timestamp storeops takes comes from `now()`, which honours `STOREOPS_NOW` (ISO-8601) so
tests, demos and benchmarks are reproducible. Times are timezone-aware UTC; "today" is the
store's local calendar date, which depends on the store's timezone, not the machine's.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storeops.errors import ConfigError

ENV_NOW = "STOREOPS_NOW"


def parse_instant(text: str, *, source: str = ENV_NOW) -> datetime:
    """Parse an ISO-8601 instant; a value without an offset is taken as UTC."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ConfigError(
            f"{source}={text!r} is not an ISO-8601 time; use e.g. 2026-11-26T08:00:00+00:00"
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def now() -> datetime:
    """The current instant, timezone-aware UTC (fixed by STOREOPS_NOW when set)."""
    fixed = os.environ.get(ENV_NOW)
    if fixed:
        return parse_instant(fixed)
    return datetime.now(UTC)


def store_zone(name: str) -> ZoneInfo:
    """The store's timezone by IANA name, with a clear error for a bad name."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"unknown timezone {name!r}; use an IANA name such as Europe/London"
        ) from None


def local_today(timezone: str) -> date:
    """Today's date in the store's timezone."""
    return now().astimezone(store_zone(timezone)).date()

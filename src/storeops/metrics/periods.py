"""Local-calendar periods as UTC instants: a store's "yesterday" depends on its timezone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo


@dataclass(frozen=True)
class Period:
    """A half-open span of instants [start, end) covering whole local days."""

    start: datetime
    end: datetime
    first_day: date
    last_day: date

    @property
    def days(self) -> int:
        """How many local days the period covers."""
        return (self.last_day - self.first_day).days + 1


def local_midnight(day: date, zone: tzinfo) -> datetime:
    """The UTC instant at which the local `day` begins (DST-correct)."""
    return datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC)


def days(first: date, last: date, zone: tzinfo) -> Period:
    """The local days `first`..`last` inclusive."""
    return Period(
        local_midnight(first, zone), local_midnight(last + timedelta(days=1), zone), first, last
    )


def day(which: date, zone: tzinfo) -> Period:
    """One local day."""
    return days(which, which, zone)

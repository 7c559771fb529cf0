"""Which days a report covers, from --date / --week / --month, and what it is compared with.

Every report compares with the period just before it and with the same period a year
earlier; the weekly one uses ISO weeks (Monday to Sunday), as the issue's `2026-W47` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from storeops.errors import StoreOpsError

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class ReportDays:
    """The days of a report and of its two comparisons, with a label for people."""

    first: date
    last: date
    label: str
    previous: tuple[date, date]
    last_year: tuple[date, date]


def _year_earlier(day: date) -> date:
    # 29 February has no twin: the day before stands in for it.
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _month_end(first: date) -> date:
    return (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def daily(value: str | None, today: date) -> ReportDays:
    """One day: --date YYYY-MM-DD, yesterday by default."""
    if value is None:
        day = today - timedelta(days=1)
    else:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise StoreOpsError(
                f"--date {value!r} is not a date: give it as YYYY-MM-DD, e.g. 2026-11-25"
            ) from None
    before = day - timedelta(days=1)
    year = _year_earlier(day)
    return ReportDays(day, day, f"{day:%A %-d %B %Y}", (before, before), (year, year))


def weekly(value: str | None, today: date) -> ReportDays:
    """One ISO week: --week YYYY-Www, the last complete week by default."""
    if value is None:
        monday = today - timedelta(days=today.weekday() + 7)
    else:
        match = _WEEK.match(value)
        try:
            if not match:
                raise ValueError
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            raise StoreOpsError(
                f"--week {value!r} is not an ISO week: give it as YYYY-Www, e.g. 2026-W47"
            ) from None
    sunday = monday + timedelta(days=6)
    year, week, _ = monday.isocalendar()
    try:
        twin = date.fromisocalendar(year - 1, week, 1)
    except ValueError:  # week 53 has no twin in a 52-week year
        twin = date.fromisocalendar(year - 1, 52, 1)
    return ReportDays(
        monday,
        sunday,
        f"week {year}-W{week:02d} ({monday:%-d %b} to {sunday:%-d %b %Y})",
        (monday - timedelta(days=7), sunday - timedelta(days=7)),
        (twin, twin + timedelta(days=6)),
    )


def monthly(value: str | None, today: date) -> ReportDays:
    """One calendar month: --month YYYY-MM, the last complete month by default."""
    if value is None:
        first = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    else:
        match = _MONTH.match(value)
        try:
            if not match:
                raise ValueError
            first = date(int(match[1]), int(match[2]), 1)
        except ValueError:
            raise StoreOpsError(
                f"--month {value!r} is not a month: give it as YYYY-MM, e.g. 2026-11"
            ) from None
    last = _month_end(first)
    before = (first - timedelta(days=1)).replace(day=1)
    twin = first.replace(year=first.year - 1)
    return ReportDays(
        first,
        last,
        f"{first:%B %Y}",
        (before, _month_end(before)),
        (twin, _month_end(twin)),
    )

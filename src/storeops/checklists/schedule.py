"""What is due on a day, from an item's `every` and when it was last done.

Schedules are about the store's local calendar dates, never instants, so a DST change (a
23- or 25-hour day) cannot make a daily item due twice or not at all.

- daily: every day.            - weekdays: Monday to Friday.
- weekly:mon: on Mondays.      - monthly:N: on the Nth (clamped to the month's last day), or
- after:Nd: N days after it was last done (at once if never).    monthly:last.

An item not done on its scheduled day stays due and is overdue until it is done.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Due:
    """An item is due: since which scheduled date, and whether that date has passed."""

    since: date
    overdue: bool


def _month_day(year: int, month: int, spec: str) -> date:
    last = calendar.monthrange(year, month)[1]
    day = last if spec == "last" else min(int(spec), last)
    return date(year, month, day)


def scheduled_on_or_before(every: str, day: date, last_done: date | None = None) -> date:
    """The most recent scheduled date on or before `day` (for after:Nd, the next due date)."""
    if every == "daily":
        return day
    if every == "weekdays":
        back = max(0, day.weekday() - 4)  # Saturday -> Friday, Sunday -> Friday
        return day - timedelta(days=back)
    kind, _, arg = every.partition(":")
    if kind == "weekly":
        target = WEEKDAYS.index(arg)
        return day - timedelta(days=(day.weekday() - target) % 7)
    if kind == "monthly":
        this_month = _month_day(day.year, day.month, arg)
        if this_month <= day:
            return this_month
        year, month = (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)
        return _month_day(year, month, arg)
    if kind == "after":
        if last_done is None:
            return day
        return last_done + timedelta(days=int(arg.rstrip("d")))
    raise ValueError(f"unknown schedule {every!r}")


def due(every: str, day: date, last_done: date | None) -> Due | None:
    """Whether a manual item is due on `day`, given the local date it was last done."""
    scheduled = scheduled_on_or_before(every, day, last_done)
    if scheduled > day:
        return None
    if last_done is not None and last_done >= scheduled:
        return None
    # Never done is due, not overdue: a new user should not start with a wall of red.
    return Due(since=scheduled, overdue=scheduled < day and last_done is not None)


def check_is_due(every: str, day: date, last_run: date | None) -> bool:
    """Whether an automated check should run on `day`.

    Checks are cheap and cron runs them often, so a check runs on every run of each day it
    is scheduled, and on later days until it has run once since its scheduled date.
    """
    scheduled = scheduled_on_or_before(every, day, last_run)
    if scheduled == day:
        return True
    if scheduled > day:
        return False
    return last_run is None or last_run < scheduled

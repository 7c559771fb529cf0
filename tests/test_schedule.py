"""Schedules follow the store's local calendar, across DST changes and month ends."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

import pytest

from storeops.checklists.schedule import Due, check_is_due, due, scheduled_on_or_before
from storeops.clock import local_today

D = date.fromisoformat


@pytest.mark.parametrize(
    ("zone", "start"),
    [
        ("America/New_York", "2026-03-07T00:00:00+00:00"),  # spring forward 2026-03-08
        ("America/New_York", "2026-10-31T00:00:00+00:00"),  # fall back 2026-11-01
        ("Europe/London", "2026-03-28T00:00:00+00:00"),  # spring forward 2026-03-29
        ("Europe/London", "2026-10-24T00:00:00+00:00"),  # fall back 2026-10-25
    ],
)
def test_daily_item_due_exactly_once_per_local_date_across_dst(
    zone: str, start: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every 15 minutes for 4 days, doing the item whenever due: once per local date."""
    moment = datetime.fromisoformat(start)
    last_done: date | None = None
    done_on: list[date] = []
    while moment < datetime.fromisoformat(start) + timedelta(days=4):
        monkeypatch.setenv("STOREOPS_NOW", moment.isoformat())
        today = local_today(zone)
        if due("daily", today, last_done) is not None:
            done_on.append(today)
            last_done = today
        moment += timedelta(minutes=15)
    assert len(done_on) == len(set(done_on))
    assert [b - a for a, b in itertools.pairwise(done_on)] == [timedelta(days=1)] * (
        len(done_on) - 1
    )
    assert len(done_on) in (4, 5)


def test_local_today_is_the_store_date_not_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STOREOPS_NOW", "2026-11-26T03:00:00+00:00")
    assert local_today("America/New_York") == D("2026-11-25")
    assert local_today("Europe/London") == D("2026-11-26")


@pytest.mark.parametrize(
    ("every", "day", "expected"),
    [
        ("daily", "2026-11-26", "2026-11-26"),
        ("weekdays", "2026-11-28", "2026-11-27"),  # Saturday -> Friday
        ("weekdays", "2026-11-30", "2026-11-30"),
        ("weekly:mon", "2026-11-26", "2026-11-23"),
        ("weekly:thu", "2026-11-26", "2026-11-26"),
        ("monthly:1", "2026-11-26", "2026-11-01"),
        ("monthly:31", "2026-11-26", "2026-10-31"),
        ("monthly:31", "2026-11-30", "2026-11-30"),  # clamped to the month's last day
        ("monthly:31", "2027-02-28", "2027-02-28"),
        ("monthly:29", "2028-02-29", "2028-02-29"),  # leap year
        ("monthly:last", "2026-12-15", "2026-11-30"),
        ("monthly:15", "2026-01-10", "2025-12-15"),  # across the year end
    ],
)
def test_scheduled_on_or_before(every: str, day: str, expected: str) -> None:
    assert scheduled_on_or_before(every, D(day)) == D(expected)


def test_weekly_item_not_done_on_its_day_stays_due_and_overdue() -> None:
    monday = D("2026-11-23")
    assert due("weekly:mon", monday, D("2026-11-16")) == Due(monday, overdue=False)
    assert due("weekly:mon", D("2026-11-26"), D("2026-11-16")) == Due(monday, overdue=True)
    assert due("weekly:mon", D("2026-11-26"), monday) is None
    assert due("weekly:mon", D("2026-11-26"), D("2026-11-24")) is None


def test_monthly_item_overdue_until_done() -> None:
    first = D("2026-11-01")
    assert due("monthly:1", D("2026-11-20"), D("2026-10-01")) == Due(first, overdue=True)
    assert due("monthly:1", D("2026-11-20"), D("2026-11-03")) is None


def test_never_done_is_due_but_not_overdue() -> None:
    assert due("weekly:mon", D("2026-11-26"), None) == Due(D("2026-11-23"), overdue=False)


def test_after_days_counts_from_last_completion() -> None:
    assert due("after:7d", D("2026-11-26"), None) == Due(D("2026-11-26"), overdue=False)
    assert due("after:7d", D("2026-11-26"), D("2026-11-20")) is None
    assert due("after:7d", D("2026-11-27"), D("2026-11-20")) == Due(D("2026-11-27"), False)
    assert due("after:7d", D("2026-11-29"), D("2026-11-20")) == Due(D("2026-11-27"), True)


def test_checks_run_every_time_on_their_days_and_once_when_late() -> None:
    thursday = D("2026-11-26")
    assert check_is_due("daily", thursday, thursday)
    assert check_is_due("weekly:thu", thursday, thursday)
    assert not check_is_due("weekly:mon", thursday, D("2026-11-23"))
    assert check_is_due("weekly:mon", thursday, D("2026-11-16"))
    assert check_is_due("weekly:mon", thursday, None)

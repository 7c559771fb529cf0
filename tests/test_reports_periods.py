"""Which days --date, --week and --month cover, their comparisons, and bad values."""

from __future__ import annotations

from datetime import date

import pytest

from storeops.errors import StoreOpsError
from storeops.reports import periods

TODAY = date(2026, 11, 26)  # a Thursday


def test_daily_is_yesterday_by_default_and_compares_with_the_day_before() -> None:
    days = periods.daily(None, TODAY)
    assert (days.first, days.last) == (date(2026, 11, 25), date(2026, 11, 25))
    assert days.previous == (date(2026, 11, 24), date(2026, 11, 24))
    assert days.last_year == (date(2025, 11, 25), date(2025, 11, 25))
    assert days.label == "Wednesday 25 November 2026"


def test_weekly_is_the_last_complete_iso_week_by_default() -> None:
    days = periods.weekly(None, TODAY)
    assert (days.first, days.last) == (date(2026, 11, 16), date(2026, 11, 22))
    assert periods.weekly("2026-W47", TODAY) == days
    assert days.previous == (date(2026, 11, 9), date(2026, 11, 15))
    assert days.last_year == (date(2025, 11, 17), date(2025, 11, 23))


def test_monthly_is_last_month_by_default_and_ends_on_its_last_day() -> None:
    days = periods.monthly(None, TODAY)
    assert (days.first, days.last) == (date(2026, 10, 1), date(2026, 10, 31))
    feb = periods.monthly("2028-02", TODAY)
    assert feb.last == date(2028, 2, 29)
    assert feb.previous == (date(2028, 1, 1), date(2028, 1, 31))
    assert feb.last_year == (date(2027, 2, 1), date(2027, 2, 28))


@pytest.mark.parametrize(
    ("choose", "value", "message"),
    [
        (periods.daily, "2026-13-01", "--date '2026-13-01' is not a date: give it as YYYY-MM-DD"),
        (periods.weekly, "2026-47", "--week '2026-47' is not an ISO week: give it as YYYY-Www"),
        (periods.weekly, "2026-W54", "--week '2026-W54' is not an ISO week"),
        (periods.monthly, "2026-13", "--month '2026-13' is not a month: give it as YYYY-MM"),
        (periods.monthly, "November", "--month 'November' is not a month"),
    ],
)
def test_bad_values_are_one_clear_error(choose: object, value: str, message: str) -> None:
    with pytest.raises(StoreOpsError, match="^" + message.replace("(", r"\(")):
        choose(value, TODAY)  # type: ignore[operator]

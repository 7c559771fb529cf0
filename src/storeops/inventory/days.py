"""The daily sales rollup's day keys: days since 1970-01-01, as integers.

Integer keys keep the rollup table and its primary-key index small and fast to group; this
module has no imports beyond the standard library so plain-SQL readers can use it too.
"""

from __future__ import annotations

from datetime import date

EPOCH = date(1970, 1, 1)


def day_number(day: date) -> int:
    """The rollup's key for a calendar day: days since 1970-01-01."""
    return (day - EPOCH).days


def day_from_number(number: int) -> date:
    """The calendar day behind a rollup day number."""
    return date.fromordinal(EPOCH.toordinal() + number)

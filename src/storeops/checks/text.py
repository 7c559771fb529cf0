"""Wording shared by check summaries: money, ages and counts the way an owner says them."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "CAD": "CA$", "AUD": "A$", "JPY": "¥"}


def money(amount: Decimal | float | int | None, currency: str = "USD") -> str:
    """`$1,240` for whole amounts, `$1,240.50` otherwise."""
    value = Decimal(str(amount or 0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    symbol = SYMBOLS.get(currency)
    sign = "-" if value < 0 else ""
    body = f"{abs(value):,.0f}" if value == value.to_integral_value() else f"{abs(value):,.2f}"
    return f"{sign}{symbol}{body}" if symbol else f"{sign}{body} {currency}"


def age(delta: timedelta) -> str:
    """`45m`, `9h`, `3d` - the age of the oldest thing waiting."""
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 60:
        return f"{minutes}m"
    if minutes < 48 * 60:
        return f"{minutes // 60}h"
    return f"{minutes // (60 * 24)}d"


def age_since(moment: datetime | None, now: datetime) -> str:
    """The age of `moment` at `now`, or an empty string."""
    return age(now - moment) if moment is not None else ""


def plural(count: int | float, singular: str, plural_form: str | None = None) -> str:
    """`1 order`, `7 orders`."""
    word = singular if count == 1 else (plural_form or singular + "s")
    number = f"{int(count):,}" if float(count).is_integer() else f"{count:,.1f}"
    return f"{number} {word}"


def percent(value: float) -> str:
    """`42%` or `4.2%`."""
    return f"{value:.0f}%" if abs(value) >= 10 else f"{value:.1f}%"

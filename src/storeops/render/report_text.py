"""How report values read for people: money with cents, percentages, hours, changes."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from storeops.reports.model import Figure, Value

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "CAD": "CA$", "AUD": "A$", "JPY": "¥"}
NOTHING = "\u2013"  # an en dash: no data, distinct from a real zero


def money(amount: Decimal | float | int, currency: str) -> str:
    """`$1,240.50`, `-$12.00`: statements always show the cents."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    symbol = SYMBOLS.get(currency)
    sign = "-" if value < 0 else ""
    body = f"{abs(value):,.2f}"
    return f"{sign}{symbol}{body}" if symbol else f"{sign}{body} {currency}"


def value(amount: Value, unit: str, currency: str) -> str:
    """A value in its unit, or a dash when there is none."""
    if amount is None:
        return NOTHING
    if isinstance(amount, str):
        return amount
    if unit == "money":
        return money(amount, currency)
    if unit == "pct":
        return f"{amount:,.1f}%"
    if unit == "hours":
        return f"{amount:,.1f} h"
    if unit == "ms":
        return f"{amount:,.0f} ms"
    if unit == "ratio":
        return f"{amount:,.2f}x"
    if isinstance(amount, float) and not amount.is_integer():
        return f"{amount:,.1f}"
    return f"{int(amount):,}"


def change(now: Value, then: Value, unit: str) -> str:
    """The change from `then` to `now`: percent for amounts, points for percentages."""
    if now is None or then is None or isinstance(now, str) or isinstance(then, str):
        return NOTHING
    if unit == "pct":
        return f"{float(now) - float(then):+,.1f} pts"
    if then == 0:
        return NOTHING if now == 0 else "new"
    pct = 100 * (Decimal(str(now)) - Decimal(str(then))) / abs(Decimal(str(then)))
    return f"{pct:+,.0f}%"


def figure_line(figure: Figure, currency: str) -> tuple[str, str, str, str]:
    """(label, value, vs previous, vs last year) as text."""
    return (
        figure.label,
        value(figure.value, figure.unit, currency),
        change(figure.value, figure.previous, figure.unit),
        change(figure.value, figure.last_year, figure.unit),
    )

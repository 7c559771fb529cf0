"""Reading cells as platforms write them: money, counts, flags, dates with offsets, codes.

Each reader raises `CellError(column, message)` with a message that says what was found
and what was expected, so the import can point at file:line and the column.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation

from storeops.importers.problems import CellError

_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0", ""}
# What Excel makes of a long number it was allowed to treat as one: 8.72E+12.
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$")
_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S%z")
CENT = Decimal("0.01")


def text(value: str) -> str:
    """A text cell: surrounding blanks trimmed; Excel's apostrophe guard (`'02139`) removed."""
    value = value.strip()
    if value[:1] == "'" and value[1:2].isdigit():
        return value[1:]
    return value


def optional_text(value: str) -> str | None:
    """A text cell where empty means unknown (None)."""
    cleaned = value.strip()
    if cleaned[:1] == "'":
        cleaned = text(cleaned)
    return cleaned or None


def money(column: str, value: str, *, default: Decimal | None = Decimal("0.00")) -> Decimal:
    """An amount like `12.50`, `1,234.50` or `-3`; empty is `default`."""
    known = _AMOUNTS.get(value)
    if known is not None:
        return known  # the common case: a price seen before in this file
    optional = optional_money(column, value)
    if optional is None:
        if default is None:
            raise CellError(column, "an amount is required here")
        return default
    return optional


# Prices repeat across an export's rows; parsing each distinct text once halves the cost.
_AMOUNTS: dict[str, Decimal] = {}
_AMOUNTS_MAX = 50_000


def optional_money(column: str, value: str) -> Decimal | None:
    """An amount, or None when the cell is empty."""
    known = _AMOUNTS.get(value)
    if known is not None:
        return known
    amount = _parse_money(column, value)
    if amount is not None:
        if len(_AMOUNTS) >= _AMOUNTS_MAX:
            _AMOUNTS.clear()
        _AMOUNTS[value] = amount
    return amount


def _parse_money(column: str, value: str) -> Decimal | None:
    cleaned = text(value).replace(",", "")
    if not cleaned:
        return None
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise CellError(column, f'"{value}" is not an amount (expected e.g. 12.50)') from None
    if not amount.is_finite():
        raise CellError(column, f'"{value}" is not an amount (expected e.g. 12.50)')
    try:
        return amount.quantize(CENT)
    except InvalidOperation:  # too many digits to hold in cents, e.g. 1E100
        raise CellError(column, f'"{value}" is too large for an amount') from None


def money_text(column: str, value: str) -> str:
    """`money` as the text SQLite is handed for it (`str` of the Decimal), once per cell text."""
    known = AMOUNT_TEXTS.get(value)
    if known is not None:
        return known
    stored = str(money(column, value))
    if len(AMOUNT_TEXTS) >= _AMOUNTS_MAX:
        AMOUNT_TEXTS.clear()  # emptied, never replaced: readers hold on to this dict
    AMOUNT_TEXTS[value] = stored
    return stored


# Stored text by cell text: the stored-row importers skip the Decimal-to-text step per cell.
AMOUNT_TEXTS: dict[str, str] = {}


def count(column: str, value: str, *, default: int | None = 0) -> int:
    """A whole number like `3`; empty is `default`."""
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    if value.isdecimal():
        return int(value)  # the common case, without the clean-up below
    cleaned = text(value).replace(",", "")
    if not cleaned:
        if default is None:
            raise CellError(column, "a number is required here")
        return default
    try:
        return int(cleaned)
    except ValueError:
        raise CellError(column, f'"{value}" is not a whole number') from None


def flag(column: str, value: str) -> bool:
    """`true/false`, `yes/no`, `1/0` in any case; empty is false."""
    if value in _TRUE:  # the words as written, without the clean-up below
        return True
    if value in _FALSE:
        return False
    cleaned = text(value).lower()
    if cleaned in _TRUE:
        return True
    if cleaned in _FALSE:
        return False
    raise CellError(column, f'"{value}" is not true/false or yes/no')


def timestamp(column: str, value: str) -> datetime | None:
    """A time with its UTC offset (`2025-04-01 17:18:52 -0700`, ISO 8601), as aware UTC.

    A time without an offset is refused rather than guessed: the same text means different
    instants in different shops.
    """
    if not value:
        return None
    cleaned = text(value)
    if not cleaned:
        return None
    if cleaned.endswith("Z"):
        cleaned = cleaned[:-1] + "+0000"
    try:
        # The fast path for Shopify's form: "2025-04-01 17:18:52 -0700" without the space.
        fast = datetime.fromisoformat(cleaned.replace(" -", "-").replace(" +", "+"))
        if fast.tzinfo is not None:
            return fast.astimezone(UTC)
    except ValueError:
        pass
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern).astimezone(UTC)
        except ValueError:
            continue
    try:
        parsed = datetime.fromisoformat(cleaned)
    except ValueError:
        parsed = None
    if parsed is not None and parsed.tzinfo is not None:
        return parsed.astimezone(UTC)
    raise CellError(
        column, f'"{value}" is not a time with its UTC offset (e.g. 2025-04-01 17:18:52 -0700)'
    )


def stored_timestamp(column: str, value: str) -> str | None:
    """`timestamp` as SQLite stores it: naive UTC text, `YYYY-MM-DD HH:MM:SS.ffffff`."""
    # The fast path for Shopify's own form, `2025-04-01 17:18:52 -0700`.
    if len(value) == 25 and value[10] == " " and value[19] == " ":
        # The hour of a whole-hour offset seen before: one look-up (see _shopify_time).
        moved = _MOVED.get(value[:13] + value[19:])
        clock = value[13:19]
        if moved is not None and clock in _CLOCK:
            return moved + clock + ".000000"
        stored = _shopify_time(value)
        if stored is not None:
            return stored
    moment = timestamp(column, value)
    if moment is None:
        return None
    # timestamp() hands back UTC: the stored text is its isoformat without the offset.
    return moment.isoformat(sep=" ", timespec="microseconds")[:26]


def _shopify_time(value: str) -> str | None:
    """A time in Shopify's form as stored, or None to take the full reading.

    Formatting a datetime costs more than everything else about a time, and an export's
    times share their hours: a whole-hour offset moves the date and hour only, so the moved
    `YYYY-MM-DD HH` is worked out once per hour and offset (remembered in `_MOVED`) and the
    minutes and seconds are copied, once checked as fromisoformat would check them. Other
    offsets (+0530) move the minutes too: their prefix is worked out once per minute.
    """
    offset = value[19:]
    shift = _OFFSETS[offset[1:]]
    if shift is None:
        return None
    cut = 13 if shift.seconds % 3600 == 0 else 16
    clock = value[cut:19]  # ":MM:SS", or ":SS"
    if (clock if cut == 13 else ":00" + clock) not in _CLOCK:
        return None
    key = value[:cut] + offset
    moved = _MOVED.get(key)
    if moved is None:
        moved = _moved_prefix(value[:cut], shift)
        if moved is None:
            return None
        if len(_MOVED) >= _MOVED_MAX:
            _MOVED.clear()
        _MOVED[key] = moved
    return moved + clock + ".000000"


def _moved_prefix(local: str, shift: timedelta) -> str | None:
    """`YYYY-MM-DD HH` (or `...HH:MM`) of a local time moved to UTC; None if not a time."""
    if local[11:13] not in _HOURS or (len(local) == 16 and f"{local[13:16]}:00" not in _CLOCK):
        return None
    try:
        start = datetime.fromisoformat(local[:13] + ":00")
    except ValueError:
        return None
    if len(local) == 16:
        start += timedelta(minutes=int(local[14:16]))
    # Far from the calendar's ends, where moving by the offset cannot overflow.
    if not 1 < start.year < 9999:
        return None
    return (start - shift).isoformat(sep=" ", timespec="minutes")[: len(local)]


# Hours, minutes and seconds as fromisoformat reads them: two ASCII digits each ("٣" is a
# digit too, which str.isdigit would let through).
_HOURS = frozenset(f"{hour:02d}" for hour in range(24))
_CLOCK = frozenset(f":{minute:02d}:{second:02d}" for minute in range(60) for second in range(60))
# Moved prefixes by local prefix and offset, e.g. "2025-04-01 17 -0700": "2025-04-02 00".
# A year of orders around the clock is about 9,000 hours.
_MOVED: dict[str, str] = {}
_MOVED_MAX = 50_000


class _Offsets(dict[str, timedelta | None]):
    """UTC offsets written `+HHMM`/`-HHMM`, as the time to subtract; None for other text."""

    def __missing__(self, text: str) -> timedelta | None:
        shift = None
        if len(text) == 5 and text[0] in "+-" and text[1:].isdigit() and text[1:].isascii():
            hours, minutes = int(text[1:3]), int(text[3:])
            if hours < 24 and minutes < 60:
                shift = timedelta(hours=hours, minutes=minutes)
                shift = -shift if text[0] == "-" else shift
        if len(self) < 1000:  # a file has a few offsets; a broken one should not grow this
            self[text] = shift
        return shift


_OFFSETS = _Offsets()


def code(column: str, value: str) -> str | None:
    """A barcode, SKU or similar code; refuses what a spreadsheet turned into `8.72E+12`.

    Storing the mangled text would silently lose the digits, so it is reported instead.
    """
    cleaned = optional_text(value)
    if cleaned is not None and ("E" in cleaned or "e" in cleaned) and _SCIENTIFIC.match(cleaned):
        raise CellError(
            column,
            f'"{value}" was turned into a number by a spreadsheet and its digits are lost; '
            "export again and open it as text",
        )
    return cleaned


def choice(column: str, value: str, mapping: dict[str, str], default: str) -> str:
    """A status word mapped onto the store's vocabulary; an unknown word is a problem."""
    cleaned = text(value).lower().replace(" ", "_")
    if not cleaned:
        return default
    try:
        return mapping[cleaned]
    except KeyError:
        known = ", ".join(sorted({key for key in mapping if key}))
        raise CellError(column, f'unknown value "{value}" (expected one of: {known})') from None

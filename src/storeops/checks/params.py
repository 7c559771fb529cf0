"""Parameter types check types share: durations like `8h`, local times like `18:00`."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_duration(value: Any) -> timedelta:
    """`30s`, `90m`, `8h`, `2d`, `1w` (or a timedelta) as a timedelta."""
    if isinstance(value, timedelta):
        return value
    match = _DURATION.match(str(value))
    if not match:
        raise ValueError(f"{value!r} is not a duration; use e.g. 30s, 30m, 8h, 2d or 1w")
    amount, unit = match.groups()
    return timedelta(**{_UNITS[unit]: float(amount)})


def format_duration(value: timedelta) -> str:
    """The shortest exact `Nm/Nh/Nd` text of a duration."""
    seconds = int(value.total_seconds())
    if seconds % 60:
        return f"{seconds}s"
    minutes = seconds // 60
    if minutes % (60 * 24) == 0:
        return f"{minutes // (60 * 24)}d"
    if minutes % 60 == 0:
        return f"{minutes // 60}h"
    return f"{minutes}m"


Duration = Annotated[
    timedelta, BeforeValidator(parse_duration), PlainSerializer(format_duration, return_type=str)
]

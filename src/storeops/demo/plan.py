"""How many orders each day gets, and when in the day they come.

A day's count is a level times a weekday factor (Sunday evening and Monday shoppers, a quiet
Saturday), a gentle upward trend over the period, and noise. The small store varies around
its level (25 to 60 orders a day); the benchmark store's days are scaled so the year adds up
to its order target. Within a day, orders follow an hour-of-day curve: quiet before dawn,
busiest in the evening. Today only runs up to `now`.
"""

from __future__ import annotations

import bisect
from itertools import accumulate

from storeops.demo.context import Demo
from storeops.demo.timeline import DAY, HOUR

WEEKDAY_FACTOR = (1.08, 1.0, 0.97, 0.98, 1.0, 0.88, 1.06)  # Monday ... Sunday
HOUR_WEIGHTS = (
    1.0,
    0.7,
    0.5,
    0.4,
    0.4,
    0.5,
    0.8,
    1.2,
    1.6,
    2.0,
    2.3,
    2.5,
    2.6,
    2.6,
    2.5,
    2.5,
    2.6,
    2.8,
    3.2,
    3.6,
    3.8,
    3.5,
    2.6,
    1.7,
)
HOUR_CUM = tuple(accumulate(HOUR_WEIGHTS))
TREND = 0.15  # growth over the whole period
SMALL_RANGE = (25, 60)


def elapsed_weight(seconds_into_day: int) -> float:
    """The share of a day's order curve (in weight units) that lies before this time of day."""
    hour, rest = divmod(seconds_into_day, HOUR)
    done = HOUR_CUM[hour - 1] if hour else 0.0
    return done + HOUR_WEIGHTS[hour] * rest / HOUR


def plan_days(demo: Demo) -> dict[int, int]:
    """Orders planned per day index, today's pro rata up to now."""
    rng, tl, spec = demo.rng, demo.tl, demo.spec
    days = range(tl.start_day, tl.today + 1)
    raw: dict[int, float] = {}
    for index, day in enumerate(days):
        level = WEEKDAY_FACTOR[tl.weekday(day)] * (1 + TREND * index / max(1, tl.days))
        level *= rng.uniform(0.9, 1.1)
        if day == tl.today:
            level *= elapsed_weight(tl.now_s - day * DAY) / HOUR_CUM[-1]
        raw[day] = level
    if spec.total_orders is not None:
        scale = spec.total_orders / sum(raw.values())
        return _round_preserving_total({d: w * scale for d, w in raw.items()})
    assert spec.orders_per_day is not None
    low, high = SMALL_RANGE
    planned: dict[int, int] = {}
    for day, level in raw.items():
        count = round(level * spec.orders_per_day)
        planned[day] = count if day == tl.today else min(high, max(low, count))
    return planned


def _round_preserving_total(weights: dict[int, float]) -> dict[int, int]:
    """Integer counts with the same total as the weights (largest remainders round up)."""
    floors = {day: int(w) for day, w in weights.items()}
    short = round(sum(weights.values())) - sum(floors.values())
    by_remainder = sorted(weights, key=lambda day: (-(weights[day] - floors[day]), day))
    for day in by_remainder[:short]:
        floors[day] += 1
    return floors


def order_times(demo: Demo, day: int, count: int) -> list[int]:
    """`count` sorted instants in `day` following the hour-of-day curve (never after now)."""
    rng, tl = demo.rng, demo.tl
    base = day * DAY
    limit = HOUR_CUM[-1] if day < tl.today else elapsed_weight(tl.now_s - base)
    cum, weights = HOUR_CUM, HOUR_WEIGHTS
    times = []
    for _ in range(count):
        u = rng.random() * limit
        hour = bisect.bisect_right(cum, u)
        start = cum[hour - 1] if hour else 0.0
        times.append(base + hour * HOUR + int((u - start) / weights[hour] * HOUR))
    times.sort()
    return times

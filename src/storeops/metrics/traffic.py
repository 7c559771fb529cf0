"""Traffic, the conversion funnel, and "the usual": how a day or a week compares with normal.

Definitions (checks, the morning header and reports all use these):

- Traffic comes from `traffic_days`: one row per local day and channel, as the analytics tool
  exports it. A row with channel `all` is the store's total for its day; a day without an `all`
  row totals its channel rows. A day without any row is unknown (not imported yet), never zero.
- The funnel is sessions → add to cart → checkout → order. Conversion rate = orders / sessions
  in percent, both counted by the analytics tool so they come from one source. A step's rate
  is the percentage of the previous step that reaches it.
- The usual (a baseline) for one day is the mean of the same weekday over the 4 weeks before:
  a Wednesday is compared with Wednesdays, because the weekly rhythm is most of the variation.
  For a rate over several days it is the same rate over the 28 days before. Days before the
  store's first order, or without traffic data, are left out of a baseline, not counted as 0.
- % below baseline = (baseline - value) / baseline * 100, and 0 when at or above it.
- Average order value = revenue / counted orders (see `metrics.sales`).
- Product movers compare the units of counted orders per product over two equal windows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select

from storeops.metrics import demand, periods, sales
from storeops.metrics.plain.traffic import Funnel as Funnel
from storeops.metrics.plain.traffic import average_order_value as average_order_value
from storeops.metrics.plain.traffic import rate as rate
from storeops.tables import Order, Product, TrafficDay, Variant

if TYPE_CHECKING:
    from storeops.db import Executor

ALL_CHANNELS = "all"
BASELINE_WEEKS = 4
BASELINE_DAYS = 28


def pct_below(value: float, baseline: float) -> float:
    """How far `value` is below a positive `baseline`, in percent; 0 when at or above it."""
    return max(0.0, 100 * (baseline - value) / baseline)


def pct_change(value: float, baseline: float) -> float:
    """The signed change from a positive `baseline` to `value`, in percent."""
    return 100 * (value - baseline) / baseline


def last_days(today: date, days: int) -> tuple[date, date]:
    """The `days` complete local days before `today`, as (first, last) inclusive."""
    return today - timedelta(days=days), today - timedelta(days=1)


def same_weekdays(day: date, weeks: int = BASELINE_WEEKS) -> list[date]:
    """The same weekday in each of the `weeks` weeks before `day`, most recent first."""
    return [day - timedelta(weeks=week) for week in range(1, weeks + 1)]


_FUNNEL_FIELDS = tuple(f.name for f in fields(Funnel))


def _daily_funnels(session: Executor, condition: ColumnElement[bool]) -> dict[date, Funnel]:
    """One funnel per day with data: its `all` row, else the sum of its channel rows."""
    is_total = TrafficDay.channel == ALL_CHANNELS
    columns: list[Any] = [func.count(case((is_total, 1))).label("total_rows")]
    for name in _FUNNEL_FIELDS:
        field = TrafficDay.__table__.c[name]
        columns.append(func.sum(case((is_total, field), else_=0)).label(f"total_{name}"))
        columns.append(func.sum(case((is_total, 0), else_=field)).label(f"channels_{name}"))
    query = select(TrafficDay.day.label("day"), *columns).where(condition).group_by(TrafficDay.day)
    result = {}
    for row in session.execute(query):
        prefix = "total_" if row.total_rows else "channels_"
        result[row.day] = Funnel(*(int(getattr(row, prefix + n) or 0) for n in _FUNNEL_FIELDS))
    return result


def funnels_on(session: Executor, days: Iterable[date]) -> dict[date, Funnel]:
    """The funnel of each of `days` that has traffic data (days without data are absent)."""
    return _daily_funnels(session, TrafficDay.day.in_(list(days)))


def funnel_between(session: Executor, first: date, last: date) -> tuple[Funnel, int]:
    """The funnel over the days `first`..`last`, and how many of those days have data."""
    daily = _daily_funnels(session, and_(TrafficDay.day >= first, TrafficDay.day <= last))
    return sum(daily.values(), Funnel()), len(daily)


def channel_funnels(session: Executor, first: date, last: date) -> dict[str, Funnel]:
    """The funnel of each channel (not the `all` total) over `first`..`last`, busiest first."""
    query = (
        select(
            TrafficDay.channel,
            *(func.sum(TrafficDay.__table__.c[n]) for n in _FUNNEL_FIELDS),
        )
        .where(
            TrafficDay.day >= first,
            TrafficDay.day <= last,
            TrafficDay.channel != ALL_CHANNELS,
        )
        .group_by(TrafficDay.channel)
        .order_by(func.sum(TrafficDay.sessions).desc(), TrafficDay.channel)
    )
    return {
        row[0]: Funnel(*(int(value or 0) for value in row[1:])) for row in session.execute(query)
    }


@dataclass(frozen=True)
class VersusUsual:
    """A day's number next to the usual: its mean on the same weekday in the weeks before."""

    value: float
    usual: float | None  # None when no reference day has data
    reference_days: tuple[date, ...]  # the reference days with data

    @property
    def pct_below(self) -> float | None:
        """% below the usual (0 when above); None when there is no usual to compare with."""
        return pct_below(self.value, self.usual) if self.usual else None

    @property
    def pct_change(self) -> float | None:
        """Signed % change from the usual; None when there is no usual."""
        return pct_change(self.value, self.usual) if self.usual else None


def _versus_usual(values: dict[date, int], day: date, reference: list[date]) -> VersusUsual:
    known = [d for d in reference if d in values]
    usual = sum(values[d] for d in known) / len(known) if known else None
    return VersusUsual(values.get(day, 0), usual, tuple(known))


def sessions_vs_weekday(
    session: Executor, day: date, weeks: int = BASELINE_WEEKS
) -> tuple[VersusUsual | None, dict[str, VersusUsual]]:
    """Sessions on `day` against the same weekday over the `weeks` before.

    Returns the store's total (None when `day` has no traffic data) and each channel's (not
    the `all` total), channels in name order. Days without data are left out of the usual.
    """
    reference = same_weekdays(day, weeks)
    totals = funnels_on(session, [day, *reference])
    if day not in totals:
        return None, {}
    store = _versus_usual({d: f.sessions for d, f in totals.items()}, day, reference)
    query = (
        select(TrafficDay.channel, TrafficDay.day, TrafficDay.sessions)
        .where(TrafficDay.day.in_([day, *reference]), TrafficDay.channel != ALL_CHANNELS)
        .order_by(TrafficDay.channel)
    )
    by_channel: dict[str, dict[date, int]] = {}
    for channel, when, sessions in session.execute(query):
        by_channel.setdefault(channel, {})[when] = int(sessions or 0)
    return store, {
        channel: _versus_usual(values, day, reference) for channel, values in by_channel.items()
    }


def first_order_at(session: Executor) -> datetime | None:
    """When the store's first order was placed (any status): where its history begins."""
    first = session.scalar(select(func.min(Order.created_at)))
    if isinstance(first, str):  # min() of a DATETIME comes back as text on SQLite
        first = datetime.fromisoformat(first)
    if isinstance(first, datetime) and first.tzinfo is None:
        first = first.replace(tzinfo=UTC)
    return first


@dataclass(frozen=True)
class RevenueDay:
    """One local day's revenue next to the usual for that weekday."""

    day: date
    orders: int
    revenue: Decimal
    baseline: Decimal | None  # mean of the same weekday over the reference weeks with history
    reference_days: tuple[date, ...]
    reference_revenue: tuple[Decimal, ...]

    @property
    def pct_below(self) -> float | None:
        """% below the usual (0 when above); None when there is no usual to compare with."""
        if not self.baseline:
            return None
        return pct_below(float(self.revenue), float(self.baseline))


def revenue_vs_weekday(
    session: Executor, day: date, zone: tzinfo, weeks: int = BASELINE_WEEKS
) -> RevenueDay:
    """Revenue of local `day` and the mean revenue of the same weekday in the `weeks` before.

    Weekdays before the store's first order are left out: a young store is compared with the
    weeks it has, not with zeros.
    """
    period = periods.day(day, zone)
    orders, revenue = sales.order_totals(session, period.start, period.end)
    first = first_order_at(session)
    reference: list[date] = []
    amounts: list[Decimal] = []
    for earlier in same_weekdays(day, weeks):
        span = periods.day(earlier, zone)
        if first is None or span.end <= first:
            continue
        reference.append(earlier)
        amounts.append(sales.revenue(session, span.start, span.end))
    baseline = (
        (sum(amounts, Decimal(0)) / len(amounts)).quantize(Decimal("0.01")) if amounts else None
    )
    return RevenueDay(day, orders, revenue, baseline, tuple(reference), tuple(amounts))


@dataclass(frozen=True)
class ProductMove:
    """A product's units sold: last week, the recent window and the window before it."""

    product_id: int
    title: str
    week_units: int
    recent_units: int
    prior_units: int

    @property
    def change_pct(self) -> float | None:
        """Signed change of the recent window against the prior one (None from zero)."""
        return pct_change(self.recent_units, self.prior_units) if self.prior_units else None


@dataclass(frozen=True)
class Movers:
    """Best sellers of the last week, the biggest riser, and products whose sales fell."""

    best_sellers: list[ProductMove]
    rising: ProductMove | None
    falling: list[ProductMove]
    falling_count: int


def product_movers(
    session: Executor,
    today: date,
    zone: tzinfo,
    *,
    window_days: int = 14,
    min_units: int = 20,
    fall_pct: float = 50,
    top: int = 10,
) -> Movers:
    """Movers among products sold in the `2 * window_days` complete days before `today`.

    - best sellers: most units over the last 7 days (top `top`);
    - rising: the biggest unit increase, recent window vs prior, with >= `min_units` recently;
    - falling: products with >= `min_units` in the prior window whose recent units are more
      than `fall_pct`% lower, most units lost first (top `top`, with the total count).

    One aggregate over the daily sales rollup, ranked in the database with window functions.
    """
    end = periods.local_midnight(today, zone)
    week_start = periods.local_midnight(today - timedelta(days=7), zone)
    recent_start = periods.local_midnight(today - timedelta(days=window_days), zone)
    prior_start = periods.local_midnight(today - timedelta(days=2 * window_days), zone)
    # Units per variant in [prior, recent), [recent, week) and [week, end), from the daily
    # rollup; each variant is then looked up once, not once a line.
    parts = demand.units_by_interval([prior_start, recent_start, week_start, end])
    by_variant = select(
        parts.c.variant_id,
        parts.c.units_2.label("week_units"),
        (parts.c.units_1 + parts.c.units_2).label("recent_units"),
        (parts.c.units_0 + parts.c.units_1 + parts.c.units_2).label("all_units"),
    ).subquery("by_variant")
    v = by_variant.c
    totals = (
        select(
            Variant.product_id.label("product_id"),
            func.sum(v.week_units).label("week_units"),
            func.sum(v.recent_units).label("recent_units"),
            (func.sum(v.all_units) - func.sum(v.recent_units)).label("prior_units"),
        )
        .join(Variant, Variant.id == v.variant_id)
        .group_by(Variant.product_id)
        .subquery("totals")
    )
    t = totals.c
    rises = and_(t.recent_units >= min_units, t.recent_units > t.prior_units)
    falls = and_(
        t.prior_units >= min_units, t.recent_units * 100 < t.prior_units * (100 - fall_pct)
    )
    flag_rise = case((rises, 1), else_=0)
    flag_fall = case((falls, 1), else_=0)
    ranked = select(
        t.product_id,
        t.week_units,
        t.recent_units,
        t.prior_units,
        flag_rise.label("rises"),
        flag_fall.label("falls"),
        func.row_number().over(order_by=(t.week_units.desc(), t.product_id)).label("best"),
        func.row_number()
        .over(
            partition_by=flag_rise, order_by=((t.recent_units - t.prior_units).desc(), t.product_id)
        )
        .label("rise"),
        func.row_number()
        .over(
            partition_by=flag_fall, order_by=((t.prior_units - t.recent_units).desc(), t.product_id)
        )
        .label("fall"),
        func.sum(flag_fall).over().label("falling_count"),
    ).subquery("ranked")
    r = ranked.c
    query = (
        select(*r, Product.title)
        .join(Product, Product.id == r.product_id)
        .where(
            or_(
                and_(r.best <= top, r.week_units > 0),
                and_(r.rises == 1, r.rise == 1),
                and_(r.falls == 1, r.fall <= top),
            )
        )
    )
    best: list[tuple[int, ProductMove]] = []
    falling: list[tuple[int, ProductMove]] = []
    rising = None
    falling_count = 0
    for row in session.execute(query):
        move = ProductMove(
            row.product_id,
            row.title,
            int(row.week_units or 0),
            int(row.recent_units or 0),
            int(row.prior_units or 0),
        )
        falling_count = int(row.falling_count or 0)
        if row.best <= top and move.week_units > 0:
            best.append((row.best, move))
        if row.rises == 1 and row.rise == 1:
            rising = move
        if row.falls == 1 and row.fall <= top:
            falling.append((row.fall, move))
    return Movers(
        [move for _, move in sorted(best, key=lambda pair: pair[0])],
        rising,
        [move for _, move in sorted(falling, key=lambda pair: pair[0])],
        falling_count,
    )

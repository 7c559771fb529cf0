"""Replenishment math as pure functions: demand, safety stock, reorder point, cover, quantity.

One definition of each figure for the whole of storeops (reorder suggestions, the low-stock
and stock-out checks, `stock show`):

- Daily demand is measured over a window of N whole days: the average is units / N, and the
  standard deviation is over the N daily figures, days without sales counting as zero
  (population form: the window is the whole history we judge by, not a sample of it).
- Safety stock = z x sigma x sqrt(lead time), z being the normal quantile of the service level
  (95 % -> 1.645): the stock that covers demand above average during the wait for a delivery.
- Reorder point (ROP) = average demand x lead time + safety stock.
- Projected stock = on hand + incoming (open purchase orders) - committed (unshipped orders).
- Days of cover = projected / average demand; the stock-out date is today plus whole days of
  cover (today when projected is zero or less; none without demand).
- The order brings projected stock up to a target: the SKU's max_stock when set, else the ROP
  plus `ORDER_CYCLE_DAYS` of demand (so the store does not reorder the same SKU every day),
  rounded up to at least the supplier's MOQ and to whole packs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import NormalDist

ORDER_CYCLE_DAYS = 30


def service_level_z(service_level: float) -> float:
    """The normal quantile for a service level in percent (95 -> about 1.645)."""
    if not 0 < service_level < 100:
        raise ValueError(f"service level must be between 0 and 100, not {service_level}")
    return NormalDist().inv_cdf(service_level / 100)


def average_daily_demand(units: int, window_days: int) -> float:
    """Units sold per day over a window of `window_days` whole days."""
    if window_days <= 0:
        raise ValueError("the demand window must be at least one day")
    return units / window_days


def demand_sd(units: int, squares: int, window_days: int) -> float:
    """Standard deviation of daily units over the window, from the total and sum of squares."""
    mean = average_daily_demand(units, window_days)
    variance = squares / window_days - mean * mean
    # Rounding can leave a tiny negative variance for perfectly steady sales.
    return math.sqrt(variance) if variance > 0 else 0.0


def safety_stock(z: float, sd: float, lead_time_days: int) -> float:
    """z x sigma x sqrt(lead time): the buffer for demand above average while waiting."""
    return z * sd * math.sqrt(max(lead_time_days, 0))


def reorder_point(avg_demand: float, lead_time_days: int, safety: float) -> float:
    """Demand over the lead time plus safety stock."""
    return avg_demand * max(lead_time_days, 0) + safety


def projected_stock(on_hand: int, incoming: int, committed: int) -> int:
    """What the shelf will hold once open purchase orders arrive and open orders ship."""
    return on_hand + incoming - committed


def days_of_cover(projected: int, avg_demand: float) -> float | None:
    """How many days projected stock lasts at the average demand (None: no demand)."""
    if avg_demand <= 0:
        return None
    return max(projected, 0) / avg_demand


def stockout_date(today: date, cover: float | None) -> date | None:
    """The day the SKU runs out at the average demand (None: it does not)."""
    if cover is None:
        return None
    return today + timedelta(days=math.floor(cover))


def round_to_supplier(quantity: int, pack_size: int, moq: int) -> int:
    """A positive need raised to at least the MOQ, then up to whole packs; zero stays zero."""
    if quantity <= 0:
        return 0
    pack = max(pack_size, 1)
    wanted = max(quantity, moq)
    return math.ceil(wanted / pack) * pack


def order_up_to(rop: float, avg_demand: float, max_stock: int | None) -> float:
    """The stock level an order should restore: max_stock when set, else ROP + a cycle."""
    if max_stock is not None:
        return float(max_stock)
    return rop + avg_demand * ORDER_CYCLE_DAYS


@dataclass(frozen=True)
class SkuFacts:
    """What replenishment needs to know about one SKU."""

    on_hand: int
    incoming: int
    committed: int
    units_sold: int  # in the window
    squares: int  # sum over the window's days of units squared
    window_days: int
    lead_time_days: int
    pack_size: int = 1
    moq: int = 1
    reorder_point: int | None = None  # the SKU's own, overriding the computed one
    min_stock: int | None = None
    max_stock: int | None = None


@dataclass(frozen=True)
class Replenishment:
    """The figures that explain a suggestion, and the suggested quantity (0: none)."""

    projected: int
    avg_daily_demand: float
    demand_sd: float
    safety_stock: float
    reorder_point: float
    days_of_cover: float | None
    stockout_date: date | None
    target: float
    suggested_qty: int
    trigger: str  # "" | "reorder point" | "own reorder point" | "min stock"


def replenish(facts: SkuFacts, z: float, today: date) -> Replenishment:
    """Decide whether and how much to order for one SKU, with the figures behind it.

    A SKU is due when projected stock is at or below its reorder point (the SKU's own when
    set, else the computed one, which needs demand), or below its min_stock.
    """
    avg = average_daily_demand(facts.units_sold, facts.window_days)
    sd = demand_sd(facts.units_sold, facts.squares, facts.window_days)
    safety = safety_stock(z, sd, facts.lead_time_days)
    rop = reorder_point(avg, facts.lead_time_days, safety)
    if facts.reorder_point is not None:
        rop = float(facts.reorder_point)
    projected = projected_stock(facts.on_hand, facts.incoming, facts.committed)
    cover = days_of_cover(projected, avg)
    trigger = ""
    if facts.min_stock is not None and projected < facts.min_stock:
        trigger = "min stock"
    elif facts.reorder_point is not None and projected <= rop:
        trigger = "own reorder point"
    elif avg > 0 and projected <= rop:
        trigger = "reorder point"
    target = order_up_to(rop, avg, facts.max_stock)
    if facts.min_stock is not None:
        target = max(target, float(facts.min_stock))
    need = math.ceil(target - projected - 1e-9) if trigger else 0
    return Replenishment(
        projected=projected,
        avg_daily_demand=avg,
        demand_sd=sd,
        safety_stock=safety,
        reorder_point=rop,
        days_of_cover=cover,
        stockout_date=stockout_date(today, cover) if projected > 0 else today,
        target=target,
        suggested_qty=round_to_supplier(need, facts.pack_size, facts.moq),
        trigger=trigger,
    )

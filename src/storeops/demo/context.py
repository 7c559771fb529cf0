"""What every stage of the demo build shares: the scale, the seeded random source, the time
axis, the writer, id counters, and the running totals later stages derive their rows from.

Stages run in a fixed order and each reads what earlier stages left here (the catalog, the
customers, units sold per variant, revenue per day...). Nothing in the build touches the
global `random` module or the wall clock, which is what makes it reproducible.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from storeops.demo.timeline import Timeline

if TYPE_CHECKING:
    from storeops.demo.catalog import Catalog
    from storeops.demo.people import Customers
    from storeops.demo.writer import Writer

Scale = Literal["small", "large"]
Progress = Callable[[str, int, int], None]

AREAS = (
    "orders",
    "inventory",
    "customer service",
    "fulfillment",
    "returns",
    "marketing",
    "analytics",
    "finance",
    "website",
)


@dataclass(frozen=True)
class ScaleSpec:
    """How big the store is: a demo someone reads, or a benchmark someone times."""

    name: Scale
    days: int
    suppliers: int
    variants: int
    customers: int
    orders_per_day: float | None  # small: a level around which days vary
    total_orders: int | None  # large: the days are scaled to this total
    lines_per_order: tuple[int, ...]  # weights for 1, 2, 3... lines
    tickets_per_order: float
    review_rate: float  # reviews per delivered order
    chargeback_rate: float
    # Order numbers are compared as text by their unique index: a fixed width keeps them
    # in order ("#99999" sorts after "#100000"), and a store this size numbers in six digits.
    first_order_number: int


def scale_spec(scale: Scale, days: int) -> ScaleSpec:
    """The spec for a named scale; the benchmark store always spans a year."""
    if scale == "small":
        return ScaleSpec(
            name="small",
            days=days,
            suppliers=12,
            variants=300,
            customers=1_500,
            orders_per_day=38.0,
            total_orders=None,
            lines_per_order=(45, 30, 15, 10),
            tickets_per_order=0.2,
            review_rate=0.06,
            chargeback_rate=0.002,
            first_order_number=1001,
        )
    if scale == "large":
        return ScaleSpec(
            name="large",
            days=365,
            suppliers=60,
            variants=50_000,
            customers=150_000,
            orders_per_day=None,
            total_orders=500_000,
            lines_per_order=(8, 12, 17, 26, 17, 12, 8),  # mean 4: 2,000,000 lines
            tickets_per_order=0.2,
            review_rate=0.05,
            chargeback_rate=0.0005,
            first_order_number=100_001,
        )
    raise ValueError(f"unknown scale {scale!r}: use small or large")


@dataclass
class Demo:
    """The state of one build."""

    spec: ScaleSpec
    rng: random.Random
    tl: Timeline
    out: Writer
    progress: Progress | None = None
    catalog: Catalog | None = None
    customers: Customers | None = None
    planted: list[tuple[str, str]] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)
    # Running totals filled by the sales pass.
    sold: list[int] = field(default_factory=list)  # units shipped per variant index
    restocked: list[int] = field(default_factory=list)  # units returned to stock per variant
    day_orders: dict[int, int] = field(default_factory=dict)  # every order created, per day
    day_revenue_c: dict[int, int] = field(default_factory=dict)  # non-cancelled totals, cents
    day_planned: dict[int, int] = field(default_factory=dict)  # orders the day was meant to have
    payouts: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    promo_usage: dict[str, int] = field(default_factory=dict)
    # Ledger movements made in Python, numbered at the end (sale movements are derived in SQL
    # and share their order line's id, so these come after the last order line's).
    moves: list[tuple[Any, ...]] = field(default_factory=list)

    def next_id(self, table: str, count: int = 1) -> int:
        """Reserve `count` ids in `table`; returns the first."""
        first = self.ids.get(table, 0) + 1
        self.ids[table] = first + count - 1
        return first

    def movement(
        self,
        v: int,
        when: int,
        kind: str,
        qty: int,
        reason: str | None,
        reference: str | None,
        operator: str,
    ) -> None:
        """Record a stock movement of variant index `v` (its id comes at the end)."""
        self.moves.append((v + 1, self.tl.ts(when), kind, qty, reason, reference, operator))

    def plant(self, area: str, text: str) -> None:
        """Record a planted problem, in words, under its area of the routine."""
        if area not in AREAS:
            raise ValueError(f"unknown area {area!r}")
        self.planted.append((area, text))

    def report(self, stage: str, done: int, total: int) -> None:
        """Tell the caller how far the build is."""
        if self.progress is not None:
            self.progress(stage, done, total)

    def planted_lines(self) -> list[str]:
        """The planted problems in the order of the routine's areas."""
        order = {area: i for i, area in enumerate(AREAS)}
        ranked = sorted(enumerate(self.planted), key=lambda item: (order[item[1][0]], item[0]))
        return [f"{area}: {text}" for _, (area, text) in ranked]

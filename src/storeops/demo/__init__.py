"""The demo and benchmark store: a deterministic, realistic store with planted problems.

`build_demo(url)` fills an empty store with an independent outdoor and home goods shop: a
catalog, customers, months of orders with their payments, shipments, returns, tickets and
reviews, the stock ledger, marketing, traffic and the books. Everything is relative to `now`
and drawn from one `random.Random(seed)`, so the same seed and `now` give byte-identical
tables. A small minority of rows are planted problems, at least one for every practice of
the routine that data can answer; `DemoSummary.planted` lists them in words.

The small scale is for reading and demos; the large one (50,000 variants, 500,000 orders,
2,000,000 order lines over a year) is the benchmark the checks are timed against.

Modules, in build order: context (shared state), timeline (time axis), names (word lists),
catalog, people (customers), plan and sales (the day loop), healthy (its hot path) and
placing (the general path for planted orders), plants (what a planted order bends),
fulfilment, aftersales (returns, reviews, chargebacks), service (tickets), inventory (POs and
the ledger), business (marketing, traffic), finance (and backups), problems (the planted
problems and their descriptions), tracking (tracking numbers), columns, writer and sink
(the bulk load, in a second process on SQLite).
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from storeops.errors import StoreOpsError

MIN_DAYS = 30  # the analytics plants compare yesterday with the previous four weeks


@dataclass(frozen=True)
class DemoSummary:
    """What a demo build wrote, how long it took, and the problems planted in it."""

    url: str
    scale: str
    seed: int
    days: int
    seconds: float
    rows: dict[str, int]  # table name -> rows written
    db_bytes: int | None  # size of the SQLite file (+ -wal) when SQLite
    planted: list[str]  # one line per planted problem, in words
    timings: dict[str, float] = field(default_factory=dict)  # seconds per write phase

    @property
    def total_rows(self) -> int:
        """Rows written over every table."""
        return sum(self.rows.values())


def build_demo(
    url: str,
    *,
    seed: int = 7,
    days: int = 90,
    scale: Literal["small", "large"] = "small",
    now: datetime | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    bulk_sqlite: bool | None = None,
) -> DemoSummary:
    """Fill the empty store at `url` with the demo store; refuses a store that holds data.

    `days` of order history end at `now` (default: storeops' clock); the large scale always
    spans 365 days. `progress(stage, done, total)` is called as the build advances.
    `bulk_sqlite=False` forces the portable SQLAlchemy Core path even on SQLite (tests).
    """
    from storeops import clock
    from storeops.db import open_store, sqlite_path
    from storeops.demo.context import Demo, scale_spec
    from storeops.demo.timeline import Timeline
    from storeops.demo.writer import Writer

    if scale not in ("small", "large"):
        raise StoreOpsError(f"unknown demo scale {scale!r}: use small or large")
    spec = scale_spec(scale, days)
    if spec.days < MIN_DAYS:
        raise StoreOpsError(f"the demo store needs at least {MIN_DAYS} days of history, not {days}")
    when = now if now is not None else clock.now()
    if when.tzinfo is None:
        raise StoreOpsError("the demo's now must be timezone-aware")
    started = time.perf_counter()
    store = open_store(url)
    # Millions of short-lived row tuples, none in a reference cycle: the cyclic collector
    # would only re-scan them again and again (a third of the large build's time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        writer = Writer(store, bulk_sqlite=bulk_sqlite)
        demo = Demo(spec, random.Random(seed), Timeline(when, spec.days), writer, progress)
        with writer.loading(_refuse_if_not_empty(url)):
            _generate(demo)
            demo.report("writing", 0, 1)
        demo.report("writing", 1, 1)
        # The demand figures read the daily sales rollup; whoever writes order lines refreshes it.
        from storeops.inventory.rollup import refresh_sales_rollup

        with store.writing() as session:
            refresh_sales_rollup(session)
        # Planner statistics for the fresh tables: without them SQLite may walk a
        # 2,000,000-row table in index order for a date-filtered query.
        store.analyze()
    finally:
        if collecting:
            gc.enable()
        store.close()
    seconds = time.perf_counter() - started
    path = sqlite_path(url)
    db_bytes = None
    if path is not None:
        db_bytes = sum(
            p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists()
        )
    return DemoSummary(
        url=url,
        scale=spec.name,
        seed=seed,
        days=spec.days,
        seconds=seconds,
        rows={table: count for table, count in writer.counts.items() if count},
        db_bytes=db_bytes,
        planted=demo.planted_lines(),
        timings=dict(writer.timings),
    )


def _refuse_if_not_empty(url: str) -> Callable[[Callable[[str], int]], None]:
    def refuse(count: Callable[[str], int]) -> None:
        from storeops.demo.columns import TABLE_ORDER

        held = [f"{table} ({n:,})" for table in TABLE_ORDER if (n := count(table))]
        if held:
            raise StoreOpsError(
                f"the store at {url} already holds data ({', '.join(held[:3])}); "
                "the demo needs an empty store: point --db at a new file"
            )

    return refuse


def _generate(demo: object) -> None:
    """Every stage, in the order their inputs require."""
    from storeops.demo import columns
    from storeops.demo.business import (
        build_campaigns,
        build_traffic,
        plan_promotions,
        promo_codes,
        write_promotions,
    )
    from storeops.demo.catalog import build_catalog
    from storeops.demo.context import Demo
    from storeops.demo.finance import build_finance
    from storeops.demo.inventory import build_inventory
    from storeops.demo.people import build_customers
    from storeops.demo.problems import order_plants, plant_after_sales
    from storeops.demo.sales import SalesPass
    from storeops.demo.service import build_tickets

    assert isinstance(demo, Demo)
    demo.report("catalog", 0, 1)
    catalog = build_catalog(demo)
    build_customers(demo)
    demo.report("catalog", 1, 1)
    promos = plan_promotions(demo)
    plants = order_plants(demo)
    sales = SalesPass(demo, plants)
    sales.promos = promo_codes(promos)
    sales.run()
    plant_after_sales(demo, sales, plants)
    sales.after.finish()
    sales.derive_sale_movements()
    # Complete tables get their indexes in the writer process while the rest is generated;
    # so does the ledger, now that its two million sale movements are in.
    demo.out.index_now(
        "suppliers",
        "products",
        "customers",
        "orders",
        "order_lines",
        "payments",
        "shipments",
        "returns",
        "refunds",
        "reviews",
        "chargebacks",
        "stock_movements",
    )
    demo.report("service", 0, 1)
    build_tickets(demo, sales.after)
    demo.out.index_now("tickets")
    write_promotions(demo, promos)
    demo.report("inventory", 0, 1)
    avoid = {v for p in (sales.trend_product, sales.return_product) for v in catalog.p_variants[p]}
    avoid.update(catalog.sellable[5:8])
    stock = build_inventory(demo, avoid)
    demo.report("marketing", 0, 1)
    spend = build_campaigns(demo)
    build_traffic(demo)
    build_finance(demo, spend, stock.received_orders())
    # The movements made in Python, numbered after the sale movements' block (see sales).
    moves = demo.out.rows("stock_movements", columns.STOCK_MOVEMENTS)
    first = demo.ids["order_lines"] + 1
    moves.extend((first + i, *move) for i, move in enumerate(demo.moves))
    demo.out.flush_full()


__all__ = ["DemoSummary", "build_demo"]

"""Building a report: read the store, pick the sections for the kind, collect them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from storeops.reports import finance, operations, sales
from storeops.reports.model import Report, Section
from storeops.reports.periods import ReportDays
from storeops.reports.scope import Scope

if TYPE_CHECKING:
    from datetime import datetime

    from storeops.config import Settings
    from storeops.db import Store
    from storeops.readers import Reader

Builder = Callable[[Scope], Section]

# What each report holds, in reading order. The daily one is the owner's morning summary;
# the weekly and monthly ones are for stakeholders; finance is the statements.
SECTIONS: dict[str, tuple[Builder, ...]] = {
    "daily": (
        sales.sales_section,
        sales.orders_section,
        operations.fulfillment_section,
        operations.service_section,
        operations.site_section,
        operations.routine_section,
    ),
    "weekly": (
        sales.sales_section,
        sales.orders_section,
        sales.products_section,
        sales.traffic_section,
        sales.marketing_section,
        operations.service_section,
        operations.fulfillment_section,
        operations.returns_section,
        operations.inventory_section,
        operations.site_section,
        operations.routine_section,
    ),
    "finance": (finance.pnl_section, finance.cash_section),
}
SECTIONS["monthly"] = SECTIONS["weekly"]

# Rough time of each section on the large demo store, in milliseconds: sections start slowest
# first, so two connections finish close together. Unlisted sections are quick.
COST = {
    "products_section": 300,
    "fulfillment_section": 160,
    "returns_section": 100,
    "service_section": 100,
    "marketing_section": 90,
    "inventory_section": 90,
    "sales_section": 70,
    "orders_section": 30,
    "pnl_section": 500,
}

TITLES = {
    "daily": "Daily summary",
    "weekly": "Weekly report",
    "monthly": "Monthly report",
    "finance": "Financial statements",
}


def build_report(
    store: Store,
    settings: Settings,
    kind: str,
    days: ReportDays,
    now: datetime,
    *,
    workers: int | None = None,
) -> Report:
    """The `kind` report of `days` on an open store (from Python; the CLI uses `report_at`)."""
    from storeops.inventory.rollup import ensure_fresh
    from storeops.readers import SessionReader

    ensure_fresh(store)  # units sold come from the daily sales rollup, as in the checks
    with store.reading_together(_wanted(kind, workers)) as sessions:
        readers: list[Reader] = [SessionReader(session) for session in sessions]
        return build_from(readers, settings, kind, days, now)


def report_at(
    url: str,
    settings: Settings,
    kind: str,
    days: ReportDays,
    now: datetime,
    *,
    workers: int | None = None,
) -> Report:
    """The `kind` report of `days` on the store at `url`, without importing SQLAlchemy.

    A current SQLite store with a fresh sales rollup is read through plain sqlite3 (the
    common case: SQLAlchemy and the models took longer to import than the report takes to
    build); anything else goes through `open_store`, which migrates or rebuilds first.
    """
    from storeops.inventory.freshness import fresh_sales_readers

    with fresh_sales_readers(url, _wanted(kind, workers)) as readers:
        return build_from(readers, settings, kind, days, now)


def build_from(
    readers: list[Reader], settings: Settings, kind: str, days: ReportDays, now: datetime
) -> Report:
    """The `kind` report of `days`, every figure from `storeops.metrics` and the history.

    `readers` all see one snapshot of the store, its sales rollup fresh; sections are built
    on them at once: SQLite runs a query without holding the GIL, and a report is a dozen
    independent sections.
    """
    from storeops.clock import store_zone
    from storeops.metrics.plain.sales import first_order_at

    starts = first_order_at(readers[0])
    zone = store_zone(settings.store.timezone)
    scopes = [Scope(reader, days, zone, settings.rules, now, starts) for reader in readers]
    sections = _build_sections(scopes, SECTIONS[kind])
    return Report(
        kind,
        TITLES[kind],
        settings.store.name,
        settings.store.currency,
        days.first,
        days.last,
        days.label,
        now,
        sections,
    )


def _wanted(kind: str, workers: int | None) -> int:
    """How many connections: one per core, as the checks (or `workers`); no more than sections."""
    return max(1, min(workers or _default_workers(), len(SECTIONS[kind])))


def _default_workers() -> int:
    # As `runner.default_workers` (one connection per core, at most four), without importing
    # the runner and the check machinery it brings.
    import os

    return max(1, min(4, os.cpu_count() or 1))


def _build_sections(scopes: list[Scope], builders: tuple[Builder, ...]) -> list[Section]:
    """Every builder's section, in the builders' order, each built on a free scope."""
    if len(scopes) == 1:
        return [build(scopes[0]) for build in builders]
    import queue
    from concurrent.futures import ThreadPoolExecutor

    free: queue.SimpleQueue[Scope] = queue.SimpleQueue()
    for scope in scopes:
        free.put(scope)

    def task(build: Builder) -> Section:
        scope = free.get()  # one is always free: never more tasks run than scopes
        try:
            return build(scope)
        finally:
            free.put(scope)

    with ThreadPoolExecutor(max_workers=len(scopes), thread_name_prefix="report") as pool:
        # The slowest sections first, so the last one to start is a quick one.
        order = sorted(range(len(builders)), key=lambda i: -COST.get(builders[i].__name__, 0))
        futures = {i: pool.submit(task, builders[i]) for i in order}
        return [futures[i].result() for i in range(len(builders))]

"""Building a report: open the store, pick the sections for the kind, collect them."""

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

TITLES = {
    "daily": "Daily summary",
    "weekly": "Weekly report",
    "monthly": "Monthly report",
    "finance": "Financial statements",
}


def build_report(
    store: Store, settings: Settings, kind: str, days: ReportDays, now: datetime
) -> Report:
    """The `kind` report of `days`, every figure from `storeops.metrics` and the history."""
    from storeops.clock import store_zone
    from storeops.inventory.rollup import ensure_fresh
    from storeops.metrics.traffic import first_order_at

    ensure_fresh(store)  # units sold come from the daily sales rollup, as in the checks
    with store.reading() as session:
        scope = Scope(
            store,
            session,
            days,
            store_zone(settings.store.timezone),
            settings.rules,
            now,
            first_order_at(session),
        )
        sections = [build(scope) for build in SECTIONS[kind]]
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

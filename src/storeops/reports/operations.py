"""Sections about running the store: service, fulfilment, returns, stock, the site, routine."""

from __future__ import annotations

from typing import Any

from storeops.metrics import fulfillment, inventory, returns, service, uptime
from storeops.reports.model import Chart, Figure, Section, Table, Value
from storeops.reports.scope import Scope


def _hours(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def service_section(scope: Scope) -> Section:
    """First-response and resolution times (medians) and the ticket backlog at the end."""
    times = service.response_medians(scope.session, scope.period.start, scope.period.end)
    before = service.response_medians(scope.session, scope.previous.start, scope.previous.end)
    return Section(
        "service",
        "Customer service",
        [
            Figure("Tickets opened", times.opened, "count", before.opened),
            Figure(
                "First response (median)",
                _hours(times.first_response_hours),
                "hours",
                _hours(before.first_response_hours),
            ),
            Figure(
                "Resolution (median)",
                _hours(times.resolution_hours),
                "hours",
                _hours(before.resolution_hours),
            ),
            Figure("Backlog at the end", service.backlog(scope.session, scope.period.end)),
        ],
    )


def fulfillment_section(scope: Scope) -> Section:
    """Parcels shipped, time from order to carrier, late ones and carrier exceptions."""
    now = fulfillment.shipping_speed(scope.session, scope.period.start, scope.period.end)
    return Section(
        "fulfillment",
        "Fulfilment",
        [
            Figure("Parcels shipped", now.shipped),
            Figure("Order to carrier (median)", _hours(now.median_hours), "hours"),
            Figure("Shipped late", now.late),
            Figure("Carrier exceptions", now.exceptions),
        ],
    )


def returns_section(scope: Scope) -> Section:
    """Return rate of the period's orders and the top reasons."""
    rate = returns.return_rate(scope.session, scope.period.start, scope.period.end)
    reasons = returns.return_reasons(scope.session, scope.period.start, scope.period.end)
    pct = rate.rate_pct
    return Section(
        "returns",
        "Returns",
        [
            Figure("Units sold", rate.sold),
            Figure("Units returned", rate.returned),
            Figure("Return rate", None if pct is None else round(pct, 2), "pct"),
        ],
        [
            Table(
                "return_reasons",
                "Top return reasons",
                ("reason", "units"),
                ("text", "count"),
                [(reason, units) for reason, units in reasons[:10]],
            )
        ],
    )


def reorder_needs(scope: Scope) -> list[dict[str, Any]]:
    """The SKUs to reorder, most urgent first.

    For now: the SKUs at or below their reorder point (metrics.inventory), as the low-stock
    check counts them. The replenishment math of the `reorder` work replaces this at merge.
    """
    query = inventory.below_reorder_point(scope.rules.low_stock_default)
    rows = scope.session.execute(query.order_by("headroom", "sku")).mappings().all()
    return [dict(row) for row in rows]


def inventory_section(scope: Scope) -> Section:
    """Stock value and stock-outs now, and what needs reordering."""
    summary = inventory.stock_summary(scope.session)
    needs = reorder_needs(scope)
    rows: list[tuple[Value, ...]] = [
        (n["sku"], n["product"], n["on_hand"], n["incoming"], n["reorder_point"])
        for n in needs[:15]
    ]
    return Section(
        "inventory",
        "Stock (now)",
        [
            Figure("Stock value", summary.value, "money"),
            Figure("Units on hand", summary.units),
            Figure("Active SKUs", summary.active_skus),
            Figure("Out of stock", summary.out_of_stock),
            Figure("To reorder", len(needs)),
        ],
        [
            Table(
                "reorder_needs",
                "Reorder needs (most urgent first)",
                ("sku", "product", "on_hand", "incoming", "reorder_point"),
                ("text", "text", "count", "count", "count"),
                rows,
            )
        ],
    )


def site_section(scope: Scope) -> Section:
    """Uptime and response times of the storefront, from the recorded probes."""
    up = uptime.uptime(scope.session, scope.period.start, scope.period.end)
    section = Section("site", "Website")
    if not up.probes:
        section.notes.append("No storefront probes recorded for these days.")
        return section
    pct = up.uptime_pct
    section.figures.extend(
        [
            Figure("Uptime", None if pct is None else round(pct, 2), "pct"),
            Figure("Probes", up.probes),
            Figure("Response (median)", _round(up.median_ms), "ms"),
            Figure("Response (95th percentile)", _round(up.p95_ms), "ms"),
        ]
    )
    return section


def _round(value: float | None) -> float | None:
    return None if value is None else round(value)


def _completion_by_day(scope: Scope, area: str) -> list[Any]:
    from storeops.readers import store_reader
    from storeops.routine import stats

    with store_reader(scope.store) as reader:
        return stats.completion_by_day(reader, scope.days.first, scope.days.last, area=area)


def routine_section(scope: Scope) -> Section:
    """Completion of the routine per area (done, skipped, left open), and the open problems."""
    from storeops.readers import store_reader
    from storeops.routine import stats

    first, last = scope.days.first, scope.days.last
    with store_reader(scope.store) as reader:
        areas = stats.completion_by_area(reader, first, last)
    section = Section("routine", "The routine")
    rows: list[tuple[Value, ...]] = []
    for area in areas:
        done = area.settled - area.skipped - area.problems
        rows.append(
            (
                area.area,
                area.total,
                done,
                area.skipped,
                area.problems,
                area.total - area.settled,
                round(area.percent, 1),
            )
        )
    section.tables.append(
        Table(
            "routine_by_area",
            "Completion per area",
            ("area", "items", "done", "skipped", "problems", "left_open", "completion_pct"),
            ("text", "count", "count", "count", "count", "count", "pct"),
            rows,
        )
    )
    if not areas:
        section.notes.append("No routine was run on these days.")
    elif first != last:
        days = scope.each_day()
        cells: list[list[float | None]] = []
        for area in areas:
            by_day = {d.day: d.percent for d in _completion_by_day(scope, area.area)}
            cells.append([by_day.get(day) for day in days])
        section.charts.append(
            Chart(
                "completion_heatmap",
                "heatmap",
                "Routine completion per area and day (%)",
                [f"{day:%-d}" for day in days],
                unit="pct",
                rows=[area.area for area in areas],
                cells=cells,
            )
        )
    section.tables.append(_open_problems(scope))
    return section


def _open_problems(scope: Scope) -> Table:
    """Items whose latest result by the end of the period is WARN/CRIT or a reported problem."""
    from sqlalchemy import func, or_, select
    from sqlmodel import col

    from storeops.models import ItemResult

    latest = (
        select(func.max(col(ItemResult.id)))
        .where(col(ItemResult.recorded_at) < scope.period.end)
        .group_by(col(ItemResult.item_id))
    )
    rows = scope.session.execute(
        select(
            col(ItemResult.area),
            col(ItemResult.item_id),
            col(ItemResult.level),
            col(ItemResult.summary),
        ).where(
            col(ItemResult.id).in_(latest),
            or_(col(ItemResult.level).in_(("WARN", "CRIT")), col(ItemResult.answer) == "problem"),
        )
    ).all()
    rank = {"CRIT": 0, "WARN": 1}  # then the problems a person reported
    found = sorted(
        ((area, item, level or "problem", summary) for area, item, level, summary in rows),
        key=lambda row: (rank.get(row[2], 2), row[0], row[1]),
    )
    return Table(
        "open_problems",
        "Open problems",
        ("area", "item", "level", "summary"),
        ("text", "text", "text", "text"),
        list(found),
    )

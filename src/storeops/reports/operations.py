"""Sections about running the store: service, fulfilment, returns, stock, the site, routine."""

from __future__ import annotations

from typing import Any

from storeops.metrics.plain import operations as metrics
from storeops.metrics.plain import returns
from storeops.readers import sql_timestamp
from storeops.reports.model import Chart, Figure, Section, Table, Value
from storeops.reports.scope import Scope


def _hours(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def service_section(scope: Scope) -> Section:
    """First-response and resolution times (medians) and the ticket backlog at the end."""
    times = metrics.response_medians(scope.reader, scope.period.start, scope.period.end)
    before = metrics.response_medians(scope.reader, scope.previous.start, scope.previous.end)
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
            Figure("Backlog at the end", metrics.backlog(scope.reader, scope.period.end)),
        ],
    )


def fulfillment_section(scope: Scope) -> Section:
    """Parcels shipped, time from order to carrier, late ones and carrier exceptions."""
    now = metrics.shipping_speed(scope.reader, scope.period.start, scope.period.end)
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
    rate = returns.return_rate(scope.reader, scope.period.start, scope.period.end)
    reasons = returns.return_reasons(scope.reader, scope.period.start, scope.period.end)
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
    return metrics.below_reorder_point(scope.reader, scope.rules.low_stock_default)


def inventory_section(scope: Scope) -> Section:
    """Stock value and stock-outs now, and what needs reordering."""
    summary = metrics.stock_summary(scope.reader)
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
    up = metrics.uptime(scope.reader, scope.period.start, scope.period.end)
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


def routine_section(scope: Scope) -> Section:
    """Completion of the routine per area (done, skipped, left open), and the open problems."""
    from storeops.routine import stats

    first, last = scope.days.first, scope.days.last
    counted = stats.completion(scope.reader, first, last)  # one pass, summed per area and day
    areas = counted.by_area()
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
            by_day = {d.day: d.percent for d in counted.by_day(area=area.area)}
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


# The latest result of each item recorded before the end of the period, when it is WARN/CRIT
# or a problem the operator reported.
_OPEN_PROBLEMS = """
SELECT item_results.area, item_results.item_id, item_results.level, item_results.summary
FROM item_results
WHERE item_results.id IN (SELECT max(item_results.id) FROM item_results
                          WHERE item_results.recorded_at < :end GROUP BY item_results.item_id)
  AND (item_results.level IN ('WARN', 'CRIT') OR item_results.answer = 'problem')
"""


def _open_problems(scope: Scope) -> Table:
    """Items whose latest result by the end of the period is WARN/CRIT or a reported problem."""
    rows = scope.reader.rows(_OPEN_PROBLEMS, {"end": sql_timestamp(scope.period.end)})
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

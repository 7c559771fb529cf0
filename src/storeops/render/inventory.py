"""Rendering reorder suggestions and stock operations: Rich tables, JSON and CSV."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from rich.table import Table

from storeops.csvout import csv_text

if TYPE_CHECKING:
    from storeops.inventory.counting import Discrepancy
    from storeops.inventory.sku_view import SkuView, SlowMover
    from storeops.inventory.suggestions import ReorderReport, Suggestion

FIELDS = (
    "sku",
    "product",
    "supplier",
    "on_hand",
    "incoming",
    "committed",
    "projected",
    "avg_daily_demand",
    "demand_sd",
    "lead_time_days",
    "safety_stock",
    "reorder_point",
    "days_of_cover",
    "stockout_date",
    "pack_size",
    "moq",
    "suggested_qty",
    "unit_cost",
    "line_cost",
    "reason",
)


def suggestion_record(item: Suggestion) -> dict[str, Any]:
    """One suggestion as plain values: numbers as numbers, dates as ISO text."""
    return {
        "sku": item.sku,
        "product": item.product,
        "supplier": item.supplier,
        "on_hand": item.on_hand,
        "incoming": item.incoming,
        "committed": item.committed,
        "projected": item.projected,
        "avg_daily_demand": round(item.avg_daily_demand, 4),
        "demand_sd": round(item.demand_sd, 4),
        "lead_time_days": item.lead_time_days,
        "safety_stock": round(item.safety_stock, 2),
        "reorder_point": round(item.reorder_point, 2),
        "days_of_cover": None if item.days_of_cover is None else round(item.days_of_cover, 1),
        "stockout_date": None if item.stockout_date is None else item.stockout_date.isoformat(),
        "pack_size": item.pack_size,
        "moq": item.moq,
        "suggested_qty": item.suggested_qty,
        "unit_cost": None if item.unit_cost is None else float(item.unit_cost),
        "line_cost": None if item.line_cost is None else float(item.line_cost),
        "reason": item.reason,
    }


def reorder_json(report: ReorderReport) -> str:
    """The suggestions as a JSON list of objects."""
    return json.dumps([suggestion_record(s) for s in report.suggestions], indent=2)


def reorder_csv(report: ReorderReport) -> str:
    """The suggestions as CSV, one row each, formula-safe."""
    rows = ([suggestion_record(s)[name] for name in FIELDS] for s in report.suggestions)
    return csv_text(FIELDS, rows)


def reorder_table(report: ReorderReport) -> Table:
    """The suggestions for a person: grouped by supplier, worst first, with the reason."""
    table = Table(title=f"Reorder today ({len(report.suggestions)} SKUs)", title_justify="left")
    for name, justify in (
        ("Supplier", "left"),
        ("SKU", "left"),
        ("On hand", "right"),
        ("Incoming", "right"),
        ("Committed", "right"),
        ("Demand/day", "right"),
        ("Cover", "right"),
        ("Stock-out", "left"),
        ("Lead", "right"),
        ("ROP", "right"),
        ("Projected", "right"),
        ("Order", "right"),
        ("Cost", "right"),
        ("Reason", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    previous = None
    for s in report.suggestions:
        table.add_row(
            s.supplier if s.supplier != previous else "",
            s.sku,
            str(s.on_hand),
            str(s.incoming),
            str(s.committed),
            f"{s.avg_daily_demand:.2f}",
            "-" if s.days_of_cover is None else f"{s.days_of_cover:.0f}d",
            "-" if s.stockout_date is None else s.stockout_date.isoformat(),
            f"{s.lead_time_days}d",
            f"{s.reorder_point:.1f}",
            str(s.projected),
            str(s.suggested_qty),
            "?" if s.line_cost is None else f"{s.line_cost:,.2f}",
            s.reason,
        )
        previous = s.supplier
    return table


def left_out_lines(report: ReorderReport) -> list[str]:
    """One line per reason SKUs were not suggested, so nothing is dropped silently."""
    return [
        f"not suggested: {count} SKU{'s' if count != 1 else ''} {reason}"
        for reason, count in sorted(report.left_out.items())
    ]


def discrepancy_table(found: list[Discrepancy]) -> Table:
    """Count discrepancies with their value at cost."""
    table = Table(title=f"Count discrepancies ({len(found)} SKUs)", title_justify="left")
    for name in ("SKU", "On hand", "Counted", "Difference", "Value"):
        table.add_column(name, justify="left" if name == "SKU" else "right")
    for item in found:
        table.add_row(
            item.sku,
            str(item.on_hand),
            str(item.counted),
            f"{item.difference:+d}",
            "?" if item.value is None else f"{item.value:,.2f}",
        )
    return table


def sku_lines(view: SkuView) -> list[str]:
    """`stock show` for a person: figures, then the ledger, then weekly sales."""
    lines = [
        f"{view.sku}: on hand {view.on_hand}, incoming {view.incoming}, "
        f"committed {view.committed}, projected {view.on_hand + view.incoming - view.committed}",
        f"ledger balance {view.ledger_balance}"
        + ("" if view.ledger_balance == view.on_hand else "  (differs from on hand!)"),
        "",
        f"latest ledger rows ({len(view.ledger)}):",
    ]
    for m in view.ledger:
        detail = " ".join(x for x in (m.reason or "", m.reference or "") if x)
        lines.append(f"  {m.created_at:%Y-%m-%d %H:%M}  {m.kind:<10} {m.quantity:+6d}  {detail}")
    lines.append("")
    lines.append("units sold per week:")
    for week, units in view.weekly_units:
        lines.append(f"  {week.isoformat()}  {units:5d}  {'#' * min(units, 60)}")
    return lines


def slow_table(rows: list[SlowMover], days: int) -> Table:
    """Slow movers with the money tied up in them."""
    table = Table(
        title=f"In stock, no sale in {days} days ({len(rows)} SKUs)", title_justify="left"
    )
    for name in ("SKU", "Product", "On hand", "Value at cost", "Last sold"):
        table.add_column(name, justify="right" if name in ("On hand", "Value at cost") else "left")
    for row in rows:
        table.add_row(
            row.sku,
            row.product,
            str(row.on_hand),
            f"{row.value:,.2f}",
            "never" if row.last_sold is None else row.last_sold.date().isoformat(),
        )
    return table

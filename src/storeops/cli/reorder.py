"""`storeops reorder`: what to buy today and why, draft purchase orders, snoozes."""

from __future__ import annotations

import re
from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from storeops.cli.options import DbOption, HomeOption
from storeops.errors import StoreOpsError

if TYPE_CHECKING:
    from storeops.config import Settings
    from storeops.inventory.suggestions import ReorderReport

app = typer.Typer(
    help="What to buy today and why; draft purchase orders; snooze a suggestion.",
    no_args_is_help=True,
)


class ReorderFormat(StrEnum):
    """Output formats of `storeops reorder list`."""

    table = "table"
    csv = "csv"
    json = "json"


SupplierOption = typer.Option(None, "--supplier", help="Only this supplier (by name).")
WindowOption = typer.Option(90, "--window", min=7, max=730, help="Days of sales behind demand.")


def _report(
    settings: Settings, supplier: str | None, service_level: float | None, window: int
) -> ReorderReport:
    from storeops import clock
    from storeops.inventory.freshness import fresh_sales_reader
    from storeops.inventory.suggestions import reorder_report

    level = settings.rules.service_level if service_level is None else service_level
    now = clock.now()
    with fresh_sales_reader(settings.db_url) as reader:
        return reorder_report(
            reader,
            today=now.date(),
            now=now,
            window_days=window,
            service_level=level,
            supplier=supplier,
        )


@app.command("list")
def list_(
    supplier: str | None = SupplierOption,
    service_level: float | None = typer.Option(
        None,
        "--service-level",
        min=50.01,
        max=99.99,
        help="Percent of lead times without a stock-out [default: rules.service_level].",
    ),
    window: int = WindowOption,
    output: ReorderFormat = typer.Option(ReorderFormat.table, "--format", help="Output format."),
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """SKUs to order today, grouped by supplier, worst first, with the figures and the reason."""
    from storeops.config import load_settings
    from storeops.render import console
    from storeops.render import inventory as render

    report = _report(load_settings(home, db), supplier, service_level, window)
    if output is ReorderFormat.json:
        typer.echo(render.reorder_json(report))
        return
    if output is ReorderFormat.csv:
        typer.echo(render.reorder_csv(report), nl=False)
        return
    out = console.out()
    if report.suggestions:
        out.print(render.reorder_table(report))
    else:
        out.print("Nothing to reorder today.")
    out.print(
        f"Demand over the last {report.window_days} days; service level {report.service_level:g}%."
    )
    for line in render.left_out_lines(report):
        out.print(line)


@app.command("po")
def po(
    supplier: str | None = SupplierOption,
    out_dir: Path = typer.Option(Path(), "--out", help="Folder for the CSV files."),
    window: int = WindowOption,
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Draft purchase orders (a CSV per supplier) and record them as open POs."""
    from storeops import clock
    from storeops.config import load_settings
    from storeops.csvout import csv_text
    from storeops.db import open_store
    from storeops.inventory import purchasing
    from storeops.render import console

    settings = load_settings(home, db)
    report = _report(settings, supplier, None, window)
    if not report.suggestions:
        console.out().print("Nothing to reorder today: no purchase order drafted.")
        return
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreOpsError(f"cannot create {out_dir}: {exc.strerror}") from None
    with open_store(settings.db_url) as store, store.writing() as session:
        orders = purchasing.draft_purchase_orders(session, report.suggestions, clock.now())
        # Files inside the transaction: if one cannot be written, none is left behind and
        # nothing is recorded.
        written: list[Path] = []
        for order in orders:
            text = csv_text(purchasing.PO_HEADER, purchasing.po_rows(order))
            path = out_dir / f"{order.number}.csv"
            try:
                path.write_text(text, encoding="utf-8")
            except OSError as exc:
                for done in written:
                    done.unlink(missing_ok=True)
                raise StoreOpsError(f"cannot write {path}: {exc.strerror}") from None
            written.append(path)
    out = console.out()
    for order in orders:
        out.print(
            f"{order.number}  {order.supplier}: {len(order.lines)} SKUs, "
            f"{order.total:,.2f}, expected {order.expected_at:%Y-%m-%d} -> "
            f"{out_dir / (order.number + '.csv')}"
        )


DURATION = re.compile(r"^(\d+)([dw])$")


@app.command("snooze")
def snooze(
    sku: str = typer.Argument(..., help="The SKU not to suggest for a while."),
    duration: str = typer.Argument(..., help="How long: 7d, 2w."),
    reason: str = typer.Option("", "--reason", help="Why, for whoever looks later."),
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Stop suggesting a SKU for a while (7d, 2w)."""
    from storeops import clock
    from storeops.config import load_settings
    from storeops.db import open_store
    from storeops.inventory.ledger import find_variant
    from storeops.models import Snooze
    from storeops.render import console

    match = DURATION.match(duration.strip().lower())
    if match is None or int(match.group(1)) == 0:
        raise StoreOpsError(f"bad duration {duration!r}: use days or weeks, such as 7d or 2w")
    days = int(match.group(1)) * (7 if match.group(2) == "w" else 1)
    settings = load_settings(home, db)
    now = clock.now()
    until = now + timedelta(days=days)
    with open_store(settings.db_url) as store, store.writing() as session:
        find_variant(session, sku)
        session.add(Snooze(kind="reorder", key=sku, until=until, reason=reason, created_at=now))
    console.out().print(f"{sku}: not suggested until {until:%Y-%m-%d %H:%M} UTC")

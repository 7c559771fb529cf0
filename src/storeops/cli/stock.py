"""`storeops stock`: receive shipments, adjust and count stock, always through the ledger."""

from __future__ import annotations

from pathlib import Path

import typer

from storeops.cli.options import DbOption, HomeOption
from storeops.errors import StoreOpsError

app = typer.Typer(
    help="Receive shipments, adjust and count stock (every change goes through the ledger); "
    "show a SKU; list slow movers.",
    no_args_is_help=True,
)


@app.command("receive", context_settings={"ignore_unknown_options": True})
def receive(
    target: str = typer.Argument(..., help="A purchase order number (or id), or a SKU."),
    quantity: int | None = typer.Argument(None, help="Units received, when TARGET is a SKU."),
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """An incoming shipment: PO_ID receives all of it, SKU QTY part of it (oldest PO first)."""
    from storeops import clock
    from storeops.config import load_settings
    from storeops.db import open_store
    from storeops.inventory import ledger
    from storeops.render import console

    settings = load_settings(home, db)
    with open_store(settings.db_url) as store, store.writing() as session:
        if quantity is None:
            receipts = ledger.receive_purchase_order(session, target, clock.now())
        else:
            receipts = ledger.receive_sku(session, target, quantity, clock.now())
    out = console.out()
    for item in receipts:
        source = item.po_number or "no open PO"
        out.print(f"received {item.quantity} x {item.sku} ({source})")


# `stock adjust SKU -3` must read -3 as the quantity, not as an unknown option.
@app.command("adjust", context_settings={"ignore_unknown_options": True})
def adjust(
    sku: str = typer.Argument(..., help="The SKU."),
    quantity: int = typer.Argument(..., help="Signed change: -3 for three lost, 2 found."),
    reason: str = typer.Option(..., "--reason", help="Why: damaged, lost, found..."),
    damage: bool = typer.Option(False, "--damage", help="Record it as damage."),
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Damage, loss, found stock: a signed change to on-hand, always with a reason."""
    from storeops import clock
    from storeops.config import load_settings
    from storeops.db import open_store
    from storeops.inventory import ledger
    from storeops.render import console

    settings = load_settings(home, db)
    kind = "damage" if damage or reason.strip().lower() == "damaged" else "adjustment"
    with open_store(settings.db_url) as store, store.writing() as session:
        variant = ledger.adjust(session, sku, quantity, reason=reason, now=clock.now(), kind=kind)
        on_hand = variant.on_hand
    console.out().print(f"{sku}: {quantity:+d} ({reason.strip()}), on hand now {on_hand}")


@app.command("count")
def count(
    file: Path = typer.Argument(..., help="CSV with a header sku,counted."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Apply without asking."),
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """A physical count: discrepancies and their value, applied only on confirmation."""
    from storeops import clock
    from storeops.config import load_settings
    from storeops.db import open_store
    from storeops.inventory import counting
    from storeops.render import console
    from storeops.render import inventory as render

    rows = counting.read_count_file(file)
    settings = load_settings(home, db)
    out = console.out()
    with open_store(settings.db_url) as store:
        with store.reading() as session:
            found = counting.discrepancies(session, file, rows)
        if not found:
            out.print(f"{len(rows)} SKUs counted: all match on-hand, nothing to apply.")
            return
        out.print(render.discrepancy_table(found))
        if not yes and not typer.confirm(f"Apply {len(found)} count adjustments?", default=False):
            raise StoreOpsError("count not applied (answer y, or pass --yes)")
        with store.writing() as session:
            # Re-read inside the write transaction: stock may have moved since the preview.
            found = counting.discrepancies(session, file, rows)
            counting.apply_count(session, found, clock.now(), reference=file.name)
    out.print(f"applied {len(found)} count adjustments from {file.name}")


@app.command("show")
def show(
    sku: str = typer.Argument(..., help="The SKU."),
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """On hand, incoming, committed, the latest ledger rows and the weekly sales trend."""
    from storeops import clock
    from storeops.config import load_settings
    from storeops.db import open_store
    from storeops.inventory import rollup
    from storeops.inventory.sku_view import sku_view
    from storeops.render import console
    from storeops.render import inventory as render

    settings = load_settings(home, db)
    with open_store(settings.db_url) as store:
        rollup.ensure_fresh(store)
        with store.reading() as session:
            view = sku_view(session, sku, clock.now().date())
    out = console.out()
    for line in render.sku_lines(view):
        out.print(line, highlight=False, markup=False)


@app.command("slow")
def slow(
    days: int | None = typer.Option(
        None,
        "--days",
        min=7,
        max=3650,
        help="No sale for this long [default: rules.slow_mover_days].",
    ),
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Slow movers: SKUs in stock with no sale for a while, most money tied up first."""
    from datetime import timedelta

    from storeops import clock
    from storeops.config import load_settings
    from storeops.db import open_store
    from storeops.inventory.sku_view import slow_movers
    from storeops.metrics import periods
    from storeops.render import console
    from storeops.render import inventory as render

    settings = load_settings(home, db)
    period = settings.rules.slow_mover_days if days is None else days
    zone = clock.store_zone(settings.store.timezone)
    today = clock.local_today(settings.store.timezone)
    since = periods.local_midnight(today - timedelta(days=period), zone)
    with open_store(settings.db_url) as store, store.reading() as session:
        rows = slow_movers(session, since)
    out = console.out()
    if not rows:
        out.print(f"Every SKU in stock sold in the last {period} days.")
        return
    out.print(render.slow_table(rows, period))
    total = sum((row.value for row in rows), start=rows[0].value * 0)
    out.print(f"{total:,.2f} at cost: candidates for a promotion, a bundle or no more reordering")

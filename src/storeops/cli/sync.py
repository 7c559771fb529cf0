"""`storeops sync`: pull orders from the WooCommerce or Shopify API, and show where syncs stand."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import typer

from storeops.cli.options import DbOption, HomeOption

if TYPE_CHECKING:
    from storeops.sync.platforms import Platform

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


class Output(StrEnum):
    """Output formats of the sync commands."""

    table = "table"
    json = "json"


@app.command("woocommerce", short_help="Sync orders from a WooCommerce shop.")
def woocommerce(
    url: str = typer.Option(..., "--url", help="The shop's address, e.g. https://shop.example."),
    full: bool = typer.Option(False, "--full", help="Fetch everything, not just what changed."),
    output: Output = typer.Option(Output.table, "--format", help="Output format."),
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Sync orders from the WooCommerce REST API (keys: STOREOPS_WC_KEY, STOREOPS_WC_SECRET)."""
    from storeops.sync.credentials import secret
    from storeops.sync.platforms import WooCommerce

    headers = WooCommerce.auth_headers(secret("STOREOPS_WC_KEY"), secret("STOREOPS_WC_SECRET"))
    _sync(lambda api: WooCommerce(api, url), headers, full, output, home, db)


@app.command("shopify", short_help="Sync orders from a Shopify shop.")
def shopify(
    shop: str = typer.Option(..., "--shop", help="The shop, e.g. name.myshopify.com."),
    full: bool = typer.Option(False, "--full", help="Fetch everything, not just what changed."),
    output: Output = typer.Option(Output.table, "--format", help="Output format."),
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Sync orders from the Shopify Admin API (token: STOREOPS_SHOPIFY_TOKEN)."""
    from storeops.sync.credentials import secret
    from storeops.sync.platforms import ShopifyAdmin

    headers = ShopifyAdmin.auth_headers(secret("STOREOPS_SHOPIFY_TOKEN"))
    _sync(lambda api: ShopifyAdmin(api, shop), headers, full, output, home, db)


@app.command("status", short_help="The last sync per source: rows, errors.")
def status(
    output: Output = typer.Option(Output.table, "--format", help="Output format."),
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Where each sync stands: last run, its outcome, rows written, the resume cursor."""
    from storeops.config import load_settings
    from storeops.db import open_store
    from storeops.sync.runner import sync_states

    with open_store(load_settings(home, db).db_url) as store:
        states = sync_states(store)
    if output is Output.json:
        typer.echo(json.dumps(states, indent=2, default=str))
        return
    if not states:
        typer.echo("no sync has run yet")
        return
    for state in states:
        line = (
            f"{state['source']} {state['shop']}: {state['status']}, last run "
            f"{_when(state['finished_at'] or state['started_at'])}, {state['rows']:,} rows "
            f"({state['total_rows']:,} in all), cursor {_when(state['cursor'])}"
        )
        if state["error"]:
            line += f"; error: {state['error']}"
        typer.echo(line)


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value is not None else "none"


def _sync(
    make: Any, headers: dict[str, str], full: bool, output: Output, home: Any, db: Any
) -> None:
    from storeops.config import load_settings
    from storeops.db import open_store
    from storeops.http import make_client
    from storeops.sync.runner import run_sync
    from storeops.sync.transport import ApiClient

    settings = load_settings(home, db)
    with open_store(settings.db_url) as store, make_client(timeout=30.0) as client:
        platform: Platform = make(ApiClient(client, headers))
        result = run_sync(store, platform, full=full)
    if output is Output.json:
        typer.echo(json.dumps(result.as_json(), indent=2))
        return
    kind = "incremental" if result.incremental else "full"
    typer.echo(f"synced {result.shop} ({result.source}, {kind}, {result.pages} pages)")
    counts = result.summary
    for name in ("customers", "orders", "order_lines", "shipments"):
        typer.echo(
            f"  {name}: {counts.created[name]:,} created, {counts.updated[name]:,} updated, "
            f"{counts.unchanged[name]:,} unchanged"
        )

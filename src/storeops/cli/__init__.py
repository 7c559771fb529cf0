"""The `storeops` command line: one module per noun, each a thin layer over the library.

Only cheap modules are imported here so `storeops --help` stays fast; every command imports
what it needs (SQLAlchemy, httpx...) inside its own body.
"""

from __future__ import annotations

import sys

import typer

from storeops import __version__
from storeops.cli import (
    check,
    checklists,
    demo,
    history,
    import_,
    init,
    morning,
    reorder,
    report,
    site,
    stock,
    sync,
)
from storeops.errors import StoreOpsError

app = typer.Typer(
    name="storeops",
    help="The daily-operations cockpit of an independent online store.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"storeops {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True, help="Show the version."
    ),
) -> None:
    """The daily-operations cockpit of an independent online store.

    Settings come from flags, then STOREOPS_HOME / STOREOPS_DB / STOREOPS_NOW, then
    STOREOPS_HOME/config.yaml, then defaults.
    """


# Short help is spelled out: click would cut the docstrings' first lines at 45 characters.
app.command("init", short_help="Write a commented config.yaml and an empty store.")(init.init)
app.command("demo", short_help="Build a demo store with problems to find.")(demo.demo)
app.command("morning", short_help="Today's routine: attention list, then practices.")(
    morning.morning
)
app.command("run", short_help="Walk a part of the day or one area, now.")(morning.run)
app.command("status", short_help="Today's progress per area; what is overdue.")(history.status)
app.command("check", short_help="Run the automated checks (cron: --auto).")(check.check)
app.add_typer(history.app, name="history", short_help="Completion per day and area, streak.")
app.add_typer(checklists.app, name="checklists", short_help="List, show and validate checklists.")
app.add_typer(reorder.app, name="reorder", short_help="What to buy today and why; draft POs.")
app.add_typer(
    stock.app, name="stock", short_help="Receive, adjust, count; show a SKU; slow movers."
)
app.add_typer(import_.app, name="import", short_help="Import Shopify exports and CSV files.")
app.add_typer(sync.app, name="sync", short_help="Sync orders from WooCommerce or Shopify APIs.")
app.add_typer(site.app, name="site", short_help="The live storefront: checks, links, uptime.")
app.add_typer(report.app, name="report", short_help="Daily, weekly, monthly and finance reports.")


def main() -> None:
    """Run the CLI: a user-caused error is one line on stderr and its exit code, no traceback."""
    _tune_garbage_collector()
    try:
        app()
    except StoreOpsError as exc:
        from storeops.render.console import print_error

        print_error(str(exc))
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)


def _tune_garbage_collector() -> None:
    """Collect cyclic garbage less often than Python's default (every 700 new objects).

    A command imports SQLAlchemy, the models and the checks (hundreds of thousands of
    objects, nearly all kept for the life of the process) before it does anything, and with
    the default thresholds the collector walks that growing heap again and again: about a
    tenth of the morning routine's start-up. mypy raises its thresholds for the same reason.
    Reference counting still frees everything that is not in a cycle at once.
    """
    import gc

    gc.set_threshold(50_000, 20, 20)

"""The `storeops` command line: one module per noun, each a thin layer over the library.

Only cheap modules are imported here so `storeops --help` stays fast; every command imports
what it needs (SQLAlchemy, httpx...) inside its own body.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

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


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"storeops {__version__}")
        raise typer.Exit()


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
_COMMANDS: dict[str, tuple[Callable[..., None], str]] = {
    "init": (init.init, "Write a commented config.yaml and an empty store."),
    "demo": (demo.demo, "Build a demo store with problems to find."),
    "morning": (morning.morning, "Today's routine: attention list, then practices."),
    "run": (morning.run, "Walk a part of the day or one area, now."),
    "status": (history.status, "Today's progress per area; what is overdue."),
    "check": (check.check, "Run the automated checks (cron: --auto)."),
}
_GROUPS: dict[str, tuple[typer.Typer, str]] = {
    "history": (history.app, "Completion per day and area, streak."),
    "checklists": (checklists.app, "List, show and validate checklists."),
    "reorder": (reorder.app, "What to buy today and why; draft POs."),
    "stock": (stock.app, "Receive, adjust, count; show a SKU; slow movers."),
    "import": (import_.app, "Import Shopify exports and CSV files."),
    "sync": (sync.app, "Sync orders from WooCommerce or Shopify APIs."),
    "site": (site.app, "The live storefront: checks, links, uptime."),
    "report": (report.app, "Daily, weekly, monthly and finance reports."),
}


def build_app(only: str | None = None) -> typer.Typer:
    """The `storeops` app with every command, or with just the command named `only`.

    Typer turns every registered command into a click command (reading each function's
    parameters) each time the program runs, though one command runs: about 40 ms. `main`
    registers only the command named on the command line; help and errors read the same.
    """
    app = typer.Typer(
        name="storeops",
        help="The daily-operations cockpit of an independent online store.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_show_locals=False,
        rich_markup_mode=None,
    )
    app.callback()(_root)
    for name, (function, short_help) in _COMMANDS.items():
        if only in (None, name):
            app.command(name, short_help=short_help)(function)
    for name, (group, short_help) in _GROUPS.items():
        if only in (None, name):
            app.add_typer(group, name=name, short_help=short_help)
    return app


app = build_app()


def main() -> None:
    """Run the CLI: a user-caused error is one line on stderr and its exit code, no traceback."""
    _tune_garbage_collector()
    named = sys.argv[1] if len(sys.argv) > 1 else None
    try:
        # Anything else (an option, a typo, no command) runs the whole app: its help, its
        # "No such command" naming the commands there are.
        known = named in _COMMANDS or named in _GROUPS
        runnable = build_app(only=named) if known else app
        runnable()
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

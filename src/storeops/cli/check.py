"""`storeops check`: run the automated checks, for a person or for cron."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING

import typer

from storeops.cli.options import DbOption, HomeOption

if TYPE_CHECKING:
    from storeops.checklists.loader import ChecklistSet
    from storeops.config import Settings


class CheckFormat(StrEnum):
    """Output formats of `storeops check`."""

    table = "table"
    json = "json"
    nagios = "nagios"
    junit = "junit"
    markdown = "markdown"


def check(
    area: str | None = typer.Option(None, "--area", help="Only this area's checks."),
    item: str | None = typer.Option(None, "--item", help="Only this item's check."),
    run_all: bool = typer.Option(False, "--all", help="Run every check, due or not."),
    auto: bool = typer.Option(
        False, "--auto", help="Unattended (cron): never prompt, no colour, plain output."
    ),
    output: CheckFormat = typer.Option(CheckFormat.table, "--format", help="Output format."),
    ping: str | None = typer.Option(
        None, "--ping", help="Healthchecks-style URL: GET URL/start, then URL/<exit code>."
    ),
    notify: str | None = typer.Option(
        None, "--notify", help="Webhook for alerts on state changes [config: alerts.webhook]."
    ),
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Run the due automated checks; exit 0 OK, 1 WARN, 2 CRIT, 3 UNKNOWN.

    A second run while one is running exits at once with 75.
    """
    from storeops.checklists.loader import load_checklists
    from storeops.config import load_settings
    from storeops.db import sqlite_path
    from storeops.lock import run_lock
    from storeops.render import console

    unattended = auto or not sys.stdin.isatty()
    if unattended:
        console.use_plain_output()
    settings = load_settings(home, db)
    checklists = load_checklists(settings.user_checklists)
    db_file = sqlite_path(settings.db_url)
    lock_path = (
        db_file.with_name(db_file.name + ".lock") if db_file else settings.home / "check.lock"
    )
    with run_lock(lock_path):
        exit_code = _run(
            settings, checklists, area, item, run_all, unattended, output, ping, notify
        )
    raise typer.Exit(exit_code)


def _run(
    settings: Settings,
    checklists: ChecklistSet,
    area: str | None,
    item: str | None,
    run_all: bool,
    unattended: bool,
    output: CheckFormat,
    ping: str | None,
    notify: str | None,
) -> int:
    from storeops import alerts, clock
    from storeops.check_run import run_store_checks
    from storeops.db import open_store
    from storeops.http import make_client
    from storeops.render import console, machine
    from storeops.render.progress import progress_reporter
    from storeops.render.results import results_table

    with make_client(timeout=10) as client:
        if ping:
            alerts.ping(client, ping, "start")
        with open_store(settings.db_url) as store:
            with progress_reporter(console.err(), "Checking") as report:
                run = run_store_checks(
                    store,
                    settings,
                    checklists,
                    area=area,
                    item_id=item,
                    run_all=run_all,
                    trigger="auto" if unattended else "interactive",
                    progress=report,
                )
            webhook = notify or settings.config.alerts.webhook
            if webhook:
                policy = alerts.AlertPolicy(
                    settings.config.alerts.failure_threshold,
                    settings.config.alerts.success_threshold,
                    settings.config.alerts.reminder_hours,
                )
                due = alerts.update_alert_states(
                    store, run.outcomes, now=clock.now(), policy=policy
                )
                error = alerts.deliver(client, webhook, store, settings.store.name, due)
                if error:
                    console.warn(f"alert not delivered: {error} (recorded; the run goes on)")
        renderers = {
            CheckFormat.json: machine.to_json,
            CheckFormat.nagios: machine.to_nagios,
            CheckFormat.junit: machine.to_junit,
            CheckFormat.markdown: machine.to_markdown,
        }
        if output is CheckFormat.table:
            console.out().print(results_table(run))
        else:
            sys.stdout.write(renderers[output](run).rstrip("\n") + "\n")
        if ping:
            alerts.ping(client, ping, str(run.exit_code))
    return run.exit_code

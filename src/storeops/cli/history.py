"""`storeops history` and `storeops status`: looking back, and today's progress."""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

import typer

from storeops.cli.options import DbOption, HomeOption

app = typer.Typer(
    help="Completion per day and area, the streak, a 12-week calendar; `show RUN_ID` for one run.",
    invoke_without_command=True,
)


TABLE_DAYS = 14


class HistoryFormat(StrEnum):
    """Output formats of `storeops history`."""

    table = "table"
    json = "json"
    csv = "csv"


@app.callback()
def history(
    ctx: typer.Context,
    days: int = typer.Option(30, "--days", min=1, max=3660, help="How many days back."),
    area: str | None = typer.Option(None, "--area", help="Only this area."),
    output: HistoryFormat = typer.Option(HistoryFormat.table, "--format", help="Output format."),
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Completion of the routine per day and per area, the streak and a 12-week calendar."""
    if ctx.invoked_subcommand is not None:
        return
    from storeops import clock
    from storeops.config import load_settings
    from storeops.readers import open_reader
    from storeops.render import console
    from storeops.render import history as render
    from storeops.routine import stats

    settings = load_settings(home, db)
    today = clock.local_today(settings.store.timezone)
    first = today - timedelta(days=days - 1)
    calendar_first = today - timedelta(weeks=12)
    with open_reader(settings.db_url) as reader:
        # One pass over the rows for the days, the areas and the 12-week calendar.
        counted = stats.completion(reader, min(first, calendar_first), today)
        streak = stats.streak(reader, today)
    per_day = counted.by_day(first, today, area=area)
    per_area = counted.by_area(first, today)
    if area is not None:
        per_area = [a for a in per_area if a.area == area]
    calendar_days = counted.by_day(calendar_first, today, area=area)
    if output is HistoryFormat.json:
        typer.echo(render.history_json(streak, per_day, per_area))
        return
    if output is HistoryFormat.csv:
        typer.echo(render.history_csv(per_day), nl=False)
        return
    out = console.out()
    out.print(f"Streak: {streak} {'day' if streak == 1 else 'days'} of completed mornings")
    out.print(render.calendar(calendar_days, today))
    if per_day:
        # A terminal table of a year of days helps nobody (and takes Rich a second to lay
        # out): the calendar shows the shape, the table the recent days, csv/json everything.
        out.print(render.days_table(per_day[-TABLE_DAYS:]))
        if len(per_day) > TABLE_DAYS:
            out.print(f"(the last {TABLE_DAYS} of {len(per_day)} days; --format csv for all)")
        out.print(render.areas_table(per_area))
    else:
        out.print(f"No routine runs in the last {days} days: start with storeops morning")


@app.command("show")
def show(
    run_id: int = typer.Argument(..., help="The run's number (see storeops history)."),
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Every item of one run: answer, note, value, who, when, time taken."""
    from sqlmodel import col, select

    from storeops.clock import store_zone
    from storeops.config import load_settings
    from storeops.db import open_store
    from storeops.errors import StoreOpsError
    from storeops.models import ItemResult, Run
    from storeops.render import console
    from storeops.render.history import run_table

    settings = load_settings(home, db)
    with open_store(settings.db_url) as store, store.reading() as session:
        run = session.get(Run, run_id)
        if run is None:
            raise StoreOpsError(f"no run {run_id}; storeops history lists the runs by day")
        rows = session.exec(
            select(ItemResult).where(ItemResult.run_id == run_id).order_by(col(ItemResult.id))
        ).all()
    console.out().print(run_table(run, list(rows), store_zone(settings.store.timezone)))


def status(home: HomeOption = None, db: DbOption = None) -> None:
    """Today's progress per area, and what is late or overdue."""
    from storeops import clock
    from storeops.checklists.loader import load_checklists
    from storeops.config import load_settings
    from storeops.db import open_store
    from storeops.render import console
    from storeops.render.status import status_view
    from storeops.routine.status import today_status

    settings = load_settings(home, db)
    checklists = load_checklists(settings.user_checklists)
    today = clock.local_today(settings.store.timezone)
    with open_store(settings.db_url) as store:
        report = today_status(store, checklists, today)
    console.out().print(status_view(report))

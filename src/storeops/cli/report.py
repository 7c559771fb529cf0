"""`storeops report`: the daily summary, weekly and monthly reports, financial statements."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

import typer

from storeops.cli.options import DbOption, HomeOption

app = typer.Typer(
    help="Reports for the owner and stakeholders, in the terminal or as files.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class ReportFormat(StrEnum):
    """Output formats of `storeops report`."""

    text = "text"
    md = "md"
    html = "html"
    csv = "csv"
    json = "json"


FormatOption = typer.Option(
    None,
    "--format",
    help="text (terminal), md, html, csv or json [default: from --out's suffix, else text].",
    show_default=False,
)
OutOption = typer.Option(None, "--out", help="Write to this file instead of the terminal.")
ForceOption = typer.Option(False, "--force", help="Overwrite the --out file if it exists.")
SendOption = typer.Option(
    False, "--send", help="Also post the Markdown to the webhook [config: alerts.webhook]."
)
WebhookOption = typer.Option(None, "--webhook", help="The webhook for --send (overrides config).")


def _command(kind: str, flag: str, flag_help: str, summary: str) -> Callable[..., None]:
    """One `storeops report KIND` command: the kinds differ only in the flag naming the period."""

    def command(
        when: str | None = typer.Option(None, flag, help=flag_help),
        output: ReportFormat | None = FormatOption,
        out: Path | None = OutOption,
        force: bool = ForceOption,
        send: bool = SendOption,
        webhook: str | None = WebhookOption,
        home: HomeOption = None,
        db: DbOption = None,
    ) -> None:
        _report(kind, when, output, out, force, send, webhook, home, db)

    command.__doc__ = summary
    command.__name__ = kind
    return command


daily = _command(
    "daily",
    "--date",
    "The day, YYYY-MM-DD [default: yesterday].",
    "One day: orders, revenue, fulfilment, service, the site, the routine.",
)
weekly = _command(
    "weekly",
    "--week",
    "The ISO week, e.g. 2026-W47 [default: last week].",
    "One week for stakeholders: sales, products, traffic, marketing, operations.",
)
monthly = _command(
    "monthly",
    "--month",
    "The month, e.g. 2026-11 [default: last month].",
    "One month for stakeholders: sales, products, traffic, marketing, operations.",
)
finance = _command(
    "finance",
    "--month",
    "The month, e.g. 2026-11 [default: last month].",
    "The month's profit and loss and cash flow.",
)

app.command("daily", short_help="One day: orders, revenue, operations, routine.")(daily)
app.command("weekly", short_help="One ISO week, for stakeholders.")(weekly)
app.command("monthly", short_help="One month, for stakeholders.")(monthly)
app.command("finance", short_help="The month's P&L and cash flow.")(finance)


def _report(
    kind: str,
    when: str | None,
    output: ReportFormat | None,
    out: Path | None,
    force: bool,
    send: bool,
    webhook: str | None,
    home: Path | None,
    db: str | None,
) -> None:
    from storeops import clock
    from storeops.config import load_settings
    from storeops.errors import StoreOpsError
    from storeops.reports import periods
    from storeops.reports.build import report_at
    from storeops.reports.output import FORMAT_BY_SUFFIX, check_target, write_report

    settings = load_settings(home, db)
    today = clock.local_today(settings.store.timezone)
    choose = {"daily": periods.daily, "weekly": periods.weekly}.get(kind, periods.monthly)
    days = choose(when, today)
    if output is None:
        guessed = FORMAT_BY_SUFFIX.get(out.suffix.lower()) if out else None
        output = ReportFormat(guessed or ("md" if out else "text"))
    url = webhook or settings.config.alerts.webhook
    if send and not url:
        raise StoreOpsError(
            "--send needs a webhook: set alerts.webhook in config.yaml or pass --webhook URL"
        )
    if out is not None:
        check_target(out, force=force)  # before the work, so a refusal is instant
    # Read through plain SQL: SQLAlchemy and the models are imported only to record a --send.
    report = report_at(settings.db_url, settings, kind, days, clock.now())
    text = _render(report, output)
    if out is not None:
        write_report(out, text, force=force)
    elif output is ReportFormat.text:
        _print_terminal(text)
    else:
        typer.echo(text, nl=False)
    if send:
        _send(settings.db_url, settings.store.name, kind, report, url or "")


def _render(report: object, output: ReportFormat) -> str:
    from storeops.reports.model import Report

    assert isinstance(report, Report)
    # Only the chosen format's renderer is imported.
    if output is ReportFormat.html:
        from storeops.render.report_html import to_html

        return to_html(report)
    if output is ReportFormat.csv:
        from storeops.render.report_data import to_csv

        return to_csv(report)
    if output is ReportFormat.json:
        from storeops.render.report_data import to_json

        return to_json(report)
    from storeops.render.report_markdown import to_markdown

    return to_markdown(report)


def _print_terminal(markdown: str) -> None:
    from rich.markdown import Markdown

    from storeops.render import console

    console.out().print(Markdown(markdown))


def _send(db_url: str, store_name: str, kind: str, report: object, url: str) -> None:
    from storeops import clock
    from storeops.db import open_store
    from storeops.http import make_client
    from storeops.render import console, report_markdown
    from storeops.reports.model import Report
    from storeops.reports.output import record_delivery, send_markdown

    assert isinstance(report, Report)
    with make_client(timeout=10) as client:
        error = send_markdown(client, url, store_name, kind, report_markdown.to_markdown(report))
    with open_store(db_url) as store:
        record_delivery(store, kind, error, clock.now())
    if error:
        console.warn(f"report not sent: {error} (the report itself is done)")
    else:
        console.err().print(f"report sent to the webhook ({kind})")

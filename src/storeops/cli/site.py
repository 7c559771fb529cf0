"""`storeops site`: the live storefront — every storefront check, the link crawl, uptime."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import typer

from storeops.cli.options import DbOption, HomeOption

if TYPE_CHECKING:
    from storeops.config import Settings

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)

UrlArgument = typer.Argument(
    None, help="Storefront URL (default: store.url from config.yaml).", show_default=False
)


class OutputFormat(StrEnum):
    """Output formats of the site commands."""

    table = "table"
    json = "json"


def _settings(home: Any, db: str | None, url: str | None) -> Settings:
    """Settings with `url` (when given, after checking it) as the storefront URL."""
    from dataclasses import replace
    from urllib.parse import urlsplit

    from storeops.config import load_settings
    from storeops.errors import StoreOpsError

    settings = load_settings(home, db)
    url = url or settings.store.url
    if not url:
        raise StoreOpsError(
            "no storefront URL: give one (storeops site check https://shop.example) "
            "or set store.url in config.yaml"
        )
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreOpsError(f"not an http(s) URL: {url!r}; give e.g. https://shop.example")
    store = settings.store.model_copy(update={"url": url})
    return replace(settings, config=settings.config.model_copy(update={"store": store}))


@app.command("check", short_help="Run every storefront check once.")
def check(
    url: str | None = UrlArgument,
    output: OutputFormat = typer.Option(OutputFormat.table, "--format", help="Output format."),
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Run every storefront check once; exit 0 OK, 1 WARN, 2 CRIT, 3 UNKNOWN.

    The JSON document is the one `storeops check --format json` prints.
    """
    from storeops.checklists.loader import load_checklists
    from storeops.db import open_store
    from storeops.render import console, machine
    from storeops.render.results import results_table
    from storeops.storefront.run import run_site_checks

    settings = _settings(home, db, url)
    checklists = load_checklists(settings.user_checklists)
    with open_store(settings.db_url) as store:
        run = run_site_checks(store, settings, checklists)
    if output is OutputFormat.json:
        sys.stdout.write(machine.to_json(run).rstrip("\n") + "\n")
    else:
        console.out().print(results_table(run))
    raise typer.Exit(run.exit_code)


@app.command("links", short_help="Crawl the storefront for broken links.")
def links(
    url: str | None = UrlArgument,
    max_pages: int | None = typer.Option(
        None,
        "--max-pages",
        min=1,
        help="Stop after this many pages [config: storefront.max_pages].",
    ),
    concurrency: int | None = typer.Option(
        None, "--concurrency", min=1, max=256, help="Requests at once [storefront.concurrency]."
    ),
    rate: float | None = typer.Option(
        None,
        "--rate",
        min=0,
        help="Requests per second per host, 0 = no limit [storefront.rate_per_second].",
    ),
    output: OutputFormat = typer.Option(OutputFormat.table, "--format", help="Output format."),
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Crawl the storefront and list every broken link with the pages that link to it.

    Exit 0 when none is broken, 1 for broken or blocked links, 2 when the site is unreachable.
    """
    from dataclasses import replace

    from storeops.checks.storefront_links import crawl_limits
    from storeops.storefront.crawl import crawl

    settings = _settings(home, db, url)
    assert settings.store.url is not None
    limits = crawl_limits(settings, max_pages=max_pages)
    if concurrency is not None:
        limits = replace(limits, concurrency=concurrency)
    if rate is not None:
        limits = replace(limits, rate_per_second=rate)
    verify = settings.config.storefront.ca_bundle or True
    report = crawl(settings.store.url, limits, verify=verify)
    if output is OutputFormat.json:
        sys.stdout.write(json.dumps(_links_document(report), indent=2) + "\n")
    else:
        _print_links(report)
    if not report.pages and (report.unreachable or report.broken):
        raise typer.Exit(2)
    raise typer.Exit(1 if report.broken or report.blocked else 0)


def _links_document(report: Any) -> dict[str, Any]:
    def problems(items: list[Any]) -> list[dict[str, Any]]:
        return [
            {
                "url": p.url,
                "verdict": p.verdict,
                "status": p.status_code,
                "error": p.error,
                "linked_from": p.referrers,
            }
            for p in items
        ]

    return {
        "root": report.root,
        "pages": report.pages,
        "links_checked": report.links_checked,
        "requests": report.requests,
        "seconds": round(report.seconds, 3),
        "robots_skipped": report.robots_skipped,
        "stopped": report.stopped,
        "unreachable": report.unreachable,
        "broken": problems(report.broken),
        "blocked": problems(report.blocked),
    }


def _print_links(report: Any) -> None:
    from rich.table import Table

    from storeops.render import console

    out = console.out()
    stopped = f", stopped at the {report.stopped}" if report.stopped else ""
    out.print(
        f"{report.pages} pages, {report.links_checked} links checked in "
        f"{report.seconds:.1f}s{stopped}; {len(report.broken)} broken, "
        f"{len(report.blocked)} blocked"
    )
    if not (report.broken or report.blocked):
        return
    table = Table("link", "verdict", "linked from")
    for problem in [*report.broken, *report.blocked]:
        verdict = f"{problem.verdict} {problem.status_code or ''}".strip()
        table.add_row(problem.url, verdict, "\n".join(problem.referrers))
    out.print(table)


@app.command("uptime", short_help="Uptime % and response times from probes.")
def uptime(
    days: int = typer.Option(30, "--days", min=1, help="How many days back."),
    output: OutputFormat = typer.Option(OutputFormat.table, "--format", help="Output format."),
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Uptime %, response times and up/down flips per URL, from every recorded probe."""
    from datetime import timedelta

    from rich.table import Table

    from storeops import clock
    from storeops.config import load_settings
    from storeops.db import open_store
    from storeops.render import console
    from storeops.storefront.history import uptime_summary

    settings = load_settings(home, db)
    with open_store(settings.db_url) as store, store.reading() as session:
        rows = uptime_summary(session, since=clock.now() - timedelta(days=days))
    if output is OutputFormat.json:
        document = [
            {
                "url": row.url,
                "probes": row.probes,
                "up": row.up,
                "uptime_pct": round(row.uptime_pct, 2),
                "avg_ms": _round(row.avg_ms),
                "max_ms": _round(row.max_ms),
                "avg_ttfb_ms": _round(row.avg_ttfb_ms),
                "flips": row.changes,
            }
            for row in rows
        ]
        sys.stdout.write(json.dumps({"days": days, "urls": document}, indent=2) + "\n")
        return
    if not rows:
        console.out().print(f"no probes in the last {days} days: run storeops site check")
        return
    table = Table("url", "probes", "uptime", "avg ms", "max ms", "first byte", "flips")
    table.columns[0].overflow = "fold"  # a URL cut short is no use
    for row in rows:
        table.add_row(
            row.url,
            str(row.probes),
            f"{row.uptime_pct:.2f}%",
            _ms(row.avg_ms),
            _ms(row.max_ms),
            _ms(row.avg_ttfb_ms),
            str(row.changes),
        )
    console.out().print(table)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


@app.command("serve-demo", short_help="Serve the demo store's storefront on 127.0.0.1.")
def serve_demo(
    port: int = typer.Option(0, "--port", min=0, max=65535, help="Port (0: any free port)."),
    url_file: str | None = typer.Option(
        None, "--url-file", help="Write the storefront URL to this file once it is listening."
    ),
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Serve a storefront generated from the store (run `storeops demo` first) until Ctrl-C.

    Point store.url at the printed URL and the website checks have a site to look at.
    """
    from pathlib import Path

    from storeops.config import load_settings
    from storeops.db import open_store
    from storeops.errors import StoreOpsError
    from storeops.render import console
    from storeops.storefront.demo_site import build_pages, make_server

    settings = load_settings(home, db)
    with open_store(settings.db_url) as store, store.reading() as session:
        pages = build_pages(session)
    try:
        server = make_server(pages, port)
    except OSError as exc:
        raise StoreOpsError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}") from None
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    if url_file:
        Path(url_file).write_text(url + "\n", encoding="utf-8")
    console.out().print(f"demo storefront at {url} (Ctrl-C to stop)", markup=False)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()

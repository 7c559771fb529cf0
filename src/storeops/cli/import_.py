"""`storeops import`: bring a store's own data in (Shopify exports, generic CSV kinds)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from storeops.cli.options import DbOption, HomeOption

if TYPE_CHECKING:
    from storeops.importers.pipeline import Importer
    from storeops.importers.summary import ImportSummary

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


class ShopifyKind(StrEnum):
    """The Shopify exports storeops reads."""

    orders = "orders"
    products = "products"
    inventory = "inventory"
    customers = "customers"


class CsvKind(StrEnum):
    """The generic CSV kinds (templates: `storeops import templates`)."""

    tickets = "tickets"
    reviews = "reviews"
    campaigns = "campaigns"
    traffic = "traffic"
    expenses = "expenses"
    invoices = "invoices"
    shipments = "shipments"
    returns = "returns"


def _kinds_help(kinds: type[StrEnum]) -> str:
    """`What the file holds: orders, products, inventory or customers.`

    The choices are in the help, and the usage line just says `{kind}`: typer would print
    every choice there, cut in the middle of a word where the line wraps.
    """
    *first, last = (kind.value for kind in kinds)
    return f"What the file holds: {', '.join(first)} or {last}."


class SummaryFormat(StrEnum):
    """Output formats of an import's summary."""

    table = "table"
    json = "json"


# The options both import commands take, declared once.
SkipBadRowsOption = Annotated[
    bool,
    typer.Option(
        "--skip-bad-rows",
        help="Import the good rows; write the bad ones to NAME.rejected.csv with the reasons.",
    ),
]
RejectsOption = Annotated[
    Path | None,
    typer.Option(
        "--rejects", help="Where --skip-bad-rows writes the rejected rows.", show_default=False
    ),
]
SummaryFormatOption = Annotated[SummaryFormat, typer.Option("--format", help="Summary format.")]


@app.command("shopify", short_help="Import a Shopify CSV export.")
def shopify(
    kind: ShopifyKind = typer.Argument(..., help=_kinds_help(ShopifyKind), metavar="kind"),
    file: Path = typer.Argument(..., help="The CSV file Shopify exported.", show_default=False),
    skip_bad_rows: SkipBadRowsOption = False,
    rejects: RejectsOption = None,
    output: SummaryFormatOption = SummaryFormat.table,
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Import a Shopify CSV export; importing the same file again changes nothing.

    A file is imported all or nothing: any bad row stops it, naming file:line and the column.
    """
    from storeops.importers.shopify import shopify_importer

    _import(shopify_importer(kind.value), file, skip_bad_rows, rejects, output, home, db)


@app.command("csv", short_help="Import a generic CSV (tickets, expenses...).")
def generic_csv(
    kind: CsvKind = typer.Argument(..., help=_kinds_help(CsvKind), metavar="kind"),
    file: Path = typer.Argument(
        ..., help="The CSV file, headers as in the template.", show_default=False
    ),
    skip_bad_rows: SkipBadRowsOption = False,
    rejects: RejectsOption = None,
    output: SummaryFormatOption = SummaryFormat.table,
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Import a CSV of a kind platforms do not export; re-importing changes nothing.

    Headers are documented in the README and written by `storeops import templates`.
    """
    from storeops.importers.shopify import csv_importer

    _import(csv_importer(kind.value), file, skip_bad_rows, rejects, output, home, db)


@app.command("templates", short_help="Write the CSV templates of the generic kinds.")
def templates(
    folder: Path = typer.Option(Path(), "--dir", help="Where to write them."),
    force: bool = typer.Option(False, "--force", help="Overwrite existing template files."),
) -> None:
    """Write one CSV template (the header row) per generic kind."""
    from storeops.importers.generic.templates import write_templates

    for path in write_templates(folder, overwrite=force):
        typer.echo(str(path))


def _import(
    importer: Importer,
    file: Path,
    skip_bad_rows: bool,
    rejects: Path | None,
    output: SummaryFormat,
    home: Path | None,
    db: str | None,
) -> None:
    from storeops.config import load_settings
    from storeops.db import open_store
    from storeops.importers.pipeline import run_import
    from storeops.render.console import err
    from storeops.render.progress import file_progress

    settings = load_settings(home, db)
    with (
        open_store(settings.db_url) as store,
        file_progress(err(), f"Importing {file.name}") as report,
    ):
        summary = run_import(
            store,
            importer,
            file,
            skip_bad_rows=skip_bad_rows,
            rejects_path=rejects,
            progress=report,
        )
    _print_summary(summary, output)


def _print_summary(summary: ImportSummary, output: SummaryFormat) -> None:
    from storeops.render.console import out

    if output is SummaryFormat.json:
        typer.echo(json.dumps(summary.as_json(), indent=2))
        return
    from storeops.render.imports import summary_lines

    console = out()
    for line in summary_lines(summary):
        console.print(line, markup=False, highlight=False, soft_wrap=True)

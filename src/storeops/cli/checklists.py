"""`storeops checklists`: the routine's areas and items, and validating checklist files."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from storeops.cli.options import HomeOption

if TYPE_CHECKING:
    from storeops.checklists.loader import ChecklistSet


class ListFormat(StrEnum):
    """Output formats of the checklist listings."""

    table = "table"
    json = "json"


FormatOption = typer.Option(ListFormat.table, "--format", help="Output format.")

app = typer.Typer(
    help="The routine's checklists: nine areas of practices, bundled and your own.",
    no_args_is_help=True,
)


def _load(
    home: Path | None, paths: list[Path] | None = None, *, verify: bool = False
) -> ChecklistSet:
    from storeops.checklists.loader import load_checklists
    from storeops.config import resolve_home

    folder = resolve_home(home) / "checklists"
    return load_checklists(folder, paths or (), verify_checks=verify)


@app.command("list")
def list_(
    home: HomeOption = None,
    output: ListFormat = FormatOption,
) -> None:
    """The areas with their item counts, and how many items are automated."""
    from storeops.render.checklists import areas_json, areas_table
    from storeops.render.console import out

    checklists = _load(home)
    if output is ListFormat.json:
        typer.echo(areas_json(checklists))
    else:
        out().print(areas_table(checklists))


@app.command("show")
def show(
    area: str = typer.Argument(..., help="An area, e.g. orders or customer-service."),
    home: HomeOption = None,
    output: ListFormat = FormatOption,
) -> None:
    """One area's items: when and how often each is due, and its automated check."""
    from storeops.render.checklists import area_json, area_table
    from storeops.render.console import out

    checklist = _load(home).area(area)
    if output is ListFormat.json:
        typer.echo(area_json(checklist))
    else:
        out().print(area_table(checklist))


@app.command("validate")
def validate(
    paths: list[Path] | None = typer.Argument(
        None, help="Checklist files or folders to check on top of the bundled and your own."
    ),
    home: HomeOption = None,
) -> None:
    """Check the bundled checklists, yours, and any files given; report every problem at once.

    Problems are printed as path:line:col: message and the exit code is 1.
    """
    from storeops.render.console import out

    checklists = _load(home, paths, verify=True)
    items = checklists.items()
    automated = sum(1 for _area, item in items if item.check is not None)
    out().print(
        f"{len(checklists.checklists)} checklists, {len(items)} items "
        f"({automated} automated): all valid",
        markup=False,
    )

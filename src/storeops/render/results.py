"""The check results table for people: grouped by area, worst first, what to do in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storeops.checks.base import SEVERITY, Level

if TYPE_CHECKING:
    from rich.table import Table

    from storeops.runner import CheckRun, Outcome

LEVEL_STYLE = {
    Level.OK: "green",
    Level.WARN: "yellow",
    Level.CRIT: "bold red",
    Level.UNKNOWN: "magenta",
    Level.SKIPPED: "dim",
}


def _value_text(outcome: Outcome) -> str:
    if outcome.value is None:
        return ""
    value = outcome.value
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"


def worst_first(outcomes: list[Outcome]) -> list[tuple[str, list[Outcome]]]:
    """Outcomes grouped by area; areas and items within them ordered worst first (stable)."""
    areas: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        areas.setdefault(outcome.area, []).append(outcome)
    groups = [
        (area, sorted(items, key=lambda o: -SEVERITY[o.level])) for area, items in areas.items()
    ]
    groups.sort(key=lambda group: -max(SEVERITY[o.level] for o in group[1]))
    return groups


def results_table(run: CheckRun, *, show_ok: bool = True) -> Table:
    """The Rich table of a check run."""
    from rich.table import Table
    from rich.text import Text

    counts = ", ".join(f"{n} {name}" for name, n in run.counts.items() if n)
    table = Table(
        title=f"{run.store}: {run.status.value} ({counts})",
        title_justify="left",
        show_lines=False,
    )
    table.add_column("Status", no_wrap=True)
    table.add_column("Area", no_wrap=True)
    table.add_column("Item", no_wrap=True)
    table.add_column("Value", justify="right", no_wrap=True)
    table.add_column("Summary")
    for area, outcomes in worst_first(run.outcomes):
        shown = [o for o in outcomes if show_ok or o.level not in (Level.OK, Level.SKIPPED)]
        for outcome in shown:
            table.add_row(
                Text(outcome.level.value, style=LEVEL_STYLE[outcome.level]),
                area,
                outcome.item_id,
                _value_text(outcome),
                Text(outcome.summary),
            )
        if shown:
            table.add_section()
    return table

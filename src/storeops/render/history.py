"""History on screen: completion per day and area, the streak, a 12-week calendar, one run."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

    from storeops.routine.stats import AreaCompletion, DayCompletion

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def days_table(days: list[DayCompletion]) -> Table:
    """One row per day with runs, newest first."""
    from rich.table import Table

    table = Table(title="Completion per day", title_justify="left")
    for name in ("Day", "Items", "Done", "Skipped", "Problems", "Acknowledged", "Open", "%"):
        table.add_column(name, justify="left" if name == "Day" else "right")
    for day in reversed(days):
        table.add_row(
            f"{day.day:%a %Y-%m-%d}",
            str(day.total),
            str(day.done),
            str(day.skipped),
            str(day.problems),
            str(day.acknowledged),
            str(day.open),
            f"{day.percent:.0f}",
        )
    return table


def areas_table(areas: list[AreaCompletion]) -> Table:
    """Completion per area over the period."""
    from rich.table import Table

    table = Table(title="Completion per area", title_justify="left")
    for name in ("Area", "Items", "Settled", "Skipped", "Problems", "%"):
        table.add_column(name, justify="left" if name == "Area" else "right")
    for area in areas:
        table.add_row(
            area.area,
            str(area.total),
            str(area.settled),
            str(area.skipped),
            str(area.problems),
            f"{area.percent:.0f}",
        )
    return table


def _cell(day: DayCompletion | None) -> tuple[str, str]:
    if day is None:
        return "·", "dim"
    if day.percent >= 100:
        return "■", "green"
    if day.percent >= 50:
        return "■", "yellow"
    return "■", "red"


def calendar(days: list[DayCompletion], today: date, weeks: int = 12) -> RenderableType:
    """A heatmap of the last `weeks` weeks: a row per weekday, a column per week."""
    from rich.text import Text

    by_day = {day.day: day for day in days}
    last_monday = today - timedelta(days=today.weekday())
    first = last_monday - timedelta(weeks=weeks - 1)
    text = Text()
    text.append(f"Last {weeks} weeks (■ all done, ■ half or more, ■ less, · no run)\n")
    for weekday, name in enumerate(DAY_NAMES):
        text.append(f"{name} ")
        for week in range(weeks):
            day = first + timedelta(weeks=week, days=weekday)
            if day > today:
                text.append("  ")
                continue
            glyph, style = _cell(by_day.get(day))
            text.append(glyph + " ", style=style)
        text.append("\n")
    return text


def history_json(streak: int, days: list[DayCompletion], areas: list[AreaCompletion]) -> str:
    """The history as JSON: streak, per-day and per-area completion."""
    document: dict[str, Any] = {
        "streak": streak,
        "days": [
            {
                "day": day.day.isoformat(),
                "items": day.total,
                "done": day.done,
                "skipped": day.skipped,
                "problems": day.problems,
                "acknowledged": day.acknowledged,
                "open": day.open,
                "percent": round(day.percent, 1),
            }
            for day in days
        ],
        "areas": [
            {
                "area": area.area,
                "items": area.total,
                "settled": area.settled,
                "skipped": area.skipped,
                "problems": area.problems,
                "percent": round(area.percent, 1),
            }
            for area in areas
        ],
    }
    return json.dumps(document, indent=2)


def history_csv(days: list[DayCompletion]) -> str:
    """Per-day completion as CSV (a header row, then a row per day)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["day", "items", "done", "skipped", "problems", "acknowledged", "open", "percent"]
    )
    for day in days:
        writer.writerow(
            [
                day.day.isoformat(),
                day.total,
                day.done,
                day.skipped,
                day.problems,
                day.acknowledged,
                day.open,
                f"{day.percent:.1f}",
            ]
        )
    return buffer.getvalue()


def run_table(run: Any, rows: list[Any], zone: Any) -> Table:
    """Every item of one run: answer, note, value, who, when, time taken."""
    from rich.table import Table
    from rich.text import Text

    started = run.started_at.astimezone(zone)
    table = Table(
        title=f"Run {run.id}: {run.kind} {run.scope} on {run.local_date}, {run.status},"
        f" started {started:%H:%M} by {run.operator}",
        title_justify="left",
    )
    for name in ("Item", "Area", "Level", "Answer", "Value", "Note", "Who", "When", "Took"):
        table.add_column(name)
    for row in rows:
        value = "" if row.value is None else f"{row.value:g}"
        fields = json.loads(row.field_values or "{}")
        if fields:
            value = ", ".join(f"{k}={v}" for k, v in fields.items())
        took = "" if row.duration_ms is None else f"{row.duration_ms / 1000:.1f}s"
        table.add_row(
            row.item_id,
            row.area,
            row.level or "",
            row.answer or "open",
            value,
            Text(row.note or row.summary or ""),
            row.operator,
            f"{row.recorded_at.astimezone(zone):%H:%M:%S}",
            took,
        )
    return table

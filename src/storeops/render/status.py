"""`storeops status` on screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import RenderableType

    from storeops.routine.status import TodayStatus


def status_view(report: TodayStatus) -> RenderableType:
    """A table per area with today's progress, then the overdue items."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from storeops.checks.base import Level
    from storeops.render.results import LEVEL_STYLE

    table = Table(title=f"Today, {report.today:%A %d %B %Y}", title_justify="left")
    for name in ("Area", "Done", "Due", "Open", "Checks"):
        table.add_column(name, justify="left" if name in ("Area", "Checks") else "right")
    overdue: list[str] = []
    for area in report.areas:
        checks = (
            Text(area.worst_check, style=LEVEL_STYLE[Level(area.worst_check)])
            if area.worst_check
            else Text("not run today", style="dim")
        )
        table.add_row(area.area, str(area.settled), str(area.due), str(len(area.open)), checks)
        overdue += [f"{area.area}: {item}" for item in area.overdue]
    parts: list[RenderableType] = [table]
    if overdue:
        parts.append(Text("Overdue:\n  " + "\n  ".join(overdue), style="yellow"))
    else:
        parts.append(Text("Nothing overdue.", style="green"))
    return Group(*parts)

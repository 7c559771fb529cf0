"""The routine on screen: the morning header and the attention list."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

    from storeops.checklists.loader import ChecklistSet
    from storeops.config import Settings
    from storeops.db import Store
    from storeops.routine.runs import RunItem


def header(store: Store, settings: Settings, today: date) -> RenderableType:
    """Store, date, yesterday's orders and revenue, and the storefront when configured."""
    from rich.panel import Panel

    from storeops.checks.text import money
    from storeops.clock import store_zone
    from storeops.metrics import periods, sales

    yesterday = periods.day(today - timedelta(days=1), store_zone(settings.store.timezone))
    with store.reading_connection() as connection:
        count, revenue = sales.order_totals(connection, yesterday.start, yesterday.end)
    site = settings.store.url or "no storefront URL set (store.url in config.yaml)"
    lines = [
        f"[bold]{settings.store.name}[/]  {today:%A %d %B %Y}",
        f"Yesterday: {count:,} orders, {money(revenue, settings.store.currency)}",
        f"Storefront: {site}",
    ]
    return Panel("\n".join(lines), expand=False)


def attention_table(items: list[RunItem], checklists: ChecklistSet) -> Table:
    """What needs attention, most urgent first, each with the practice that deals with it."""
    from rich.table import Table
    from rich.text import Text

    from storeops.checks.base import Level
    from storeops.render.results import LEVEL_STYLE

    titles = {item.id: item.title for _area, item in checklists.items()}
    table = Table(title="Needs attention", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("Level")
    table.add_column("Area")
    table.add_column("What the checks found")
    table.add_column("What to do")
    for number, item in enumerate(items, 1):
        level = Level(item.level or "UNKNOWN")
        table.add_row(
            str(number),
            Text(level.value, style=LEVEL_STYLE[level]),
            item.area,
            Text(item.summary),
            Text(titles.get(item.item_id, item.item_id)),
        )
    return table

"""Tables and JSON for checklists (`storeops checklists list|show`)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.table import Table

    from storeops.checklists.loader import ChecklistSet
    from storeops.checklists.schema import Checklist, Item


def _check_text(item: Item) -> str:
    if item.check is None:
        return "manual"
    thresholds = [
        f"{name} {value:g}"
        for name, value in (("warn", item.check.warn), ("crit", item.check.crit))
        if value is not None
    ]
    return item.check.type + (f" ({', '.join(thresholds)})" if thresholds else "")


def areas_table(checklists: ChecklistSet) -> Table:
    """One row per area: items, automated, manual."""
    from rich.table import Table

    table = Table(title="Checklists", title_justify="left")
    table.add_column("Area")
    table.add_column("Title")
    table.add_column("Items", justify="right")
    table.add_column("Automated", justify="right")
    table.add_column("Manual", justify="right")
    totals = [0, 0]
    for checklist in checklists.checklists:
        automated = sum(1 for item in checklist.items if item.check is not None)
        manual = len(checklist.items) - automated
        totals[0] += automated
        totals[1] += manual
        table.add_row(
            checklist.area, checklist.title, str(len(checklist.items)), str(automated), str(manual)
        )
    table.add_section()
    table.add_row("all", "", str(sum(totals)), str(totals[0]), str(totals[1]))
    return table


def area_table(checklist: Checklist) -> Table:
    """One row per item of an area."""
    from rich.table import Table

    table = Table(title=f"{checklist.title} ({checklist.area})", title_justify="left")
    table.add_column("ID", no_wrap=True)
    table.add_column("Practice")
    table.add_column("When")
    table.add_column("Every", no_wrap=True)
    table.add_column("Check")
    for item in checklist.items:
        table.add_row(item.id, item.title, item.when, item.every, _check_text(item))
    return table


def _item_dict(item: Item) -> dict[str, Any]:
    return item.model_dump(mode="json", by_alias=True, exclude_none=True)


def areas_json(checklists: ChecklistSet) -> str:
    """Every area with counts, as JSON."""
    return json.dumps(
        [
            {
                "area": checklist.area,
                "title": checklist.title,
                "items": len(checklist.items),
                "automated": sum(1 for item in checklist.items if item.check is not None),
            }
            for checklist in checklists.checklists
        ],
        indent=2,
    )


def area_json(checklist: Checklist) -> str:
    """One area with all its items, as JSON."""
    return json.dumps(
        {
            "area": checklist.area,
            "title": checklist.title,
            "why": checklist.why,
            "items": [_item_dict(item) for item in checklist.items],
        },
        indent=2,
    )

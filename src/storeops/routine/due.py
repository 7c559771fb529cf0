"""Which checklist items are due on a local date, from their schedules and past answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from storeops.checklists.schedule import Due, due

if TYPE_CHECKING:
    from storeops.checklists.loader import ChecklistSet
    from storeops.checklists.schema import Item
    from storeops.db import Store

# Answers that settle an item for its scheduled date. "later" does not: the item stays due.
HANDLED = ("done", "skipped", "problem")


@dataclass(frozen=True)
class DueItem:
    """A manual item that is due, with since when and whether it is overdue."""

    area: str
    item: Item
    due: Due


def last_handled(store: Store) -> dict[str, date]:
    """For each item, the latest local date on which a run settled it."""
    from sqlalchemy import func, select

    from storeops.tables import ItemResult, Run

    query = (
        select(ItemResult.item_id, func.max(Run.local_date))
        .join(Run, Run.id == ItemResult.run_id)
        .where(ItemResult.answer.in_(HANDLED))
        .group_by(ItemResult.item_id)
    )
    with store.reading_connection() as connection:
        return {
            item_id: day if isinstance(day, date) else date.fromisoformat(day)
            for item_id, day in connection.execute(query).all()
        }


def due_manual_items(
    checklists: ChecklistSet,
    today: date,
    handled: dict[str, date],
    *,
    area: str | None = None,
    when: str | None = None,
) -> list[DueItem]:
    """Manual items due `today` (optionally one area or one part of the day), in order."""
    pairs = (
        [(area, item) for item in checklists.area(area).items]
        if area is not None
        else checklists.items()
    )
    result = []
    for item_area, item in pairs:
        if item.check is not None or (when is not None and item.when != when):
            continue
        status = due(item.every, today, handled.get(item.id))
        if status is not None:
            result.append(DueItem(item_area, item, status))
    return result

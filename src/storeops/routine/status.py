"""Today at a glance: per area, what was due, what is settled, what is late."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from storeops.checklists.schedule import due

if TYPE_CHECKING:
    from storeops.checklists.loader import ChecklistSet
    from storeops.db import Store


@dataclass
class AreaStatus:
    """One area today: manual items settled and still due, and the checks' worst level."""

    area: str
    title: str
    settled: int = 0
    open: list[str] = field(default_factory=list)
    overdue: list[str] = field(default_factory=list)
    worst_check: str | None = None

    @property
    def due(self) -> int:
        """Manual items due today, settled or not."""
        return self.settled + len(self.open)


@dataclass(frozen=True)
class TodayStatus:
    """The whole store today."""

    today: date
    areas: list[AreaStatus]


def _latest_check_levels(store: Store, today: date) -> dict[str, str]:
    """Item id -> the level of its most recent check result today."""
    from sqlalchemy import func, select
    from sqlmodel import col

    from storeops.models import ItemResult, Run

    latest = (
        select(func.max(col(ItemResult.id)))
        .join(Run, col(Run.id) == col(ItemResult.run_id))
        .where(col(Run.local_date) == today, col(ItemResult.level).is_not(None))
        .group_by(col(ItemResult.item_id))
    )
    query = select(col(ItemResult.item_id), col(ItemResult.level)).where(
        col(ItemResult.id).in_(latest)
    )
    with store.reading() as session:
        return {item_id: level for item_id, level in session.execute(query).all() if level}


def today_status(store: Store, checklists: ChecklistSet, today: date) -> TodayStatus:
    """Progress per area for the store's local `today`."""
    from storeops.checks.base import SEVERITY, Level
    from storeops.routine.due import last_handled

    handled = last_handled(store)
    levels = _latest_check_levels(store, today)
    areas = []
    for checklist in checklists.checklists:
        status = AreaStatus(checklist.area, checklist.title)
        check_levels = [Level(levels[i.id]) for i in checklist.items if i.id in levels]
        if check_levels:
            status.worst_check = max(check_levels, key=lambda level: SEVERITY[level]).value
        for item in checklist.items:
            if item.check is not None:
                continue
            last = handled.get(item.id)
            if last == today:
                status.settled += 1
                continue
            state = due(item.every, today, last)
            if state is None:
                continue
            status.open.append(item.id)
            if state.overdue:
                status.overdue.append(f"{item.id} (due {state.since:%a %d %b})")
        areas.append(status)
    return TodayStatus(today, areas)

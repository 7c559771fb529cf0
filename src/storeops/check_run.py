"""One `storeops check`, as a library call: plan what is due, run it, record it, alert on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from storeops.runner import CheckRun, plan_checks, run_checks

if TYPE_CHECKING:
    from storeops.checklists.loader import ChecklistSet
    from storeops.config import Settings
    from storeops.db import Store

Progress = Callable[[str, int, int], None]


def run_store_checks(
    store: Store,
    settings: Settings,
    checklists: ChecklistSet,
    *,
    area: str | None = None,
    item_id: str | None = None,
    run_all: bool = False,
    trigger: str = "interactive",
    progress: Progress | None = None,
) -> CheckRun:
    """Run the due automated checks (all with `run_all`, or one area or item) and record them."""
    from storeops import clock, history
    from storeops.checklists.schedule import check_is_due
    from storeops.http import make_client

    started = clock.now()
    today = clock.local_today(settings.store.timezone)
    history.mark_stale_runs(store, started)
    is_due = None
    if not run_all and item_id is None:
        last_runs = history.last_check_dates(store)

        def is_due(item: object) -> bool:
            from storeops.checklists.schema import Item

            assert isinstance(item, Item)
            return check_is_due(item.every, today, last_runs.get(item.id))

    planned = plan_checks(checklists, settings, area=area, item_id=item_id, is_due=is_due)
    run_id = history.start_run(
        store,
        kind="check",
        scope=item_id or area or "",
        trigger=trigger,
        local_date=today,
        now=started,
    )
    outcomes = run_checks(store, settings, planned, progress=progress, http_factory=make_client)
    finished = clock.now()
    history.record_outcomes(store, run_id, outcomes, now=finished)
    history.finish_run(store, run_id, now=finished, levels=[o.level for o in outcomes])
    return CheckRun(settings.store.name, started, finished, outcomes, run_id)

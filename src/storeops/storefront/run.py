"""`storeops site check` as a library call: every storefront item's check, once, recorded."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storeops.checklists.loader import ChecklistSet
    from storeops.config import Settings
    from storeops.db import Store
    from storeops.runner import CheckRun

STOREFRONT_PREFIX = "storefront."


def run_site_checks(store: Store, settings: Settings, checklists: ChecklistSet) -> CheckRun:
    """Run every checklist item whose check is a storefront check, due or not, and record it."""
    from storeops import clock, history
    from storeops.http import make_client
    from storeops.runner import CheckRun, plan_checks, run_checks

    planned = [
        check
        for check in plan_checks(checklists, settings)
        if check.check_type.startswith(STOREFRONT_PREFIX)
    ]
    started = clock.now()
    run_id = history.start_run(
        store,
        kind="check",
        scope="site",
        trigger="interactive",
        local_date=clock.local_today(settings.store.timezone),
        now=started,
    )
    outcomes = run_checks(store, settings, planned, http_factory=make_client)
    finished = clock.now()
    history.record_outcomes(store, run_id, outcomes, now=finished)
    history.finish_run(store, run_id, now=finished, levels=[o.level for o in outcomes])
    return CheckRun(settings.store.name, started, finished, outcomes, run_id)

"""Writing and reading the history of runs: who ran what, when, and what each item said.

Logging a run is a library feature: whoever runs checks (cron, the morning routine, Python)
records through here. A run row is committed as soon as the run starts, so a run that dies
(kill -9, power cut) is visible afterwards as "running" with a dead pid and is then marked
interrupted by the next run on the same machine.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from storeops.checks.base import Level, worst

if TYPE_CHECKING:
    from storeops.db import Store
    from storeops.runner import Outcome

# A run that has not sent a heartbeat for this long is dead, even on another machine.
STALE_AFTER = timedelta(hours=2)


def current_operator() -> str:
    """The OS user running storeops (who answered, for the history)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def mark_stale_runs(store: Store, now: datetime) -> int:
    """Mark runs whose process is gone as interrupted; returns how many were marked."""
    from sqlalchemy import select, update

    from storeops.tables import Run

    host = socket.gethostname()
    marked = 0
    with store.writing_connection() as connection:
        running = select(Run.id, Run.hostname, Run.pid, Run.started_at, Run.heartbeat_at)
        for run in connection.execute(running.where(Run.status == "running")).all():
            last_sign = run.heartbeat_at or run.started_at
            dead_here = run.hostname == host and run.pid is not None and not _pid_alive(run.pid)
            if dead_here or now - last_sign > STALE_AFTER:
                connection.execute(
                    update(Run)
                    .where(Run.id == run.id)
                    .values(status="interrupted", finished_at=last_sign)
                )
                marked += 1
    return marked


def start_run(
    store: Store,
    *,
    kind: str,
    local_date: date,
    now: datetime,
    trigger: str = "interactive",
    scope: str = "",
    operator: str | None = None,
    fingerprint: str = "",
) -> int:
    """Record that a run has started (committed at once) and return its id."""
    from sqlalchemy import insert

    from storeops.tables import Run

    run = insert(Run).values(
        kind=kind,
        scope=scope,
        trigger=trigger,
        status="running",
        operator=operator or current_operator(),
        hostname=socket.gethostname(),
        pid=os.getpid(),
        local_date=local_date,
        started_at=now,
        heartbeat_at=now,
        checklist_fingerprint=fingerprint,
    )
    with store.writing_connection() as connection:
        run_id = connection.scalar(run.returning(Run.id))
        assert run_id is not None
        return int(run_id)


def record_outcomes(
    store: Store,
    run_id: int,
    outcomes: Sequence[Outcome],
    *,
    now: datetime,
    operator: str = "",
    settle_ok: bool = False,
) -> None:
    """Store every check outcome of a run, in one transaction.

    With `settle_ok` (routine runs), OK and SKIPPED results are recorded as answered "auto":
    only WARN, CRIT and UNKNOWN wait for a person to acknowledge them.
    """
    from sqlalchemy import insert

    from storeops.routine.attention import waited_hours
    from storeops.tables import ItemResult

    if not outcomes:
        return
    who = operator or current_operator()
    # One executemany of plain rows: no ORM object (and no identity map) per result.
    rows = [
        {
            "run_id": run_id,
            "item_id": outcome.item_id,
            "area": outcome.area,
            "check_type": outcome.check_type,
            "level": outcome.level.value,
            "value": outcome.value,
            "summary": outcome.summary,
            "details": json.dumps(outcome.details, default=str),
            "money_at_stake": outcome.money_at_stake,
            "waited_hours": waited_hours(outcome.details),
            "answer": "auto" if settle_ok and not outcome.level.is_bad else None,
            "note": "",
            "field_values": "{}",
            "operator": who,
            "recorded_at": now,
            "duration_ms": outcome.duration_ms,
        }
        for outcome in outcomes
    ]
    with store.writing_connection() as connection:
        connection.execute(insert(ItemResult), rows)


def finish_run(
    store: Store, run_id: int, *, now: datetime, levels: Sequence[Level], status: str = "completed"
) -> None:
    """Close a run with its worst level and exit code."""
    overall = worst(levels)
    update_run(
        store,
        run_id,
        status=status,
        finished_at=now,
        heartbeat_at=now,
        worst_level=overall.value,
        exit_code=overall.exit_code,
    )


def update_run(store: Store, run_id: int, **values: Any) -> None:
    """Set `values` (columns of `runs`) on one run, committed at once."""
    from sqlalchemy import update

    from storeops.tables import Run

    with store.writing_connection() as connection:
        connection.execute(update(Run).where(Run.id == run_id).values(**values))


def last_check_dates(store: Store) -> dict[str, date]:
    """For each item, the local date of the run that last produced a check result for it."""
    from sqlalchemy import func, select

    from storeops.tables import ItemResult, Run

    query = (
        select(ItemResult.item_id, func.max(Run.local_date))
        .join(Run, Run.id == ItemResult.run_id)
        .where(ItemResult.level.is_not(None))
        .group_by(ItemResult.item_id)
    )
    with store.reading_connection() as connection:
        return {
            item_id: day if isinstance(day, date) else date.fromisoformat(day)
            for item_id, day in connection.execute(query).all()
        }


def last_durations(store: Store) -> dict[str, float]:
    """For each item, how long (ms) its check took the last time it produced a result."""
    from sqlalchemy import func, select

    from storeops.tables import ItemResult

    latest = (
        select(func.max(ItemResult.id))
        .where(ItemResult.level.is_not(None), ItemResult.duration_ms.is_not(None))
        .group_by(ItemResult.item_id)
    )
    query = select(ItemResult.item_id, ItemResult.duration_ms).where(ItemResult.id.in_(latest))
    with store.reading_connection() as connection:
        rows = connection.execute(query).all()
    return {item_id: float(ms) for item_id, ms in rows if ms is not None}

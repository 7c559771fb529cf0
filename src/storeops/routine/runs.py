"""A routine run that survives anything: every answer is committed the moment it is given.

No transaction stays open while the operator thinks: each answer is its own short write. A
run is found again by the next `storeops morning` if it was paused, interrupted (Ctrl-C) or
its process died (pid gone or no heartbeat), and can be resumed, restarted or abandoned.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from storeops import history

if TYPE_CHECKING:
    from sqlalchemy import Row

    from storeops.db import Store

OPEN_STATUSES = ("running", "interrupted", "paused")


@dataclass(frozen=True)
class ChecklistChanges:
    """How the checklists differ from when a run started."""

    added: list[str]
    removed: list[str]
    changed: list[str]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def describe(self) -> str:
        """One line: what changed, by item id."""
        parts = []
        for label, ids in (
            ("new", self.added),
            ("removed", self.removed),
            ("changed", self.changed),
        ):
            if ids:
                parts.append(f"{label}: {', '.join(ids)}")
        return "; ".join(parts)


def compare_fingerprints(before: dict[str, str], now: dict[str, str]) -> ChecklistChanges:
    """Which item ids were added, removed or edited between two checklist fingerprints."""
    return ChecklistChanges(
        added=sorted(set(now) - set(before)),
        removed=sorted(set(before) - set(now)),
        changed=sorted(key for key in set(now) & set(before) if now[key] != before[key]),
    )


def find_open_run(
    store: Store, *, kind: str, scope: str, local_date: date, now: datetime
) -> Row[Any] | None:
    """Today's unfinished run of this kind and scope (after marking dead ones interrupted):
    its row of `runs`, read by column name (`run.id`, `run.status`)."""
    from sqlalchemy import select

    from storeops.tables import Run

    history.mark_stale_runs(store, now)
    with store.reading_connection() as connection:
        return connection.execute(
            select(Run)
            .where(
                Run.kind == kind,
                Run.scope == scope,
                Run.local_date == local_date,
                Run.status.in_(OPEN_STATUSES),
            )
            .order_by(Run.id.desc())
        ).first()


def adopt_run(store: Store, run_id: int, now: datetime) -> None:
    """Resume a run in this process: it is running again, with our pid and a fresh heartbeat."""
    import os
    import socket

    history.update_run(
        store,
        run_id,
        status="running",
        pid=os.getpid(),
        hostname=socket.gethostname(),
        heartbeat_at=now,
    )


def set_status(store: Store, run_id: int, status: str, now: datetime) -> None:
    """Mark a run paused, interrupted, abandoned or completed (and when)."""
    finished = {"finished_at": now} if status in ("completed", "abandoned") else {}
    history.update_run(store, run_id, status=status, heartbeat_at=now, **finished)


def heartbeat(store: Store, run_id: int, now: datetime) -> None:
    """Tell later runs this one is alive."""
    history.update_run(store, run_id, heartbeat_at=now)


def answered_items(store: Store, run_id: int) -> dict[str, str]:
    """Item id -> answer for every item already answered in this run."""
    from sqlalchemy import select

    from storeops.tables import ItemResult

    with store.reading_connection() as connection:
        rows = connection.execute(
            select(ItemResult.item_id, ItemResult.answer).where(
                ItemResult.run_id == run_id, ItemResult.answer.is_not(None)
            )
        ).all()
    return {item_id: answer for item_id, answer in rows if answer is not None}


def record_answer(
    store: Store,
    run_id: int,
    *,
    item_id: str,
    area: str,
    answer: str,
    now: datetime,
    note: str = "",
    fields: dict[str, Any] | None = None,
    duration_ms: float | None = None,
    operator: str = "",
) -> None:
    """Commit one answer now (insert, or update the item's row in this run)."""
    from sqlalchemy import insert, select, update

    from storeops.tables import ItemResult, Run

    answered = {
        "answer": answer,
        "note": note,
        "field_values": json.dumps(fields or {}),
        "operator": operator or history.current_operator(),
        "recorded_at": now,
        "duration_ms": duration_ms,
    }
    with store.writing_connection() as connection:
        row_id = connection.scalar(
            select(ItemResult.id).where(ItemResult.run_id == run_id, ItemResult.item_id == item_id)
        )
        if row_id is None:
            connection.execute(
                insert(ItemResult).values(run_id=run_id, item_id=item_id, area=area, **answered)
            )
        else:
            connection.execute(update(ItemResult).where(ItemResult.id == row_id).values(**answered))
        connection.execute(update(Run).where(Run.id == run_id).values(heartbeat_at=now))


def add_pending(store: Store, run_id: int, items: list[tuple[str, str]], now: datetime) -> None:
    """Put (area, item id) rows with no answer yet into the run: the list to walk."""
    from sqlalchemy import insert

    from storeops.tables import ItemResult

    if not items:
        return
    rows = [
        {
            "run_id": run_id,
            "item_id": item_id,
            "area": area,
            "summary": "",
            "details": "[]",
            "note": "",
            "field_values": "{}",
            "operator": "",
            "recorded_at": now,
        }
        for area, item_id in items
    ]
    with store.writing_connection() as connection:
        connection.execute(insert(ItemResult), rows)


@dataclass(frozen=True)
class RunItem:
    """A row of a run as the walkthrough needs it."""

    item_id: str
    area: str
    level: str | None
    summary: str
    answer: str | None
    money_at_stake: Decimal | None = None
    waited_hours: float | None = None


def run_items(store: Store, run_id: int) -> list[RunItem]:
    """Every row of a run, in the order they were recorded (one query, plain rows)."""
    from sqlalchemy import select

    from storeops.tables import ItemResult

    query = (
        select(
            ItemResult.item_id,
            ItemResult.area,
            ItemResult.level,
            ItemResult.summary,
            ItemResult.answer,
            ItemResult.money_at_stake,
            ItemResult.waited_hours,
        )
        .where(ItemResult.run_id == run_id)
        .order_by(ItemResult.id)
    )
    with store.reading_connection() as connection:
        return [RunItem(*row) for row in connection.execute(query).all()]

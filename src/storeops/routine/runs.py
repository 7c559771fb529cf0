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
    from storeops.db import Store
    from storeops.models import Run

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
) -> Run | None:
    """Today's unfinished run of this kind and scope (after marking dead ones interrupted)."""
    from sqlmodel import col, select

    from storeops.models import Run

    history.mark_stale_runs(store, now)
    with store.reading() as session:
        return session.exec(
            select(Run)
            .where(
                Run.kind == kind,
                Run.scope == scope,
                Run.local_date == local_date,
                col(Run.status).in_(OPEN_STATUSES),
            )
            .order_by(col(Run.id).desc())
        ).first()


def adopt_run(store: Store, run_id: int, now: datetime) -> None:
    """Resume a run in this process: it is running again, with our pid and a fresh heartbeat."""
    import os
    import socket

    from storeops.models import Run

    with store.writing() as session:
        run = session.get(Run, run_id)
        assert run is not None
        run.status = "running"
        run.pid = os.getpid()
        run.hostname = socket.gethostname()
        run.heartbeat_at = now
        session.add(run)


def set_status(store: Store, run_id: int, status: str, now: datetime) -> None:
    """Mark a run paused, interrupted, abandoned or completed (and when)."""
    from storeops.models import Run

    with store.writing() as session:
        run = session.get(Run, run_id)
        assert run is not None
        run.status = status
        run.heartbeat_at = now
        if status in ("completed", "abandoned"):
            run.finished_at = now
        session.add(run)


def heartbeat(store: Store, run_id: int, now: datetime) -> None:
    """Tell later runs this one is alive."""
    from storeops.models import Run

    with store.writing() as session:
        run = session.get(Run, run_id)
        if run is not None:
            run.heartbeat_at = now
            session.add(run)


def answered_items(store: Store, run_id: int) -> dict[str, str]:
    """Item id -> answer for every item already answered in this run."""
    from sqlmodel import col, select

    from storeops.models import ItemResult

    with store.reading() as session:
        rows = session.exec(
            select(ItemResult.item_id, ItemResult.answer).where(
                ItemResult.run_id == run_id, col(ItemResult.answer).is_not(None)
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
    from sqlmodel import select

    from storeops.models import ItemResult, Run

    with store.writing() as session:
        row = session.exec(
            select(ItemResult).where(ItemResult.run_id == run_id, ItemResult.item_id == item_id)
        ).first()
        if row is None:
            row = ItemResult(run_id=run_id, item_id=item_id, area=area, recorded_at=now)
        row.answer = answer
        row.note = note
        row.field_values = json.dumps(fields or {})
        row.operator = operator or history.current_operator()
        row.recorded_at = now
        row.duration_ms = duration_ms
        session.add(row)
        run = session.get(Run, run_id)
        if run is not None:
            run.heartbeat_at = now
            session.add(run)


def add_pending(store: Store, run_id: int, items: list[tuple[str, str]], now: datetime) -> None:
    """Put (area, item id) rows with no answer yet into the run: the list to walk."""
    from sqlalchemy import insert

    from storeops.models import ItemResult

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
    with store.writing() as session:
        session.execute(insert(ItemResult), rows)


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
    from sqlmodel import col

    from storeops.models import ItemResult

    query = (
        select(
            col(ItemResult.item_id),
            col(ItemResult.area),
            col(ItemResult.level),
            col(ItemResult.summary),
            col(ItemResult.answer),
            col(ItemResult.money_at_stake),
            col(ItemResult.waited_hours),
        )
        .where(col(ItemResult.run_id) == run_id)
        .order_by(col(ItemResult.id))
    )
    with store.reading() as session:
        return [RunItem(*row) for row in session.execute(query).all()]

"""The runner: checks on several connections at once, one snapshot, dependencies honoured."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from storeops.checklists.loader import load_checklists
from storeops.checklists.schema import CheckSpec, Item
from storeops.checks.base import Level
from storeops.config import load_settings
from storeops.db import PIN_SNAPSHOT, Store, open_store
from storeops.demo import build_demo
from storeops.history import last_durations, record_outcomes, start_run
from storeops.models import Supplier
from storeops.routine.runs import add_pending
from storeops.runner import PlannedCheck, _dependency_order, plan_checks, run_checks

NOW = datetime(2026, 11, 26, 14, 30, tzinfo=UTC)


def store_file(store: Store) -> str:
    return store.url.removeprefix("sqlite:///")


def add_supplier(path: str, name: str) -> None:
    """Commit a row from another connection, as a second process would."""
    with sqlite3.connect(path) as other:
        other.execute(
            "INSERT INTO suppliers (name, lead_time_days, moq, pack_size, currency)"
            " VALUES (?, 7, 1, 1, 'USD')",
            (name,),
        )


def suppliers_seen(session: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(Supplier)))


def test_sessions_read_together_see_one_snapshot(store: Store) -> None:
    with store.reading_together(3) as sessions:
        assert len(sessions) == 3
        add_supplier(store_file(store), "after the pin")
        assert [suppliers_seen(s) for s in sessions] == [0, 0, 0]
    with store.reading() as fresh:
        assert suppliers_seen(fresh) == 1


def test_a_commit_while_pinning_leaves_one_session(store: Store) -> None:
    pinned = 0

    @event.listens_for(store.engine, "before_cursor_execute")
    def commit_between_pins(*args: Any) -> None:
        nonlocal pinned
        if args[2] == PIN_SNAPSHOT:
            pinned += 1
            if pinned == 2:  # after the first session pinned, before the second
                add_supplier(store_file(store), "sneaked in")

    with store.reading_together(2) as sessions:
        assert len(sessions) == 1
        assert suppliers_seen(sessions[0]) == 0  # the first snapshot, untouched


def planned_sql(item_id: str, query: str, *, crit: float, depends_on: list[str]) -> PlannedCheck:
    spec = {"type": "sql", "with": {"query": query}, "depends_on": depends_on}
    item = Item(
        id=item_id, title=item_id, description=item_id, check=CheckSpec.model_validate(spec)
    )
    return PlannedCheck("orders", item, None, crit)


def test_dependants_wait_for_prerequisites_on_every_worker_count(store: Store) -> None:
    planned = [
        planned_sql("dependant", "SELECT 0", crit=1, depends_on=["failing"]),
        planned_sql("failing", "SELECT 5", crit=1, depends_on=[]),
        planned_sql("fine", "SELECT 0", crit=1, depends_on=[]),
        planned_sql("after-fine", "SELECT 0", crit=1, depends_on=["fine"]),
    ]
    settings = load_settings()
    for workers in (1, 2, 4):
        outcomes = run_checks(store, settings, planned, workers=workers)
        assert [(o.item_id, o.level) for o in outcomes] == [
            ("dependant", Level.SKIPPED),
            ("failing", Level.CRIT),
            ("fine", Level.OK),
            ("after-fine", Level.OK),
        ], workers
        assert outcomes[0].summary == "skipped: failing is CRIT"


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("runner") / "store.db"
    build_demo(f"sqlite:///{path}", seed=3, days=30, now=NOW)
    opened = open_store(f"sqlite:///{path}")
    yield opened
    opened.close()


def test_parallel_run_judges_exactly_like_one_connection(demo_store: Store) -> None:
    settings = load_settings(db=demo_store.url)
    planned = plan_checks(load_checklists(), settings)
    progress: list[tuple[str, int, int]] = []

    def report(step: str, done: int, total: int) -> None:
        progress.append((step, done, total))

    alone = run_checks(demo_store, settings, planned, workers=1)
    together = run_checks(demo_store, settings, planned, workers=2, progress=report)

    def judged(outcomes: list[Any]) -> list[tuple[Any, ...]]:
        return [(o.item_id, o.level, o.value, o.summary, o.details) for o in outcomes]

    assert judged(together) == judged(alone)
    assert {o.level for o in alone} >= {Level.OK, Level.WARN, Level.CRIT}
    assert progress[-1] == ("done", len(planned), len(planned))
    assert sorted(done for _step, done, _total in progress[:-1]) == list(range(1, len(planned) + 1))


def test_in_memory_store_runs_on_one_connection(tmp_path: Path) -> None:
    memory = open_store("sqlite://")
    try:
        with memory.reading_together(4) as sessions:
            assert len(sessions) == 1
    finally:
        memory.close()


def test_costliest_checks_start_first_after_their_prerequisites() -> None:
    planned = [
        planned_sql("quick", "SELECT 0", crit=1, depends_on=[]),
        planned_sql("slow", "SELECT 0", crit=1, depends_on=["prerequisite"]),
        planned_sql("prerequisite", "SELECT 0", crit=1, depends_on=[]),
        planned_sql("new", "SELECT 0", crit=1, depends_on=[]),
        planned_sql("middling", "SELECT 0", crit=1, depends_on=[]),
    ]
    costs = {"quick": 1.0, "slow": 400.0, "prerequisite": 2.0, "middling": 50.0}
    order = [check.item.id for check in _dependency_order(planned, costs)]
    assert order == ["prerequisite", "slow", "middling", "quick", "new"]
    # Without costs: the checklist's order, prerequisites first.
    order = [check.item.id for check in _dependency_order(planned)]
    assert order == ["quick", "prerequisite", "slow", "new", "middling"]


def test_last_durations_are_the_latest_result_of_each_check(store: Store) -> None:
    settings = load_settings()
    planned = [
        planned_sql("one", "SELECT 0", crit=1, depends_on=[]),
        planned_sql("two", "SELECT 0", crit=1, depends_on=[]),
    ]
    for duration in (5.0, 7.0):
        outcomes = run_checks(store, settings, planned)
        for outcome in outcomes:
            outcome.duration_ms = duration
        run_id = start_run(store, kind="check", local_date=NOW.date(), now=NOW)
        record_outcomes(store, run_id, outcomes, now=NOW)
    run_id = start_run(store, kind="morning", local_date=NOW.date(), now=NOW)
    add_pending(store, run_id, [("orders", "one")], NOW)  # an answer row, not a result
    assert last_durations(store) == {"one": 7.0, "two": 7.0}

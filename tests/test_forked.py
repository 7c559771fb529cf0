"""Half of a check run in a forked helper process: same results, one snapshot, no leftovers."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any, ClassVar

import pytest
from sqlalchemy import event

from storeops import forked
from storeops.checklists.loader import load_checklists
from storeops.checklists.schema import CheckSpec, Item
from storeops.checks import registry
from storeops.checks.base import Check, CheckContext, Level, Measurement, NoParams
from storeops.config import load_settings
from storeops.db import PIN_SNAPSHOT, Store, open_store
from storeops.demo import build_demo
from storeops.runner import PlannedCheck, dependency_groups, plan_checks, run_checks, start_checks
from test_runner import NOW, add_supplier, store_file, suppliers_seen

PARENT = os.getpid()


class _DiesInHelper(Check[NoParams]):
    """A check that kills any process but the test's own: a helper dying mid-share."""

    type: ClassVar[str] = "test.dies_in_helper"
    title: ClassVar[str] = "dies in a helper"

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        if os.getpid() != PARENT:
            os._exit(9)
        return Measurement(0, "judged by the parent")


class _CountsSuppliers(Check[NoParams]):
    """Counts suppliers through the run's session, so through its pinned snapshot, and says
    which process judged it. It takes a moment, as real checks do, so both processes get
    some of them."""

    type: ClassVar[str] = "test.counts_suppliers"
    title: ClassVar[str] = "counts suppliers"
    default_warn: ClassVar[float | None] = None

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        time.sleep(0.02)
        return Measurement(suppliers_seen(ctx.session), "suppliers seen", [{"pid": os.getpid()}])


@pytest.fixture(autouse=True)
def test_check_types(monkeypatch: pytest.MonkeyPatch) -> None:
    """This module's check types, registered for its tests only (the registry is global)."""
    registry.known_check_types()  # the built-ins first, as the runner would load them
    for check_type in (_DiesInHelper, _CountsSuppliers):
        monkeypatch.setitem(registry._CHECK_TYPES, check_type.type, check_type)


@pytest.fixture
def one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Other tests leave idle server threads behind in this process; a storeops command has
    none when its checks start. Count only this one, as the command would."""
    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)


def planned_check(
    item_id: str, check_type: str, depends_on: list[str] | None = None
) -> PlannedCheck:
    spec = CheckSpec.model_validate({"type": check_type, "depends_on": depends_on or []})
    item = Item(id=item_id, title=item_id, description=item_id, check=spec)
    return PlannedCheck("orders", item, None, None)


def planned_dying(item_id: str) -> PlannedCheck:
    return planned_check(item_id, "test.dies_in_helper")


def suppliers_query(item_id: str, depends_on: list[str] | None = None) -> PlannedCheck:
    return planned_check(item_id, "test.counts_suppliers", depends_on)


def is_reaped(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def ids(checks: list[PlannedCheck]) -> list[str]:
    return [check.item.id for check in checks]


def test_groups_keep_prerequisites_together_costliest_first() -> None:
    planned = [
        suppliers_query("small"),
        suppliers_query("needs-small", ["small"]),
        suppliers_query("big"),
        suppliers_query("medium"),
        suppliers_query("unknown"),
    ]
    costs = {"big": 100.0, "needs-small": 30.0, "small": 30.0, "medium": 40.0}
    groups = [ids(group) for group in dependency_groups(planned, costs)]
    # The pair counts 60; unknown counts as the average known cost, 50.
    assert groups == [["big"], ["small", "needs-small"], ["unknown"], ["medium"]]


def test_groups_without_costs_keep_the_checklist_order() -> None:
    planned = [suppliers_query(name) for name in ("a", "b", "c")]
    assert [ids(group) for group in dependency_groups(planned, {})] == [["a"], ["b"], ["c"]]


def test_two_processes_take_every_index_exactly_once() -> None:
    queue = forked.TakeQueue(500)
    report_read, report_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the other taker: reports what it took, then leaves at once
        taken = []
        while (index := queue.take()) is not None:
            taken.append(index)
        os.write(report_write, b",".join(str(i).encode() for i in taken))
        os._exit(0)
    os.close(report_write)
    mine = []
    while (index := queue.take()) is not None:
        mine.append(index)
    with os.fdopen(report_read, "rb") as report:
        theirs = [int(i) for i in report.read().split(b",") if i]
    os.waitpid(pid, 0)
    queue.close()
    assert sorted(mine + theirs) == list(range(500))


@pytest.mark.usefixtures("one_thread")
def test_both_processes_judge_on_the_same_snapshot(store: Store) -> None:
    add_supplier(store_file(store), "before the run")
    planned = [suppliers_query(f"count-{n}") for n in range(8)]
    started = start_checks(store, load_settings(), planned, workers=2)
    assert started.helper is not None
    add_supplier(store_file(store), "after the pin")  # seen by neither process
    progress: list[tuple[str, int, int]] = []
    outcomes = started.finish(lambda step, done, total: progress.append((step, done, total)))
    assert [(o.item_id, o.value, o.level) for o in outcomes] == [
        (f"count-{n}", 1, Level.OK) for n in range(8)
    ]
    assert {o.details[0]["pid"] for o in outcomes} == {PARENT, started.helper.pid}
    assert sorted(done for _step, done, _total in progress[:-1]) == list(range(1, 9))
    assert progress[-1] == ("done", 8, 8)
    assert is_reaped(started.helper.pid)


@pytest.mark.usefixtures("one_thread")
def test_a_commit_while_pinning_keeps_every_check_here(store: Store) -> None:
    path = store_file(store)

    sneaked = False

    @event.listens_for(store.engine, "before_cursor_execute")
    def commit_while_pinning(*args: Any) -> None:
        nonlocal sneaked
        if args[2] == PIN_SNAPSHOT and not sneaked:  # after the probe's first look
            sneaked = True
            add_supplier(path, "sneaked in")

    planned = [suppliers_query(f"count-{n}") for n in range(4)]
    started = start_checks(store, load_settings(), planned, workers=2)
    assert started.helper is None
    assert started.queue is not None  # made before the fork, left unused
    # The commit landed just before this process pinned: every check sees it, in one state.
    assert [o.value for o in started.finish()] == [1, 1, 1, 1]


@pytest.mark.usefixtures("one_thread")
def test_checks_a_dead_helper_took_are_judged_here(store: Store) -> None:
    planned = [planned_dying(f"dies-{n}") for n in range(4)]  # the helper dies on any of them
    started = start_checks(store, load_settings(), planned, workers=2)
    assert started.helper is not None
    outcomes = started.finish()
    assert [(o.item_id, o.level, o.summary) for o in outcomes] == [
        (f"dies-{n}", Level.OK, "judged by the parent") for n in range(4)
    ]
    assert is_reaped(started.helper.pid)


@pytest.mark.usefixtures("one_thread")
def test_an_interrupted_run_stops_and_reaps_its_helper(store: Store) -> None:
    planned = [suppliers_query(f"count-{n}") for n in range(6)]
    started = start_checks(store, load_settings(), planned, workers=2)
    assert started.helper is not None

    def interrupt(_step: str, _done: int, _total: int) -> None:
        if threading.current_thread() is threading.main_thread():  # where signals land
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        started.finish(interrupt)
    assert is_reaped(started.helper.pid)


def test_no_helper_is_forked_while_another_thread_runs(store: Store) -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        planned = [suppliers_query(f"count-{n}") for n in range(4)]
        started = start_checks(store, load_settings(), planned, workers=2)
        assert started.helper is None
        assert len(started.contexts) == 2  # threads on one snapshot instead
        assert [o.level for o in started.finish()] == [Level.OK] * 4
    finally:
        release.set()
        other.join()


@pytest.mark.usefixtures("one_thread")
def test_every_check_judges_the_same_forked_as_on_one_connection(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    build_demo(f"sqlite:///{path}", seed=3, days=30, now=NOW)
    with open_store(f"sqlite:///{path}") as demo:
        settings = load_settings(db=demo.url)
        planned = plan_checks(load_checklists(), settings)
        alone = run_checks(demo, settings, planned, workers=1)
        started = start_checks(demo, settings, planned, workers=2)
        assert started.helper is not None
        forked_outcomes = started.finish()

    def judged(outcomes: list[Any]) -> list[tuple[Any, ...]]:
        return [(o.item_id, o.level, o.value, o.summary, o.details) for o in outcomes]

    assert judged(forked_outcomes) == judged(alone)
    assert {o.level for o in alone} >= {Level.OK, Level.WARN, Level.CRIT}


@pytest.mark.usefixtures("one_thread")
def test_a_refused_fork_leaves_every_check_here(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(forked.os, "fork", refuse)
    planned = [suppliers_query(f"count-{n}") for n in range(4)]
    started = start_checks(store, load_settings(), planned, workers=2)
    assert started.helper is None
    assert [o.level for o in started.finish()] == [Level.OK] * 4


def test_a_progress_bar_starts_its_thread_with_the_first_step() -> None:
    """`storeops check` on a terminal opens its bar before the run forks its helper."""
    import io

    from rich.console import Console

    from storeops.render.progress import progress_reporter

    terminal = Console(file=io.StringIO(), force_terminal=True, width=80)
    before = threading.active_count()
    with progress_reporter(terminal, "Checking") as report:
        assert threading.active_count() == before  # a run may still fork here
        report("first-check", 0, 3)
        assert threading.active_count() == before + 1  # the bar's redraw thread
    deadline = time.monotonic() + 5
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.01)  # the redraw thread is told to stop and ends on its next tick
    assert threading.active_count() == before
    assert "first-check" in terminal.file.getvalue()

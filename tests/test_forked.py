"""Half of a check run in a forked helper process: same results, one snapshot, no leftovers."""

from __future__ import annotations

import os
import threading
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
from storeops.runner import PlannedCheck, plan_checks, run_checks, split_in_two, start_checks
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
    """Counts suppliers through the run's session, so through its pinned snapshot."""

    type: ClassVar[str] = "test.counts_suppliers"
    title: ClassVar[str] = "counts suppliers"
    default_warn: ClassVar[float | None] = None

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        return Measurement(suppliers_seen(ctx.session), "suppliers seen")


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


def test_shares_balance_cost_and_keep_prerequisites_together() -> None:
    planned = [
        suppliers_query("big"),
        suppliers_query("needs-small", ["small"]),
        suppliers_query("small"),
        suppliers_query("medium"),
        suppliers_query("unknown"),
    ]
    costs = {"big": 100.0, "needs-small": 30.0, "small": 30.0, "medium": 40.0}
    first, second = split_in_two(planned, costs)
    # needs-small and small travel together (60); unknown counts as the average (50).
    # Largest first, each to the lighter share: big, the pair, unknown, medium.
    assert ids(first) == ["big", "medium"]
    assert ids(second) == ["needs-small", "small", "unknown"]


def test_shares_without_costs_alternate_and_cover_everything() -> None:
    planned = [suppliers_query(name) for name in ("a", "b", "c", "d", "e")]
    first, second = split_in_two(planned, {})
    assert sorted(ids(first) + ids(second)) == ["a", "b", "c", "d", "e"]
    assert (len(first), len(second)) == (3, 2)


@pytest.mark.usefixtures("one_thread")
def test_the_helper_judges_its_share_on_the_same_snapshot(store: Store) -> None:
    add_supplier(store_file(store), "before the run")
    planned = [suppliers_query(f"count-{n}") for n in range(6)]
    started = start_checks(store, load_settings(), planned, workers=2)
    assert started.helper is not None and started.there
    add_supplier(store_file(store), "after the pin")  # seen by neither process
    progress: list[tuple[str, int, int]] = []
    outcomes = started.finish(lambda step, done, total: progress.append((step, done, total)))
    assert [(o.item_id, o.value, o.level) for o in outcomes] == [
        (f"count-{n}", 1, Level.OK) for n in range(6)
    ]
    assert sorted(done for _step, done, _total in progress[:-1]) == [1, 2, 3, 4, 5, 6]
    assert progress[-1] == ("done", 6, 6)
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
    assert ids(started.here) == ids(planned) and started.there == []
    # The commit landed just before this process pinned: every check sees it, in one state.
    assert [o.value for o in started.finish()] == [1, 1, 1, 1]


@pytest.mark.usefixtures("one_thread")
def test_checks_a_dead_helper_did_not_send_are_judged_here(store: Store) -> None:
    # Without costs the shares alternate: "dies" and "count-2" go to the helper.
    planned = [
        suppliers_query("count-0"),
        planned_dying("dies"),
        *map(suppliers_query, ["count-1", "count-2"]),
    ]
    started = start_checks(store, load_settings(), planned, workers=2)
    assert started.helper is not None
    assert ids(started.there) == ["dies", "count-2"]
    outcomes = started.finish()
    assert [(o.item_id, o.level) for o in outcomes] == [
        ("count-0", Level.OK),
        ("dies", Level.OK),
        ("count-1", Level.OK),
        ("count-2", Level.OK),
    ]
    assert outcomes[1].summary == "judged by the parent"
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
        assert started.helper is not None and len(started.there) > 10
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
    assert started.helper is None and started.there == []
    assert [o.level for o in started.finish()] == [Level.OK] * 4

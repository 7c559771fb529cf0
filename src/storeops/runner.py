"""Running a set of checklist items' checks: plan, order by dependency, measure, judge.

One broken check never stops a run: a check that raises is UNKNOWN with the cause, and the
run goes on. A check whose prerequisite (`depends_on`) is CRIT or UNKNOWN is SKIPPED.
Checks run on a few connections at once that all read one snapshot of the store
(`Store.reading_together`), so a run judges one consistent state.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from storeops.checks.base import CheckContext, Level, Measurement

if TYPE_CHECKING:
    import httpx

    from storeops.checklists.loader import ChecklistSet
    from storeops.checklists.schema import Item
    from storeops.config import Settings
    from storeops.db import Store
    from storeops.forked import Helper, TakeQueue

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class PlannedCheck:
    """An item's check with its thresholds resolved (config > checklist > check type)."""

    area: str
    item: Item
    warn: float | None
    crit: float | None

    @property
    def check_type(self) -> str:
        """The registered check type name."""
        assert self.item.check is not None
        return self.item.check.type


@dataclass
class Outcome:
    """The judged result of one item's check."""

    area: str
    item_id: str
    title: str
    check_type: str
    level: Level
    value: float | None
    summary: str
    details: list[dict[str, Any]] = field(default_factory=list)
    duration_ms: float = 0.0
    money_at_stake: Decimal | None = None


def plan_checks(
    checklists: ChecklistSet,
    settings: Settings,
    *,
    area: str | None = None,
    item_id: str | None = None,
    is_due: Callable[[Item], bool] | None = None,
) -> list[PlannedCheck]:
    """The automated items to run: all, one area, or one item; only due ones if `is_due`."""
    from storeops.checks.registry import get_check_type

    if item_id is not None:
        pairs = [checklists.item(item_id)]
    elif area is not None:
        pairs = [(area, item) for item in checklists.area(area).items]
    else:
        pairs = checklists.items()
    planned = []
    for item_area, item in pairs:
        if item.check is None or (is_due is not None and not is_due(item)):
            continue
        check_class = get_check_type(item.check.type)
        override = settings.config.checks.get(item.id)
        warn = _first(
            override.warn if override else None, item.check.warn, check_class.default_warn
        )
        crit = _first(
            override.crit if override else None, item.check.crit, check_class.default_crit
        )
        planned.append(PlannedCheck(item_area, item, warn, crit))
    return planned


def _first(*values: float | None) -> float | None:
    return next((value for value in values if value is not None), None)


def _dependency_order(
    planned: Sequence[PlannedCheck], costs: Mapping[str, float] | None = None
) -> list[PlannedCheck]:
    """Prerequisites first; otherwise the costliest first when `costs` are known, else the
    checklist's own order (stable).

    On a few connections the run ends when its last check does: starting the slow checks
    first lets the quick ones fill in around them instead of one slow check running alone
    at the end. Unknown costs count as zero, so new checks keep their checklist order.
    """
    if costs:
        planned = sorted(planned, key=lambda check: -costs.get(check.item.id, 0.0))
    by_id = {check.item.id: check for check in planned}
    ordered: list[PlannedCheck] = []
    state: dict[str, str] = {}

    def visit(check: PlannedCheck) -> None:
        if state.get(check.item.id) == "done":
            return
        if state.get(check.item.id) == "visiting":
            return  # a cycle: run in listed order; the loader reports cycles
        state[check.item.id] = "visiting"
        assert check.item.check is not None
        for dependency in check.item.check.depends_on:
            if dependency in by_id:
                visit(by_id[dependency])
        state[check.item.id] = "done"
        ordered.append(check)

    for check in planned:
        visit(check)
    return ordered


def default_workers() -> int:
    """How many checks run at once: one per core, at most four.

    SQLite runs a query without holding Python's GIL, so on two cores two checks take about
    the time of the slower one; past four, connections cost more than they give.
    """
    return max(1, min(4, os.cpu_count() or 1))


def run_checks(
    store: Store,
    settings: Settings,
    planned: Sequence[PlannedCheck],
    *,
    progress: Progress | None = None,
    http_factory: Callable[[], httpx.Client] | None = None,
    workers: int | None = None,
) -> list[Outcome]:
    """Measure and judge every planned check; results come back in the planned order.

    Checks run on up to `workers` connections at once (default: `default_workers()`), all
    reading the same snapshot of the store; a check waits for its `depends_on` checks. With
    more than one connection the checks that took longest last time start first.
    """
    started = start_checks(store, settings, planned, http_factory=http_factory, workers=workers)
    return started.finish(progress)


def start_checks(
    store: Store,
    settings: Settings,
    planned: Sequence[PlannedCheck],
    *,
    http_factory: Callable[[], httpx.Client] | None = None,
    workers: int | None = None,
) -> StartedChecks:
    """Begin a run: order the checks, pin the snapshot, and start the helper if any.

    With more than one worker on Linux and a SQLite file, a helper process forked here
    (`storeops.forked`) judges checks alongside this one, which needs this process to be
    running one thread: call this before starting others. `finish` does the rest and may
    run on any thread.
    """
    from storeops import clock

    zone = clock.store_zone(settings.store.timezone)
    now = clock.now()
    wanted = default_workers() if workers is None else workers
    costs: dict[str, float] = {}
    if wanted > 1 and len(planned) > 1:
        from storeops.history import last_durations

        costs = last_durations(store)
    ordered = _dependency_order(planned, costs)
    if ordered:
        from storeops.inventory.rollup import ensure_fresh

        # Demand figures read the daily sales rollup; a writer that forgot to refresh it
        # costs a rebuild here, before the snapshot is pinned, never a wrong answer.
        ensure_fresh(store)

    def context_for(session: Any) -> CheckContext:
        return CheckContext(session, settings, now, zone, http_factory)

    from storeops.forked import TakeQueue, can_fork, pinned_with_helper

    resources = ExitStack()
    try:
        groups = dependency_groups(ordered, costs)
        queue: TakeQueue | None = None
        if wanted > 1 and len(groups) > 1 and can_fork(store) and TakeQueue.fits(len(groups)):
            queue = taken = TakeQueue(len(groups))
            resources.callback(taken.close)

            def helper_work(session: Any, send: Callable[[Any], None]) -> None:
                context = context_for(session)
                while (index := taken.take()) is not None:
                    _run_in_turn(context, groups[index], None, send)

            session, helper = resources.enter_context(pinned_with_helper(store, helper_work))
            contexts = [context_for(session)]
        else:
            count = max(1, min(wanted, len(ordered)))
            sessions = resources.enter_context(store.reading_together(count))
            contexts = [context_for(session) for session in sessions]
            helper = None
    except BaseException:
        resources.close()
        raise
    return StartedChecks(planned, ordered, groups, contexts, helper, queue, resources)


def dependency_groups(
    ordered: Sequence[PlannedCheck], costs: Mapping[str, float]
) -> list[list[PlannedCheck]]:
    """The checks in groups one process judges whole, costliest group first.

    A group is a check with everything it depends on and everything that depends on it,
    in `ordered` order (prerequisites first), so no process ever waits for another. Checks
    with no known cost count as the average known one.
    """
    known = [costs[check.item.id] for check in ordered if check.item.id in costs]
    default = sum(known) / len(known) if known else 1.0
    parent: dict[str, str] = {check.item.id: check.item.id for check in ordered}

    def root(item_id: str) -> str:
        while parent[item_id] != item_id:
            item_id = parent[item_id]
        return item_id

    for check in ordered:
        assert check.item.check is not None
        for dependency in check.item.check.depends_on:
            if dependency in parent:
                parent[root(dependency)] = root(check.item.id)
    groups: dict[str, list[PlannedCheck]] = {}
    for check in ordered:
        groups.setdefault(root(check.item.id), []).append(check)

    def cost(group: list[PlannedCheck]) -> float:
        return sum(costs.get(check.item.id, default) for check in group)

    return sorted(groups.values(), key=lambda group: -cost(group))  # stable among equals


@dataclass
class StartedChecks:
    """A run whose snapshot is pinned and whose helper (if any) is judging with this one."""

    planned: Sequence[PlannedCheck]
    ordered: list[PlannedCheck]
    groups: list[list[PlannedCheck]]
    contexts: list[CheckContext]
    helper: Helper | None
    queue: TakeQueue | None
    _resources: ExitStack

    def finish(self, progress: Progress | None = None) -> list[Outcome]:
        """Judge the checks (with the helper, if any), and release everything."""
        try:
            outcomes = self._judge(progress)
        finally:
            for context in self.contexts:
                if context._http is not None:
                    context._http.close()
            self._resources.close()
        if progress is not None:
            progress("done", len(self.ordered), len(self.ordered))
        return [outcomes[check.item.id] for check in self.planned]

    def _judge(self, progress: Progress | None) -> dict[str, Outcome]:
        if self.helper is None:
            if len(self.contexts) == 1:
                return _run_in_turn(self.contexts[0], self.ordered, progress)
            return _run_at_once(self.contexts, self.ordered, progress)
        tally = _Tally(progress, len(self.ordered))
        received: dict[str, Outcome] = {}
        reader = threading.Thread(
            target=_gather, args=(self.helper, received, tally), name="check-helper", daemon=True
        )
        reader.start()
        outcomes: dict[str, Outcome] = {}
        try:
            # Both processes take the next costliest group until none is left: whichever is
            # slowed (the terminal's work here, a busy core there) simply takes fewer.
            assert self.queue is not None  # a helper is only forked with its queue
            while (index := self.queue.take()) is not None:
                group = self.groups[index]
                outcomes.update(_run_in_turn(self.contexts[0], group, None, tally.record))
        except BaseException:
            self.helper.stop()  # interrupted: stop waiting for the helper
            raise
        finally:
            reader.join()
        outcomes.update(received)
        # Whatever the helper took but did not send (it died), this process judges now.
        missing = [check for check in self.ordered if check.item.id not in outcomes]
        outcomes.update(_run_in_turn(self.contexts[0], missing, None, tally.record, outcomes))
        return outcomes


class _Tally:
    """Counts judged checks from two threads and reports each one as done."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self._progress = progress
        self._total = total
        self._done = 0
        self._lock = threading.Lock()

    def record(self, outcome: Outcome) -> None:
        with self._lock:
            self._done += 1
            if self._progress is not None:
                self._progress(outcome.item_id, self._done, self._total)


def _gather(helper: Helper, received: dict[str, Outcome], tally: _Tally) -> None:
    """The helper's outcomes as they come (a reader thread's whole job)."""
    try:
        for outcome in helper.results():
            received[outcome.item_id] = outcome
            tally.record(outcome)
    except Exception:  # a garbled message: the rest are judged here instead
        pass


def _run_in_turn(
    context: CheckContext,
    ordered: Sequence[PlannedCheck],
    progress: Progress | None,
    each: Callable[[Outcome], None] | None = None,
    prior: Mapping[str, Outcome] | None = None,
) -> dict[str, Outcome]:
    """Judge checks one after the other; `each` hears every outcome as it is judged, and
    `prior` holds outcomes judged elsewhere that prerequisites may be among."""
    outcomes: dict[str, Outcome] = {}
    known = dict(prior or {})
    for index, check in enumerate(ordered):
        if progress is not None:
            progress(check.item.id, index, len(ordered))
        outcome = _run_one(context, check, known)
        outcomes[check.item.id] = known[check.item.id] = outcome
        if each is not None:
            each(outcome)
    return outcomes


def _run_at_once(
    contexts: Sequence[CheckContext],
    ordered: Sequence[PlannedCheck],
    progress: Progress | None,
) -> dict[str, Outcome]:
    """Run checks on a pool of threads, one context (session) per running check.

    Checks are submitted in dependency order and the pool takes them first in, first out,
    so a check waiting for a prerequisite only ever waits for one that is already running:
    no deadlock, whatever the number of workers.
    """
    import queue
    from concurrent.futures import Future, ThreadPoolExecutor, as_completed

    free: queue.SimpleQueue[CheckContext] = queue.SimpleQueue()
    for context in contexts:
        free.put(context)
    outcomes: dict[str, Outcome] = {}
    futures: dict[str, Future[Outcome]] = {}

    def task(check: PlannedCheck) -> Outcome:
        assert check.item.check is not None
        for dependency in check.item.check.depends_on:
            if dependency in futures:
                futures[dependency].result()
        context = free.get()  # one is always free: never more tasks run than contexts
        try:
            outcome = _run_one(context, check, outcomes)
        finally:
            free.put(context)
        outcomes[check.item.id] = outcome
        return outcome

    with ThreadPoolExecutor(max_workers=len(contexts), thread_name_prefix="check") as pool:
        for check in ordered:
            futures[check.item.id] = pool.submit(task, check)
        for done, future in enumerate(as_completed(futures.values()), start=1):
            outcome = future.result()
            if progress is not None:
                progress(outcome.item_id, done, len(ordered))
    return outcomes


def _run_one(
    context: CheckContext, check: PlannedCheck, outcomes: Mapping[str, Outcome]
) -> Outcome:
    """One check on one context: SKIPPED behind a failed prerequisite, else measured."""
    from storeops.checks.registry import get_check_type

    blocked = _failed_prerequisite(check, outcomes)
    if blocked is not None:
        return _outcome(check, Measurement(None, blocked, level=Level.SKIPPED), 0.0)
    started = time.perf_counter()
    measurement = _measure(get_check_type(check.check_type)(), context, check)
    elapsed = (time.perf_counter() - started) * 1000
    if measurement.level is Level.UNKNOWN:
        context.session.rollback()  # a crashed query must not poison the next check
    return _outcome(check, measurement, elapsed)


def _failed_prerequisite(check: PlannedCheck, outcomes: Mapping[str, Outcome]) -> str | None:
    assert check.item.check is not None
    for dependency in check.item.check.depends_on:
        prior = outcomes.get(dependency)
        if prior is not None and prior.level in (Level.CRIT, Level.UNKNOWN, Level.SKIPPED):
            return f"skipped: {dependency} is {prior.level.value}"
    return None


def _measure(check: Any, context: CheckContext, planned: PlannedCheck) -> Measurement:
    from pydantic import ValidationError

    assert planned.item.check is not None
    try:
        params = check.params.model_validate(planned.item.check.with_)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return Measurement(
            None, f"bad parameters: with.{where}: {first['msg']}", level=Level.UNKNOWN
        )
    try:
        measurement: Measurement = check.measure(context, params)
    except Exception as exc:  # a bug in one check must never stop the routine
        return Measurement(None, f"check failed: {type(exc).__name__}: {exc}", level=Level.UNKNOWN)
    return measurement


def _outcome(check: PlannedCheck, measurement: Measurement, elapsed_ms: float) -> Outcome:
    from storeops.checks.registry import get_check_type

    level = measurement.level
    if level is None:
        level = get_check_type(check.check_type).level_for(
            measurement.value, check.warn, check.crit
        )
    return Outcome(
        area=check.area,
        item_id=check.item.id,
        title=check.item.title,
        check_type=check.check_type,
        level=level,
        value=measurement.value,
        summary=measurement.summary,
        details=measurement.details,
        duration_ms=round(elapsed_ms, 2),
        money_at_stake=measurement.money_at_stake,
    )


@dataclass
class CheckRun:
    """A finished set of outcomes with what the run as a whole says."""

    store: str
    started_at: Any
    finished_at: Any
    outcomes: list[Outcome]
    run_id: int | None = None

    @property
    def status(self) -> Level:
        """The worst level; SKIPPED counts as OK."""
        from storeops.checks.base import worst

        level = worst([outcome.level for outcome in self.outcomes])
        return Level.OK if level is Level.SKIPPED else level

    @property
    def exit_code(self) -> int:
        """0 OK, 1 WARN, 2 CRIT, 3 UNKNOWN."""
        return self.status.exit_code

    @property
    def counts(self) -> dict[str, int]:
        """How many outcomes at each level (every level present, zeros included)."""
        counts = {level.value: 0 for level in Level}
        for outcome in self.outcomes:
            counts[outcome.level.value] += 1
        return counts

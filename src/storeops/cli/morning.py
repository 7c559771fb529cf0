"""`storeops morning` and `storeops run`: the routine, walked through on a terminal."""

from __future__ import annotations

import gc
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer

from storeops.cli.options import DbOption, HomeOption
from storeops.errors import StoreOpsError

if TYPE_CHECKING:
    from concurrent.futures import Future
    from datetime import date, datetime

    from storeops.checklists.loader import ChecklistSet
    from storeops.cli.walkthrough import Walkthrough
    from storeops.config import Settings
    from storeops.db import Store
    from storeops.runner import Outcome

PARTS = ("morning", "day", "evening")


class NeedsTerminalError(StoreOpsError):
    """The routine asks questions; without a terminal there is nobody to answer."""

    exit_code = 3


OperatorOption = typer.Option(None, "--operator", help="Who is answering (default: OS user).")


def morning(
    area: str | None = typer.Option(None, "--area", help="Only this area."),
    operator: str | None = OperatorOption,
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Today's routine: the attention list, then the morning's manual practices.

    Answer each with one key; every answer is saved at once. q pauses; the next
    `storeops morning` resumes where you stopped.
    """
    _routine("morning", "morning" if area is None else None, area, operator, home, db)


def run(
    what: str = typer.Argument(..., help="morning, day, evening, or an area such as returns."),
    operator: str | None = OperatorOption,
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Walk any part of the day (morning | day | evening) or any area, now."""
    if what in PARTS:
        _routine(what, what, None, operator, home, db)
    else:
        _routine("area", None, what, operator, home, db)


def _routine(
    kind: str,
    when: str | None,
    area: str | None,
    operator: str | None,
    home: HomeOption,
    db: DbOption,
) -> None:
    from storeops.checklists.loader import load_checklists
    from storeops.config import load_settings
    from storeops.db import open_store
    from storeops.history import current_operator

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise NeedsTerminalError(
            f"storeops {kind if kind != 'area' else 'run'} needs a terminal to ask questions;"
            " for cron use: storeops check --auto"
        )
    # Nearly all that is allocated before the first question (modules, models, the plan, the
    # results) lives as long as the process: collecting it is wasted work, about 50 ms of the
    # start. `_ready_to_ask` resumes collection, on a frozen heap, before the first question.
    gc.disable()
    try:
        settings = load_settings(home, db)
        checklists = load_checklists(settings.user_checklists)
        if area is not None:
            checklists.area(area)  # an unknown area is an error before anything starts
        with open_store(settings.db_url) as store:
            code = _sitting(
                store, settings, checklists, kind, when, area, operator or current_operator()
            )
    finally:
        gc.enable()  # already on unless start-up failed
    raise typer.Exit(code)


def _sitting(
    store: Store,
    settings: Settings,
    checklists: ChecklistSet,
    kind: str,
    when: str | None,
    area: str | None,
    operator: str,
) -> int:
    import json

    from storeops import clock
    from storeops.routine import runs

    started = time.monotonic()
    today = clock.local_today(settings.store.timezone)
    scope = area or ""
    existing = runs.find_open_run(store, kind=kind, scope=scope, local_date=today, now=clock.now())
    launched = None
    if existing is None or existing.id is None:
        # A new run: its checks start now, on a helper process and a thread of their own,
        # while this thread imports the terminal's side and draws the header and the
        # progress bar.
        launched = _launch(operator, store, settings, checklists, kind, when, area, today)

    from storeops.cli.keys import read_key, read_line
    from storeops.cli.walkthrough import PausedError, Walkthrough, format_elapsed
    from storeops.render import console
    from storeops.render.routine import header

    out = console.out()
    walk = Walkthrough(
        store, settings, checklists, out, read_key, read_line, kind, scope, when, area, operator
    )
    out.print(header(store, settings, today))
    resumed = False
    if existing is not None and existing.id is not None:
        items = runs.run_items(store, existing.id)
        answered = sum(1 for i in items if i.answer not in (None, "later"))
        out.print(
            f"An unfinished {kind} run started at {_local_time(existing.started_at, settings)}"
            f" ({answered} of {len(items)} answered, {existing.status})."
        )
        before = json.loads(existing.checklist_fingerprint or "{}")
        changes = runs.compare_fingerprints(before, checklists.fingerprint())
        if changes:
            out.print(f"[yellow]The checklists changed since it started[/] ({changes.describe()}).")
        _ready_to_ask()
        choice = read_key("  [r]esume [s]tart over [a]bandon > ", "rsa")
        if choice == "a":
            runs.set_status(store, existing.id, "abandoned", clock.now())
            out.print("Abandoned. Nothing else was changed.")
            return 0
        if choice == "s":
            runs.set_status(store, existing.id, "abandoned", clock.now())
        else:
            walk.run_id = existing.id
            runs.adopt_run(store, existing.id, clock.now())
            resumed = True
    if not resumed:
        if launched is None:
            launched = _launch(operator, store, settings, checklists, kind, when, area, today)
        walk.run_id = _start(launched, store, checklists, when, area, today)
    _ready_to_ask()
    try:
        _attend_and_walk(walk, store, checklists)
    except PausedError:
        runs.set_status(store, walk.run_id, "paused", clock.now())
        out.print("PausedError. Run the same command to resume; nothing you answered is lost.")
        return 0
    except (KeyboardInterrupt, EOFError):
        runs.set_status(store, walk.run_id, "interrupted", clock.now())
        out.print("\nInterrupted. Run the same command to resume; every answer so far is saved.")
        return 130
    remaining = [i for i in runs.run_items(store, walk.run_id) if i.answer is None]
    runs.set_status(store, walk.run_id, "completed" if not remaining else "paused", clock.now())
    from storeops.readers import store_reader
    from storeops.routine.stats import streak

    with store_reader(store) as reader:
        days_in_a_row = streak(reader, today)
    counts = walk.tally.counts
    out.print(
        f"\nDone: {counts.get('done', 0)} done, {counts.get('skipped', 0)} skipped,"
        f" {counts.get('problem', 0)} problems, {counts.get('acknowledged', 0)} acknowledged,"
        f" {counts.get('later', 0)} for later, in {format_elapsed(time.monotonic() - started)}."
        f" Streak: {days_in_a_row} days."
    )
    return 0


def _ready_to_ask() -> None:
    """Resume garbage collection, leaving what start-up kept out of every later pass."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _local_time(moment: datetime, settings: Settings) -> str:
    from storeops.clock import store_zone

    return moment.astimezone(store_zone(settings.store.timezone)).strftime("%H:%M")


class _Relay:
    """Progress from the checks' thread, passed on once the progress bar is up."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._target: Callable[[str, int, int], None] | None = None
        self._last: tuple[str, int, int] | None = None

    def __call__(self, step: str, done: int, total: int) -> None:
        with self._lock:
            self._last = (step, done, total)
            if self._target is not None:
                self._target(step, done, total)

    def attach(self, target: Callable[[str, int, int], None]) -> None:
        """Send every later step to `target`, and the latest one now."""
        with self._lock:
            self._target = target
            if self._last is not None:
                target(*self._last)


@dataclass
class _Launched:
    """A started run whose checks are being judged on other threads."""

    run_id: int
    outcomes: Future[list[Outcome]]
    progress: _Relay


def _launch(
    operator: str,
    store: Store,
    settings: Settings,
    checklists: ChecklistSet,
    kind: str,
    when: str | None,
    area: str | None,
    today: date,
) -> _Launched:
    """Start a run (committed at once) and start judging its due checks in the background."""
    import json
    from concurrent.futures import ThreadPoolExecutor

    from storeops import clock, history
    from storeops.checklists.schedule import check_is_due
    from storeops.runner import plan_checks, start_checks

    now = clock.now()
    run_id = history.start_run(
        store,
        kind=kind,
        scope=area or "",
        local_date=today,
        now=now,
        fingerprint=json.dumps(checklists.fingerprint(), sort_keys=True),
        operator=operator,
    )
    last_runs = history.last_check_dates(store)
    planned = plan_checks(
        checklists,
        settings,
        area=area,
        is_due=lambda item: (
            (when is None or kind == "morning" or item.when == when)
            and check_is_due(item.every, today, last_runs.get(item.id))
        ),
    )
    # Pinned (and the helper process forked) here, while this is the process's only thread.
    started = start_checks(store, settings, planned)
    relay = _Relay()
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="checks")
    outcomes = pool.submit(started.finish, relay)
    pool.shutdown(wait=False)  # the thread ends with the run; nothing else is queued
    return _Launched(run_id, outcomes, relay)


def _start(
    launched: _Launched,
    store: Store,
    checklists: ChecklistSet,
    when: str | None,
    area: str | None,
    today: date,
) -> int:
    """Finish starting a run: wait for its checks, then list the due manual items as pending."""
    from storeops import clock, history
    from storeops.render import console
    from storeops.render.progress import progress_reporter
    from storeops.routine import due, runs

    with progress_reporter(console.err(), "Checking the store") as report:
        launched.progress.attach(report)
        outcomes = launched.outcomes.result()
    run_id = launched.run_id
    history.record_outcomes(store, run_id, outcomes, now=clock.now(), settle_ok=True)
    handled = due.last_handled(store)
    pending = due.due_manual_items(checklists, today, handled, area=area, when=when)
    runs.add_pending(store, run_id, [(d.area, d.item.id) for d in pending], clock.now())
    return run_id


def _attend_and_walk(walk: Walkthrough, store: Store, checklists: ChecklistSet) -> None:
    """The attention list with its acknowledgements, then the manual items still open."""
    from storeops.render.routine import attention_table
    from storeops.routine import runs
    from storeops.routine.attention import rank

    items = runs.run_items(store, walk.run_id)
    ranked = rank([i for i in items if i.answer is None])
    if ranked:
        walk.console.print(attention_table(ranked, checklists))
        walk.acknowledge([(i.item_id, i.area, i.level or "", i.summary) for i in ranked])
    else:
        walk.console.print("[green]Nothing needs attention from the checks.[/]")
    # Acknowledging answers check items only: the manual rows read above are still current.
    manual = [i for i in items if i.level is None]
    first_pass = [i for i in manual if i.answer is None]
    later = [i for i in manual if i.answer == "later"]
    by_id = {item.id: (area, item) for area, item in checklists.items()}
    queue = [by_id[i.item_id] for i in [*first_pass, *later] if i.item_id in by_id]
    if queue:
        walk.walk(queue)

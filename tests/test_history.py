"""Looking back: completion per day and area, the streak, and the history/status commands."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

from cli_support import home_db, run_cli
from factories import NOW
from storeops.db import Store, open_store
from storeops.models import ItemResult, Run
from storeops.routine.stats import completion_by_area, completion_by_day, streak

TODAY = NOW.date()


def _run(store: Store, day: date, answers: dict[str, str | None], **fields: object) -> int:
    with store.writing() as s:
        run = Run(kind="morning", local_date=day, started_at=NOW, status="completed")
        for key, value in fields.items():
            setattr(run, key, value)
        s.add(run)
        s.flush()
        assert run.id is not None
        for n, (item, answer) in enumerate(answers.items()):
            area = "orders" if n % 2 == 0 else "returns"
            s.add(
                ItemResult(run_id=run.id, item_id=item, area=area, answer=answer, recorded_at=NOW)
            )
        return run.id


def test_completion_per_day_and_area(store: Store) -> None:
    yesterday = TODAY - timedelta(days=1)
    _run(store, yesterday, {"a": "done", "b": "skipped", "c": "problem", "d": None, "e": "auto"})
    _run(store, TODAY, {"a": "done", "b": "acknowledged"})
    _run(store, TODAY, {"x": "done"}, status="abandoned")
    days = completion_by_day(store, yesterday, TODAY)
    assert [(d.day, d.total, d.done, d.skipped, d.problems, d.open) for d in days] == [
        (yesterday, 4, 1, 1, 1, 1),  # "auto" (an OK check) was never put to the operator
        (TODAY, 2, 1, 0, 0, 0),
    ]
    assert days[0].percent == 75.0
    areas = {a.area: (a.total, a.settled) for a in completion_by_area(store, yesterday, TODAY)}
    assert areas == {"orders": (3, 3), "returns": (3, 2)}


def test_streak(store: Store) -> None:
    for back in (1, 2, 3, 5):
        _run(store, TODAY - timedelta(days=back), {"a": "done"})
    assert streak(store, TODAY) == 3  # today not done yet: the streak runs to yesterday
    _run(store, TODAY, {"a": "done"})
    assert streak(store, TODAY) == 4
    _run(store, TODAY - timedelta(days=4), {"a": "done"}, status="interrupted")
    assert streak(store, TODAY) == 4  # an unfinished morning does not bridge the gap


def test_history_command_formats(isolated_env: Path) -> None:
    store = open_store(home_db(isolated_env))
    run_id = _run(store, TODAY - timedelta(days=1), {"a": "done", "b": "skipped"})
    store.close()
    as_json = json.loads(run_cli("history", "--format", "json").stdout)
    assert as_json["streak"] == 1
    assert as_json["days"] == [
        {
            "day": str(TODAY - timedelta(days=1)),
            "items": 2,
            "done": 1,
            "skipped": 1,
            "problems": 0,
            "acknowledged": 0,
            "open": 0,
            "percent": 100.0,
        }
    ]
    rows = list(csv.reader(io.StringIO(run_cli("history", "--format", "csv").stdout)))
    assert rows[0][:3] == ["day", "items", "done"]
    assert rows[1][:3] == [str(TODAY - timedelta(days=1)), "2", "1"]
    table = run_cli("history")
    assert table.returncode == 0
    assert "Streak: 1 day of completed mornings" in table.stdout
    assert "Last 12 weeks" in table.stdout
    shown = run_cli("history", "show", str(run_id))
    assert shown.returncode == 0
    assert f"Run {run_id}: morning" in shown.stdout
    missing = run_cli("history", "show", "999")
    assert missing.returncode == 1
    assert missing.stderr.strip() == "error: no run 999; storeops history lists the runs by day"


def test_status_lists_overdue_items(isolated_env: Path) -> None:
    store = open_store(home_db(isolated_env))
    # A monthly item last done two months ago is overdue today.
    _run(store, TODAY - timedelta(days=60), {"return-policy-review": "done"})
    store.close()
    result = run_cli("status")
    assert result.returncode == 0
    assert "Overdue:" in result.stdout
    assert "returns: return-policy-review (due Sun 01 Nov)" in result.stdout

"""Looking back: completion per day and area, the streak, and the history/status commands."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session

from cli_support import home_db, run_cli
from factories import NOW
from storeops.db import Store, open_store
from storeops.models import ItemResult, Run
from storeops.readers import Reader, SessionReader, SqliteReader
from storeops.routine.stats import completion, completion_by_area, completion_by_day, streak

TODAY = NOW.date()


@pytest.fixture(params=["sqlite3", "sqlalchemy"])
def reader(request: pytest.FixtureRequest, store: Store) -> Iterator[Callable[[Store], Reader]]:
    """Both ways of reading the history: plain sqlite3 (the fast path) and a session."""
    if request.param == "sqlite3":
        connection = sqlite3.connect(store.url.removeprefix("sqlite:///"))
        yield lambda _store: SqliteReader(connection)
        connection.close()
    else:
        # A new session per call: a session keeps one snapshot, and the tests write between.
        sessions: list[Session] = []

        def fresh(opened: Store) -> Reader:
            sessions.append(Session(opened.engine))
            return SessionReader(sessions[-1])

        yield fresh
        for session in sessions:
            session.close()


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


def test_completion_per_day_and_area(store: Store, reader: Callable[[Store], Reader]) -> None:
    yesterday = TODAY - timedelta(days=1)
    _run(store, yesterday, {"a": "done", "b": "skipped", "c": "problem", "d": None, "e": "auto"})
    _run(store, TODAY, {"a": "done", "b": "acknowledged"})
    _run(store, TODAY, {"x": "done"}, status="abandoned")
    days = completion_by_day(reader(store), yesterday, TODAY)
    assert [(d.day, d.total, d.done, d.skipped, d.problems, d.open) for d in days] == [
        (yesterday, 4, 1, 1, 1, 1),  # "auto" (an OK check) was never put to the operator
        (TODAY, 2, 1, 0, 0, 0),
    ]
    assert days[0].percent == 75.0
    areas = {
        a.area: (a.total, a.settled) for a in completion_by_area(reader(store), yesterday, TODAY)
    }
    assert areas == {"orders": (3, 3), "returns": (3, 2)}


def test_one_pass_sums_any_window_and_area(store: Store, reader: Callable[[Store], Reader]) -> None:
    days = [TODAY - timedelta(days=back) for back in (2, 1, 0)]
    _run(store, days[0], {"a": "done", "b": "problem"})  # orders done, returns problem
    _run(store, days[1], {"a": "skipped", "b": None, "c": "acknowledged"})
    _run(store, days[2], {"a": "done"})
    counted = completion(reader(store), days[0], days[2])
    # Every window and filter gives what its own query over those rows gives.
    for first, last in ((days[0], days[2]), (days[1], days[2]), (days[1], days[1])):
        for area in (None, "orders", "returns"):
            assert counted.by_day(first, last, area=area) == completion_by_day(
                reader(store), first, last, area=area
            )
        assert counted.by_area(first, last) == completion_by_area(reader(store), first, last)
    returns_days = counted.by_day(area="returns")
    assert [(d.day, d.total, d.problems, d.open) for d in returns_days] == [
        (days[0], 1, 1, 0),
        (days[1], 1, 0, 1),
    ]
    orders = counted.by_area(days[1], days[2])[0]
    assert (orders.area, orders.total, orders.settled, orders.skipped) == ("orders", 3, 3, 1)


def test_streak(store: Store, reader: Callable[[Store], Reader]) -> None:
    for back in (1, 2, 3, 5):
        _run(store, TODAY - timedelta(days=back), {"a": "done"})
    assert streak(reader(store), TODAY) == 3  # today not done yet: the streak runs to yesterday
    _run(store, TODAY, {"a": "done"})
    assert streak(reader(store), TODAY) == 4
    _run(store, TODAY - timedelta(days=4), {"a": "done"}, status="interrupted")
    assert streak(reader(store), TODAY) == 4  # an unfinished morning does not bridge the gap


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


def test_reader_takes_the_sqlite3_path_only_for_a_current_store(tmp_path: Path) -> None:
    from storeops.readers import open_reader

    current = tmp_path / "current.db"
    open_store(home_db_url(current)).close()
    with open_reader(home_db_url(current)) as reader:
        assert isinstance(reader, SqliteReader)
    blank = tmp_path / "blank.db"
    sqlite3.connect(blank).close()  # a file SQLite made, never migrated
    with open_reader(home_db_url(blank)) as reader:
        assert isinstance(reader, SessionReader)
        assert reader.rows("SELECT count(*) FROM runs") == [(0,)]  # migrated on the way
    missing = tmp_path / "new" / "store.db"
    with open_reader(home_db_url(missing)) as reader:
        assert isinstance(reader, SessionReader)
    assert missing.is_file()


def test_history_command_never_imports_sqlalchemy(isolated_env: Path) -> None:
    assert run_cli("init").returncode == 0
    probe = (
        "import sys\n"
        "from storeops.cli import main\n"
        "try:\n"
        "    sys.argv = ['storeops', 'history', '--format', 'json']\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('sqlalchemy', 'sqlmodel', 'alembic') if m in sys.modules),"
        " file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert json.loads(result.stdout)["streak"] == 0
    assert result.stderr.strip() == "[]"


def home_db_url(path: Path) -> str:
    return f"sqlite:///{path}"

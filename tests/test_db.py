"""The store database: permissions, PRAGMAs, IMMEDIATE writes under contention, clean errors."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from storeops.db import Store, open_store, sqlite_path
from storeops.errors import StoreBusyError, StoreError
from storeops.models import AlertState


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_store_is_private(tmp_path: Path) -> None:
    db = tmp_path / "data" / "store.db"
    store = open_store(f"sqlite:///{db}")
    with store.writing() as session:
        session.add(AlertState(item_id="x"))
    # While a connection is open the WAL files exist; all three must be private.
    with store.reading() as session:
        session.execute(text("SELECT 1")).one()
        for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            assert path.exists(), path
            assert _mode(path) == 0o600, path
    assert _mode(db.parent) == 0o700
    store.close()


def test_pragmas_are_set(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    with store.reading() as session:
        pragma = {
            name: session.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout")
        }
    assert pragma == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 30000}
    store.close()


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    with pytest.raises(StoreError, match="FOREIGN KEY constraint failed"), store.writing() as s:
        s.execute(
            text(
                "INSERT INTO order_lines (order_id, quantity, price, discount, title,"
                " fulfilled_quantity) VALUES (999, 1, 1, 0, 'x', 0)"
            )
        )
    store.close()


def test_sqlite_path_of_urls(tmp_path: Path) -> None:
    assert sqlite_path(f"sqlite:///{tmp_path}/a.db") == tmp_path / "a.db"
    assert sqlite_path("sqlite://") is None
    assert sqlite_path("sqlite:///:memory:") is None
    assert sqlite_path("postgresql://u@localhost/store") is None


def test_in_memory_url_works() -> None:
    store = open_store("sqlite://")
    with store.writing() as session:
        session.add(AlertState(item_id="x"))
    store.close()


def test_unwritable_location_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot create the store database"):
        open_store(f"sqlite:///{blocker}/store.db")


def test_busy_too_long_is_a_store_busy_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "store.db"
    open_store(f"sqlite:///{db}").close()
    monkeypatch.setattr("storeops.db.BUSY_TIMEOUT_MS", 100)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        store = open_store(f"sqlite:///{db}")
        with pytest.raises(StoreBusyError, match="busy"), store.writing() as session:
            session.add(AlertState(item_id="x"))
        store.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()


WRITER = textwrap.dedent(
    """
    import sys
    from sqlalchemy import select
    from storeops.db import open_store
    from storeops.models import AlertState

    store = open_store(sys.argv[1])
    for _ in range(int(sys.argv[2])):
        with store.writing() as session:
            row = session.exec(select(AlertState).where(AlertState.item_id == "counter")).one()
            row[0].consecutive_good += 1
    store.close()
    """
)


def test_two_processes_read_then_write_lose_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = open_store(url)
    with store.writing() as session:
        session.add(AlertState(item_id="counter", consecutive_good=0))
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    runs = 400
    writers = [
        subprocess.Popen(
            [sys.executable, str(script), url, str(runs)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [writer.communicate(timeout=120) for writer in writers]
    for writer, (_out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in err
    with store.reading() as session:
        counter = session.get(AlertState, "counter")
        assert counter is not None
        assert counter.consecutive_good == 2 * runs
    store.close()


def test_analyze_writes_planner_statistics(store: Store) -> None:
    with store.writing() as session:
        session.add(AlertState(item_id="x"))
    store.analyze()
    with store.reading() as session:
        tables = session.execute(text("SELECT count(*) FROM sqlite_stat1")).scalar()
    assert tables and tables > 0

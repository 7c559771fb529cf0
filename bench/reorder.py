"""How fast is `storeops reorder list`? On the large demo store, against pandas and polars.

    python bench/reorder.py [--repeat 3]       (needs the bench extra: pip install -e '.[bench]')

Prints the best wall time of:
- storeops: the reorder computation as `reorder list` runs it (window sums from the daily
  sales rollup, stock, incoming, committed, the replenishment math), rollup already fresh;
- storeops, end to end: `storeops reorder list --format json` in a subprocess;
- a rollup rebuild from scratch (what a writer's full refresh costs);
- pandas and polars: the same suggestions from the raw rows (order lines of counted orders
  in the window, stock, incoming, committed, supplier terms): read the rows, group by SKU and
  day, compute. Each must give exactly the same SKUs and quantities as storeops.
Ratios are pandas' and polars' times over storeops'. Target: storeops faster than both
(under 0.3 s here) and `reorder list` end to end under 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from common import FIXED_NOW, large_store, use_fixed_clock

WINDOW = 90
SERVICE_LEVEL = 95.0
CYCLE = 30  # replenishment.ORDER_CYCLE_DAYS


def storeops_compute(db: Path) -> dict[str, int]:
    """The reorder computation exactly as the CLI runs it (freshness test included)."""
    from storeops.inventory.freshness import fresh_sales_reader
    from storeops.inventory.suggestions import reorder_report

    with fresh_sales_reader(f"sqlite:///{db}") as reader:
        report = reorder_report(
            reader,
            today=FIXED_NOW.date(),
            now=FIXED_NOW,
            window_days=WINDOW,
            service_level=SERVICE_LEVEL,
        )
    return {s.sku: s.suggested_qty for s in report.suggestions}


def storeops_cli(db: Path) -> dict[str, int]:
    """`storeops reorder list --format json` as a user runs it."""
    result = subprocess.run(
        [sys.executable, "-m", "storeops", "reorder", "list", "--format", "json", "--db", str(db)],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ.copy(),
    )
    return {row["sku"]: row["suggested_qty"] for row in json.loads(result.stdout)}


def rebuild_rollup(db: Path) -> None:
    """A full rebuild of the daily sales rollup."""
    from storeops.db import open_store
    from storeops.inventory.rollup import refresh_sales_rollup

    store = open_store(f"sqlite:///{db}")
    try:
        with store.writing() as session:
            refresh_sales_rollup(session)
    finally:
        store.close()


def _window() -> tuple[str, str]:
    today = datetime(FIXED_NOW.year, FIXED_NOW.month, FIXED_NOW.day)
    return (today - timedelta(days=WINDOW)).isoformat(" "), today.isoformat(" ")


LINES_SQL = (
    "SELECT l.variant_id, substr(o.created_at, 1, 10) AS day, l.quantity FROM order_lines l "
    "JOIN orders o ON o.id = l.order_id WHERE o.cancelled_at IS NULL "
    "AND o.financial_status != 'voided' AND l.variant_id IS NOT NULL "
    "AND o.created_at >= ? AND o.created_at < ?"
)
SKUS_SQL = (
    "SELECT v.id AS variant_id, v.sku, v.on_hand, v.reorder_point, v.min_stock, v.max_stock, "
    "COALESCE(s.lead_time_days, 7) AS lead, COALESCE(s.pack_size, 1) AS pack, "
    "COALESCE(s.moq, 1) AS moq FROM variants v JOIN products p ON p.id = v.product_id "
    "LEFT JOIN suppliers s ON s.id = v.supplier_id WHERE p.status = 'active' "
    "AND v.sku NOT IN (SELECT key FROM snoozes WHERE kind = 'reorder' AND until > ?)"
)
INCOMING_SQL = (
    "SELECT l.variant_id, SUM(MAX(l.quantity_ordered - l.quantity_received, 0)) AS incoming "
    "FROM purchase_order_lines l JOIN purchase_orders p ON p.id = l.purchase_order_id "
    "WHERE p.status IN ('open', 'partial') GROUP BY l.variant_id"
)
COMMITTED_SQL = (
    "SELECT l.variant_id, SUM(l.quantity - l.fulfilled_quantity) AS committed "
    "FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.cancelled_at IS NULL "
    "AND o.financial_status != 'voided' "
    "AND o.fulfillment_status IN ('unfulfilled', 'partial', 'on_hold') "
    "AND l.quantity > l.fulfilled_quantity AND l.variant_id IS NOT NULL GROUP BY l.variant_id"
)


def _rows(db: Path) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    connection = sqlite3.connect(db)
    start, end = _window()
    now = FIXED_NOW.replace(tzinfo=None).isoformat(" ")
    out = {}
    for name, sql, params in (
        ("lines", LINES_SQL, (start, end)),
        ("skus", SKUS_SQL, (now,)),
        ("incoming", INCOMING_SQL, ()),
        ("committed", COMMITTED_SQL, ()),
    ):
        cursor = connection.execute(sql, params)
        out[name] = ([c[0] for c in cursor.description], cursor.fetchall())
    connection.close()
    return out


def _z() -> float:
    from statistics import NormalDist

    return NormalDist().inv_cdf(SERVICE_LEVEL / 100)


def pandas_compute(db: Path) -> dict[str, int]:
    """Read the rows, group by SKU and day in pandas, compute the suggestions vectorised."""
    import numpy as np
    import pandas as pd

    raw = _rows(db)
    frames = {
        name: pd.DataFrame.from_records(rows, columns=cols) for name, (cols, rows) in raw.items()
    }
    daily = frames["lines"].groupby(["variant_id", "day"], sort=False)["quantity"].sum()
    squared = daily * daily
    sums = pd.DataFrame(
        {"units": daily.groupby(level=0).sum(), "squares": squared.groupby(level=0).sum()}
    )
    df = frames["skus"].set_index("variant_id")
    df = df.join(sums).join(frames["incoming"].set_index("variant_id"))
    df = df.join(frames["committed"].set_index("variant_id"))
    df = df.fillna({"units": 0, "squares": 0, "incoming": 0, "committed": 0})
    units, squares = df["units"].to_numpy(float), df["squares"].to_numpy(float)
    own = df["reorder_point"].to_numpy(float)
    lo, hi = df["min_stock"].to_numpy(float), df["max_stock"].to_numpy(float)
    lead = df["lead"].to_numpy(float)
    projected = (df["on_hand"] + df["incoming"] - df["committed"]).to_numpy(float)
    qty = _vector_math(
        np,
        units,
        squares,
        own,
        lo,
        hi,
        lead,
        projected,
        df["pack"].to_numpy(float),
        df["moq"].to_numpy(float),
    )
    picked = qty > 0
    return dict(
        zip(df["sku"].to_numpy()[picked].tolist(), qty[picked].astype(int).tolist(), strict=True)
    )


def polars_compute(db: Path) -> dict[str, int]:
    """Read the rows, group by SKU and day in polars, compute the suggestions vectorised."""
    import numpy as np
    import polars as pl

    raw = _rows(db)
    frames = {
        name: pl.DataFrame(rows, schema=cols, orient="row", infer_schema_length=None)
        for name, (cols, rows) in raw.items()
    }
    daily = frames["lines"].group_by(["variant_id", "day"]).agg(pl.col("quantity").sum())
    sums = daily.group_by("variant_id").agg(
        pl.col("quantity").sum().alias("units"),
        (pl.col("quantity") * pl.col("quantity")).sum().alias("squares"),
    )
    df = (
        frames["skus"]
        .join(sums, on="variant_id", how="left")
        .join(frames["incoming"], on="variant_id", how="left")
        .join(frames["committed"], on="variant_id", how="left")
        .with_columns(pl.col("units", "squares", "incoming", "committed").fill_null(0))
    )

    def arr(name: str) -> Any:
        return df[name].cast(pl.Float64).to_numpy()

    projected = arr("on_hand") + arr("incoming") - arr("committed")
    qty = _vector_math(
        np,
        arr("units"),
        arr("squares"),
        arr("reorder_point"),
        arr("min_stock"),
        arr("max_stock"),
        arr("lead"),
        projected,
        arr("pack"),
        arr("moq"),
    )
    picked = qty > 0
    return dict(
        zip(df["sku"].to_numpy()[picked].tolist(), qty[picked].astype(int).tolist(), strict=True)
    )


def _vector_math(
    np: Any,
    units: Any,
    squares: Any,
    own: Any,
    lo: Any,
    hi: Any,
    lead: Any,
    projected: Any,
    pack: Any,
    moq: Any,
) -> Any:
    """storeops' replenishment rules (see inventory/replenishment.py) over whole columns."""
    avg = units / WINDOW
    variance = squares / WINDOW - avg * avg
    sd = np.where(variance > 0, np.sqrt(np.where(variance > 0, variance, 0)), 0.0)
    lead = np.maximum(lead, 0)
    rop = avg * lead + _z() * sd * np.sqrt(lead)
    has_own, has_lo, has_hi = ~np.isnan(own), ~np.isnan(lo), ~np.isnan(hi)
    rop = np.where(has_own, own, rop)
    due = (has_lo & (projected < np.nan_to_num(lo, nan=-1e18))) | (
        (projected <= rop) & (has_own | (avg > 0))
    )
    target = np.where(has_hi, hi, rop + avg * CYCLE)
    target = np.where(has_lo, np.maximum(target, np.nan_to_num(lo, nan=-1e18)), target)
    need = np.where(due, np.ceil(target - projected - 1e-9), 0)
    pack = np.maximum(pack, 1)
    return np.where(need > 0, np.ceil(np.maximum(need, moq) / pack) * pack, 0)


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The fastest of `repeat` runs, with the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    use_fixed_clock()
    db = large_store()
    storeops_compute(db)  # migrates the store and builds the rollup if stale, once
    rebuild, _ = best(lambda: rebuild_rollup(db), 1)
    ours, expected = best(lambda: storeops_compute(db), args.repeat)
    cli, from_cli = best(lambda: storeops_cli(db), args.repeat)
    pd_time, from_pandas = best(lambda: pandas_compute(db), args.repeat)
    pl_time, from_polars = best(lambda: polars_compute(db), args.repeat)
    for name, got in (("cli", from_cli), ("pandas", from_pandas), ("polars", from_polars)):
        if got != expected:
            diff = set(got.items()) ^ set(expected.items())
            sys.exit(f"{name} disagrees with storeops on {len(diff)} rows: {sorted(diff)[:5]}")
    print(
        f"large demo store, {len(expected)} SKUs to reorder (all four agree), best of {args.repeat}"
    )
    print(f"storeops reorder computation      {ours:6.3f} s   target < 0.3 s")
    print(f"storeops reorder list, end to end {cli:6.3f} s   target < 1 s")
    print(f"pandas                            {pd_time:6.3f} s   {pd_time / ours:4.2f}x storeops")
    print(f"polars                            {pl_time:6.3f} s   {pl_time / ours:4.2f}x storeops")
    print(f"rollup full rebuild (writers)     {rebuild:6.3f} s")


if __name__ == "__main__":
    main()

"""Benchmark: import a generated Shopify orders export of 100,000 orders (about 250,000 rows).

Prints the import's wall time and peak memory (RSS of a child process that does only the
import), then the floor: the same rows loaded with plain sqlite3 executemany into the same
schema, in the same run, and the ratio between the two. The export is generated in bench/out
(gitignored) and reused.

    python bench/import.py [--orders 100000]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from common import OUT
from shopify_exports import ORDERS_COLUMNS_79

TARGET_SECONDS = 10.0
TARGET_MB = 300.0


def generate_export(path: Path, orders: int) -> int:
    """Write the export (deterministic); return its number of rows."""
    rng = random.Random(7)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(ORDERS_COLUMNS_79)
        index = {name: position for position, name in enumerate(ORDERS_COLUMNS_79)}
        for number in range(1, orders + 1):
            created = start + timedelta(seconds=number * 300 + rng.randrange(300))
            lines = rng.choice((1, 1, 2, 2, 3, 3, 4, 4))
            for position in range(lines):
                row = [""] * len(ORDERS_COLUMNS_79)
                row[index["Name"]] = f"#{1000 + number}"
                quantity = rng.randrange(1, 4)
                row[index["Lineitem quantity"]] = str(quantity)
                row[index["Lineitem name"]] = f"Product {rng.randrange(5000)} - M / Blue"
                row[index["Lineitem price"]] = f"{rng.randrange(500, 9000) / 100:.2f}"
                row[index["Lineitem sku"]] = f"SKU-{rng.randrange(5000):05d}"
                row[index["Lineitem discount"]] = "0.00"
                row[index["Lineitem fulfillment status"]] = "fulfilled"
                if position == 0:
                    row[index["Email"]] = f"customer{rng.randrange(orders // 2)}@example.com"
                    row[index["Financial Status"]] = "paid"
                    row[index["Fulfillment Status"]] = "fulfilled"
                    row[index["Accepts Marketing"]] = rng.choice(("yes", "no"))
                    row[index["Currency"]] = "USD"
                    row[index["Subtotal"]] = "40.00"
                    row[index["Shipping"]] = "5.00"
                    row[index["Taxes"]] = "3.20"
                    row[index["Total"]] = "48.20"
                    row[index["Discount Amount"]] = "0.00"
                    row[index["Shipping Method"]] = "Standard"
                    row[index["Created at"]] = created.strftime("%Y-%m-%d %H:%M:%S %z")
                    row[index["Billing Name"]] = "Ada Lovelace"
                    row[index["Shipping Name"]] = "Ada Lovelace"
                    row[index["Shipping Address1"]] = f"{number} Main St"
                    row[index["Shipping City"]] = "Cambridge"
                    row[index["Shipping Zip"]] = "'02139"
                    row[index["Shipping Country"]] = "US"
                    row[index["Id"]] = str(5_000_000_000 + number)
                    row[index["Risk Level"]] = "Low"
                    row[index["Source"]] = "web"
                writer.writerow(row)
                rows += 1
    return rows


CHILD = """
import resource, time
from pathlib import Path
from storeops.db import open_store
from storeops.importers.pipeline import run_import
from storeops.importers.shopify import shopify_importer
store = open_store("sqlite:///{db}")
started = time.perf_counter()
summary = run_import(store, shopify_importer("orders"), Path(r"{export}"))
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_SELF)
print(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
      dict(summary.created), dict(summary.unchanged))
"""


def create_schema(db: Path) -> None:
    """A fresh store at `db`: migration time is not import time."""
    db.unlink(missing_ok=True)
    subprocess.run(
        [sys.executable, "-c", f"from storeops.db import open_store; open_store('sqlite:///{db}')"],
        check=True,
    )


def timed_import(export: Path, db: Path) -> tuple[float, float, float, str]:
    """Import in a child process: (wall s, CPU s, peak RSS MB, its counts).

    CPU seconds are reported beside wall time: on a machine shared with other work they are
    the steadier figure. Peak RSS is the child's own (getrusage), so it is the import's.
    """
    code = CHILD.format(db=db, export=export)
    result = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    )
    seconds, cpu, peak, rest = result.stdout.split(" ", 3)
    return float(seconds), float(cpu), float(peak), rest.strip()


def floor_executemany(export: Path, db: Path) -> float:
    """The same rows as plain tuples into the same schema with sqlite3 executemany."""
    create_schema(db)
    with export.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        at = {name: position for position, name in enumerate(header)}
        orders: list[tuple[object, ...]] = []
        lines: list[tuple[object, ...]] = []
        order_id = 0
        for row in reader:
            if row[at["Created at"]]:
                order_id += 1
                orders.append(
                    (order_id, "shopify", row[at["Id"]], row[at["Name"]], row[at["Email"]],
                     row[at["Created at"]], row[at["Total"]])
                )  # fmt: skip
            lines.append(
                (order_id, row[at["Lineitem sku"]], row[at["Lineitem name"]],
                 int(row[at["Lineitem quantity"]]), row[at["Lineitem price"]])
            )  # fmt: skip
    connection = sqlite3.connect(db, isolation_level=None)
    started = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(
        "INSERT INTO orders (id, source, external_id, number, email, created_at, total,"
        " financial_status, fulfillment_status, risk, tags, note, currency, subtotal,"
        " shipping, tax, discount, channel, express)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, 'paid', 'fulfilled', 'low', '', '', 'USD', 0, 0, 0, 0,"
        " 'web', 0)",
        orders,
    )
    connection.executemany(
        "INSERT INTO order_lines (order_id, sku, title, quantity, price, discount,"
        " fulfilled_quantity) VALUES (?, ?, ?, ?, ?, 0, 0)",
        lines,
    )
    connection.execute("COMMIT")
    seconds = time.perf_counter() - started
    connection.close()
    return seconds


def main() -> None:
    """Generate (once), import, measure the floor, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    args = parser.parse_args()
    folder = OUT / "import"
    folder.mkdir(parents=True, exist_ok=True)
    export = folder / f"orders_export_{args.orders}.csv"
    if not export.exists():
        started = time.perf_counter()
        rows = generate_export(export, args.orders)
        print(f"generated {export.name}: {rows:,} rows in {time.perf_counter() - started:.1f}s")
    rows = sum(1 for _ in export.open(encoding="utf-8")) - 1
    size_mb = export.stat().st_size / 1e6
    print(f"export: {args.orders:,} orders, {rows:,} rows, {size_mb:.0f} MB")
    print(f"machine load average: {os.getloadavg()[0]:.1f} (wall times grow with it)")
    create_schema(folder / "store.db")
    seconds, cpu, peak, detail = timed_import(export, folder / "store.db")
    figures = f"{seconds:6.2f}s wall {cpu:6.2f}s CPU  peak RSS {peak:4.0f} MB"
    print(f"storeops import:   {figures}  {detail}")
    again, again_cpu, again_peak, again_detail = timed_import(export, folder / "store.db")
    print(
        f"re-import (no-op): {again:6.2f}s wall {again_cpu:6.2f}s CPU  peak RSS"
        f" {again_peak:4.0f} MB  {again_detail}"
    )
    floor = floor_executemany(export, folder / "floor.db")
    print(f"floor (plain sqlite3 executemany of the same rows): {floor:6.2f}s wall")
    print(f"ratio import / floor: {seconds / floor:5.1f}x")
    verdict = "met" if seconds < TARGET_SECONDS and peak < TARGET_MB else "NOT met"
    print(f"target for 100,000 orders, < {TARGET_SECONDS:.0f}s and < {TARGET_MB:.0f} MB: {verdict}")


if __name__ == "__main__":
    main()

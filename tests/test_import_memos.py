"""The import's memos give what the readings they remember give, the second time too.

Shopify times are moved to UTC once per hour (or per minute, for offsets like +0530) and
their minutes and seconds copied; a line's refused cell is found again on the row it is on.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from shopify_exports import order_rows, orders_csv, write
from storeops.db import Store
from storeops.importers import upsert, values
from storeops.importers.pipeline import run_import
from storeops.importers.problems import CellError
from storeops.importers.shopify import shopify_importer


def reference_time(cell: str) -> tuple[str, Any]:
    """The full reading of a time cell, as the dialect stores it."""
    from storeops.models.types import UTCDateTime

    as_time = upsert._sqlite_value(UTCDateTime())
    assert as_time is not None
    try:
        return ("value", as_time(values.timestamp("Created at", cell)))
    except CellError:
        return ("refused", None)
    except OverflowError:
        return ("overflow", None)


def stored_time(cell: str) -> tuple[str, Any]:
    """The import's reading of a time cell."""
    try:
        return ("value", values.stored_timestamp("Created at", cell))
    except CellError:
        return ("refused", None)
    except OverflowError:
        return ("overflow", None)


@settings(max_examples=200, deadline=None)
@given(
    start=st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    offset=st.sampled_from(["-0700", "+0000", "-0000", "+0530", "-0930", "+1245", "+2359"]),
    seconds=st.lists(st.integers(min_value=0, max_value=7200), min_size=1, max_size=6),
)
@example(start=datetime(2025, 12, 31, 23, 0), offset="-0100", seconds=[0, 3599, 3600])
def test_times_in_the_same_hour_read_from_the_memo_equal_the_full_reading(
    start: datetime, offset: str, seconds: list[int]
) -> None:
    for second in [*seconds, *seconds]:  # the second time round from the memo
        moment = start + timedelta(seconds=second)
        if moment.year > 9999:
            continue
        cell = moment.strftime("%Y-%m-%d %H:%M:%S ") + offset
        assert stored_time(cell) == reference_time(cell)


@given(
    clock=st.text(alphabet="0123456789:٣ ", min_size=6, max_size=6),
)
@example(clock=":60:00")
@example(clock=":59:60")
@example(clock=":٣9:00")
def test_a_clock_that_is_not_a_time_is_not_copied_from_the_memo(clock: str) -> None:
    values.stored_timestamp("Created at", "2025-04-01 17:18:52 -0700")  # the hour remembered
    cell = f"2025-04-01 17{clock} -0700"
    assert stored_time(cell) == reference_time(cell)


def test_shopify_hours_are_moved_once() -> None:
    values.stored_timestamp("Created at", "2031-04-01 17:18:52 -0700")
    assert values._MOVED["2031-04-01 17 -0700"] == "2031-04-02 00"
    values._MOVED["2031-04-01 17 -0700"] = "remembered"
    assert values.stored_timestamp("Created at", "2031-04-01 17:00:01 -0700") == (
        "remembered:00:01.000000"
    )
    del values._MOVED["2031-04-01 17 -0700"]


def test_a_refused_line_cell_is_reported_on_its_own_row(store: Store, tmp_path: Path) -> None:
    rows = order_rows(
        "#1001",
        [
            {"Lineitem name": "Mug - Blue", "Lineitem sku": "MUG-BLUE"},
            {"Lineitem name": "Tee - M", "Lineitem quantity": "two"},
            {"Lineitem name": "Cap", "Lineitem sku": "8.72E+12"},
        ],
        order_id="5001",
    )
    path = write(tmp_path / "orders.csv", orders_csv(rows))

    summary = run_import(store, shopify_importer("orders"), path, skip_bad_rows=True)

    # The order's first refused cell, on the row it is on (the header is line 1).
    assert [(problem.line, problem.column) for problem in summary.errors] == [
        (3, "Lineitem quantity")
    ]
    assert summary.rejected == 3


def test_stored_amounts_are_remembered_per_column_across_batches(store: Store) -> None:
    from storeops.importers import stored

    lines = upsert.table("order_lines")
    columns = ["order_id", "price", "discount"]
    rows = [(1, 12.5, 0), (2, 3, 0.1)]
    with store.reading() as session:
        connection = session.connection()
        first = stored.StoredComparison(connection, lines, columns).comparable(rows)
        memos = len(upsert._REMEMBERED)
        # A later batch's comparison reads the same memos: none is added per batch.
        again = stored.StoredComparison(connection, lines, columns).comparable(rows)
        assert len(upsert._REMEMBERED) == memos
    assert first == again == [(1, "12.50", "0.00"), (2, "3.00", "0.10")]

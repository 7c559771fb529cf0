"""Is the daily sales rollup fresh? In plain SQL, so a reading command need not import SQLAlchemy.

`storeops.inventory.rollup` rebuilds the rollup (a write, through SQLAlchemy); this module only
compares the watermark stored at the last rebuild with the live order history, over any
`Reader`. `fresh_sales_reader` gives a command a Reader on a store whose rollup is fresh: the
standard library's sqlite3 in the common case (the rollup is fresh), the full `open_store`
path, which rebuilds it, otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from storeops.readers import (
    Reader,
    SessionReader,
    SqliteReader,
    open_reader,
    open_readers_together,
    store_reader,
)


@dataclass(frozen=True)
class Watermark:
    """The order history figures the rollup was built from."""

    max_line_id: int
    uncounted_orders: int


# Two counts rather than NOT counted(): each is answered from an index or a short scan.
_LIVE = """
SELECT (SELECT coalesce(max(id), 0) FROM order_lines),
       (SELECT count(*) FROM orders WHERE cancelled_at IS NOT NULL),
       (SELECT count(*) FROM orders WHERE financial_status = 'voided' AND cancelled_at IS NULL)
"""

_STORED = "SELECT max_line_id, uncounted_orders FROM sales_rollup_state WHERE id = 1"


def current_watermark(reader: Reader) -> Watermark:
    """The live figures to compare with the stored watermark."""
    max_id, cancelled, voided = reader.rows(_LIVE)[0]
    return Watermark(int(max_id or 0), int(cancelled or 0) + int(voided or 0))


def stored_watermark(reader: Reader) -> Watermark | None:
    """The watermark of the last rebuild, None before the first."""
    rows = reader.rows(_STORED)
    if not rows:
        return None
    max_line_id, uncounted = rows[0]
    return Watermark(int(max_line_id), int(uncounted))


def is_fresh(reader: Reader) -> bool:
    """True when the rollup was built from the order history as it is now.

    A store that never had an order line is fresh without a build: an empty rollup is right,
    and reading such a store (a first `storeops check`) then writes nothing.
    """
    stored = stored_watermark(reader) or Watermark(0, 0)
    return stored == current_watermark(reader)


@contextmanager
def fresh_sales_reader(url: str) -> Iterator[Reader]:
    """A Reader on the store at `url` whose daily sales rollup is fresh.

    The freshness test runs in the reader's own snapshot, so what it proved holds for every
    query the caller makes. Only a stale rollup (or a store that is not a current SQLite file)
    takes the slower path through `open_store`, which may write.
    """
    with open_reader(url) as reader:
        if isinstance(reader, SqliteReader) and is_fresh(reader):
            yield reader
            return
    from storeops.db import open_store
    from storeops.inventory.rollup import ensure_fresh

    with open_store(url) as store:
        ensure_fresh(store)
        with store_reader(store) as session_reader:
            yield session_reader


@contextmanager
def fresh_sales_readers(url: str, count: int) -> Iterator[list[Reader]]:
    """Up to `count` Readers on one snapshot of the store at `url`, its sales rollup fresh.

    `fresh_sales_reader` for work spread over several connections (a report's sections):
    plain sqlite3 when the rollup is fresh in the pinned snapshot, else `open_store`, which
    rebuilds it, and `Store.reading_together`.
    """
    with open_readers_together(url, count) as readers:
        if isinstance(readers[0], SqliteReader) and is_fresh(readers[0]):
            yield readers
            return
    from storeops.db import open_store
    from storeops.inventory.rollup import ensure_fresh

    with open_store(url) as store:
        ensure_fresh(store)
        with store.reading_together(count) as sessions:
            yield [SessionReader(session) for session in sessions]

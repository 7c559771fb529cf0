"""Running a sync: page by page, each page committed with the cursor it reached.

A failure (network, rate limit exhausted, a bad answer) leaves every committed page in place
and the cursor at the last of them, so the next run resumes there. The state row records the
outcome for `storeops sync status`; credentials never reach it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storeops.clock import now
from storeops.importers.hooks import after_orders_written
from storeops.importers.shopify_orders import ShopifyOrders
from storeops.importers.summary import ImportSummary
from storeops.importers.upsert import existing_rows, table, upsert
from storeops.sync.platforms import Platform
from storeops.sync.transport import SyncError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from storeops.db import Store
    from storeops.importers.pipeline import Record


@dataclass
class SyncResult:
    """What one sync run did."""

    source: str
    shop: str
    summary: ImportSummary
    cursor: datetime | None = None
    pages: int = 0
    incremental: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The result as `--format json` prints it."""
        counts = self.summary.as_json()
        return {
            "source": self.source,
            "shop": self.shop,
            "incremental": self.incremental,
            "pages": self.pages,
            "cursor": self.cursor.isoformat() if self.cursor else None,
            "created": counts["created"],
            "updated": counts["updated"],
            "unchanged": counts["unchanged"],
        }


def run_sync(store: Store, platform: Platform, *, full: bool = False) -> SyncResult:
    """Fetch what changed since the last cursor (everything with `full`) and upsert it."""
    from storeops.models import SyncState

    with store.writing() as session:
        state = session.get(SyncState, (platform.source, platform.shop))
        if state is None:
            state = SyncState(source=platform.source, shop=platform.shop)
        since = None if full else state.cursor
        state.status, state.started_at, state.rows, state.error = "running", now(), 0, None
        session.add(state)
    summary = ImportSummary(platform.source, "orders", Path(platform.shop))
    for counts in (summary.created, summary.updated, summary.unchanged):
        counts.update(dict.fromkeys(("customers", "orders", "order_lines", "shipments"), 0))
    result = SyncResult(
        platform.source, platform.shop, summary, since, incremental=since is not None
    )
    writer = ShopifyOrders(source=platform.source)
    try:
        for records, newest in platform.pages(since):
            with store.writing() as session:
                connection = session.connection()
                if records:
                    writer.write(connection, records, summary)
                    _write_shipments(connection, platform.source, records, summary)
                    after_orders_written(connection)
                if newest is not None and (result.cursor is None or newest > result.cursor):
                    result.cursor = newest
                page_state = session.get(SyncState, (platform.source, platform.shop))
                assert page_state is not None
                page_state.cursor = result.cursor
                page_state.rows += len(records)
                page_state.total_rows += len(records)
            result.pages += 1
    except SyncError as exc:
        _finish(store, platform, "failed", str(exc))
        raise
    _finish(store, platform, "ok", None)
    return result


def _finish(store: Store, platform: Platform, status: str, error: str | None) -> None:
    from storeops.models import SyncState

    with store.writing() as session:
        state = session.get(SyncState, (platform.source, platform.shop))
        assert state is not None
        state.status, state.finished_at, state.error = status, now(), error


def _write_shipments(
    connection: Connection, source: str, records: list[Record], summary: ImportSummary
) -> None:
    # Fulfillments with tracking numbers become shipments, keyed on carrier and tracking number.
    wanted = [r for r in records if r.extra.get("shipments")]
    if not wanted:
        return
    ids = existing_rows(
        connection,
        table("orders"),
        "external_id",
        [r.values["external_id"] for r in wanted],
        ["id"],
        {"source": source},
    )
    rows = {}
    for record in wanted:
        order_id = ids[record.values["external_id"]]["id"]
        for shipment in record.extra["shipments"]:
            rows[(shipment["carrier"], shipment["tracking_number"])] = {
                **shipment,
                "order_id": order_id,
            }
    upsert(
        connection,
        table("shipments"),
        ("carrier", "tracking_number"),
        list(rows.values()),
        summary,
        "shipments",
    )


def sync_states(store: Store) -> list[dict[str, Any]]:
    """Every sync's state, for `storeops sync status`."""
    from sqlmodel import select

    from storeops.models import SyncState

    with store.reading() as session:
        states = session.exec(select(SyncState).order_by(SyncState.source, SyncState.shop)).all()
        return [state.model_dump() for state in states]

"""Where each API sync stands: its cursor (resume point), last outcome, rows and errors.

One row per source and shop. The cursor is the newest modification time of the records
already committed, so a sync that failed half-way resumes from there, and the next run fetches
only what changed since (incremental). Credentials are never stored here.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from storeops.models.base import TableModel
from storeops.models.types import optional_timestamp


class SyncState(TableModel, table=True):
    """The state of syncing one shop of one platform."""

    __tablename__ = "sync_states"

    source: str = Field(primary_key=True)  # woocommerce | shopify
    shop: str = Field(primary_key=True)  # the shop's address, without credentials
    cursor: datetime | None = optional_timestamp()
    started_at: datetime | None = optional_timestamp()
    finished_at: datetime | None = optional_timestamp()
    status: str = "never"  # never | running | ok | failed
    rows: int = 0  # records written by the last run
    total_rows: int = 0
    error: str | None = None

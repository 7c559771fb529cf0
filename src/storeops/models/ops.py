"""storeops' own records: runs of the routine, item results, storefront probes, alert state,
snoozes and backups. These are the history a store owner looks back on.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field

from storeops.models.base import TableModel
from storeops.models.types import optional_money, optional_timestamp, timestamp

RUN_STATUSES = ("running", "completed", "interrupted", "abandoned", "failed")
LEVELS = ("OK", "WARN", "CRIT", "UNKNOWN", "SKIPPED")


class Run(TableModel, table=True):
    """One run of (part of) the routine, by a person or by cron."""

    __tablename__ = "runs"
    __table_args__ = (Index("ix_runs_local_date", "local_date", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str  # morning | day | evening | area | check
    scope: str = ""  # the area or part of the day it covered, if any
    trigger: str = "interactive"  # interactive | auto
    status: str = "running"
    operator: str = ""
    hostname: str = ""
    pid: int | None = None
    local_date: date
    started_at: datetime = timestamp(index=True)
    heartbeat_at: datetime | None = optional_timestamp()
    finished_at: datetime | None = optional_timestamp()
    worst_level: str | None = None
    exit_code: int | None = None
    checklist_fingerprint: str = ""  # JSON of item id -> content hash at start


class ItemResult(TableModel, table=True):
    """What happened to one checklist item in a run: a check's result, an answer, or both."""

    __tablename__ = "item_results"
    __table_args__ = (
        Index("ix_item_results_item_time", "item_id", "recorded_at"),
        UniqueConstraint("run_id", "item_id", name="uq_item_results_run_item"),
    )

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="runs.id", index=True)
    item_id: str
    area: str
    check_type: str | None = None
    level: str | None = None  # one of LEVELS, for automated checks
    value: float | None = None
    summary: str = ""
    details: str = "[]"  # JSON list of objects
    money_at_stake: Decimal | None = optional_money()
    waited_hours: float | None = None  # the longest a customer has waited, for ranking
    answer: str | None = None  # done | skipped | later | problem | acknowledged
    note: str = ""
    field_values: str = "{}"  # JSON of the typed fields the operator filled in
    operator: str = ""
    recorded_at: datetime = timestamp()
    duration_ms: float | None = None


class Probe(TableModel, table=True):
    """One request to the storefront, kept so uptime and trends come from history."""

    __tablename__ = "probes"
    __table_args__ = (Index("ix_probes_url_checked", "url", "checked_at"),)

    id: int | None = Field(default=None, primary_key=True)
    url: str
    checked_at: datetime = timestamp()
    status_code: int | None = None
    verdict: str = "ok"  # ok | slow | http_error | timeout | refused | dns | tls | ...
    ttfb_ms: float | None = None
    total_ms: float | None = None
    bytes: int | None = None
    error: str | None = None


class AlertState(TableModel, table=True):
    """Per item: the state alerts last reported, and the run of good/bad results since."""

    __tablename__ = "alert_states"

    item_id: str = Field(primary_key=True)
    state: str = "OK"  # the state last announced
    last_level: str = "OK"
    consecutive_bad: int = 0
    consecutive_good: int = 0
    changed_at: datetime | None = optional_timestamp()
    notified_at: datetime | None = optional_timestamp()
    delivery_error: str | None = None


class Snooze(TableModel, table=True):
    """A suggestion or check silenced until a time, with the reason."""

    __tablename__ = "snoozes"
    __table_args__ = (Index("ix_snoozes_kind_key", "kind", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str  # reorder | check
    key: str  # a SKU or an item id
    until: datetime = timestamp()
    reason: str = ""
    created_at: datetime = timestamp()


class Backup(TableModel, table=True):
    """A backup of the site or of the store database, and whether it was verified."""

    __tablename__ = "backups"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = "site"  # site | database | config
    created_at: datetime = timestamp(index=True)
    location: str = ""
    bytes: int | None = None
    verified: bool = False

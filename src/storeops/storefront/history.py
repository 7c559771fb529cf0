"""Uptime and response times from recorded probes: what `storeops site uptime` shows.

Computed in the database (GROUP BY over the indexed url/checked_at), one row per URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storeops.db import Executor

# Verdicts that count as "up": a slow answer is still an answer.
UP_VERDICTS = ("ok", "slow")


@dataclass(frozen=True)
class UptimeRow:
    """One URL's record over a period."""

    url: str
    probes: int
    up: int
    avg_ms: float | None
    max_ms: float | None
    avg_ttfb_ms: float | None
    changes: int = 0  # up/down flips: flapping shows as many changes

    @property
    def uptime_pct(self) -> float:
        """Share of probes that got an answer (100 when nothing was probed)."""
        return 100.0 * self.up / self.probes if self.probes else 100.0


def uptime_summary(
    session: Executor, *, since: datetime, url: str | None = None
) -> list[UptimeRow]:
    """Per URL since `since`: probes, up, response times; one empty row for `url` if unseen."""
    from sqlalchemy import case, func, select

    from storeops.tables import Probe

    is_up = case((Probe.verdict.in_(UP_VERDICTS), 1), else_=0)
    up_ms = case((Probe.verdict.in_(UP_VERDICTS), Probe.total_ms), else_=None)
    query = (
        select(
            Probe.url,
            func.count(),
            func.sum(is_up),
            func.avg(up_ms),
            func.max(up_ms),
            func.avg(case((Probe.verdict.in_(UP_VERDICTS), Probe.ttfb_ms))),
        )
        .where(Probe.checked_at >= since)
        .group_by(Probe.url)
        .order_by(Probe.url)
    )
    if url is not None:
        query = query.where(Probe.url == url)
    rows = [
        UptimeRow(name, count, int(up or 0), avg, peak, ttfb, _flips(session, name, since))
        for name, count, up, avg, peak, ttfb in session.execute(query).all()
    ]
    if url is not None and not rows:
        rows = [UptimeRow(url, 0, 0, None, None, None)]
    return rows


def _flips(session: Executor, url: str, since: datetime) -> int:
    from sqlalchemy import select

    from storeops.tables import Probe

    verdicts = session.scalars(
        select(Probe.verdict)
        .where(Probe.url == url, Probe.checked_at >= since)
        .order_by(Probe.checked_at, Probe.id)
    ).all()
    states = [verdict in UP_VERDICTS for verdict in verdicts]
    return sum(1 for before, after in pairwise(states) if before != after)

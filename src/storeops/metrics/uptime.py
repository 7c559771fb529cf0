"""The storefront's uptime and speed, from the probes recorded in the history.

- A probe is up when its verdict is `ok` or `slow`: the page answered, if slowly. Anything
  else (HTTP error, timeout, refused, DNS, TLS...) is down.
- Uptime is the share of probes that were up; response times are the total request times of
  the probes that answered, as a median and a 95th percentile.
"""

from __future__ import annotations

import statistics
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from storeops.metrics.plain.operations import Uptime as Uptime
from storeops.tables import Probe
from storeops.vocabulary import UP_VERDICTS as UP_VERDICTS

if TYPE_CHECKING:
    from storeops.db import Executor


def uptime(session: Executor, start: datetime, end: datetime) -> Uptime:
    """Uptime and response times of the probes taken in [start, end)."""
    rows = session.execute(
        select(Probe.verdict, Probe.total_ms).where(
            Probe.checked_at >= start, Probe.checked_at < end
        )
    ).all()
    up = sum(1 for verdict, _ in rows if verdict in UP_VERDICTS)
    times = sorted(ms for verdict, ms in rows if verdict in UP_VERDICTS and ms is not None)
    median = statistics.median(times) if times else None
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))] if times else None
    return Uptime(len(rows), up, median, p95)

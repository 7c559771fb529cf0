"""Probing storefront pages: a GET with retries before a "down" verdict, every attempt kept.

A page is "down" only after `attempts` tries with a growing pause between them, so one lost
packet does not page anyone; each try is still recorded as a Probe row, because uptime % and
flapping are computed from what actually happened.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from storeops import http

if TYPE_CHECKING:
    import httpx

    from storeops.config import Settings, StorefrontSection
    from storeops.db import Executor

BACKOFF_SECONDS = 0.5


@dataclass
class PageProbe:
    """The attempts at one page; `final` is what the page's verdict rests on."""

    url: str
    attempts: list[http.Fetched] = field(default_factory=list)

    @property
    def final(self) -> http.Fetched:
        """The last attempt (the first good one, or the last failure)."""
        return self.attempts[-1]


def retryable(result: http.Fetched) -> bool:
    """Whether another attempt may see something different (network trouble, 5xx)."""
    return result.verdict in http.NETWORK_VERDICTS or (result.status_code or 0) >= 500


def fetch_policy(section: StorefrontSection) -> http.FetchPolicy:
    """The per-request bounds from the storefront configuration."""
    return http.FetchPolicy(
        deadline=section.deadline_seconds,
        max_bytes=section.max_bytes,
        allowed_hosts=frozenset(alias.lower() for alias in section.aliases),
    )


async def probe_page(
    client: httpx.AsyncClient,
    url: str,
    policy: http.FetchPolicy,
    *,
    attempts: int = 3,
    headers: dict[str, str] | None = None,
    backoff: float = BACKOFF_SECONDS,
) -> PageProbe:
    """GET `url` up to `attempts` times, pausing backoff, 2x backoff... between failures."""
    probe = PageProbe(url)
    for attempt in range(attempts):
        if attempt:
            await asyncio.sleep(backoff * 2 ** (attempt - 1))
        result = await http.fetch(client, url, policy, headers=headers)
        probe.attempts.append(result)
        if not retryable(result):
            break
    return probe


def page_urls(root: str, paths: list[str]) -> list[str]:
    """Absolute URLs of configured paths (relative to the storefront root)."""
    return [urljoin(root, path) for path in paths]


def client_for(settings: Settings, *, connections: int = 4) -> httpx.AsyncClient:
    """An async client trusting the configured CA bundle, if any."""
    section = settings.config.storefront
    verify: bool | str = section.ca_bundle or True
    return http.make_async_client(
        timeout=section.deadline_seconds, verify=verify, max_connections=connections
    )


def verdict_for_record(result: http.Fetched, warn_ms: float) -> str:
    """The stored verdict: a good but slow answer is "slow"."""
    if result.verdict == http.OK and (result.total_ms or 0) >= warn_ms:
        return "slow"
    return result.verdict


def record_probes(
    session: Executor, probes: list[PageProbe], *, now: datetime, warn_ms: float
) -> None:
    """Keep every attempt as a Probe row, in its own short write transaction.

    The check's session is the run's read snapshot; probes are written through a separate
    write session on the same engine so the snapshot is untouched and the write lock is
    taken up front (BEGIN IMMEDIATE), not by upgrading a read transaction.
    """
    from sqlalchemy import insert

    from storeops.db import engine_of
    from storeops.tables import Probe

    engine = engine_of(session)
    rows = [
        {
            "url": attempt.url,
            "checked_at": now,
            "status_code": attempt.status_code,
            "verdict": verdict_for_record(attempt, warn_ms),
            "ttfb_ms": attempt.ttfb_ms,
            "total_ms": attempt.total_ms,
            "bytes": len(attempt.body) if attempt.body else None,
            "error": attempt.error,
        }
        for probe in probes
        for attempt in probe.attempts
    ]
    if not rows:
        return
    write_engine = engine.execution_options(storeops_write=True)
    with write_engine.begin() as writer:
        writer.execute(insert(Probe), rows)

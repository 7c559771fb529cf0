"""The broken-link crawler: every page of the storefront once, every link checked once.

It starts at the root, follows only http(s) links on the same host (or a configured alias),
parses only HTML, honours robots.txt, and stops at hard caps on pages, depth, time and bytes.
External links are checked with HEAD (GET when the server answers 405), never crawled. Each
broken link is reported with every page that links to it.

Concurrency is a pool of asyncio workers over one httpx connection pool; politeness is a
per-host minimum interval between request starts (0 lifts it, for a local benchmark).
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from storeops import http
from storeops.storefront.links import extract_links, normalise
from storeops.storefront.robots import Robots, robots_from_answer

MAX_QUERY_VARIANTS = 10  # per path: faceted navigation must not become an endless crawl
MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True)
class CrawlLimits:
    """The hard caps and the politeness of one crawl."""

    max_pages: int = 500
    max_depth: int = 10
    seconds: float = 300
    max_total_bytes: int = 500_000_000
    concurrency: int = 4
    rate_per_second: float = 5  # per host; 0 means no limit
    fetch: http.FetchPolicy = field(default_factory=http.FetchPolicy)
    aliases: frozenset[str] = frozenset()


@dataclass
class LinkProblem:
    """A link that does not work, and the pages that link to it."""

    url: str
    verdict: str
    status_code: int | None
    error: str | None
    referrers: list[str]


@dataclass
class CrawlReport:
    """What a crawl found."""

    root: str
    pages: int = 0
    links_checked: int = 0
    requests: int = 0
    seconds: float = 0.0
    broken: list[LinkProblem] = field(default_factory=list)
    blocked: list[LinkProblem] = field(default_factory=list)
    robots_skipped: int = 0
    stopped: str | None = None  # which cap ended the crawl early, if one did
    unreachable: str | None = None  # why the site itself could not be reached, if so


class _Crawl:
    def __init__(self, client: object, root: str, limits: CrawlLimits) -> None:
        self.client = client
        self.root = normalise(root) or root
        self.limits = limits
        self.hosts = {(urlsplit(self.root).hostname or "").lower(), *limits.aliases}
        self.queue: asyncio.Queue[tuple[str, int]] = asyncio.Queue()
        self.seen: set[str] = set()
        self.referrers: dict[str, set[str]] = defaultdict(set)
        self.variants: dict[str, int] = defaultdict(int)
        self.results: dict[str, http.Fetched] = {}
        self.next_start: dict[str, float] = defaultdict(float)
        self.robots: Robots = Robots()
        self.report = CrawlReport(root=self.root)
        self.total_bytes = 0
        self.internal_queued = 0
        self.deadline = 0.0

    def internal(self, url: str) -> bool:
        return (urlsplit(url).hostname or "").lower() in self.hosts

    def enqueue(self, url: str, depth: int, referrer: str | None) -> None:
        if referrer is not None:
            self.referrers[url].add(referrer)
        if url in self.seen:
            return
        internal = self.internal(url)
        if internal:
            parts = urlsplit(url)
            if parts.query:
                key = parts.netloc + parts.path
                if self.variants[key] >= MAX_QUERY_VARIANTS:
                    return
                self.variants[key] += 1
            if not self.robots.allows(url):
                self.seen.add(url)
                self.report.robots_skipped += 1
                return
            if depth > self.limits.max_depth:
                return
            if self.internal_queued >= self.limits.max_pages:
                self.report.stopped = f"page cap ({self.limits.max_pages})"
                return
            self.internal_queued += 1
        self.seen.add(url)
        self.queue.put_nowait((url, depth))

    async def polite_wait(self, url: str) -> None:
        rate = self.limits.rate_per_second
        host = urlsplit(url).netloc
        now = time.monotonic()
        start = max(now, self.next_start[host])
        self.next_start[host] = start + (1 / rate if rate > 0 else 0)
        if start > now:
            await asyncio.sleep(start - now)

    async def visit(self, url: str, depth: int) -> None:
        import httpx

        assert isinstance(self.client, httpx.AsyncClient)
        await self.polite_wait(url)
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            self.report.stopped = f"time cap ({self.limits.seconds:g}s)"
            return
        policy = self.limits.fetch
        internal = self.internal(url)
        if internal:
            policy = _replace(policy, deadline=min(policy.deadline, remaining))
            result = await http.fetch(self.client, url, policy)
        else:
            policy = _replace(
                policy, deadline=min(policy.deadline, remaining), same_host=False, read_body=False
            )
            result = await http.fetch(self.client, url, policy, method="HEAD")
            if result.status_code in (405, 501):
                result = await http.fetch(self.client, url, policy)
        self.report.requests += result.requests
        if result.status_code in (429, 503) and "retry-after" in result.headers:
            pause = _retry_after(result.headers["retry-after"])
            host = urlsplit(url).netloc
            self.next_start[host] = max(self.next_start[host], time.monotonic() + pause)
        self.results[url] = result
        if not internal or result.verdict != http.OK or not result.is_html:
            return
        self.report.pages += 1
        self.total_bytes += len(result.body)
        if self.total_bytes > self.limits.max_total_bytes:
            self.report.stopped = f"byte cap ({self.limits.max_total_bytes:,})"
            return
        final = normalise(result.final_url) or url
        if not self.internal(final):
            return
        for link in extract_links(final, result.text):
            self.enqueue(link, depth + 1, url)

    async def worker(self) -> None:
        while True:
            url, depth = await self.queue.get()
            try:
                if time.monotonic() < self.deadline:
                    await self.visit(url, depth)
                else:
                    self.report.stopped = f"time cap ({self.limits.seconds:g}s)"
            finally:
                self.queue.task_done()

    async def load_robots(self) -> None:
        import httpx

        assert isinstance(self.client, httpx.AsyncClient)
        parts = urlsplit(self.root)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        self.seen.add(robots_url)
        answer = await http.fetch(self.client, robots_url, self.limits.fetch)
        self.report.requests += answer.requests
        if answer.verdict in http.NETWORK_VERDICTS:
            self.report.unreachable = f"{answer.verdict} ({answer.error})"
        status = answer.status_code if answer.verdict in (http.OK, http.HTTP_ERROR) else None
        if answer.verdict == http.BLOCKED:
            status = answer.status_code
        self.robots = robots_from_answer(status, answer.text)

    async def run(self) -> CrawlReport:
        started = time.monotonic()
        self.deadline = started + self.limits.seconds
        await self.load_robots()
        self.enqueue(self.root, 0, None)
        workers = [asyncio.create_task(self.worker()) for _ in range(self.limits.concurrency)]
        try:
            await self.queue.join()
        finally:
            for task in workers:
                task.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
        self.report.seconds = time.monotonic() - started
        self.report.links_checked = len(self.results)
        self.collect_problems()
        return self.report

    def collect_problems(self) -> None:
        for url, result in sorted(self.results.items()):
            if result.verdict == http.OK:
                continue
            problem = LinkProblem(
                url=url,
                verdict=result.verdict,
                status_code=result.status_code,
                error=result.error,
                referrers=sorted(self.referrers.get(url, ())),
            )
            if result.verdict == http.BLOCKED:
                self.report.blocked.append(problem)
            else:
                self.report.broken.append(problem)


def _replace(policy: http.FetchPolicy, **changes: object) -> http.FetchPolicy:
    from dataclasses import replace

    return replace(policy, **changes)  # type: ignore[arg-type]


def _retry_after(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        return 5.0  # an HTTP date: wait a little rather than parse a clock we may not share
    return max(0.0, min(seconds, MAX_RETRY_AFTER))


async def crawl_async(root: str, limits: CrawlLimits, *, verify: bool | str = True) -> CrawlReport:
    """Crawl the site at `root` within `limits`."""
    async with http.make_async_client(verify=verify, max_connections=limits.concurrency) as client:
        return await _Crawl(client, root, limits).run()


def crawl(root: str, limits: CrawlLimits, *, verify: bool | str = True) -> CrawlReport:
    """Crawl the site at `root` within `limits` (blocking)."""
    return asyncio.run(crawl_async(root, limits, verify=verify))

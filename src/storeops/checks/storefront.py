"""Checks that look at the live storefront: up and fast, TLS, checkout, mobile, headers, robots.

Each reads `store.url` and the `storefront:` section of the config. With no URL they are
SKIPPED (nothing to look at is not a failure); a site that cannot be reached is CRIT, never
UNKNOWN, because that is exactly what these checks exist to catch. Every page request is
kept as a Probe row so `storeops site uptime` has history to work from.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, TypeVar

from storeops import http
from storeops.checks.base import Check, CheckContext, Level, Measurement, NoParams
from storeops.checks.registry import register
from storeops.checks.text import plural
from storeops.storefront.probe import (
    PageProbe,
    client_for,
    fetch_policy,
    page_urls,
    probe_page,
    record_probes,
)

NO_URL = "no storefront URL configured: set store.url"
T = TypeVar("T")


def _root(ctx: CheckContext) -> str | None:
    url = ctx.settings.store.url
    return url.rstrip("/") + "/" if url else None


def _skipped() -> Measurement:
    return Measurement(None, NO_URL, level=Level.SKIPPED)


def _probe_all(
    ctx: CheckContext, urls: list[str], headers: dict[str, str] | None = None
) -> list[PageProbe]:
    """Probe `urls` concurrently with retries, and record every attempt."""
    section = ctx.settings.config.storefront
    policy = fetch_policy(section)

    async def run() -> list[PageProbe]:
        async with client_for(ctx.settings) as client:
            return list(
                await asyncio.gather(
                    *(
                        probe_page(client, url, policy, attempts=section.attempts, headers=headers)
                        for url in urls
                    )
                )
            )

    probes = asyncio.run(run())
    record_probes(ctx.session, probes, now=ctx.now, warn_ms=section.warn_ms)
    return probes


def _with_client(ctx: CheckContext, work: Callable[[Any], Awaitable[T]]) -> T:
    async def run() -> T:
        async with client_for(ctx.settings) as client:
            return await work(client)

    return asyncio.run(run())


def _row(probe: PageProbe) -> dict[str, Any]:
    final = probe.final
    return {
        "url": probe.url,
        "status": final.status_code,
        "verdict": final.verdict,
        "ttfb_ms": final.ttfb_ms,
        "total_ms": final.total_ms,
        "attempts": len(probe.attempts),
        "error": final.error or "",
    }


def _down(probe: PageProbe) -> bool:
    return probe.final.verdict != http.OK


def _failed(probe: PageProbe, what: str, value: float | None = None) -> Measurement:
    """CRIT: `what` followed by how the page failed ("site down: timeout (...)")."""
    final = probe.final
    return Measurement(
        value, f"{what} {final.verdict} ({final.error})", [_row(probe)], level=Level.CRIT
    )


def _home_page(
    ctx: CheckContext,
    failure: str,
    *,
    headers: dict[str, str] | None = None,
    value: float | None = None,
) -> tuple[str, PageProbe] | Measurement:
    """The home page's URL and probe, or the result that ends the check: SKIPPED without
    store.url, CRIT (`failure` and how it failed) when the page does not answer."""
    root = _root(ctx)
    if root is None:
        return _skipped()
    (probe,) = _probe_all(ctx, [root], headers=headers)
    if _down(probe):
        return _failed(probe, failure, value=value)
    return root, probe


@register
class SiteHealth(Check[NoParams]):
    """The home page and key pages answer 200, fast (time to first byte and total, apart).

    A page is down after `storefront.attempts` tries with backoff: CRIT. Otherwise the slowest
    total time is judged against `storefront.warn_ms` / `storefront.crit_ms`.
    """

    type = "storefront.health"
    title = "Storefront pages up and fast"
    uses_http = True
    default_warn = None

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        root = _root(ctx)
        if root is None:
            return _skipped()
        section = ctx.settings.config.storefront
        probes = _probe_all(ctx, [root, *page_urls(root, section.key_pages)])
        details = [_row(probe) for probe in probes]
        down = [probe for probe in probes if _down(probe)]
        if down:
            first = down[0].final
            return Measurement(
                len(down),
                f"{plural(len(down), 'page')} down after {section.attempts} attempts: "
                f"{first.url} {first.verdict} ({first.error})",
                details,
                level=Level.CRIT,
            )
        slowest = max(probes, key=lambda probe: probe.final.total_ms or 0).final
        total = slowest.total_ms or 0
        level = Level.OK
        if total >= section.crit_ms:
            level = Level.CRIT
        elif total >= section.warn_ms:
            level = Level.WARN
        return Measurement(
            total,
            f"{plural(len(probes), 'page')} up; slowest {slowest.url} "
            f"{total:.0f} ms (first byte {slowest.ttfb_ms or 0:.0f} ms)",
            details,
            level=level,
        )


@register
class Uptime(Check[NoParams]):
    """The home page now, uptime % over the last 24 hours of probes, and TLS days left.

    CRIT when the site is down now, the certificate expires in under 3 days, or uptime is
    below 95%; WARN under 14 days of certificate or under 99% uptime.
    """

    type = "storefront.uptime"
    title = "Storefront uptime and certificate"
    uses_http = True
    default_warn = None
    worse = "lower"

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        from storeops.storefront.history import uptime_summary

        home = _home_page(ctx, "site down:")
        if isinstance(home, Measurement):
            return home
        root, probe = home
        final = probe.final
        (day,) = uptime_summary(ctx.session, since=ctx.now - timedelta(hours=24), url=root)
        problems: list[tuple[Level, str]] = []
        days_left = None
        if final.cert_expires is not None:
            days_left = (final.cert_expires - ctx.now).total_seconds() / 86400
            if days_left < 3:
                problems.append((Level.CRIT, f"TLS certificate expires in {days_left:.1f} days"))
            elif days_left < 14:
                problems.append((Level.WARN, f"TLS certificate expires in {days_left:.0f} days"))
        if day.uptime_pct < 95:
            problems.append((Level.CRIT, f"uptime {day.uptime_pct:.1f}% over 24h"))
        elif day.uptime_pct < 99:
            problems.append((Level.WARN, f"uptime {day.uptime_pct:.1f}% over 24h"))
        cert = f"; certificate {days_left:.0f} days left" if days_left is not None else ""
        summary = f"up ({final.total_ms:.0f} ms); {day.uptime_pct:.1f}% over 24h{cert}"
        level = Level.OK
        if problems:
            level = max((lvl for lvl, _ in problems), key=lambda lvl: lvl.exit_code)
            summary = "; ".join(text for _, text in problems)
        row = _row(probe) | {"uptime_pct": round(day.uptime_pct, 2), "cert_days_left": days_left}
        return Measurement(round(day.uptime_pct, 2), summary, [row], level=level)


@register
class Checkout(Check[NoParams]):
    """Each checkout path answers 200 and shows `storefront.checkout_marker` (GET only)."""

    type = "storefront.checkout"
    title = "Checkout reachable"
    uses_http = True
    default_warn = 1

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        root = _root(ctx)
        if root is None:
            return _skipped()
        section = ctx.settings.config.storefront
        probes = _probe_all(ctx, page_urls(root, section.checkout_paths))
        details = []
        failing = []
        for probe in probes:
            row = _row(probe)
            problem = ""
            if _down(probe):
                problem = f"{probe.final.verdict} ({probe.final.error})"
            elif section.checkout_marker and section.checkout_marker not in probe.final.text:
                problem = f"marker {section.checkout_marker!r} not on the page"
            row["problem"] = problem
            details.append(row)
            if problem:
                failing.append(f"{probe.url}: {problem}")
        if failing:
            return Measurement(len(failing), "; ".join(failing), details, level=Level.CRIT)
        marker = (
            f" with {section.checkout_marker!r}"
            if section.checkout_marker
            else " (set storefront.checkout_marker to check the page content)"
        )
        verb = "answers" if len(probes) == 1 else "answer"
        return Measurement(0, f"{plural(len(probes), 'checkout page')} {verb}{marker}", details)


@register
class Mobile(Check[NoParams]):
    """A phone's user agent gets the home page (200) and the page declares a viewport."""

    type = "storefront.mobile"
    title = "Storefront works on mobile"
    uses_http = True
    default_warn = 1

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        import re

        home = _home_page(
            ctx, "a mobile browser gets", headers={"User-Agent": http.MOBILE_USER_AGENT}, value=1
        )
        if isinstance(home, Measurement):
            return home
        _, probe = home
        viewport = re.search(r"<meta[^>]+name\s*=\s*[\"']?viewport", probe.final.text, re.I)
        if viewport is None:
            return Measurement(
                1,
                "no <meta name=viewport>: phones show the desktop page zoomed out",
                [_row(probe)],
                level=Level.WARN,
            )
        return Measurement(0, "a mobile browser gets the home page, with a viewport", [])


SECURITY_HEADERS = (
    ("strict-transport-security", "HSTS (Strict-Transport-Security)"),
    ("x-content-type-options", "X-Content-Type-Options: nosniff"),
)


@register
class SecurityHeaders(Check[NoParams]):
    """HSTS (on https), X-Content-Type-Options, and CSP or frame protection on the home page."""

    type = "storefront.security_headers"
    title = "Security headers"
    uses_http = True
    default_warn = 1

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        home = _home_page(ctx, "home page")
        if isinstance(home, Measurement):
            return home
        root, probe = home
        final = probe.final
        headers = final.headers
        missing = [
            label
            for name, label in SECURITY_HEADERS
            if name not in headers and not (name.startswith("strict") and root.startswith("http:"))
        ]
        if "content-security-policy" not in headers and "x-frame-options" not in headers:
            missing.append("Content-Security-Policy or X-Frame-Options")
        details = [{"missing": label} for label in missing]
        if missing:
            return Measurement(len(missing), "missing: " + ", ".join(missing), details)
        return Measurement(0, "security headers present", [])


@register
class RobotsSitemap(Check[NoParams]):
    """robots.txt answers, and a sitemap (named in robots.txt or /sitemap.xml) answers."""

    type = "storefront.robots_sitemap"
    title = "robots.txt and sitemap"
    uses_http = True
    default_warn = 1

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        from storeops.storefront.robots import parse_robots

        root = _root(ctx)
        if root is None:
            return _skipped()
        (robots,) = _probe_all(ctx, [root + "robots.txt"])
        if robots.final.verdict in http.NETWORK_VERDICTS:
            return _failed(robots, "site unreachable:")
        sitemaps = parse_robots(robots.final.text).sitemaps if not _down(robots) else []
        sitemap_url = page_urls(root, sitemaps[:1])[0] if sitemaps else root + "sitemap.xml"
        (sitemap,) = _probe_all(ctx, [sitemap_url])
        missing = [
            f"{probe.url} ({probe.final.verdict} {probe.final.status_code or ''})".strip()
            for probe in (robots, sitemap)
            if _down(probe)
        ]
        details = [_row(robots), _row(sitemap)]
        if missing:
            return Measurement(len(missing), "missing: " + ", ".join(missing), details)
        return Measurement(0, "robots.txt and sitemap present", details)


from storeops.checks import storefront_links as _links  # noqa: E402, F401  (registers)
from storeops.checks import storefront_products as _products  # noqa: E402, F401  (registers)

"""The broken-link check: crawl the storefront and report every broken link with its pages.

Split from `checks.storefront` (which imports this module so the type registers) because the
crawl has its own limits and its own report shape.
"""

from __future__ import annotations

from typing import Any

from storeops.checks.base import Check, CheckContext, Level, Measurement, NoParams
from storeops.checks.queries import MAX_DETAILS
from storeops.checks.registry import register
from storeops.checks.text import plural


def crawl_limits(settings: Any, *, max_pages: int | None = None) -> Any:
    """The crawl's caps and politeness from the `storefront:` configuration."""
    from storeops.storefront.crawl import CrawlLimits
    from storeops.storefront.probe import fetch_policy

    section = settings.config.storefront
    return CrawlLimits(
        max_pages=max_pages or section.max_pages,
        max_depth=section.max_depth,
        seconds=section.crawl_seconds,
        concurrency=section.concurrency,
        rate_per_second=section.rate_per_second,
        fetch=fetch_policy(section),
        aliases=frozenset(alias.lower() for alias in section.aliases),
    )


@register
class BrokenLinks(Check[NoParams]):
    """Links on the storefront that lead to errors; blocked answers (403/429) only warn."""

    type = "storefront.broken_links"
    title = "Broken links on the storefront"
    uses_http = True
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        from storeops.storefront.crawl import crawl

        url = ctx.settings.store.url
        if not url:
            return Measurement(
                None, "no storefront URL configured: set store.url", level=Level.SKIPPED
            )
        section = ctx.settings.config.storefront
        report = crawl(url, crawl_limits(ctx.settings), verify=section.ca_bundle or True)
        details = [
            {
                "url": problem.url,
                "verdict": problem.verdict,
                "status": problem.status_code,
                "linked_from": ", ".join(problem.referrers[:5])
                + (f" (+{len(problem.referrers) - 5})" if len(problem.referrers) > 5 else ""),
            }
            for problem in [*report.broken, *report.blocked][:MAX_DETAILS]
        ]
        stopped = f"; stopped at the {report.stopped}" if report.stopped else ""
        if not report.pages and (report.unreachable or report.broken):
            why = report.unreachable
            if why is None:
                why = f"{report.broken[0].verdict} ({report.broken[0].error})"
            return Measurement(
                1,
                f"storefront unreachable: {why}",
                details,
                level=Level.CRIT,
            )
        if report.broken:
            return Measurement(
                len(report.broken),
                f"{plural(len(report.broken), 'broken link')} on "
                f"{plural(report.pages, 'page')} crawled{stopped}",
                details,
            )
        if report.blocked:
            return Measurement(
                0,
                f"{plural(len(report.blocked), 'link')} blocked (403/429) by bot protection"
                f"{stopped}",
                details,
                level=Level.WARN,
            )
        return Measurement(
            0, f"no broken links on {plural(report.pages, 'page')} crawled{stopped}", []
        )

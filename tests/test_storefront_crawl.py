"""The crawler's rules (point 3) against a real local site, with exact request counts."""

from __future__ import annotations

from pytest_httpserver import HTTPServer

from storeops.storefront.crawl import CrawlLimits, crawl
from storeops.storefront.links import extract_links
from storeops.storefront.robots import parse_robots, robots_from_answer

FAST = CrawlLimits(rate_per_second=0, concurrency=4)


def page(httpserver: HTTPServer, path: str, body: str) -> None:
    httpserver.expect_request(path).respond_with_data(body, content_type="text/html")


def requested(httpserver: HTTPServer) -> list[str]:
    return sorted(request.full_path.rstrip("?") for request, _ in httpserver.log)


def test_broken_links_come_with_every_referring_page(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    page(httpserver, "/", '<a href="/a">a</a> <a href="b">b</a>')
    page(httpserver, "/a", '<a href="/gone">x</a> <a href="/b#top">b</a>')
    page(
        httpserver,
        "/b",
        '<a href="/gone">x</a><a href="javascript:void(0)">j</a>'
        '<a href="mailto:x@y">m</a><a href="tel:1">t</a><a href="data:text/html,hi">d</a>',
    )
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    report = crawl(httpserver.url_for("/"), FAST)
    assert report.pages == 3
    assert [(p.url, p.verdict, p.status_code) for p in report.broken] == [
        (httpserver.url_for("/gone"), "http_error", 404)
    ]
    assert report.broken[0].referrers == [httpserver.url_for("/a"), httpserver.url_for("/b")]
    # each page once, fragments dropped, no javascript:/mailto:/tel:/data: fetched
    assert requested(httpserver) == ["/", "/a", "/b", "/gone", "/robots.txt"]


def test_robots_disallowed_paths_are_never_requested(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private\nAllow: /private/ok\n", content_type="text/plain"
    )
    page(httpserver, "/", '<a href="/private/x">p</a><a href="/private/ok">o</a>')
    page(httpserver, "/private/ok", "fine")
    report = crawl(httpserver.url_for("/"), FAST)
    assert requested(httpserver) == ["/", "/private/ok", "/robots.txt"]
    assert report.robots_skipped == 1


def test_robots_5xx_disallows_everything(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("down", status=503)
    page(httpserver, "/", "<a href='/a'>a</a>")
    report = crawl(httpserver.url_for("/"), FAST)
    assert requested(httpserver) == ["/robots.txt"]
    assert report.pages == 0 and report.robots_skipped == 1


def test_external_links_are_checked_with_head_then_get_on_405_never_crawled(
    httpserver: HTTPServer,
) -> None:
    # "localhost" and "127.0.0.1" are two hosts to the crawler, one server to the test.
    external = httpserver.url_for("/ext").replace("localhost", "127.0.0.1")
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    page(httpserver, "/", f'<a href="{external}">e</a>')
    httpserver.expect_request("/ext", method="HEAD").respond_with_data("", status=405)
    page(httpserver, "/ext", '<a href="/never">n</a>')
    report = crawl(httpserver.url_for("/"), FAST)
    methods = [(r.method, r.path) for r, _ in httpserver.log if r.path == "/ext"]
    assert methods == [("HEAD", "/ext"), ("GET", "/ext")]
    assert "/never" not in requested(httpserver)
    assert report.broken == [] and report.pages == 1


def test_base_href_and_query_variants_are_capped(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    links = "".join(f'<a href="list?page={n}">{n}</a>' for n in range(30))
    page(httpserver, "/", f'<base href="/shop/">{links}')
    page(httpserver, "/shop/list", "items")
    crawl(httpserver.url_for("/"), FAST)
    variants = [p for p in requested(httpserver) if p.startswith("/shop/list")]
    assert len(variants) == 10


def test_page_and_depth_caps(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    for n in range(20):
        page(httpserver, f"/p{n}", f'<a href="/p{n + 1}">next</a>')
    page(httpserver, "/", '<a href="/p0">0</a>')
    report = crawl(httpserver.url_for("/"), CrawlLimits(rate_per_second=0, max_pages=5))
    assert report.pages == 5 and report.stopped == "page cap (5)"
    httpserver.clear_log()
    report = crawl(httpserver.url_for("/"), CrawlLimits(rate_per_second=0, max_depth=2))
    assert requested(httpserver) == ["/", "/p0", "/p1", "/robots.txt"]


def test_bot_protection_is_blocked_not_broken(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    page(httpserver, "/", '<a href="/busy">b</a>')
    httpserver.expect_request("/busy").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "0"}
    )
    report = crawl(httpserver.url_for("/"), FAST)
    assert report.broken == []
    assert [(p.verdict, p.status_code) for p in report.blocked] == [("blocked", 429)]


def test_non_html_is_not_parsed(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    page(httpserver, "/", '<img src="/logo.txt">')
    httpserver.expect_request("/logo.txt").respond_with_data(
        '<a href="/hidden">h</a>', content_type="text/plain"
    )
    crawl(httpserver.url_for("/"), FAST)
    assert "/hidden" not in requested(httpserver)


def test_malformed_html_still_yields_its_links() -> None:
    text = (
        '<a href=/one>1<a  HREF = "two?x=1&amp;y=2#f"><p><a href=\'/three\' <!-- <a href="/no"> -->'
    )
    assert extract_links("http://s.test/dir/", text) == [
        "http://s.test/one",
        "http://s.test/dir/two?x=1&y=2",
        "http://s.test/three",
    ]


def test_robots_longest_match_and_status_rules() -> None:
    rules = parse_robots("User-agent: *\nDisallow: /a\nAllow: /a/b\nDisallow: /*.pdf$\n")
    assert rules.allows("http://s/a/b/c") and not rules.allows("http://s/a/c")
    assert not rules.allows("http://s/x/doc.pdf") and rules.allows("http://s/x/doc.pdfx")
    assert robots_from_answer(404, "").allows("http://s/anything")
    assert not robots_from_answer(500, "").allows("http://s/anything")
    assert not robots_from_answer(None, "").allows("http://s/")


def test_retry_after_pauses_the_host(httpserver: HTTPServer) -> None:
    import time

    from werkzeug import Request, Response

    moments: dict[str, float] = {}

    def remember(request: Request) -> Response:
        moments[request.path] = time.monotonic()
        if request.path == "/busy":
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return Response("<p>ok</p>", content_type="text/html")

    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    page(httpserver, "/", '<a href="/busy">b</a><a href="/after">a</a>')
    httpserver.expect_request("/busy").respond_with_handler(remember)
    httpserver.expect_request("/after").respond_with_handler(remember)
    report = crawl(httpserver.url_for("/"), CrawlLimits(rate_per_second=0, concurrency=1))
    assert [p.verdict for p in report.blocked] == ["blocked"]
    assert moments["/after"] - moments["/busy"] >= 0.9

"""`storeops site ...` and the website area of `storeops check`, end to end in a subprocess."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from pytest_httpserver import HTTPServer

from cli_support import run_cli

GOOD_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'self'",
}
HOME_PAGE = (
    '<html><head><meta name="viewport" content="width=device-width"></head>'
    '<body><a href="/cart">cart</a><a href="/gone">old</a></body></html>'
)


def healthy_site(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/").respond_with_data(
        HOME_PAGE, content_type="text/html", headers=GOOD_HEADERS
    )
    httpserver.expect_request("/cart").respond_with_data(
        "<h1>Your cart</h1> Checkout", content_type="text/html"
    )
    httpserver.expect_request("/robots.txt").respond_with_data(
        f"User-agent: *\nAllow: /\nSitemap: {httpserver.url_for('/sitemap.xml')}\n"
    )
    httpserver.expect_request("/sitemap.xml").respond_with_data("<urlset/>")
    httpserver.expect_request("/gone").respond_with_data("no", status=404)


def write_config(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.yaml").write_text(text, encoding="utf-8")


def test_site_check_json_is_the_check_document_with_its_exit_code(
    isolated_env: Path, httpserver: HTTPServer
) -> None:
    healthy_site(httpserver)
    write_config(isolated_env, "storefront:\n  checkout_marker: Checkout\n  rate_per_second: 0\n")
    done = run_cli("site", "check", httpserver.url_for("/"), "--format", "json")
    document = json.loads(done.stdout)
    levels = {r["item"]: (r["status"], r["check"]) for r in document["results"]}
    assert levels == {
        "site-health": ("OK", "storefront.health"),
        "uptime": ("OK", "storefront.uptime"),
        "site-errors": ("WARN", "storefront.broken_links"),
        "checkout-test": ("OK", "storefront.checkout"),
        "mobile-check": ("OK", "storefront.mobile"),
        "security-updates": ("OK", "storefront.security_headers"),
        "site-analytics": ("OK", "storefront.robots_sitemap"),
    }
    broken = next(r for r in document["results"] if r["item"] == "site-errors")
    assert broken["summary"] == "1 broken link on 2 pages crawled"
    assert broken["details"] == [
        {
            "url": httpserver.url_for("/gone"),
            "verdict": "http_error",
            "status": 404,
            "linked_from": httpserver.url_for("/"),
        }
    ]
    assert (document["exit_code"], done.returncode) == (1, 1)
    # every probe is a row: home x4 (health, uptime, mobile, headers), cart, robots, sitemap
    with sqlite3.connect(isolated_env / "store.db") as db:
        rows = db.execute("SELECT url, verdict, status_code FROM probes ORDER BY id").fetchall()
    assert len(rows) == 7
    assert all(verdict == "ok" and status == 200 for _, verdict, status in rows)

    uptime = run_cli("site", "uptime", "--format", "json")
    urls = {row["url"]: row for row in json.loads(uptime.stdout)["urls"]}
    assert urls[httpserver.url_for("/")]["probes"] == 4
    assert urls[httpserver.url_for("/")]["uptime_pct"] == 100.0
    assert uptime.returncode == 0


def test_a_site_that_is_down_is_crit_not_unknown(isolated_env: Path) -> None:
    import socket

    sock = socket.create_server(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    write_config(isolated_env, "storefront:\n  attempts: 2\n")
    done = run_cli("site", "check", f"http://127.0.0.1:{port}/", "--format", "json")
    results = {r["item"]: r for r in json.loads(done.stdout)["results"]}
    assert results["site-health"]["status"] == "CRIT"
    assert results["site-health"]["summary"] == (
        f"1 page down after 2 attempts: http://127.0.0.1:{port}/ refused (connection refused)"
    )
    assert results["uptime"]["summary"] == "site down: refused (connection refused)"
    assert {r["status"] for r in results.values()} == {"CRIT"}
    assert done.returncode == 2
    with sqlite3.connect(isolated_env / "store.db") as db:
        verdicts = {v for (v,) in db.execute("SELECT verdict FROM probes")}
    assert verdicts == {"refused"}


def test_without_a_url_the_website_checks_are_skipped(isolated_env: Path) -> None:
    done = run_cli("check", "--area", "website", "--all", "--format", "json")
    results = [
        r for r in json.loads(done.stdout)["results"] if r["check"].startswith("storefront.")
    ]
    assert len(results) == 7
    assert {(r["status"], r["summary"]) for r in results} == {
        ("SKIPPED", "no storefront URL configured: set store.url")
    }


def test_site_links_lists_broken_links_with_referring_pages(
    isolated_env: Path, httpserver: HTTPServer
) -> None:
    healthy_site(httpserver)
    done = run_cli("site", "links", httpserver.url_for("/"), "--rate", "0", "--format", "json")
    document = json.loads(done.stdout)
    assert document["pages"] == 2
    assert document["broken"] == [
        {
            "url": httpserver.url_for("/gone"),
            "verdict": "http_error",
            "status": 404,
            "error": "HTTP 404",
            "linked_from": [httpserver.url_for("/")],
        }
    ]
    assert document["unreachable"] is None
    assert done.returncode == 1


def test_bad_input_is_one_error_line(isolated_env: Path) -> None:
    done = run_cli("site", "check")
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "error: no storefront URL: give one (storeops site check https://shop.example) "
        "or set store.url in config.yaml"
    )
    done = run_cli("site", "links", "ftp://shop.example")
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "error: not an http(s) URL: 'ftp://shop.example'; give e.g. https://shop.example"
    )
    write_config(isolated_env, "storefront:\n  concurrency: 0\n")
    done = run_cli("site", "check", "http://127.0.0.1:9/")
    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and "config.yaml:2:" in done.stderr
    assert "Traceback" not in done.stderr

"""Every failure of point 4, against real local servers: each a classified verdict in time."""

from __future__ import annotations

import asyncio
import gzip
import socket
import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import trustme
from pytest_httpserver import HTTPServer

from storefront_servers import raw_server, respond
from storeops import http
from storeops.storefront.probe import probe_page


def fetch(url: str, policy: http.FetchPolicy | None = None, **kwargs: object) -> http.Fetched:
    verify = kwargs.pop("verify", True)

    async def run() -> http.Fetched:
        async with http.make_async_client(verify=verify) as client:  # type: ignore[arg-type]
            return await http.fetch(client, url, policy, **kwargs)  # type: ignore[arg-type]

    return asyncio.run(run())


def test_a_good_page_is_ok_with_first_byte_and_total_times(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/").respond_with_data("<h1>shop</h1>", content_type="text/html")
    result = fetch(httpserver.url_for("/"))
    assert (result.verdict, result.status_code, result.body) == ("ok", 200, b"<h1>shop</h1>")
    assert result.ttfb_ms is not None and result.total_ms is not None
    assert result.ttfb_ms <= result.total_ms
    assert result.is_html


def test_connection_refused() -> None:
    sock = socket.create_server(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    result = fetch(f"http://127.0.0.1:{port}/")
    assert (result.verdict, result.error) == ("refused", "connection refused")


def test_dns_failure_is_classified_without_a_lookup() -> None:
    error = httpx.ConnectError("[Errno -2] Name or service not known")
    assert http.classify_error(error) == ("dns", "host name does not resolve (DNS)")


def test_a_trickling_server_hits_the_wall_clock_deadline() -> None:
    def trickle(conn: socket.socket, _head: bytes) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n")
        for _ in range(40):  # bounded: 40 bytes, one per 0.1 s, each well within read timeout
            conn.sendall(b"x")
            time.sleep(0.1)

    with raw_server(trickle) as server:
        started = time.monotonic()
        result = fetch(f"http://127.0.0.1:{server.port}/", http.FetchPolicy(deadline=1.0))
        elapsed = time.monotonic() - started
    assert result.verdict == "timeout"
    assert result.error == "no complete answer within 1s"
    assert elapsed < 2.5


def test_a_read_timeout_is_a_timeout() -> None:
    def silent(conn: socket.socket, _head: bytes) -> None:
        time.sleep(1.5)

    with raw_server(silent) as server:
        result = fetch(f"http://127.0.0.1:{server.port}/", http.FetchPolicy(deadline=0.5))
    assert result.verdict == "timeout"


def test_a_redirect_loop_is_requested_max_redirects_plus_one_times(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/loop").respond_with_data(
        "", status=302, headers={"Location": "/loop"}
    )
    result = fetch(httpserver.url_for("/loop"), http.FetchPolicy(max_redirects=5))
    assert (result.verdict, result.error) == ("redirect_loop", "more than 5 redirects")
    assert len(httpserver.log) == 6
    assert result.requests == 6


def test_a_redirect_to_another_host_is_not_followed(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/").respond_with_data(
        "", status=301, headers={"Location": "http://shop.invalid/elsewhere"}
    )
    result = fetch(httpserver.url_for("/"))
    assert (result.verdict, result.error) == (
        "redirect_offsite",
        "redirect to another host (shop.invalid)",
    )
    assert len(httpserver.log) == 1


def test_a_redirect_to_file_is_refused(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/").respond_with_data(
        "", status=302, headers={"Location": "file:///etc/passwd"}
    )
    result = fetch(httpserver.url_for("/"))
    assert result.verdict == "redirect_scheme"
    assert result.error == "redirect to a file: URL (file:///etc/passwd)"


def test_credentials_are_not_forwarded_to_another_host() -> None:
    seen: list[bytes] = []

    def target(conn: socket.socket, head: bytes) -> None:
        seen.append(head.lower())
        respond(conn, "200 OK", b"ok")

    with raw_server(target) as other:

        def bounce(conn: socket.socket, _head: bytes) -> None:
            location = f"http://localhost:{other.port}/"
            respond(conn, "302 Found", headers=f"Location: {location}\r\n")

        with raw_server(bounce) as first:
            result = fetch(
                f"http://127.0.0.1:{first.port}/",
                http.FetchPolicy(same_host=False),
                headers={"Authorization": "Bearer secret", "X-Shop": "1"},
            )
    assert result.verdict == "ok"
    assert b"authorization" in first.requests[0].lower()
    assert len(seen) == 1
    assert b"authorization" not in seen[0] and b"x-shop: 1" in seen[0]


def test_a_gzip_bomb_is_capped_on_decoded_bytes() -> None:
    bomb = gzip.compress(b"\0" * 20_000_000)  # ~20 kB on the wire

    def serve(conn: socket.socket, _head: bytes) -> None:
        respond(conn, "200 OK", bomb, "Content-Encoding: gzip\r\nContent-Type: text/html\r\n")

    with raw_server(serve) as server:
        result = fetch(f"http://127.0.0.1:{server.port}/", http.FetchPolicy(max_bytes=1_000_000))
    assert len(bomb) < 100_000
    assert (result.verdict, result.error) == (
        "too_large",
        "body larger than 1,000,000 bytes (decoded)",
    )
    assert result.body == b""


def test_a_5xx_is_retried_three_times_then_down(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/").respond_with_data("oops", status=503)

    async def run() -> object:
        async with http.make_async_client() as client:
            return await probe_page(
                client, httpserver.url_for("/"), http.FetchPolicy(), backoff=0.01
            )

    probe = asyncio.run(run())
    assert len(httpserver.log) == 3
    assert [a.verdict for a in probe.attempts] == ["http_error"] * 3  # type: ignore[attr-defined]


def test_a_404_is_not_retried(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/gone").respond_with_data("no", status=404)

    async def run() -> object:
        async with http.make_async_client() as client:
            return await probe_page(client, httpserver.url_for("/gone"), http.FetchPolicy())

    probe = asyncio.run(run())
    assert len(httpserver.log) == 1
    assert probe.final.verdict == "http_error"  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


def _tls_server_context(cert: trustme.LeafCert) -> object:
    import ssl

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    return context


def _ok(conn: socket.socket, _head: bytes) -> None:
    respond(conn, "200 OK", b"<html></html>", "Content-Type: text/html\r\n")


def test_tls_good_certificate_reports_its_expiry(ca: trustme.CA, tmp_path: object) -> None:
    not_after = datetime.now(UTC).replace(microsecond=0) + timedelta(days=10)
    cert = ca.issue_cert("127.0.0.1", not_after=not_after)
    with (
        raw_server(_ok, _tls_server_context(cert)) as server,  # type: ignore[arg-type]
        ca.cert_pem.tempfile() as bundle,
    ):
        result = fetch(f"https://127.0.0.1:{server.port}/", verify=bundle)
    assert result.verdict == "ok"
    assert result.cert_expires is not None
    assert abs((result.cert_expires - not_after).total_seconds()) < 2


def test_tls_expired_certificate(ca: trustme.CA) -> None:
    past = datetime.now(UTC) - timedelta(days=2)
    cert = ca.issue_cert("127.0.0.1", not_before=past - timedelta(days=30), not_after=past)
    with (
        raw_server(_ok, _tls_server_context(cert)) as server,  # type: ignore[arg-type]
        ca.cert_pem.tempfile() as bundle,
    ):
        result = fetch(f"https://127.0.0.1:{server.port}/", verify=bundle)
    assert result.verdict == "tls_expired"


def test_tls_self_signed_certificate_is_untrusted(ca: trustme.CA) -> None:
    cert = ca.issue_cert("127.0.0.1")
    with raw_server(_ok, _tls_server_context(cert)) as server:  # type: ignore[arg-type]
        result = fetch(f"https://127.0.0.1:{server.port}/")  # the private CA is not trusted
    assert result.verdict == "tls_untrusted"


def test_tls_certificate_for_another_host(ca: trustme.CA) -> None:
    cert = ca.issue_cert("shop.example")
    with (
        raw_server(_ok, _tls_server_context(cert)) as server,  # type: ignore[arg-type]
        ca.cert_pem.tempfile() as bundle,
    ):
        result = fetch(f"https://127.0.0.1:{server.port}/", verify=bundle)
    assert result.verdict == "tls_hostname"

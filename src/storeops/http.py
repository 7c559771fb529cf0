"""The one HTTP client factory, and the one safe way to fetch a page with it.

Every request storeops makes goes through a client made here: timeouts on connect and read,
no redirects unless a caller asks for them on purpose, and a storeops user agent so site
owners can recognise (and allow) our probes.

`fetch()` is what the storefront probes, the crawler and API sync use on sites storeops does
not control. Each request is bounded by a wall-clock deadline (httpx's timeouts are per read,
so a server trickling one byte a second would otherwise hold us forever), bodies are capped
on *decoded* bytes (a gzip bomb is small on the wire), redirects are followed by hand (at
most `max_redirects`, only to http(s), only to allowed hosts) and credentials never travel to
another host. Network failures come back as a classified `Fetched.verdict`, never as an
exception, so a check can say "refused" or "tls_expired" instead of crashing.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from storeops import __version__

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"storeops/{__version__} (store operations checks)"
MOBILE_USER_AGENT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1 " + USER_AGENT
)
DEFAULT_TIMEOUT = 10.0
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
# Headers that carry who the caller is: dropped whenever a redirect leaves the first host.
CREDENTIAL_HEADERS = ("authorization", "cookie", "proxy-authorization", "x-api-key")

# Verdict classes, stored on Probe rows: what went wrong, in words a check can act on.
OK = "ok"
HTTP_ERROR = "http_error"
BLOCKED = "blocked"
TIMEOUT = "timeout"
REFUSED = "refused"
DNS = "dns"
CONNECT = "connect_error"
TLS_EXPIRED = "tls_expired"
TLS_UNTRUSTED = "tls_untrusted"
TLS_HOSTNAME = "tls_hostname"
TLS = "tls_error"
REDIRECT_LOOP = "redirect_loop"
REDIRECT_OFFSITE = "redirect_offsite"
REDIRECT_SCHEME = "redirect_scheme"
TOO_LARGE = "too_large"
PROTOCOL = "protocol_error"
NETWORK_VERDICTS = frozenset(
    {TIMEOUT, REFUSED, DNS, CONNECT, TLS_EXPIRED, TLS_UNTRUSTED, TLS_HOSTNAME, TLS, PROTOCOL}
)


def make_client(
    *,
    timeout: float = DEFAULT_TIMEOUT,
    follow_redirects: bool = False,
    verify: bool | str = True,
    headers: dict[str, str] | None = None,
) -> httpx.Client:
    """An httpx client with storeops' defaults (timeouts, user agent, no implicit redirects)."""
    import httpx

    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
        follow_redirects=follow_redirects,
        verify=verify,
        headers={"User-Agent": USER_AGENT, **(headers or {})},
        trust_env=False,  # no proxies or .netrc credentials picked up behind the user's back
    )


def make_async_client(
    *,
    timeout: float = DEFAULT_TIMEOUT,
    verify: bool | str = True,
    headers: dict[str, str] | None = None,
    max_connections: int = 10,
) -> httpx.AsyncClient:
    """The async twin of `make_client`, with a connection pool for concurrent fetches."""
    import ssl

    import httpx

    # A CA bundle path becomes an SSL context (httpx deprecates passing the path itself).
    context = ssl.create_default_context(cafile=verify) if isinstance(verify, str) else verify
    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
        follow_redirects=False,  # fetch() follows redirects itself, by the rules above
        verify=context,
        headers={"User-Agent": USER_AGENT, **(headers or {})},
        limits=httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_connections
        ),
        trust_env=False,
    )


@dataclass(frozen=True)
class FetchPolicy:
    """The bounds of one fetch: deadline, decoded-byte cap, redirects, where it may go."""

    deadline: float = 15.0  # seconds of wall clock for the whole fetch, redirects included
    max_bytes: int = 5_000_000  # decoded body bytes
    max_redirects: int = 5
    # Hosts a redirect may lead to besides the first URL's host (e.g. www. aliases).
    allowed_hosts: frozenset[str] = frozenset()
    same_host: bool = True  # False: any http(s) host, credentials dropped on leaving
    read_body: bool = True


@dataclass
class Fetched:
    """What one fetch saw; `verdict` is OK or the class of what went wrong."""

    url: str
    verdict: str = OK
    status_code: int | None = None
    final_url: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    ttfb_ms: float | None = None
    total_ms: float | None = None
    requests: int = 0
    error: str | None = None
    cert_expires: datetime | None = None
    content_type: str = ""

    @property
    def text(self) -> str:
        """The body as text (UTF-8 with replacement: malformed pages still get read)."""
        return self.body.decode("utf-8", errors="replace")

    @property
    def is_html(self) -> bool:
        """Whether the server said this is an HTML page."""
        return "html" in self.content_type


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    policy: FetchPolicy | None = None,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
) -> Fetched:
    """Fetch `url` within `policy`; failures are a verdict on the result, never an exception."""
    policy = policy or FetchPolicy()
    result = Fetched(url=url, final_url=url)
    started = time.monotonic()
    try:
        async with asyncio.timeout(policy.deadline):
            await _follow(client, url, policy, method, dict(headers or {}), result, started)
    except TimeoutError:
        result.verdict = TIMEOUT
        result.error = f"no complete answer within {policy.deadline:g}s"
    except Exception as exc:  # every transport failure becomes a verdict
        result.verdict, result.error = classify_error(exc)
    result.total_ms = round((time.monotonic() - started) * 1000, 1)
    return result


async def _follow(
    client: httpx.AsyncClient,
    url: str,
    policy: FetchPolicy,
    method: str,
    headers: dict[str, str],
    result: Fetched,
    started: float,
) -> None:
    first_host = (urlsplit(url).hostname or "").lower()
    allowed = {first_host, *(host.lower() for host in policy.allowed_hosts)}
    current = url
    for _hop in range(policy.max_redirects + 1):
        result.requests += 1
        result.final_url = current
        request = client.build_request(method, current, headers=headers)
        response = await client.send(request, stream=True)
        try:
            result.ttfb_ms = round((time.monotonic() - started) * 1000, 1)
            result.status_code = response.status_code
            result.headers = {k.lower(): v for k, v in response.headers.items()}
            result.content_type = result.headers.get("content-type", "").lower()
            result.cert_expires = _certificate_expiry(response)
            location = response.headers.get("location")
            if response.status_code in REDIRECT_CODES and location:
                target = urljoin(current, location)
                parts = urlsplit(target)
                if parts.scheme not in ("http", "https"):
                    result.verdict = REDIRECT_SCHEME
                    result.error = f"redirect to a {parts.scheme or 'relative'}: URL ({target})"
                    return
                host = (parts.hostname or "").lower()
                if host not in allowed:
                    if policy.same_host:
                        result.verdict = REDIRECT_OFFSITE
                        result.error = f"redirect to another host ({host})"
                        return
                    for name in list(headers):
                        if name.lower() in CREDENTIAL_HEADERS:
                            del headers[name]
                if response.status_code == 303:
                    method = "GET"
                current = target
                continue
            if policy.read_body and method != "HEAD":
                await _read_capped(response, policy.max_bytes, result)
            if result.verdict == OK and response.status_code >= 400:
                result.verdict = BLOCKED if response.status_code in (403, 429) else HTTP_ERROR
                result.error = f"HTTP {response.status_code}"
            return
        finally:
            await response.aclose()
    result.verdict = REDIRECT_LOOP
    result.error = f"more than {policy.max_redirects} redirects"


async def _read_capped(response: httpx.Response, max_bytes: int, result: Fetched) -> None:
    # aiter_bytes() yields decoded bytes, so the cap holds against compression bombs.
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            result.verdict = TOO_LARGE
            result.error = f"body larger than {max_bytes:,} bytes (decoded)"
            return
        chunks.append(chunk)
    result.body = b"".join(chunks)


def _certificate_expiry(response: httpx.Response) -> datetime | None:
    import ssl

    stream = response.extensions.get("network_stream")
    if stream is None:
        return None
    ssl_object = stream.get_extra_info("ssl_object")
    if ssl_object is None:
        return None
    certificate = ssl_object.getpeercert()
    not_after = certificate.get("notAfter") if certificate else None
    if not isinstance(not_after, str):
        return None
    return datetime.fromtimestamp(ssl.cert_time_to_seconds(not_after), tz=UTC)


def classify_error(exc: BaseException) -> tuple[str, str]:
    """The verdict class and a short message for a transport exception."""
    import ssl

    import httpx

    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
    for link in chain:
        if isinstance(link, ssl.SSLCertVerificationError):
            code = link.verify_code
            message = link.verify_message or str(link)
            if code == 10:
                return TLS_EXPIRED, f"certificate expired ({message})"
            if code in (62, 64) or "mismatch" in message.lower() or "hostname" in message.lower():
                return TLS_HOSTNAME, f"certificate is for another host ({message})"
            return TLS_UNTRUSTED, f"certificate not trusted ({message})"
        if isinstance(link, ssl.SSLError):
            return TLS, f"TLS error ({link.reason or link})"
    text = " ".join(str(link) for link in chain).lower()
    if isinstance(exc, httpx.TimeoutException):
        return TIMEOUT, f"timed out ({type(exc).__name__})"
    if isinstance(exc, httpx.ConnectError):
        if "refused" in text or "errno 111" in text:
            return REFUSED, "connection refused"
        if any(
            word in text
            for word in ("name or service", "nodename", "getaddrinfo", "name resolution")
        ):
            return DNS, "host name does not resolve (DNS)"
        return CONNECT, f"cannot connect ({exc})"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return REDIRECT_SCHEME, str(exc)
    if isinstance(exc, httpx.HTTPError):
        return PROTOCOL, f"{type(exc).__name__}: {exc}"
    if isinstance(exc, OSError):
        return CONNECT, f"cannot connect ({exc})"
    raise exc

"""Fetching API pages politely and safely: retries with backoff, rate limits, redirects.

- 429 waits for `Retry-After` when the server says how long, else backs off exponentially;
  5xx, timeouts and dropped connections are retried the same way, a few times.
- A redirect is followed only to the same origin (scheme, host, port): credentials travel in
  headers, and a redirect elsewhere must never receive them.
- Error messages name the URL without its query string and never a credential.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from storeops.errors import StoreOpsError

if TYPE_CHECKING:
    import httpx

MAX_ATTEMPTS = 5
MAX_REDIRECTS = 5


class SyncError(StoreOpsError):
    """The API could not be read; the sync stopped and will resume from its cursor."""


@dataclass
class Page:
    """One API response: its JSON body and its headers."""

    body: Any
    headers: dict[str, str]


def origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port: what must match for credentials to follow a redirect."""
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


def public(url: str) -> str:
    """A URL fit for a message: no query string, no user info."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


class ApiClient:
    """GETs JSON pages with retries, backoff and same-origin redirects only."""

    def __init__(
        self,
        client: httpx.Client,
        headers: dict[str, str],
        *,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._client = client
        self._headers = headers
        self._backoff = backoff
        self._sleep = sleep

    def pause(self, seconds: float) -> None:
        """Wait before the next request (a platform's rate limit asks for it)."""
        self._sleep(seconds)

    def get(self, url: str, params: dict[str, str] | None = None) -> Page:
        """GET `url` and return its JSON; raise `SyncError` after the last failed attempt."""
        import httpx

        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                response = self._follow(url, params)
            except httpx.TransportError as exc:
                problem = f"{type(exc).__name__.lower()} talking to {public(url)}"
                if attempt == MAX_ATTEMPTS:
                    raise SyncError(f"{problem}; giving up after {attempt} attempts") from None
                self._sleep(self._backoff * 2 ** (attempt - 1))
                continue
            status = response.status_code
            if status == 429 or status >= 500:
                if attempt == MAX_ATTEMPTS:
                    raise SyncError(
                        f"{public(url)} answered {status} {attempt} times; try again later"
                    )
                self._sleep(self._wait(response, attempt))
                continue
            if status in (401, 403):
                raise SyncError(
                    f"{public(url)} refused the credentials ({status}); check the key or token"
                )
            if status >= 400:
                raise SyncError(f"{public(url)} answered {status}")
            try:
                body = response.json()
            except ValueError:
                raise SyncError(f"{public(url)} did not answer JSON") from None
            return Page(body, dict(response.headers))
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait(self, response: httpx.Response, attempt: int) -> float:
        retry_after = response.headers.get("Retry-After", "").strip()
        try:
            return max(0.0, float(retry_after))
        except ValueError:
            return float(self._backoff * 2 ** (attempt - 1))

    def _follow(self, url: str, params: dict[str, str] | None) -> httpx.Response:
        start = origin(url)
        for _ in range(MAX_REDIRECTS + 1):
            response = self._client.get(url, params=params, headers=self._headers)
            if not response.is_redirect:
                return response
            target = urljoin(str(response.url), response.headers.get("Location", ""))
            if origin(target) != start:
                raise SyncError(
                    f"{public(url)} redirected to another host ({public(target)}); "
                    "credentials are not sent there: check the shop address"
                )
            url, params = target, None
        raise SyncError(f"{public(url)} redirected more than {MAX_REDIRECTS} times")

"""The one HTTP client factory: every request storeops makes goes through a client made here.

Timeouts on connect and read, no redirects unless a caller asks for them on purpose, and a
storeops user agent so site owners can recognise (and allow) our probes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storeops import __version__

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"storeops/{__version__} (store operations checks)"
DEFAULT_TIMEOUT = 10.0


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

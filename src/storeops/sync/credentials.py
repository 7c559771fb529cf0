"""API credentials: from the environment, else the OS keyring, never from storeops' files."""

from __future__ import annotations

import os

from storeops.errors import StoreOpsError

KEYRING_SERVICE = "storeops"


def secret(name: str) -> str:
    """The secret in environment variable `name`, or in the OS keyring under the same name."""
    value = os.environ.get(name, "").strip()
    if value:
        return value
    try:
        import keyring  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        keyring = None
    if keyring is not None:
        try:
            stored = keyring.get_password(KEYRING_SERVICE, name)
        except Exception:  # no usable keyring backend on this machine: same as not stored
            stored = None
        if stored:
            return str(stored)
    raise StoreOpsError(
        f"{name} is not set; export it (or store it in the OS keyring as service "
        f'"{KEYRING_SERVICE}", name "{name}")'
    )

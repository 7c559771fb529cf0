"""Where a finished report goes: a file (never overwritten by accident) or a webhook.

A file is written beside its target and renamed into place, so a failure never leaves half a
report. The webhook follows the alerts' delivery rules: one POST of a Slack-compatible
`text`; the outcome is recorded where alerts record theirs (the alert state, under
`report:KIND`), and a failure is returned to be reported, never raised: the report is done.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from storeops.errors import StoreOpsError

if TYPE_CHECKING:
    from datetime import datetime

    import httpx

    from storeops.db import Store

FORMAT_BY_SUFFIX = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".json": "json",
}


def check_target(path: Path, *, force: bool) -> None:
    """Refuse a target that is a folder, sits in a missing folder, or exists without `force`."""
    if path.is_dir():
        raise StoreOpsError(f"{path} is a folder: give a file name for --out")
    if path.exists() and not force:
        raise StoreOpsError(f"{path} already exists: pass --force to overwrite it")
    folder = path.parent
    if not folder.is_dir():
        raise StoreOpsError(f"{folder} does not exist: create the folder first")


def write_report(path: Path, text: str, *, force: bool) -> None:
    """Write `text` to `path` atomically; refuse to replace an existing file without `force`."""
    check_target(path, force=force)
    folder = path.parent
    handle, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        temporary.replace(path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise StoreOpsError(f"cannot write {path}: {exc.strerror}") from None


def send_markdown(
    client: httpx.Client, url: str, store_name: str, kind: str, markdown: str
) -> str | None:
    """POST the report's Markdown to a webhook; the error as text if it was not delivered."""
    import httpx

    try:
        response = client.post(url, json={"text": markdown, "store": store_name, "report": kind})
    except httpx.HTTPError as exc:
        return f"webhook unreachable: {type(exc).__name__}"
    if response.status_code >= 300:
        return f"webhook answered HTTP {response.status_code}"
    return None


def record_delivery(store: Store, kind: str, error: str | None, now: datetime) -> None:
    """Record a report's delivery like an alert's: the error, or the time it went out."""
    from storeops.models import AlertState

    key = f"report:{kind}"
    with store.writing() as session:
        state = session.get(AlertState, key) or AlertState(item_id=key)
        state.delivery_error = error
        if error is None:
            state.notified_at = now
        session.add(state)

"""Alerts without noise: notify on state changes only, with thresholds and reminders.

An item's announced state changes to bad after `failure_threshold` consecutive bad runs and
back to OK after `success_threshold` good ones; while it stays bad, a reminder goes out every
`reminder_hours`. Payloads carry the item, level and summary, never the detail rows (which
may name customers). A failed delivery is recorded on the state and never fails the run.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from storeops.checks.base import Level

if TYPE_CHECKING:
    import httpx

    from storeops.db import Store
    from storeops.runner import Outcome


@dataclass(frozen=True)
class AlertPolicy:
    """When a change of level becomes an alert."""

    failure_threshold: int = 2
    success_threshold: int = 1
    reminder_hours: float = 24.0


@dataclass(frozen=True)
class Alert:
    """One message to send: an item went bad, got worse, recovered, or is still bad."""

    kind: str  # problem | resolved | reminder
    item_id: str
    area: str
    level: str
    previous: str
    summary: str
    value: float | None


def update_alert_states(
    store: Store, outcomes: list[Outcome], *, now: datetime, policy: AlertPolicy
) -> list[Alert]:
    """Advance each item's alert state with this run's outcomes; return the alerts due."""
    from storeops.models import AlertState

    alerts: list[Alert] = []
    with store.writing() as session:
        for outcome in outcomes:
            if outcome.level is Level.SKIPPED:
                continue
            state = session.get(AlertState, outcome.item_id) or AlertState(item_id=outcome.item_id)
            alert = _advance(state, outcome, now, policy)
            if alert is not None:
                alerts.append(alert)
                state.notified_at = now
            session.add(state)
    return alerts


def _advance(state: Any, outcome: Outcome, now: datetime, policy: AlertPolicy) -> Alert | None:
    level = outcome.level.value
    state.last_level = level

    def alert(kind: str, previous: str) -> Alert:
        return Alert(
            kind, outcome.item_id, outcome.area, level, previous, outcome.summary, outcome.value
        )

    if outcome.level.is_bad:
        state.consecutive_bad += 1
        state.consecutive_good = 0
        if state.state != level and state.consecutive_bad >= policy.failure_threshold:
            previous, state.state, state.changed_at = state.state, level, now
            return alert("problem", previous)
        reminder = timedelta(hours=policy.reminder_hours)
        if (
            state.state == level
            and level != "OK"
            and state.notified_at is not None
            and (now - state.notified_at >= reminder)
        ):
            return alert("reminder", level)
        return None
    state.consecutive_good += 1
    state.consecutive_bad = 0
    if state.state != "OK" and state.consecutive_good >= policy.success_threshold:
        previous, state.state, state.changed_at = state.state, "OK", now
        return alert("resolved", previous)
    return None


def payload(store_name: str, alerts: list[Alert]) -> dict[str, Any]:
    """A Slack-compatible message (`text`) with structured fields for other receivers."""
    icons = {"problem": "🔴", "reminder": "🟠", "resolved": "✅"}
    lines = []
    for a in alerts:
        change = f"still {a.level}" if a.kind == "reminder" else f"{a.previous} → {a.level}"
        lines.append(f"{icons[a.kind]} {store_name}: {a.item_id} ({a.area}) {change}: {a.summary}")
    return {
        "text": "\n".join(lines),
        "store": store_name,
        "alerts": [
            {
                "kind": a.kind,
                "item": a.item_id,
                "area": a.area,
                "status": a.level,
                "previous": a.previous,
                "summary": a.summary,
                "value": a.value,
            }
            for a in alerts
        ],
    }


def deliver(
    client: httpx.Client, url: str, store: Store, store_name: str, alerts: list[Alert]
) -> str | None:
    """POST the alerts; on failure record the error on each alerted item and return it."""
    import httpx

    from storeops.models import AlertState

    if not alerts:
        return None
    error: str | None = None
    try:
        response = client.post(url, json=payload(store_name, alerts))
        if response.status_code >= 300:
            error = f"webhook answered HTTP {response.status_code}"
    except httpx.HTTPError as exc:
        error = f"webhook unreachable: {type(exc).__name__}"
    with store.writing() as session:
        for alert in alerts:
            state = session.get(AlertState, alert.item_id)
            if state is not None:
                state.delivery_error = error
                if error is not None and alert.kind != "reminder":
                    # Not announced, so not changed: the next run detects the change again.
                    state.state = alert.previous
                session.add(state)
    return error


def ping(client: httpx.Client, base_url: str, suffix: str) -> None:
    """A healthchecks.io-style ping (`/start`, `/0`...`/3`); errors are swallowed on purpose."""
    import httpx

    with contextlib.suppress(httpx.HTTPError):
        client.get(f"{base_url.rstrip('/')}/{suffix}")

"""The attention list: what the checks found, most urgent first.

Urgency is the level first (CRIT before WARN before UNKNOWN), then the money at stake, then how
long a customer has waited (the oldest `age_hours` in a check's details), then checklist order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storeops.routine.runs import RunItem

_LEVEL_RANK = {"CRIT": 0, "WARN": 1, "UNKNOWN": 2}


def waited_hours(details: list[dict[str, Any]]) -> float | None:
    """The longest a customer (or order) has waited among a check's detail rows."""
    ages = [
        float(row["age_hours"]) for row in details if isinstance(row.get("age_hours"), int | float)
    ]
    return max(ages, default=None)


def rank(items: list[RunItem]) -> list[RunItem]:
    """The WARN/CRIT/UNKNOWN items, most urgent first (stable for equal urgency)."""
    needing = [item for item in items if item.level in _LEVEL_RANK]
    return sorted(
        needing,
        key=lambda item: (
            _LEVEL_RANK[item.level or ""],
            -float(item.money_at_stake or 0),
            -(item.waited_hours or 0.0),
        ),
    )

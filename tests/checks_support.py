"""Running one check type against hand-built data, the way the runner would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storeops.checklists.schema import CheckSpec, Item
from storeops.checks.base import Level
from storeops.config import load_settings
from storeops.db import Store
from storeops.runner import Outcome, PlannedCheck, run_checks


def run_one(
    store: Store,
    check_type: str,
    *,
    params: dict[str, Any] | None = None,
    warn: float | None = None,
    crit: float | None = None,
    home: Path | None = None,
) -> Outcome:
    """Run `check_type` once, with thresholds defaulting to the check type's own."""
    from storeops.checks.registry import get_check_type

    cls = get_check_type(check_type)
    item = Item(
        id="under-test",
        title="under test",
        description="a check under test",
        check=CheckSpec.model_validate({"type": check_type, "with": params or {}}),
    )
    planned = PlannedCheck(
        "test",
        item,
        warn if warn is not None else cls.default_warn,
        crit if crit is not None else cls.default_crit,
    )
    settings = load_settings(home)
    (outcome,) = run_checks(store, settings, [planned])
    return outcome


__all__ = ["Level", "run_one"]

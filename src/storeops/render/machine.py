"""Machine formats of a check run: JSON, Nagios, JUnit XML, Markdown.

These are contracts with other programs (cron wrappers, monitoring, CI dashboards): plain,
stable, documented in the README, and never coloured.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

if TYPE_CHECKING:
    from storeops.runner import CheckRun, Outcome


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 4)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def outcome_dict(outcome: Outcome) -> dict[str, Any]:
    """One result in the documented JSON shape."""
    return {
        "item": outcome.item_id,
        "area": outcome.area,
        "title": outcome.title,
        "check": outcome.check_type,
        "status": outcome.level.value,
        "value": _number(outcome.value),
        "summary": outcome.summary,
        "details": outcome.details,
        "duration_ms": outcome.duration_ms,
    }


def run_dict(run: CheckRun) -> dict[str, Any]:
    """The whole run in the documented JSON shape."""
    return {
        "store": run.store,
        "started_at": run.started_at.isoformat(),
        "finished_at": run.finished_at.isoformat(),
        "status": run.status.value,
        "exit_code": run.exit_code,
        "counts": run.counts,
        "results": [outcome_dict(outcome) for outcome in run.outcomes],
    }


def to_json(run: CheckRun) -> str:
    """The run as indented JSON."""
    return json.dumps(run_dict(run), indent=2, default=_plain)


def to_nagios(run: CheckRun) -> str:
    """One Nagios plugin line: `STOREOPS CRIT - 3 CRIT, 5 WARN: first problems | perfdata`."""
    counts = run.counts
    bad = [o for o in run.outcomes if o.level.value in ("CRIT", "UNKNOWN", "WARN")]
    order = {"CRIT": 0, "UNKNOWN": 1, "WARN": 2}
    bad.sort(key=lambda o: order[o.level.value])
    tally = ", ".join(
        f"{counts[name]} {name}" for name in ("CRIT", "WARN", "UNKNOWN") if counts[name]
    )
    head = f"STOREOPS {run.status.value} - {tally or str(counts['OK']) + ' OK'}"
    if bad:
        head += ": " + "; ".join(f"{o.item_id}: {o.summary}" for o in bad[:3])
    perf = " ".join(
        f"'{o.item_id}'={_number(o.value)}" for o in run.outcomes if o.value is not None
    )
    return f"{head} | {perf}" if perf else head


def to_junit(run: CheckRun) -> str:
    """JUnit XML: one testsuite per area, one testcase per item; WARN/CRIT are failures."""
    root = ElementTree.Element(
        "testsuites",
        name="storeops",
        tests=str(len(run.outcomes)),
        failures=str(run.counts["WARN"] + run.counts["CRIT"]),
        errors=str(run.counts["UNKNOWN"]),
    )
    areas: dict[str, list[Outcome]] = {}
    for outcome in run.outcomes:
        areas.setdefault(outcome.area, []).append(outcome)
    for area, outcomes in areas.items():
        suite = ElementTree.SubElement(
            root,
            "testsuite",
            name=area,
            tests=str(len(outcomes)),
            failures=str(sum(o.level.value in ("WARN", "CRIT") for o in outcomes)),
            errors=str(sum(o.level.value == "UNKNOWN" for o in outcomes)),
            skipped=str(sum(o.level.value == "SKIPPED" for o in outcomes)),
            timestamp=run.started_at.isoformat(),
        )
        for outcome in outcomes:
            case = ElementTree.SubElement(
                suite,
                "testcase",
                classname=f"storeops.{area}",
                name=outcome.item_id,
                time=f"{outcome.duration_ms / 1000:.3f}",
            )
            level = outcome.level.value
            if level in ("WARN", "CRIT"):
                failure = ElementTree.SubElement(
                    case, "failure", type=level, message=outcome.summary
                )
                failure.text = json.dumps(outcome.details[:20], default=_plain)
            elif level == "UNKNOWN":
                ElementTree.SubElement(case, "error", type=level, message=outcome.summary)
            elif level == "SKIPPED":
                ElementTree.SubElement(case, "skipped", message=outcome.summary)
            ElementTree.SubElement(case, "system-out").text = outcome.summary
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, "unicode")


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(run: CheckRun) -> str:
    """A Markdown summary: status line, then a table per area of the non-OK results first."""
    lines = [
        f"# {run.store}: {run.status.value}",
        "",
        f"{run.started_at:%Y-%m-%d %H:%M} UTC · "
        + ", ".join(f"{count} {name}" for name, count in run.counts.items() if count),
        "",
        "| Status | Area | Item | Summary |",
        "| --- | --- | --- | --- |",
    ]
    from storeops.checks.base import SEVERITY, Level

    ordered = sorted(run.outcomes, key=lambda o: -SEVERITY[Level(o.level.value)])
    for outcome in ordered:
        lines.append(
            f"| {outcome.level.value} | {outcome.area} | {_md_cell(outcome.title)} |"
            f" {_md_cell(outcome.summary)} |"
        )
    return "\n".join(lines) + "\n"

"""The summary of an import, for people: what changed, per record kind, and what was rejected."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storeops.importers.summary import ImportSummary


def summary_lines(summary: ImportSummary) -> list[str]:
    """Lines like `orders: 3 created, 1 updated, 0 unchanged`, then the rejected rows."""
    kinds = sorted(set(summary.created) | set(summary.updated) | set(summary.unchanged))
    lines = [f"imported {summary.file} ({summary.source} {summary.kind})"]
    for kind in kinds:
        lines.append(
            f"  {kind}: {summary.created[kind]:,} created, {summary.updated[kind]:,} updated, "
            f"{summary.unchanged[kind]:,} unchanged"
        )
    if not kinds:
        lines.append("  no records in the file")
    if summary.rejected:
        where = f", written to {summary.rejects_file}" if summary.rejects_file else ""
        lines.append(f"  rejected: {summary.rejected:,} rows{where}")
        lines.extend(f"    {error.located(summary.file)}" for error in summary.errors[:20])
    return lines

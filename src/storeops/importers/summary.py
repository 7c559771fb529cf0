"""The outcome of one import: what was created, updated, left unchanged or rejected."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storeops.importers.problems import RowProblem


@dataclass
class ImportSummary:
    """Counts per record kind (plural: "orders", "order_lines"...) and the rejected rows."""

    source: str
    kind: str
    file: Path
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    rejected: int = 0
    errors: list[RowProblem] = field(default_factory=list)
    rejects_file: Path | None = None

    def as_json(self) -> dict[str, Any]:
        """The summary as `--format json` prints it."""
        return {
            "source": self.source,
            "kind": self.kind,
            "file": str(self.file),
            "created": dict(sorted(self.created.items())),
            "updated": dict(sorted(self.updated.items())),
            "unchanged": dict(sorted(self.unchanged.items())),
            "rejected": self.rejected,
            "errors": [
                {"line": error.line, "column": error.column, "message": error.message}
                for error in self.errors
            ],
        }

"""The documented CSV templates of the generic kinds: a header row per kind, one file each."""

from __future__ import annotations

import csv
from pathlib import Path

from storeops.errors import StoreOpsError
from storeops.importers.generic.kinds import KINDS
from storeops.importers.generic.spec import Column, Reference
from storeops.importers.rejects import spreadsheet_safe


def write_templates(folder: Path, *, overwrite: bool = False) -> list[Path]:
    """Write `KIND.csv` for every generic kind into `folder`; never overwrite unless asked."""
    paths = [folder / f"{name}.csv" for name in KINDS]
    existing = [path for path in paths if path.exists()]
    if existing and not overwrite:
        raise StoreOpsError(f"{existing[0]} already exists; use --force to overwrite the templates")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, kind in zip(paths, KINDS.values(), strict=True):
            with path.open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle).writerow([spreadsheet_safe(h) for h in kind.headers])
    except OSError as exc:
        raise StoreOpsError(f"cannot write the templates in {folder}: {exc.strerror}") from None
    return paths


def kinds_reference() -> str:
    """The generic kinds as Markdown: each kind's columns, required ones in bold, examples."""
    lines = []
    for kind in KINDS.values():
        lines.append(f"- `{kind.name}`: {kind.description}.")
        cells = []
        columns: list[Column | Reference] = [*kind.columns, *kind.references]
        for column in columns:
            name = f"**{column.header}**" if column.required else column.header
            cells.append(f"{name} (`{column.example}`)" if column.example else name)
        lines.append("  Columns: " + ", ".join(cells) + ".")
    return "\n".join(lines)

"""The rejected-rows file of `--skip-bad-rows`: each bad row with its line and the reason.

Cells that start with =, +, -, @, a tab or a carriage return are prefixed with an apostrophe:
the file is meant to be opened in a spreadsheet, which would otherwise run them as formulas.
(A shared helper for this is planned in storeops.csvout; this one stays minimal until then.)
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO, Any

from storeops.importers.problems import ImportFileError, RowProblem

_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A text cell a spreadsheet will show as text, never evaluate."""
    return "'" + cell if cell.startswith(_FORMULA_TRIGGERS) else cell


class RejectsFile:
    """Rejected rows written to a temporary file, put in place only when the import commits."""

    def __init__(self, path: Path, header: list[str]) -> None:
        self.path = path
        self._header = header
        self._temporary = path.with_name(f".{path.name}.partial")
        self._handle: IO[str] | None = None
        self._writer: Any = None  # a csv writer once the first row is rejected

    def _open(self) -> None:
        try:
            self._handle = self._temporary.open("w", encoding="utf-8", newline="")
        except OSError as exc:
            raise ImportFileError(
                self.path, [RowProblem(0, None, f"cannot write rejected rows: {exc.strerror}")]
            ) from None
        self._writer = csv.writer(self._handle)
        self._write_row(["line", "column", "reason", *self._header])

    def _write_row(self, cells: list[str]) -> None:
        self._writer.writerow([spreadsheet_safe(cell) for cell in cells])

    def add(self, line: int, problem: RowProblem, raw: list[str]) -> None:
        """Write one rejected row with the problem that rejected it."""
        if self._handle is None:
            self._open()
        self._write_row([str(line), problem.column or "", problem.message, *raw])

    def commit(self) -> Path | None:
        """Put the file in place; None when no row was rejected."""
        if self._handle is None:
            return None
        self._handle.close()
        self._temporary.replace(self.path)
        return self.path

    def discard(self) -> None:
        """Remove the temporary file (the import did not commit)."""
        if self._handle is not None:
            self._handle.close()
            self._temporary.unlink(missing_ok=True)

"""What is wrong with an input file, located by file, line and column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storeops.errors import StoreOpsError

# Enough to fix a file in one go without flooding a terminal with a broken file's every row.
MAX_PROBLEMS_SHOWN = 20


@dataclass(frozen=True)
class RowProblem:
    """One bad value or record: the line it starts on, the column (if one), and why."""

    line: int
    column: str | None
    message: str

    def located(self, path: Path) -> str:
        """`file:line: column "X": message`, the form every import error takes."""
        where = f'column "{self.column}": ' if self.column else ""
        line = f":{self.line}" if self.line else ""
        return f"{path}{line}: {where}{self.message}"


class CellError(ValueError):
    """A cell that cannot be read; the row mapper turns it into a `RowProblem`."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


class ImportFileError(StoreOpsError):
    """A file that cannot be imported as a whole; nothing of it was written."""

    def __init__(self, path: Path, problems: list[RowProblem], hint: str = "") -> None:
        self.path = path
        self.problems = problems
        shown = [problem.located(path) for problem in problems[:MAX_PROBLEMS_SHOWN]]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            shown.append(f"... and {len(problems) - MAX_PROBLEMS_SHOWN} more")
        count = len(problems)
        if count == 1:
            # One problem, one line: where, what, and that the store is as it was.
            super().__init__(f"{shown[0]}; nothing was imported")
            return
        tail = f"{count} problems in {path}; nothing was imported"
        if hint:
            tail += f"; {hint}"
        super().__init__("\n".join([*shown, tail]))

"""Reading CSV files strictly and as a stream, by column name, with the line each row starts on.

Platforms and spreadsheets write CSV with a BOM or without, LF or CRLF, quoted multi-line
cells, and columns in any order. Columns are matched by name, case-insensitively; unknown
columns are ignored and missing trailing cells read as empty. The parser is strict: an
unclosed quote is an error at its line, never a file silently swallowed into one cell.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from storeops.importers.problems import ImportFileError, RowProblem

# A cell larger than this is a broken file (a stray quote), not a product description.
FIELD_SIZE_LIMIT = 1_000_000


class CsvRow:
    """One record: the physical line it starts on and its raw cells, read by column name."""

    __slots__ = ("line", "positions", "raw")

    def __init__(self, line: int, raw: list[str], positions: _Positions) -> None:
        self.line = line
        self.raw = raw
        # Shared by every row of a file: a dict per row would double the cost of reading.
        self.positions = positions

    def get(self, column: str) -> str:
        """The cell under `column` (lower-case name), '' when the column or cell is missing."""
        return self.raw[self.positions[column]]

    def spelled(self, column: str) -> str:
        """The column's name as the file's header spells it."""
        return self.positions.spelled.get(column, column)


class _Positions(dict[str, int]):
    """Column positions; an unknown column points at the empty cell padded onto every row."""

    def __init__(self, names: list[str], header: list[str]) -> None:
        super().__init__()
        # The first of two same-named columns wins, as a person reading the file would expect.
        for position, name in enumerate(names):
            self.setdefault(name, position)
        self.empty = len(names)
        # Errors name a column as the file spells it.
        self.spelled = {
            name: original.strip() for name, original in zip(names, header, strict=True)
        }

    def __missing__(self, column: str) -> int:
        return self.empty


def normalise_header(name: str) -> str:
    """How columns are matched: case-insensitive, surrounding blanks ignored."""
    return " ".join(name.strip().lower().split())


class CsvFile:
    """A CSV file opened for streaming; `rows()` yields `CsvRow`s, `header` the raw names."""

    def __init__(self, path: Path, on_progress: Callable[[int, int], None] | None = None) -> None:
        self.path = path
        self.header: list[str] = []
        self._on_progress = on_progress
        try:
            self.size = path.stat().st_size
        except OSError as exc:
            raise ImportFileError(
                path, [RowProblem(0, None, f"cannot read: {exc.strerror}")]
            ) from None

    def _lines(self, handle: Iterator[str]) -> Iterator[str]:
        consumed = 0
        for count, line in enumerate(handle):
            consumed += len(line)
            if self._on_progress is not None and count % 4096 == 0:
                self._on_progress(consumed, self.size)
            yield line
        if self._on_progress is not None:
            self._on_progress(self.size, self.size)

    def rows(self, required: tuple[str, ...] = ()) -> Iterator[CsvRow]:
        """Yield each record; raise `ImportFileError` on broken CSV or missing columns."""
        csv.field_size_limit(FIELD_SIZE_LIMIT)
        try:
            # utf-8-sig drops a BOM when there is one; newline="" lets csv see CRLF and
            # line breaks inside quoted cells as they are.
            with self.path.open(encoding="utf-8-sig", newline="") as handle:
                # Counting progress costs a generator step per line: only when someone watches.
                lines = handle if self._on_progress is None else self._lines(handle)
                reader = csv.reader(lines, strict=True)
                yield from self._records(reader, required)
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                self.path,
                [RowProblem(0, None, f"not UTF-8 text ({exc.reason}); export it as UTF-8 CSV")],
            ) from None
        except OSError as exc:
            raise ImportFileError(
                self.path, [RowProblem(0, None, f"cannot read: {exc.strerror}")]
            ) from None

    def _records(self, reader: Any, required: tuple[str, ...]) -> Iterator[CsvRow]:
        previous_end = 0
        try:
            header = next(reader, None)
            if header is None:
                raise ImportFileError(self.path, [RowProblem(1, None, "the file is empty")])
            self.header = header
            names = [normalise_header(name) for name in header]
            missing = [column for column in required if column not in names]
            if missing:
                listed = ", ".join(f'"{column}"' for column in missing)
                raise ImportFileError(
                    self.path,
                    [RowProblem(1, None, f"missing column(s) {listed}; is this the right file?")],
                )
            previous_end = reader.line_num
            width = len(names)
            positions = _Positions(names, header)
            # Every row is padded to the header's width plus one empty cell, so reading a
            # missing trailing cell or an unknown column is one index, no test.
            padding = [""] * (width + 1)
            for raw in reader:
                start = previous_end + 1
                previous_end = reader.line_num
                if not any(raw):
                    continue  # blank lines and rows of empty cells are what spreadsheets leave
                cells = len(raw)
                if cells == width:
                    raw.append("")  # the common case of the padding below
                elif cells > width and any(raw[width:]):
                    raise ImportFileError(
                        self.path,
                        [
                            RowProblem(
                                start,
                                None,
                                f"{cells} cells but the header has {width} columns",
                            )
                        ],
                    )
                elif cells < width:
                    raw.extend(padding[: width + 1 - cells])
                yield CsvRow(start, raw, positions)
        except csv.Error as exc:
            line = reader.line_num if reader.line_num else previous_end + 1
            message = str(exc)
            if "unexpected end of data" in message or "EOF" in message:
                line = previous_end + 1
                message = "a quote opened here is never closed"
            raise ImportFileError(
                self.path, [RowProblem(line, None, f"broken CSV: {message}")]
            ) from None

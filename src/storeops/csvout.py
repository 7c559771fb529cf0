"""Writing CSV that is safe to open in a spreadsheet.

A text cell starting with =, +, -, @, a tab or a carriage return is a formula to Excel,
LibreOffice and Google Sheets ("CSV injection"): a product title from an import could run
a formula on the owner's machine. Such cells get a leading apostrophe; numbers (int, float,
Decimal) are written as numbers, so "-3" stays a number a spreadsheet can sum.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, TextIO

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """One cell as written: numbers untouched, formula-trigger text neutralised, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def write_csv(out: TextIO, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Write a header and rows to `out` with every cell passed through `safe_cell`."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([safe_cell(name) for name in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """The CSV document for a header and rows, as a string."""
    buffer = io.StringIO()
    write_csv(buffer, header, rows)
    return buffer.getvalue()

"""Formula-safe CSV: text that a spreadsheet would run is neutralised, numbers stay numbers."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from storeops.csvout import csv_text, safe_cell


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Trail socks", "Trail socks"),
        ("a=b", "a=b"),  # only a leading trigger matters
        (-3, -3),
        (2.5, 2.5),
        (Decimal("-12.50"), Decimal("-12.50")),
        (None, ""),
    ],
)
def test_safe_cell(value: object, written: object) -> None:
    assert safe_cell(value) == written


def test_csv_text_round_trips_and_keeps_negative_numbers_numeric() -> None:
    text = csv_text(("sku", "qty", "cost"), [("=cmd()", -3, Decimal("4.50"))])
    assert text == "sku,qty,cost\n'=cmd(),-3,4.50\n"
    assert list(csv.reader(io.StringIO(text)))[1] == ["'=cmd()", "-3", "4.50"]

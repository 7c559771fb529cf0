"""A report's numbers for machines: JSON of the whole report, CSV of every figure and row.

CSV is one long table (section, table, row, column, value) so every table of the report
fits one file a spreadsheet opens; numbers stay numbers and text cells that a spreadsheet
would run as a formula are defused with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from storeops.reports.model import Report, Value

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """Text a spreadsheet will show as text, never evaluate (CSV injection)."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _number(value: Value) -> Any:
    # Decimal -> float is exact in print for cents (repr is the shortest round trip).
    if isinstance(value, Decimal):
        return float(value)
    return value


def to_json(report: Report) -> str:
    """The report as JSON: figures, tables (rows as objects) and charts, money as numbers."""
    data = {
        "kind": report.kind,
        "title": report.title,
        "store": report.store,
        "currency": report.currency,
        "first_day": report.first.isoformat(),
        "last_day": report.last.isoformat(),
        "period": report.period_label,
        "generated_at": report.generated_at.isoformat(),
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "figures": [
                    {
                        "label": f.label,
                        "unit": f.unit,
                        "value": _number(f.value),
                        "previous": _number(f.previous),
                        "last_year": _number(f.last_year),
                    }
                    for f in s.figures
                ],
                "tables": {
                    t.key: [
                        {c: _number(v) for c, v in zip(t.columns, row, strict=True)}
                        for row in t.rows
                    ]
                    for t in s.tables
                },
                "charts": [
                    {"key": c.key, "kind": c.kind, "labels": c.labels, "values": c.values}
                    | ({"rows": c.rows, "cells": c.cells} if c.kind == "heatmap" else {})
                    for c in s.charts
                ],
                "notes": s.notes,
            }
            for s in report.sections
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _csv_value(value: Value) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return safe_text(value)
    return value


def to_csv(report: Report) -> str:
    """Every figure and table row as `section,table,row,column,value` lines."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "table", "row", "column", "value"])
    for section in report.sections:
        for f in section.figures:
            for column, v in (
                ("value", f.value),
                ("previous", f.previous),
                ("last_year", f.last_year),
            ):
                writer.writerow([section.key, "figures", safe_text(f.label), column, _csv_value(v)])
        for table in section.tables:
            for n, row in enumerate(table.rows, 1):
                for column, v in zip(table.columns, row, strict=True):
                    writer.writerow([section.key, table.key, n, column, _csv_value(v)])
    return out.getvalue()

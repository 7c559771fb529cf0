"""The report renderers on a hand-built report: exact Markdown, CSV that a spreadsheet cannot
turn into formulas, JSON with numbers as numbers, and HTML that loads and runs nothing.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from decimal import Decimal

from storeops.render.report_data import to_csv, to_json
from storeops.render.report_html import to_html
from storeops.render.report_markdown import to_markdown
from storeops.reports.model import Chart, Figure, Report, Section, Table


def _report() -> Report:
    return Report(
        "monthly",
        "Monthly report",
        "Shop | One",
        "USD",
        date(2026, 10, 1),
        date(2026, 10, 31),
        "October 2026",
        datetime(2026, 11, 26, 14, 30, tzinfo=UTC),
        [
            Section(
                "sales",
                "Sales",
                [
                    Figure("Revenue", Decimal("1234.50"), "money", Decimal("1000.00"), None),
                    Figure("Conversion rate", 2.5, "pct", 2.0),
                    Figure("Average order", None, "money", Decimal("10.00")),
                ],
                [
                    Table(
                        "best_sellers",
                        "Best sellers",
                        ("product", "units"),
                        ("text", "count"),
                        [('=HYPERLINK("x")', 12), ("Mug", 3)],
                    )
                ],
                [
                    Chart(
                        "revenue_per_day",
                        "bars",
                        "Revenue per day",
                        ["1 Oct", "2 Oct"],
                        [10.0, 0.0],
                        "money",
                    )
                ],
                ["A note."],
            ),
            Section(
                "routine",
                "The routine",
                charts=[
                    Chart(
                        "completion_heatmap",
                        "heatmap",
                        "Completion",
                        ["1", "2"],
                        rows=["orders"],
                        cells=[[100.0, None]],
                    )
                ],
            ),
        ],
    )


def test_markdown_is_exact() -> None:
    assert to_markdown(_report()) == (
        "# Monthly report: Shop | One\n"
        "\n"
        "October 2026 · generated 2026-11-26 14:30 UTC\n"
        "\n"
        "## Sales\n"
        "\n"
        "|  | value | vs previous |\n"
        "| --- | ---: | ---: |\n"
        "| Revenue | $1,234.50 | +23% |\n"
        "| Conversion rate | 2.5% | +0.5 pts |\n"
        "| Average order | \u2013 | \u2013 |\n"
        "\n"
        "**Best sellers**\n"
        "\n"
        "| product | units |\n"
        "| --- | ---: |\n"
        '| =HYPERLINK("x") | 12 |\n'
        "| Mug | 3 |\n"
        "\n"
        "_A note._\n"
        "\n"
        "## The routine\n"
    )


def test_csv_keeps_numbers_and_defuses_formulas() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(_report()))))
    assert rows[0] == ["section", "table", "row", "column", "value"]
    assert ["sales", "figures", "Revenue", "value", "1234.50"] in rows
    assert ["sales", "figures", "Revenue", "last_year", ""] in rows
    assert ["sales", "best_sellers", "1", "product", '\'=HYPERLINK("x")'] in rows
    assert ["sales", "best_sellers", "1", "units", "12"] in rows
    for trigger in ("+1", "-1 day", "@SUM", "\tx", "\rx"):
        from storeops.render.report_data import safe_text

        assert safe_text(trigger) == "'" + trigger


def test_json_has_numbers_as_numbers_and_rows_as_objects() -> None:
    data = json.loads(to_json(_report()))
    sales = data["sections"][0]
    assert sales["figures"][0] == {
        "label": "Revenue",
        "unit": "money",
        "value": 1234.5,
        "previous": 1000.0,
        "last_year": None,
    }
    assert sales["tables"]["best_sellers"][1] == {"product": "Mug", "units": 3}
    assert data["first_day"] == "2026-10-01" and data["currency"] == "USD"


def test_html_is_self_contained_with_every_chart_inline() -> None:
    page = to_html(_report())
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert " src=" not in page and "<link" not in page and "url(" not in page
    assert "default-src 'none'" in page
    assert page.count("<svg") == 2
    assert 'data-chart="revenue_per_day"' in page and 'data-chart="completion_heatmap"' in page
    assert "Shop | One" in page and "&lt;" not in page
    assert "=HYPERLINK(&quot;x&quot;)" in page  # text is escaped, never markup

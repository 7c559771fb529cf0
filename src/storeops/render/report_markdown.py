"""A report as Markdown: what --send posts and what the terminal view renders."""

from __future__ import annotations

from storeops.render.report_text import figure_line, value
from storeops.reports.model import Report, Section, Table

HEADER = ("", "value", "vs previous", "vs last year")


def _cell(text: str) -> str:
    # A pipe would end the cell; a newline would end the row.
    return text.replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[str]], right_from: int = 1) -> list[str]:
    align = ["---" if i < right_from else "---:" for i in range(len(header))]
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _figures(section: Section, currency: str) -> list[str]:
    lines = [figure_line(f, currency) for f in section.figures]
    # A comparison column only when some figure has that comparison.
    columns = [True, True]
    columns.append(any(f.previous is not None for f in section.figures))
    columns.append(any(f.last_year is not None for f in section.figures))
    header = [h for h, keep in zip(HEADER, columns, strict=True) if keep]
    rows = [[c for c, keep in zip(line, columns, strict=True) if keep] for line in lines]
    return _table(header, rows)


def _data_table(table: Table, currency: str) -> list[str]:
    lines = [f"**{table.title}**", ""]
    if not table.rows:
        return [*lines, "_None._"]
    rows = [
        [value(v, unit, currency) for v, unit in zip(row, table.units, strict=True)]
        for row in table.rows
    ]
    first_number = next((i for i, u in enumerate(table.units) if u != "text"), len(table.units))
    header = [c.replace("_", " ") for c in table.columns]
    return lines + _table(header, rows, right_from=first_number)


def to_markdown(report: Report) -> str:
    """The whole report as GitHub-flavoured Markdown (charts are left to the HTML page)."""
    lines = [
        f"# {report.title}: {report.store}",
        "",
        f"{report.period_label} · generated {report.generated_at:%Y-%m-%d %H:%M} UTC",
    ]
    for section in report.sections:
        lines += ["", f"## {section.title}", ""]
        if section.figures:
            lines += [*_figures(section, report.currency), ""]
        for table in section.tables:
            lines += [*_data_table(table, report.currency), ""]
        lines += [f"_{note}_" for note in section.notes]
        while lines[-1] == "":
            lines.pop()
    return "\n".join(lines) + "\n"

"""A report as one self-contained HTML page: inline CSS and SVG, no scripts, no fetches.

Owners forward it and open it on a phone, so the layout is a single fluid column that never
scrolls sideways (wide tables scroll inside their own box) and prints cleanly.
"""

from __future__ import annotations

from html import escape

from storeops.render.report_svg import render_chart
from storeops.render.report_text import figure_line, value
from storeops.reports.model import Report, Section, Table

POLICY = "default-src 'none'; style-src 'unsafe-inline'"
STYLE = """
*{box-sizing:border-box}
body{margin:0;color:#1f2937;background:#fff;
 font:15px/1.45 -apple-system,system-ui,"Segoe UI",Roboto,sans-serif}
main{max-width:960px;margin:0 auto;padding:16px}
h1{font-size:1.5em;margin:.2em 0}
h2{font-size:1.15em;margin:1.6em 0 .5em;border-bottom:2px solid #e5e7eb;padding-bottom:.2em}
.meta{color:#6b7280;margin:0 0 1em}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px}
.figure{border:1px solid #e5e7eb;border-radius:8px;padding:8px 10px}
.figure .label{color:#6b7280;font-size:.85em}
.figure .value{font-size:1.3em;font-weight:600}
.figure .change{font-size:.8em;color:#6b7280}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;margin:.4em 0 1em;font-size:.9em}
th,td{padding:4px 8px;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;white-space:nowrap}
caption{text-align:left;font-weight:600;padding:4px 0}
.chart{display:block;width:100%;height:auto;margin:.5em 0 1em}
figure{margin:0}
figcaption{font-weight:600;font-size:.9em}
.note{color:#6b7280;font-style:italic}
@media print{body{font-size:11pt}main{max-width:none;padding:0}section{break-inside:avoid}
.scroll{overflow:visible}}
"""


def _figures(section: Section, currency: str) -> str:
    cards = []
    for f in section.figures:
        label, shown, previous, last_year = figure_line(f, currency)
        change = ""
        if f.previous is not None:
            change += f"<div class='change'>{escape(previous)} vs previous</div>"
        if f.last_year is not None:
            change += f"<div class='change'>{escape(last_year)} vs last year</div>"
        cards.append(
            f"<div class='figure'><div class='label'>{escape(label)}</div>"
            f"<div class='value'>{escape(shown)}</div>{change}</div>"
        )
    return f"<div class='figures'>{''.join(cards)}</div>"


def _table(table: Table, currency: str) -> str:
    def cls(unit: str) -> str:
        return "" if unit == "text" else " class='num'"

    head = "".join(
        f"<th{cls(u)}>{escape(c.replace('_', ' '))}</th>"
        for c, u in zip(table.columns, table.units, strict=True)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{cls(u)}>{escape(value(v, u, currency))}</td>"
            for v, u in zip(row, table.units, strict=True)
        )
        + "</tr>"
        for row in table.rows
    )
    if not table.rows:
        body = f"<tr><td colspan='{len(table.columns)}' class='note'>None.</td></tr>"
    return (
        f"<div class='scroll'><table data-table='{escape(table.key)}'>"
        f"<caption>{escape(table.title)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table></div>"
    )


def _section(section: Section, currency: str) -> str:
    parts = [f"<section id='{escape(section.key)}'><h2>{escape(section.title)}</h2>"]
    if section.figures:
        parts.append(_figures(section, currency))
    for chart in section.charts:
        parts.append(f"<figure><figcaption>{escape(chart.title)}</figcaption>")
        parts.append(render_chart(chart) + "</figure>")
    parts += [_table(t, currency) for t in section.tables]
    parts += [f"<p class='note'>{escape(n)}</p>" for n in section.notes]
    return "".join(parts) + "</section>"


def to_html(report: Report) -> str:
    """The report as a standalone HTML document."""
    title = f"{report.title}: {report.store} ({report.period_label})"
    body = "".join(_section(s, report.currency) for s in report.sections)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width,initial-scale=1'>"
        # The page may load nothing and run nothing, even when forwarded and opened elsewhere.
        f"<meta http-equiv='Content-Security-Policy' content=\"{POLICY}\">"
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body><main>"
        f"<h1>{escape(report.title)}: {escape(report.store)}</h1>"
        f"<p class='meta'>{escape(report.period_label)} · generated "
        f"{report.generated_at:%Y-%m-%d %H:%M} UTC</p>{body}</main></body></html>\n"
    )

"""Charts as inline SVG: bars per day, a funnel, a heatmap. No scripts, no external files.

Every chart draws in a fixed viewBox and scales to its container's width, so the same
markup fits a phone, a desktop and a printed page.
"""

from __future__ import annotations

from html import escape

from storeops.reports.model import Chart

WIDTH = 640
INK = "#1f2937"
MUTED = "#6b7280"
BAR = "#2563eb"


def _svg(chart: Chart, height: int, body: list[str]) -> str:
    title = escape(chart.title)
    return (
        f'<svg class="chart" data-chart="{escape(chart.key)}" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-label="{title}">'
        f"<title>{title}</title>" + "".join(body) + "</svg>"
    )


def _short(value: float, unit: str) -> str:
    prefix = "$" if unit == "money" else ""
    if abs(value) >= 1_000_000:
        return f"{prefix}{value / 1_000_000:.1f}M"
    if abs(value) >= 1_000:
        return f"{prefix}{value / 1_000:.1f}k"
    return f"{prefix}{value:.0f}"


def bars(chart: Chart) -> str:
    """Vertical bars, one per label, with the largest value marked on the axis."""
    height, top, bottom, left = 220, 16, 28, 44
    plot_h, plot_w = height - top - bottom, WIDTH - left - 8
    peak = max([v for v in chart.values if v > 0], default=1.0)
    step = plot_w / max(len(chart.values), 1)
    body = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{WIDTH - 8}" y2="{top + plot_h}" '
        f'stroke="{MUTED}"/>',
        f'<text x="{left - 4}" y="{top + 4}" font-size="11" text-anchor="end" fill="{MUTED}">'
        f"{_short(peak, chart.unit)}</text>",
        f'<text x="{left - 4}" y="{top + plot_h}" font-size="11" text-anchor="end" '
        f'fill="{MUTED}">0</text>',
    ]
    label_every = max(1, len(chart.labels) // 8)
    for i, (label, v) in enumerate(zip(chart.labels, chart.values, strict=True)):
        h = plot_h * max(v, 0) / peak
        x = left + i * step + step * 0.15
        body.append(
            f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{step * 0.7:.1f}" '
            f'height="{h:.1f}" fill="{BAR}"><title>{escape(label)}: {v:,.2f}</title></rect>'
        )
        if i % label_every == 0:
            body.append(
                f'<text x="{x + step * 0.35:.1f}" y="{height - 10}" font-size="11" '
                f'text-anchor="middle" fill="{MUTED}">{escape(label)}</text>'
            )
    return _svg(chart, height, body)


def funnel(chart: Chart) -> str:
    """Horizontal bars shrinking step by step, each with its share of the first step."""
    row, left = 34, 120
    height = row * len(chart.values) + 8
    first = chart.values[0] if chart.values and chart.values[0] > 0 else 1.0
    # Scaled to the largest step: product views can outnumber sessions.
    peak = max([first, *chart.values])
    body = []
    for i, (label, v) in enumerate(zip(chart.labels, chart.values, strict=True)):
        w = (WIDTH - left - 110) * max(v, 0) / peak
        y = 4 + i * row
        body += [
            f'<text x="{left - 8}" y="{y + 20}" font-size="13" text-anchor="end" fill="{INK}">'
            f"{escape(label)}</text>",
            f'<rect x="{left}" y="{y + 4}" width="{w:.1f}" height="{row - 10}" fill="{BAR}"/>',
            f'<text x="{left + w + 6:.1f}" y="{y + 20}" font-size="12" fill="{MUTED}">'
            f"{v:,.0f} ({100 * v / first:.1f}%)</text>",
        ]
    return _svg(chart, height, body)


def _shade(pct: float | None) -> str:
    if pct is None:
        return "#f3f4f6"
    # From pale red (nothing settled) to green (all settled).
    if pct >= 100:
        return "#16a34a"
    if pct >= 75:
        return "#86efac"
    if pct >= 50:
        return "#fde68a"
    return "#fca5a5"


def heatmap(chart: Chart) -> str:
    """Rows (areas) by columns (days), each cell shaded by its completion percentage."""
    left, top, cell_h = 96, 18, 18
    cell_w = (WIDTH - left - 4) / max(len(chart.labels), 1)
    height = top + cell_h * len(chart.rows) + 4
    body = []
    for j, label in enumerate(chart.labels):
        if len(chart.labels) <= 10 or j % 2 == 0:
            body.append(
                f'<text x="{left + (j + 0.5) * cell_w:.1f}" y="12" font-size="10" '
                f'text-anchor="middle" fill="{MUTED}">{escape(label)}</text>'
            )
    for i, (name, cells) in enumerate(zip(chart.rows, chart.cells, strict=True)):
        y = top + i * cell_h
        body.append(
            f'<text x="{left - 6}" y="{y + 13}" font-size="11" text-anchor="end" fill="{INK}">'
            f"{escape(name)}</text>"
        )
        for j, pct in enumerate(cells):
            shown = "nothing due" if pct is None else f"{pct:.0f}%"
            body.append(
                f'<rect x="{left + j * cell_w + 1:.1f}" y="{y + 1}" width="{cell_w - 2:.1f}" '
                f'height="{cell_h - 2}" fill="{_shade(pct)}">'
                f"<title>{escape(name)} {escape(chart.labels[j])}: {shown}</title></rect>"
            )
    return _svg(chart, height, body)


def render_chart(chart: Chart) -> str:
    """The SVG of a chart of any kind."""
    drawers = {"bars": bars, "funnel": funnel, "heatmap": heatmap}
    return drawers[chart.kind](chart)

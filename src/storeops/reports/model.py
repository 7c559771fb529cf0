"""The shape of a report: sections of figures, tables and charts, independent of any format.

Values keep their exact types (Decimal money, int counts, float rates) so each renderer
formats them its own way and CSV/JSON keep numbers as numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

Value = Decimal | int | float | str | None

# What a value measures, for formatting: money in the store's currency, a count, a percentage,
# hours, milliseconds, a ratio (ROAS) or free text.
UNITS = ("money", "count", "pct", "hours", "ms", "ratio", "text")


@dataclass(frozen=True)
class Figure:
    """One headline number, with the same number for the comparison periods when known."""

    label: str
    value: Value
    unit: str = "count"
    previous: Value = None  # the period just before
    last_year: Value = None  # the same period a year earlier, where the store has data


@dataclass(frozen=True)
class Table:
    """Rows behind a section: e.g. best sellers, spend per channel, the P&L lines."""

    key: str
    title: str
    columns: tuple[str, ...]
    units: tuple[str, ...]
    rows: list[tuple[Value, ...]]


@dataclass(frozen=True)
class Chart:
    """A chart drawn as inline SVG: bars per label, a funnel, or a heatmap of percentages.

    bars and funnel use `labels` and `values`; heatmap uses `rows` x `labels` and `cells`
    (0-100, None where nothing was due).
    """

    key: str
    kind: str  # bars | funnel | heatmap
    title: str
    labels: list[str]
    values: list[float] = field(default_factory=list)
    unit: str = "count"
    rows: list[str] = field(default_factory=list)
    cells: list[list[float | None]] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    """One part of a report, e.g. sales or customer service."""

    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    """A whole report: what, for which store and days, and its sections in reading order."""

    kind: str  # daily | weekly | monthly | finance
    title: str
    store: str
    currency: str
    first: date
    last: date
    period_label: str
    generated_at: datetime
    sections: list[Section]

"""Building reports from hand-built stores in tests, and finding figures in them."""

from __future__ import annotations

from datetime import date

from factories import NOW
from storeops.config import load_settings
from storeops.db import Store
from storeops.reports import periods
from storeops.reports.build import build_report
from storeops.reports.model import Figure, Report, Section, Table

TODAY = date(2026, 11, 26)


def report(store: Store, kind: str, when: str | None = None) -> Report:
    """The `kind` report as the CLI would build it, with the test clock's today."""
    choose = {"daily": periods.daily, "weekly": periods.weekly}.get(kind, periods.monthly)
    return build_report(store, load_settings(), kind, choose(when, TODAY), NOW)


def section(built: Report, key: str) -> Section:
    """The section with `key`."""
    return next(s for s in built.sections if s.key == key)


def figure(built: Report, key: str, label: str) -> Figure:
    """The figure labelled `label` in section `key`."""
    return next(f for f in section(built, key).figures if f.label == label)


def table(built: Report, key: str, table_key: str) -> Table:
    """The table `table_key` in section `key`."""
    return next(t for t in section(built, key).tables if t.key == table_key)

"""What every section builder gets: a Reader on the store, the days, the timezone, the rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from storeops.metrics import periods
from storeops.reports.periods import ReportDays

if TYPE_CHECKING:
    from storeops.config import RulesSection
    from storeops.readers import Reader


@dataclass(frozen=True)
class Scope:
    """A report being built: where the data is and which days it covers."""

    reader: Reader  # plain SQL, one snapshot shared by every section of the report
    days: ReportDays
    zone: tzinfo
    rules: RulesSection
    now: datetime
    history_starts: datetime | None  # the first order ever: comparisons before it are empty

    @property
    def period(self) -> periods.Period:
        """The report's days as UTC instants."""
        return periods.days(self.days.first, self.days.last, self.zone)

    @property
    def previous(self) -> periods.Period:
        """The period just before, as UTC instants."""
        return periods.days(*self.days.previous, self.zone)

    @property
    def last_year(self) -> periods.Period | None:
        """The same period a year earlier, or None when the store has no data that old."""
        span = periods.days(*self.days.last_year, self.zone)
        if self.history_starts is None or self.history_starts >= span.end:
            return None
        return span

    def each_day(self) -> list[date]:
        """Every local day of the report, in order."""
        from datetime import timedelta

        count = (self.days.last - self.days.first).days + 1
        return [self.days.first + timedelta(days=n) for n in range(count)]

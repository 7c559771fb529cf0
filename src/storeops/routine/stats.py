"""Looking back: completion per day and per area, the streak, the 12-week calendar.

A run records a row for every item it puts in front of the operator (manual items when the
run starts, checks that need acknowledging when they are judged), so completion is simply
settled rows over all rows: nothing has to reconstruct what was due on a past day.
The queries are plain SQL over a `Reader`, so `storeops history` need not import SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storeops.readers import Reader


@dataclass(frozen=True)
class DayCompletion:
    """One local day: items put to the operator, and what became of them."""

    day: date
    total: int
    done: int
    skipped: int
    problems: int
    acknowledged: int
    open: int

    @property
    def settled(self) -> int:
        """Items with a final answer (done, skipped, problem, acknowledged)."""
        return self.done + self.skipped + self.problems + self.acknowledged

    @property
    def percent(self) -> float:
        """Settled items as a share of all items, 0-100."""
        return 100.0 * self.settled / self.total if self.total else 0.0


@dataclass(frozen=True)
class AreaCompletion:
    """One area over a period."""

    area: str
    total: int
    settled: int
    skipped: int
    problems: int

    @property
    def percent(self) -> float:
        """Settled items as a share of all items, 0-100."""
        return 100.0 * self.settled / self.total if self.total else 0.0


# Rows of routine runs (not cron checks, not abandoned) in a period that a person had to
# answer: not the checks that were simply OK ("auto").
_ROUTINE_ROWS = """
    FROM item_results JOIN runs ON runs.id = item_results.run_id
    WHERE runs.kind IN ('morning', 'day', 'evening', 'area')
      AND runs.local_date >= :first AND runs.local_date <= :last
      AND runs.status != 'abandoned'
      AND (item_results.answer IS NULL OR item_results.answer != 'auto')
"""


def _count(answers: str) -> str:
    """SQL counting the rows answered with one of `answers` (portable: no boolean sums)."""
    return f"sum(CASE WHEN item_results.answer IN ({answers}) THEN 1 ELSE 0 END)"


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


@dataclass(frozen=True)
class Completion:
    """The routine's rows over a period, counted per local day and area in one query.

    `by_day` and `by_area` sum these counts: `storeops history` needs both, and its 12-week
    calendar, and a report a day series per area; each used to be a pass over the rows.
    """

    # (day, area, total, done, skipped, problems, acknowledged), by day then area.
    cells: tuple[tuple[date, str, int, int, int, int, int], ...]

    def by_day(
        self, first: date | None = None, last: date | None = None, *, area: str | None = None
    ) -> list[DayCompletion]:
        """Per day in [first, last] (all days when omitted); only `area`'s rows if given."""
        days: dict[date, list[int]] = {}
        for day, cell_area, *counts in self._within(first, last):
            if area is None or cell_area == area:
                sums = days.setdefault(day, [0, 0, 0, 0, 0])
                for index, count in enumerate(counts):
                    sums[index] += count
        result = []
        for day, (total, done, skipped, problems, acknowledged) in days.items():
            settled = done + skipped + problems + acknowledged
            result.append(
                DayCompletion(day, total, done, skipped, problems, acknowledged, total - settled)
            )
        return result

    def by_area(self, first: date | None = None, last: date | None = None) -> list[AreaCompletion]:
        """Per area over [first, last] (all days when omitted), by area name."""
        areas: dict[str, list[int]] = {}
        for _day, area, total, done, skipped, problems, acknowledged in self._within(first, last):
            sums = areas.setdefault(area, [0, 0, 0, 0])
            sums[0] += total
            sums[1] += done + skipped + problems + acknowledged
            sums[2] += skipped
            sums[3] += problems
        return [AreaCompletion(area, *areas[area]) for area in sorted(areas)]

    def _within(
        self, first: date | None, last: date | None
    ) -> Iterator[tuple[date, str, int, int, int, int, int]]:
        """The cells of the days in [first, last]; an omitted bound is open."""
        for cell in self.cells:
            if (first is None or cell[0] >= first) and (last is None or cell[0] <= last):
                yield cell


def completion(reader: Reader, first: date, last: date) -> Completion:
    """The routine's rows in [first, last], counted per local day and area."""
    sql = f"""
        SELECT runs.local_date, item_results.area, count(*),
               {_count("'done'")}, {_count("'skipped'")},
               {_count("'problem'")}, {_count("'acknowledged'")}
        {_ROUTINE_ROWS}
        GROUP BY runs.local_date, item_results.area
        ORDER BY runs.local_date, item_results.area
    """
    rows = reader.rows(sql, {"first": first.isoformat(), "last": last.isoformat()})
    return Completion(
        tuple(
            (_as_date(day), area, int(total), *(int(count or 0) for count in counts))
            for day, area, total, *counts in rows
        )
    )


def completion_by_day(
    reader: Reader, first: date, last: date, *, area: str | None = None
) -> list[DayCompletion]:
    """Completion of routine runs per local day in [first, last] (days without runs omitted)."""
    return completion(reader, first, last).by_day(area=area)


def completion_by_area(reader: Reader, first: date, last: date) -> list[AreaCompletion]:
    """Completion per area over [first, last]."""
    return completion(reader, first, last).by_area()


def streak(reader: Reader, today: date) -> int:
    """Consecutive days, up to today, with a completed morning routine.

    Today counts once its morning is completed; until then the streak runs to yesterday, so
    a streak is not "broken" at 7 am before the owner has had a chance.
    """
    sql = """
        SELECT DISTINCT local_date FROM runs
        WHERE kind = 'morning' AND status = 'completed' AND local_date <= :today
    """
    days = {_as_date(day) for (day,) in reader.rows(sql, {"today": today.isoformat()})}
    cursor = today if today in days else today - timedelta(days=1)
    count = 0
    while cursor in days:
        count += 1
        cursor -= timedelta(days=1)
    return count

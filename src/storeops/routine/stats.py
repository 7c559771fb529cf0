"""Looking back: completion per day and per area, the streak, the 12-week calendar.

A run records a row for every item it puts in front of the operator (manual items when the
run starts, checks that need acknowledging when they are judged), so completion is simply
settled rows over all rows: nothing has to reconstruct what was due on a past day.
The queries are plain SQL over a `Reader`, so `storeops history` need not import SQLAlchemy.
"""

from __future__ import annotations

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


def completion_by_day(
    reader: Reader, first: date, last: date, *, area: str | None = None
) -> list[DayCompletion]:
    """Completion of routine runs per local day in [first, last] (days without runs omitted)."""
    sql = f"""
        SELECT runs.local_date, count(*),
               {_count("'done'")}, {_count("'skipped'")},
               {_count("'problem'")}, {_count("'acknowledged'")}
        {_ROUTINE_ROWS}
        {"AND item_results.area = :area" if area is not None else ""}
        GROUP BY runs.local_date ORDER BY runs.local_date
    """
    params = {"first": first.isoformat(), "last": last.isoformat(), "area": area}
    result = []
    for day, total, done, skipped, problems, acknowledged in reader.rows(sql, params):
        done, skipped = int(done or 0), int(skipped or 0)
        problems, acknowledged = int(problems or 0), int(acknowledged or 0)
        settled = done + skipped + problems + acknowledged
        result.append(
            DayCompletion(
                _as_date(day), int(total), done, skipped, problems, acknowledged, total - settled
            )
        )
    return result


def completion_by_area(reader: Reader, first: date, last: date) -> list[AreaCompletion]:
    """Completion per area over [first, last]."""
    sql = f"""
        SELECT item_results.area, count(*),
               {_count("'done', 'skipped', 'problem', 'acknowledged'")},
               {_count("'skipped'")}, {_count("'problem'")}
        {_ROUTINE_ROWS}
        GROUP BY item_results.area ORDER BY item_results.area
    """
    rows = reader.rows(sql, {"first": first.isoformat(), "last": last.isoformat()})
    return [
        AreaCompletion(area, int(total), int(settled or 0), int(skipped or 0), int(problems or 0))
        for area, total, settled, skipped, problems in rows
    ]


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

"""Looking back: completion per day and per area, the streak, the 12-week calendar.

A run records a row for every item it puts in front of the operator (manual items when the
run starts, checks that need acknowledging when they are judged), so completion is simply
settled rows over all rows: nothing has to reconstruct what was due on a past day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storeops.db import Store

ROUTINE_KINDS = ("morning", "day", "evening", "area")


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


def _put_to_operator() -> Any:
    """Rows a person had to answer: not the checks that were simply OK ("auto")."""
    from sqlalchemy import or_
    from sqlmodel import col

    from storeops.models import ItemResult

    return or_(col(ItemResult.answer).is_(None), col(ItemResult.answer) != "auto")


def _routine_rows(first: date, last: date) -> tuple[Any, ...]:
    """Rows of routine runs (not cron checks, not abandoned) put to the operator in a period."""
    from sqlmodel import col

    from storeops.models import Run

    return (
        col(Run.kind).in_(ROUTINE_KINDS),
        col(Run.local_date) >= first,
        col(Run.local_date) <= last,
        col(Run.status) != "abandoned",
        _put_to_operator(),
    )


def _count(answer: str) -> Any:
    from sqlalchemy import case, func
    from sqlmodel import col

    from storeops.models import ItemResult

    return func.sum(case((col(ItemResult.answer) == answer, 1), else_=0))


def completion_by_day(
    store: Store, first: date, last: date, *, area: str | None = None
) -> list[DayCompletion]:
    """Completion of routine runs per local day in [first, last] (days without runs omitted)."""
    from sqlalchemy import func, select
    from sqlmodel import col

    from storeops.models import ItemResult, Run

    query = (
        select(
            col(Run.local_date),
            func.count(),
            _count("done"),
            _count("skipped"),
            _count("problem"),
            _count("acknowledged"),
        )
        .join(Run, col(Run.id) == col(ItemResult.run_id))
        .where(*_routine_rows(first, last))
        .group_by(col(Run.local_date))
        .order_by(col(Run.local_date))
    )
    if area is not None:
        query = query.where(col(ItemResult.area) == area)
    with store.reading() as session:
        rows = session.execute(query).all()
    result = []
    for day, total, done, skipped, problems, acknowledged in rows:
        settled = int(done or 0) + int(skipped or 0) + int(problems or 0) + int(acknowledged or 0)
        result.append(
            DayCompletion(
                day if isinstance(day, date) else date.fromisoformat(day),
                int(total),
                int(done or 0),
                int(skipped or 0),
                int(problems or 0),
                int(acknowledged or 0),
                int(total) - settled,
            )
        )
    return result


def completion_by_area(store: Store, first: date, last: date) -> list[AreaCompletion]:
    """Completion per area over [first, last]."""
    from sqlalchemy import case, func, select
    from sqlmodel import col

    from storeops.models import ItemResult, Run

    settled_answers = ("done", "skipped", "problem", "acknowledged")
    query = (
        select(
            col(ItemResult.area),
            func.count(),
            func.sum(case((col(ItemResult.answer).in_(settled_answers), 1), else_=0)),
            _count("skipped"),
            _count("problem"),
        )
        .join(Run, col(Run.id) == col(ItemResult.run_id))
        .where(*_routine_rows(first, last))
        .group_by(col(ItemResult.area))
        .order_by(col(ItemResult.area))
    )
    with store.reading() as session:
        rows = session.execute(query).all()
    return [
        AreaCompletion(area, int(total), int(settled or 0), int(skipped or 0), int(problems or 0))
        for area, total, settled, skipped, problems in rows
    ]


def streak(store: Store, today: date) -> int:
    """Consecutive days, up to today, with a completed morning routine.

    Today counts once its morning is completed; until then the streak runs to yesterday, so
    a streak is not "broken" at 7 am before the owner has had a chance.
    """
    from sqlalchemy import select
    from sqlmodel import col

    from storeops.models import Run

    query = (
        select(col(Run.local_date))
        .where(col(Run.kind) == "morning", col(Run.status) == "completed")
        .where(col(Run.local_date) <= today)
        .distinct()
    )
    with store.reading() as session:
        days = set(session.scalars(query))
    cursor = today if today in days else today - timedelta(days=1)
    count = 0
    while cursor in days:
        count += 1
        cursor -= timedelta(days=1)
    return count

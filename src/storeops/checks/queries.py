"""Query helpers checks share: count + money + oldest in one aggregate, and capped detail rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from storeops.tables import Order, TableColumns

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy import ColumnElement, Select

    from storeops.db import Executor

# Detail rows are for a person to act on; past this many, the summary says how many more.
MAX_DETAILS = 50


@dataclass(frozen=True)
class Tally:
    """How many rows match, the money they carry, and the oldest timestamp among them."""

    count: int
    amount: Decimal
    oldest: datetime | None


def tally(
    session: Executor,
    condition: ColumnElement[bool],
    *,
    amount: Any = None,
    moment: Any = None,
    from_: Any = None,
) -> Tally:
    """Count, sum and min in one query over the rows matching `condition`."""
    columns: list[Any] = [func.count()]
    columns.append(func.coalesce(func.sum(amount), 0) if amount is not None else func.sum(None))
    columns.append(func.min(moment) if moment is not None else func.min(None))
    query = select(*columns).where(condition)
    if from_ is not None:
        query = query.select_from(from_)
    count, total, oldest = session.execute(query).one()
    return _tally(count, total, oldest)


def tally_rows(
    session: Executor,
    table: type[TableColumns],
    condition: ColumnElement[bool],
    *,
    order_by: Sequence[Any],
    amount: Any = None,
    moment: Any = None,
) -> tuple[Tally, list[Any]]:
    """The `tally` of every row of `table` matching `condition` and the first MAX_DETAILS."""
    query = select(table).where(condition).order_by(*order_by).limit(MAX_DETAILS)
    return tally_query(session, query, amount=amount, moment=moment)


def tally_query(
    session: Executor,
    query: Select[*tuple[Any, ...]],
    *,
    amount: Any = None,
    moment: Any = None,
) -> tuple[Tally, list[Any]]:
    """The rows of `query` (which has its LIMIT), and the `tally` of all it matches.

    One statement, not two: the count, sum and min are window aggregates, which SQL computes
    over all the matching rows before LIMIT keeps the first ones. Half the queries to plan
    and compile, and half the scans, for a check that reports a count and lists what it
    counted. Each row comes back whole, so its columns are read by name (`row.number`), the
    three aggregates after them as `tally_count`, `tally_amount` and `tally_oldest`.
    """
    windows = (
        func.count().over().label("tally_count"),
        func.sum(amount).over().label("tally_amount"),
        func.min(moment).over().label("tally_oldest"),
    )
    rows = session.execute(query.add_columns(*windows)).all()
    if not rows:
        return Tally(0, Decimal("0.00"), None), []
    first = rows[0]
    return _tally(first.tally_count, first.tally_amount, first.tally_oldest), list(rows)


def tally_orders(
    session: Executor, condition: ColumnElement[bool], *order_by: Any, amount: bool = True
) -> tuple[Tally, list[Any]]:
    """`tally_rows` of orders: count, value (unless `amount` is False) and oldest of those
    matching `condition`, and the first of them (oldest first unless `order_by` says)."""
    return tally_rows(
        session,
        Order,
        condition,
        order_by=order_by or (Order.created_at,),
        amount=Order.total if amount else None,
        moment=Order.created_at,
    )


def _tally(count: Any, total: Any, oldest: Any) -> Tally:
    if isinstance(oldest, str):  # min() of a DATETIME column comes back as text on SQLite
        from datetime import UTC

        oldest = datetime.fromisoformat(oldest).replace(tzinfo=UTC)
    elif isinstance(oldest, datetime) and oldest.tzinfo is None:
        from datetime import UTC

        oldest = oldest.replace(tzinfo=UTC)
    return Tally(int(count), Decimal(str(total or 0)).quantize(Decimal("0.01")), oldest)

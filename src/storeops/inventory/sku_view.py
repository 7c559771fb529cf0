"""One SKU up close (`stock show`) and the slow movers (`stock slow`), from the shared metrics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlmodel import col

from storeops.inventory import rollup
from storeops.inventory.ledger import find_variant
from storeops.metrics import inventory as stock
from storeops.models import StockMovement

if TYPE_CHECKING:
    from sqlmodel import Session

LEDGER_ROWS = 10
TREND_WEEKS = 8


@dataclass(frozen=True)
class SkuView:
    """What `stock show` prints: stock figures, the latest ledger rows, weekly sales."""

    sku: str
    on_hand: int
    incoming: int
    committed: int
    ledger_balance: int
    cost: Decimal | None
    ledger: list[StockMovement]
    weekly_units: list[tuple[date, int]]  # week starting, units sold


def _units(session: Session, subquery: object, variant_id: int) -> int:
    value = session.scalar(
        select(func.coalesce(func.sum(subquery.c.units), 0)).where(  # type: ignore[attr-defined]
            subquery.c.variant_id == variant_id  # type: ignore[attr-defined]
        )
    )
    return int(value or 0)


def sku_view(session: Session, sku: str, today: date) -> SkuView:
    """On hand, incoming, committed, the ledger and the sales trend of one SKU."""
    variant = find_variant(session, sku)
    vid = variant.id or 0
    balance = session.scalar(
        select(func.coalesce(func.sum(col(StockMovement.quantity)), 0)).where(
            col(StockMovement.variant_id) == vid
        )
    )
    ledger = list(
        session.scalars(
            select(StockMovement)
            .where(col(StockMovement.variant_id) == vid)
            .order_by(col(StockMovement.created_at).desc(), col(StockMovement.id).desc())
            .limit(LEDGER_ROWS)
        )
    )
    first = today - timedelta(weeks=TREND_WEEKS)
    per_day = rollup.daily_units(session, first, today - timedelta(days=1), [vid])
    weeks = [first + timedelta(weeks=n) for n in range(TREND_WEEKS)]
    totals = dict.fromkeys(weeks, 0)
    for _, day, units in per_day:
        totals[weeks[(day - first).days // 7]] += units
    return SkuView(
        sku=variant.sku,
        on_hand=variant.on_hand,
        incoming=_units(session, stock.incoming_units(), vid),
        committed=_units(session, stock.committed_units(), vid),
        ledger_balance=int(balance or 0),
        cost=variant.cost,
        ledger=ledger,
        weekly_units=list(totals.items()),
    )


@dataclass(frozen=True)
class SlowMover:
    """A SKU in stock that did not sell in the period: its value at cost and its last sale."""

    sku: str
    product: str
    on_hand: int
    value: Decimal
    last_sold: datetime | None


def slow_movers(session: Session, since: datetime) -> list[SlowMover]:
    """SKUs in stock with no sale since `since`, most money tied up first (shared metric)."""
    query = stock.slow_movers(since)
    rows = session.execute(query.order_by(query.selected_columns.value.desc())).all()
    last = stock.last_sold(session, [row.id for row in rows])
    return [
        SlowMover(
            row.sku,
            row.product,
            row.on_hand,
            Decimal(str(row.value)).quantize(Decimal("0.01")),
            last.get(row.id),
        )
        for row in rows
    ]

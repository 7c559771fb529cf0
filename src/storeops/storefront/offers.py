"""What the store offers for sale, as a storefront shows it: one row per active product."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class Offer:
    """An active product: its handle, title and page, lowest variant price and stock in all."""

    handle: str
    title: str
    url: str | None
    price: Decimal | None
    on_hand: int

    @property
    def in_stock(self) -> bool:
        """True when any of its variants has stock."""
        return self.on_hand > 0


def active_offers(session: Session, *, limit: int) -> list[Offer]:
    """The first `limit` active products (by id), with their lowest price and total stock."""
    from sqlalchemy import func, select
    from sqlmodel import col

    from storeops.models import Product, Variant

    rows = session.execute(
        select(
            col(Product.handle),
            col(Product.title),
            col(Product.url),
            func.min(col(Variant.price)),
            func.sum(col(Variant.on_hand)),
        )
        .join(Variant, col(Variant.product_id) == col(Product.id))
        .where(col(Product.status) == "active")
        .group_by(col(Product.id))
        .order_by(col(Product.id))
        .limit(limit)
    ).all()
    return [
        Offer(handle, title, url, price, int(on_hand or 0))
        for handle, title, url, price, on_hand in rows
    ]

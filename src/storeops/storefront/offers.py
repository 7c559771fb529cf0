"""What the store offers for sale, as a storefront shows it: one row per active product."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storeops.db import Executor


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


def active_offers(session: Executor, *, limit: int) -> list[Offer]:
    """The first `limit` active products (by id), with their lowest price and total stock."""
    from sqlalchemy import func, select

    from storeops.tables import Product, Variant

    rows = session.execute(
        select(
            Product.handle,
            Product.title,
            Product.url,
            func.min(Variant.price),
            func.sum(Variant.on_hand),
        )
        .join(Variant, Variant.product_id == Product.id)
        .where(Product.status == "active")
        .group_by(Product.id)
        .order_by(Product.id)
        .limit(limit)
    ).all()
    return [
        Offer(handle, title, url, price, int(on_hand or 0))
        for handle, title, url, price, on_hand in rows
    ]

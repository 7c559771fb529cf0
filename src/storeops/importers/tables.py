"""The tables the orders import writes, as SQLAlchemy Core tables, without the models.

Importing `storeops.models` builds every SQLModel class of the store (with sqlmodel and
pydantic, about half a second of an import of 100,000 orders), though the orders import
needs only the names, types and Python-side defaults of four tables' columns to write them
through the driver. These twins hold exactly that; `tests/test_import_tables.py` holds them
equal to the models (every column's name, type, nullability, key and default), so a column
added to a model and not here fails the tests, not an import.

Only what DML needs is here: no indexes, foreign keys or constraints, which migrations own.
`variants` is read (a SKU's id), never written: only its key columns.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Column, Table


def _money(name: str, *, optional: bool = False) -> Column[Decimal]:
    """A money column as `models.types.money` / `optional_money` declare it."""
    from sqlalchemy import Column, Numeric

    if optional:
        return Column(name, Numeric(12, 2), nullable=True)
    return Column(name, Numeric(12, 2), nullable=False, default=Decimal("0.00"))


@cache
def import_tables() -> dict[str, Table]:
    """The twins of `customers`, `orders`, `order_lines` and `variants`, by name."""
    from sqlalchemy import Boolean, Column, Integer, MetaData, String, Table

    from storeops.dbtypes import UTCDateTime

    def text(name: str, default: str | None = None) -> Column[str]:
        # SQLModel declares str fields NOT NULL, with their default as the column's.
        return Column(name, String, nullable=False, default=default)

    def optional_text(name: str) -> Column[str]:
        return Column(name, String, nullable=True)

    def time(name: str, *, optional: bool = True) -> Column[object]:
        return Column(name, UTCDateTime, nullable=optional)

    metadata = MetaData()
    customers = Table(
        "customers",
        metadata,
        Column("id", Integer, primary_key=True),
        text("source", "storeops"),
        optional_text("external_id"),
        optional_text("email"),
        text("first_name", ""),
        text("last_name", ""),
        optional_text("phone"),
        optional_text("address1"),
        optional_text("city"),
        optional_text("province"),
        optional_text("zip"),
        optional_text("country"),
        Column("accepts_marketing", Boolean, nullable=False, default=False),
        text("note", ""),
        text("tags", ""),
        time("created_at", optional=False),
        time("updated_at"),
    )
    orders = Table(
        "orders",
        metadata,
        Column("id", Integer, primary_key=True),
        text("source", "storeops"),
        optional_text("external_id"),
        text("number"),
        Column("customer_id", Integer, nullable=True),
        optional_text("email"),
        time("created_at", optional=False),
        time("updated_at"),
        time("cancelled_at"),
        time("closed_at"),
        text("financial_status", "pending"),
        text("fulfillment_status", "unfulfilled"),
        text("risk", "low"),
        text("tags", ""),
        text("note", ""),
        text("currency", "USD"),
        *(_money(name) for name in ("subtotal", "shipping", "tax", "discount", "total")),
        optional_text("discount_code"),
        text("channel", "web"),
        optional_text("shipping_method"),
        Column("express", Boolean, nullable=False, default=False),
        time("promised_ship_by"),
        time("promised_delivery_by"),
        time("confirmation_sent_at"),
        *(
            optional_text(f"ship_{name}")
            for name in ("name", "address1", "city", "province", "zip", "country")
        ),
    )
    order_lines = Table(
        "order_lines",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("order_id", Integer, nullable=False),
        Column("variant_id", Integer, nullable=True),
        optional_text("sku"),
        text("title", ""),
        Column("quantity", Integer, nullable=False, default=1),
        _money("price"),
        _money("unit_cost", optional=True),
        _money("discount"),
        Column("fulfilled_quantity", Integer, nullable=False, default=0),
    )
    variants = Table(
        "variants",
        metadata,
        Column("id", Integer, primary_key=True),
        text("sku"),
    )
    return {table.name: table for table in (customers, orders, order_lines, variants)}


def import_table(name: str) -> Table:
    """One of the orders import's tables by name (see `import_tables`)."""
    return import_tables()[name]

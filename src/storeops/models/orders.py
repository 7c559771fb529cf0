"""Customers, orders, their lines, and the payment transactions behind them.

Status vocabularies follow Shopify and WooCommerce so imports map cleanly:
financial_status pending|authorized|paid|partially_paid|partially_refunded|refunded|voided,
fulfillment_status unfulfilled|partial|fulfilled|on_hold|restocked.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Index, text
from sqlmodel import Field

from storeops.models.base import TableModel
from storeops.models.types import money, optional_money, optional_timestamp, timestamp

FINANCIAL_STATUSES = (
    "pending",
    "authorized",
    "paid",
    "partially_paid",
    "partially_refunded",
    "refunded",
    "voided",
)
FULFILLMENT_STATUSES = ("unfulfilled", "partial", "fulfilled", "on_hold", "restocked")
RISK_LEVELS = ("low", "medium", "high")
PAYMENT_STATUSES = ("pending", "success", "failure", "error")


class Customer(TableModel, table=True):
    """A person who buys from the store."""

    __tablename__ = "customers"
    __table_args__ = (
        # The duplicate-accounts check groups customers by normalised email; with the raw
        # email in the index too, it reads the index alone (a table scan: 200 -> 55 ms).
        Index("ix_customers_email_key", text("lower(trim(email))"), "email"),
    )

    id: int | None = Field(default=None, primary_key=True)
    source: str = "storeops"
    external_id: str | None = Field(default=None, index=True)
    email: str | None = Field(default=None, index=True)
    first_name: str = ""
    last_name: str = ""
    phone: str | None = Field(default=None, index=True)  # duplicate-record checks group by it
    address1: str | None = None
    city: str | None = None
    province: str | None = None
    zip: str | None = None
    country: str | None = None
    accepts_marketing: bool = False
    note: str = ""
    tags: str = ""
    created_at: datetime = timestamp(index=True)  # new customers per period (CAC)
    updated_at: datetime | None = optional_timestamp()


class Order(TableModel, table=True):
    """An order: money, statuses, the promise made to the customer, and what needs a look."""

    __tablename__ = "orders"
    __table_args__ = (
        Index("ix_orders_financial_created", "financial_status", "created_at"),
        Index("ix_orders_fulfillment_created", "fulfillment_status", "created_at"),
        # The order checks read the open orders (unfulfilled or partial, paid or authorised):
        # on the status index alone SQLite also reads every voided unfulfilled order, often
        # thousands (15 -> 0.3 ms per query, about a dozen queries each morning). Not
        # cancelled_at second: nearly every order has none, but the statistics average it
        # over the few cancellation times, so SQLite would skip-scan this index for any query
        # that says `cancelled_at IS NULL` (customer value: 67 -> 175 ms).
        Index("ix_orders_open", "fulfillment_status", "financial_status", "created_at"),
        # Customer first for lookups; the rest so customer value (LTV: every counted order of
        # every known customer) is read from the index alone (about 180 -> 55 ms).
        Index("ix_orders_customer_id", "customer_id", "cancelled_at", "financial_status", "total"),
        # The sales rollup's freshness test counts cancelled orders before every check run:
        # a partial index holds just those few (a scan of every order: 25 -> 0.1 ms).
        Index(
            "ix_orders_cancelled",
            "cancelled_at",
            # The PostgreSQL form (postgresql_where) is in migration 0010 only: naming it
            # here would make SQLAlchemy import its PostgreSQL dialect on every start.
            sqlite_where=text("cancelled_at IS NOT NULL"),
        ),
        # The same test counts voided orders not cancelled: this holds just the voided ones,
        # so it never reads their rows (15 -> 0.01 ms on 500,000 orders).
        Index("ix_orders_voided", "cancelled_at", sqlite_where=text("financial_status = 'voided'")),
    )

    id: int | None = Field(default=None, primary_key=True)
    source: str = "storeops"
    external_id: str | None = Field(default=None, index=True)
    number: str = Field(unique=True)
    customer_id: int | None = Field(default=None, foreign_key="customers.id")
    email: str | None = None
    created_at: datetime = timestamp(index=True)
    updated_at: datetime | None = optional_timestamp()
    cancelled_at: datetime | None = optional_timestamp()
    closed_at: datetime | None = optional_timestamp()
    financial_status: str = "pending"
    fulfillment_status: str = "unfulfilled"
    risk: str = "low"
    tags: str = ""
    note: str = ""
    currency: str = "USD"
    subtotal: Decimal = money()
    shipping: Decimal = money()
    tax: Decimal = money()
    discount: Decimal = money()
    total: Decimal = money()
    discount_code: str | None = None
    channel: str = "web"
    shipping_method: str | None = None
    express: bool = False
    promised_ship_by: datetime | None = optional_timestamp()
    promised_delivery_by: datetime | None = optional_timestamp()
    confirmation_sent_at: datetime | None = optional_timestamp()
    ship_name: str | None = None
    ship_address1: str | None = None
    ship_city: str | None = None
    ship_province: str | None = None
    ship_zip: str | None = None
    ship_country: str | None = None


class OrderLine(TableModel, table=True):
    """One SKU on an order."""

    __tablename__ = "order_lines"

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="orders.id", index=True)
    variant_id: int | None = Field(default=None, foreign_key="variants.id", index=True)
    sku: str | None = None
    title: str = ""
    quantity: int = 1
    price: Decimal = money()
    unit_cost: Decimal | None = optional_money()
    discount: Decimal = money()
    fulfilled_quantity: int = 0


class Payment(TableModel, table=True):
    """A payment transaction: authorisation, capture, sale, refund or void."""

    __tablename__ = "payments"
    __table_args__ = (Index("ix_payments_status_created", "status", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    external_id: str | None = None
    order_id: int = Field(foreign_key="orders.id", index=True)
    created_at: datetime = timestamp()
    kind: str = "sale"  # authorization | capture | sale | refund | void
    status: str = "success"  # one of PAYMENT_STATUSES
    amount: Decimal = money()
    fee: Decimal = money()
    processor: str = "stripe"
    error_code: str | None = None
    payout_id: int | None = Field(default=None, foreign_key="payouts.id", index=True)

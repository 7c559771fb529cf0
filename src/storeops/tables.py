"""The store's tables as SQLAlchemy Core, and their columns named as the models name them.

Generated from `storeops.models` by `python -m storeops.models.codegen` (`make tables`): do not
edit. `tests/test_tables.py` fails when this differs from what the models would generate.

Code that only writes SQL (the checks, the metrics, the routine's bookkeeping) imports its
tables from here instead of `storeops.models`, whose import builds every SQLModel class, with
the ORM and pydantic behind them (about half a second; these tables take a few hundredths).
Each class below is a namespace, not a model: `Order.total` is the `orders.total` column, so
the SQL reads the same either way, and `Order.__table__` is the table to select or insert.
Rows come back as SQLAlchemy rows (attribute access by column name), never as objects.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import (
    Boolean,
    Column,
    ColumnClause,
    Date,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
)

from storeops.dbtypes import UTCDateTime

metadata = MetaData()


class TableColumns:
    """Base of the namespaces below: each also stands for its table wherever SQL takes one."""

    __table__: ClassVar[Table]

    @classmethod
    def __clause_element__(cls) -> Table:
        """The table, so that `select(Order)` and `.join(Order, ...)` read as with the models."""
        return cls.__table__


alert_states = Table(
    "alert_states",
    metadata,
    Column("item_id", String, primary_key=True),
    Column("state", String, nullable=False, default="OK"),
    Column("last_level", String, nullable=False, default="OK"),
    Column("consecutive_bad", Integer, nullable=False, default=0),
    Column("consecutive_good", Integer, nullable=False, default=0),
    Column("changed_at", UTCDateTime, nullable=True),
    Column("notified_at", UTCDateTime, nullable=True),
    Column("delivery_error", String, nullable=True),
)


class AlertState(TableColumns):
    """The columns of `alert_states` (`storeops.models.AlertState`)."""

    __table__ = alert_states
    item_id: ClassVar[ColumnClause[str]] = alert_states.c.item_id
    state: ClassVar[ColumnClause[str]] = alert_states.c.state
    last_level: ClassVar[ColumnClause[str]] = alert_states.c.last_level
    consecutive_bad: ClassVar[ColumnClause[int]] = alert_states.c.consecutive_bad
    consecutive_good: ClassVar[ColumnClause[int]] = alert_states.c.consecutive_good
    changed_at: ClassVar[ColumnClause[datetime | None]] = alert_states.c.changed_at
    notified_at: ClassVar[ColumnClause[datetime | None]] = alert_states.c.notified_at
    delivery_error: ClassVar[ColumnClause[str | None]] = alert_states.c.delivery_error


backups = Table(
    "backups",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String, nullable=False, default="site"),
    Column("created_at", UTCDateTime, nullable=False),
    Column("location", String, nullable=False, default=""),
    Column("bytes", Integer, nullable=True),
    Column("verified", Boolean, nullable=False, default=False),
)


class Backup(TableColumns):
    """The columns of `backups` (`storeops.models.Backup`)."""

    __table__ = backups
    id: ClassVar[ColumnClause[int | None]] = backups.c.id
    kind: ClassVar[ColumnClause[str]] = backups.c.kind
    created_at: ClassVar[ColumnClause[datetime]] = backups.c.created_at
    location: ClassVar[ColumnClause[str]] = backups.c.location
    bytes: ClassVar[ColumnClause[int | None]] = backups.c.bytes
    verified: ClassVar[ColumnClause[bool]] = backups.c.verified


budgets = Table(
    "budgets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("month", Date, nullable=False),
    Column("category", String, nullable=False),
    Column("amount", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
)


class Budget(TableColumns):
    """The columns of `budgets` (`storeops.models.Budget`)."""

    __table__ = budgets
    id: ClassVar[ColumnClause[int | None]] = budgets.c.id
    month: ClassVar[ColumnClause[date]] = budgets.c.month
    category: ClassVar[ColumnClause[str]] = budgets.c.category
    amount: ClassVar[ColumnClause[Decimal]] = budgets.c.amount


campaign_days = Table(
    "campaign_days",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id"), nullable=False),
    Column("day", Date, nullable=False),
    Column("spend", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
    Column("impressions", Integer, nullable=False, default=0),
    Column("clicks", Integer, nullable=False, default=0),
    Column("orders", Integer, nullable=False, default=0),
    Column("revenue", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
    Column("new_customers", Integer, nullable=False, default=0),
)


class CampaignDay(TableColumns):
    """The columns of `campaign_days` (`storeops.models.CampaignDay`)."""

    __table__ = campaign_days
    id: ClassVar[ColumnClause[int | None]] = campaign_days.c.id
    campaign_id: ClassVar[ColumnClause[int]] = campaign_days.c.campaign_id
    day: ClassVar[ColumnClause[date]] = campaign_days.c.day
    spend: ClassVar[ColumnClause[Decimal]] = campaign_days.c.spend
    impressions: ClassVar[ColumnClause[int]] = campaign_days.c.impressions
    clicks: ClassVar[ColumnClause[int]] = campaign_days.c.clicks
    orders: ClassVar[ColumnClause[int]] = campaign_days.c.orders
    revenue: ClassVar[ColumnClause[Decimal]] = campaign_days.c.revenue
    new_customers: ClassVar[ColumnClause[int]] = campaign_days.c.new_customers


campaigns = Table(
    "campaigns",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("external_id", String, nullable=True),
    Column("name", String, nullable=False),
    Column("channel", String, nullable=False, default="email"),
    Column("status", String, nullable=False, default="active"),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=True),
    Column("budget", Numeric(12, 2), nullable=True),
    Column("target_roas", Float, nullable=True),
    Column("utm_campaign", String, nullable=True),
)


class Campaign(TableColumns):
    """The columns of `campaigns` (`storeops.models.Campaign`)."""

    __table__ = campaigns
    id: ClassVar[ColumnClause[int | None]] = campaigns.c.id
    external_id: ClassVar[ColumnClause[str | None]] = campaigns.c.external_id
    name: ClassVar[ColumnClause[str]] = campaigns.c.name
    channel: ClassVar[ColumnClause[str]] = campaigns.c.channel
    status: ClassVar[ColumnClause[str]] = campaigns.c.status
    starts_on: ClassVar[ColumnClause[date]] = campaigns.c.starts_on
    ends_on: ClassVar[ColumnClause[date | None]] = campaigns.c.ends_on
    budget: ClassVar[ColumnClause[Decimal | None]] = campaigns.c.budget
    target_roas: ClassVar[ColumnClause[float | None]] = campaigns.c.target_roas
    utm_campaign: ClassVar[ColumnClause[str | None]] = campaigns.c.utm_campaign


chargebacks = Table(
    "chargebacks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("external_id", String, nullable=True),
    Column("order_id", Integer, ForeignKey("orders.id"), nullable=False),
    Column("opened_at", UTCDateTime, nullable=False),
    Column("respond_by", UTCDateTime, nullable=True),
    Column("responded_at", UTCDateTime, nullable=True),
    Column("closed_at", UTCDateTime, nullable=True),
    Column("amount", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
    Column("fee", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
    Column("reason", String, nullable=False, default=""),
    Column("status", String, nullable=False, default="open"),
)


class Chargeback(TableColumns):
    """The columns of `chargebacks` (`storeops.models.Chargeback`)."""

    __table__ = chargebacks
    id: ClassVar[ColumnClause[int | None]] = chargebacks.c.id
    external_id: ClassVar[ColumnClause[str | None]] = chargebacks.c.external_id
    order_id: ClassVar[ColumnClause[int]] = chargebacks.c.order_id
    opened_at: ClassVar[ColumnClause[datetime]] = chargebacks.c.opened_at
    respond_by: ClassVar[ColumnClause[datetime | None]] = chargebacks.c.respond_by
    responded_at: ClassVar[ColumnClause[datetime | None]] = chargebacks.c.responded_at
    closed_at: ClassVar[ColumnClause[datetime | None]] = chargebacks.c.closed_at
    amount: ClassVar[ColumnClause[Decimal]] = chargebacks.c.amount
    fee: ClassVar[ColumnClause[Decimal]] = chargebacks.c.fee
    reason: ClassVar[ColumnClause[str]] = chargebacks.c.reason
    status: ClassVar[ColumnClause[str]] = chargebacks.c.status


customers = Table(
    "customers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", String, nullable=False, default="storeops"),
    Column("external_id", String, nullable=True),
    Column("email", String, nullable=True),
    Column("first_name", String, nullable=False, default=""),
    Column("last_name", String, nullable=False, default=""),
    Column("phone", String, nullable=True),
    Column("address1", String, nullable=True),
    Column("city", String, nullable=True),
    Column("province", String, nullable=True),
    Column("zip", String, nullable=True),
    Column("country", String, nullable=True),
    Column("accepts_marketing", Boolean, nullable=False, default=False),
    Column("note", String, nullable=False, default=""),
    Column("tags", String, nullable=False, default=""),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=True),
)


class Customer(TableColumns):
    """The columns of `customers` (`storeops.models.Customer`)."""

    __table__ = customers
    id: ClassVar[ColumnClause[int | None]] = customers.c.id
    source: ClassVar[ColumnClause[str]] = customers.c.source
    external_id: ClassVar[ColumnClause[str | None]] = customers.c.external_id
    email: ClassVar[ColumnClause[str | None]] = customers.c.email
    first_name: ClassVar[ColumnClause[str]] = customers.c.first_name
    last_name: ClassVar[ColumnClause[str]] = customers.c.last_name
    phone: ClassVar[ColumnClause[str | None]] = customers.c.phone
    address1: ClassVar[ColumnClause[str | None]] = customers.c.address1
    city: ClassVar[ColumnClause[str | None]] = customers.c.city
    province: ClassVar[ColumnClause[str | None]] = customers.c.province
    zip: ClassVar[ColumnClause[str | None]] = customers.c.zip
    country: ClassVar[ColumnClause[str | None]] = customers.c.country
    accepts_marketing: ClassVar[ColumnClause[bool]] = customers.c.accepts_marketing
    note: ClassVar[ColumnClause[str]] = customers.c.note
    tags: ClassVar[ColumnClause[str]] = customers.c.tags
    created_at: ClassVar[ColumnClause[datetime]] = customers.c.created_at
    updated_at: ClassVar[ColumnClause[datetime | None]] = customers.c.updated_at


daily_sales = Table(
    "daily_sales",
    metadata,
    Column("variant_id", Integer, primary_key=True),
    Column("day", Integer, primary_key=True),
    Column("units", Integer, nullable=False, default=0),
)


class DailySales(TableColumns):
    """The columns of `daily_sales` (`storeops.models.DailySales`)."""

    __table__ = daily_sales
    variant_id: ClassVar[ColumnClause[int]] = daily_sales.c.variant_id
    day: ClassVar[ColumnClause[int]] = daily_sales.c.day
    units: ClassVar[ColumnClause[int]] = daily_sales.c.units


expenses = Table(
    "expenses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("incurred_on", Date, nullable=False),
    Column("category", String, nullable=False),
    Column("vendor", String, nullable=False, default=""),
    Column("description", String, nullable=False, default=""),
    Column("amount", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
    Column("recorded", Boolean, nullable=False, default=True),
)


class Expense(TableColumns):
    """The columns of `expenses` (`storeops.models.Expense`)."""

    __table__ = expenses
    id: ClassVar[ColumnClause[int | None]] = expenses.c.id
    incurred_on: ClassVar[ColumnClause[date]] = expenses.c.incurred_on
    category: ClassVar[ColumnClause[str]] = expenses.c.category
    vendor: ClassVar[ColumnClause[str]] = expenses.c.vendor
    description: ClassVar[ColumnClause[str]] = expenses.c.description
    amount: ClassVar[ColumnClause[Decimal]] = expenses.c.amount
    recorded: ClassVar[ColumnClause[bool]] = expenses.c.recorded


item_results = Table(
    "item_results",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("item_id", String, nullable=False),
    Column("area", String, nullable=False),
    Column("check_type", String, nullable=True),
    Column("level", String, nullable=True),
    Column("value", Float, nullable=True),
    Column("summary", String, nullable=False, default=""),
    Column("details", String, nullable=False, default="[]"),
    Column("money_at_stake", Numeric(12, 2), nullable=True),
    Column("waited_hours", Float, nullable=True),
    Column("answer", String, nullable=True),
    Column("note", String, nullable=False, default=""),
    Column("field_values", String, nullable=False, default="{}"),
    Column("operator", String, nullable=False, default=""),
    Column("recorded_at", UTCDateTime, nullable=False),
    Column("duration_ms", Float, nullable=True),
)


class ItemResult(TableColumns):
    """The columns of `item_results` (`storeops.models.ItemResult`)."""

    __table__ = item_results
    id: ClassVar[ColumnClause[int | None]] = item_results.c.id
    run_id: ClassVar[ColumnClause[int]] = item_results.c.run_id
    item_id: ClassVar[ColumnClause[str]] = item_results.c.item_id
    area: ClassVar[ColumnClause[str]] = item_results.c.area
    check_type: ClassVar[ColumnClause[str | None]] = item_results.c.check_type
    level: ClassVar[ColumnClause[str | None]] = item_results.c.level
    value: ClassVar[ColumnClause[float | None]] = item_results.c.value
    summary: ClassVar[ColumnClause[str]] = item_results.c.summary
    details: ClassVar[ColumnClause[str]] = item_results.c.details
    money_at_stake: ClassVar[ColumnClause[Decimal | None]] = item_results.c.money_at_stake
    waited_hours: ClassVar[ColumnClause[float | None]] = item_results.c.waited_hours
    answer: ClassVar[ColumnClause[str | None]] = item_results.c.answer
    note: ClassVar[ColumnClause[str]] = item_results.c.note
    field_values: ClassVar[ColumnClause[str]] = item_results.c.field_values
    operator: ClassVar[ColumnClause[str]] = item_results.c.operator
    recorded_at: ClassVar[ColumnClause[datetime]] = item_results.c.recorded_at
    duration_ms: ClassVar[ColumnClause[float | None]] = item_results.c.duration_ms


order_lines = Table(
    "order_lines",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("order_id", Integer, ForeignKey("orders.id"), nullable=False),
    Column("variant_id", Integer, ForeignKey("variants.id"), nullable=True),
    Column("sku", String, nullable=True),
    Column("title", String, nullable=False, default=""),
    Column("quantity", Integer, nullable=False, default=1),
    Column("price", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
    Column("unit_cost", Numeric(12, 2), nullable=True),
    Column("discount", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
    Column("fulfilled_quantity", Integer, nullable=False, default=0),
)


class OrderLine(TableColumns):
    """The columns of `order_lines` (`storeops.models.OrderLine`)."""

    __table__ = order_lines
    id: ClassVar[ColumnClause[int | None]] = order_lines.c.id
    order_id: ClassVar[ColumnClause[int]] = order_lines.c.order_id
    variant_id: ClassVar[ColumnClause[int | None]] = order_lines.c.variant_id
    sku: ClassVar[ColumnClause[str | None]] = order_lines.c.sku
    title: ClassVar[ColumnClause[str]] = order_lines.c.title
    quantity: ClassVar[ColumnClause[int]] = order_lines.c.quantity
    price: ClassVar[ColumnClause[Decimal]] = order_lines.c.price
    unit_cost: ClassVar[ColumnClause[Decimal | None]] = order_lines.c.unit_cost
    discount: ClassVar[ColumnClause[Decimal]] = order_lines.c.discount
    fulfilled_quantity: ClassVar[ColumnClause[int]] = order_lines.c.fulfilled_quantity


orders = Table(
    "orders",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", String, nullable=False, default="storeops"),
    Column("external_id", String, nullable=True),
    Column("number", String, nullable=False),
    Column("customer_id", Integer, ForeignKey("customers.id"), nullable=True),
    Column("email", String, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=True),
    Column("cancelled_at", UTCDateTime, nullable=True),
    Column("closed_at", UTCDateTime, nullable=True),
    Column("financial_status", String, nullable=False, default="pending"),
    Column("fulfillment_status", String, nullable=False, default="unfulfilled"),
    Column("risk", String, nullable=False, default="low"),
    Column("tags", String, nullable=False, default=""),
    Column("note", String, nullable=False, default=""),
    Column("currency", String, nullable=False, default="USD"),
    Column("subtotal", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
    Column("shipping", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
    Column("tax", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
    Column("discount", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
    Column("total", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
    Column("discount_code", String, nullable=True),
    Column("channel", String, nullable=False, default="web"),
    Column("shipping_method", String, nullable=True),
    Column("express", Boolean, nullable=False, default=False),
    Column("promised_ship_by", UTCDateTime, nullable=True),
    Column("promised_delivery_by", UTCDateTime, nullable=True),
    Column("confirmation_sent_at", UTCDateTime, nullable=True),
    Column("ship_name", String, nullable=True),
    Column("ship_address1", String, nullable=True),
    Column("ship_city", String, nullable=True),
    Column("ship_province", String, nullable=True),
    Column("ship_zip", String, nullable=True),
    Column("ship_country", String, nullable=True),
)


class Order(TableColumns):
    """The columns of `orders` (`storeops.models.Order`)."""

    __table__ = orders
    id: ClassVar[ColumnClause[int | None]] = orders.c.id
    source: ClassVar[ColumnClause[str]] = orders.c.source
    external_id: ClassVar[ColumnClause[str | None]] = orders.c.external_id
    number: ClassVar[ColumnClause[str]] = orders.c.number
    customer_id: ClassVar[ColumnClause[int | None]] = orders.c.customer_id
    email: ClassVar[ColumnClause[str | None]] = orders.c.email
    created_at: ClassVar[ColumnClause[datetime]] = orders.c.created_at
    updated_at: ClassVar[ColumnClause[datetime | None]] = orders.c.updated_at
    cancelled_at: ClassVar[ColumnClause[datetime | None]] = orders.c.cancelled_at
    closed_at: ClassVar[ColumnClause[datetime | None]] = orders.c.closed_at
    financial_status: ClassVar[ColumnClause[str]] = orders.c.financial_status
    fulfillment_status: ClassVar[ColumnClause[str]] = orders.c.fulfillment_status
    risk: ClassVar[ColumnClause[str]] = orders.c.risk
    tags: ClassVar[ColumnClause[str]] = orders.c.tags
    note: ClassVar[ColumnClause[str]] = orders.c.note
    currency: ClassVar[ColumnClause[str]] = orders.c.currency
    subtotal: ClassVar[ColumnClause[Decimal]] = orders.c.subtotal
    shipping: ClassVar[ColumnClause[Decimal]] = orders.c.shipping
    tax: ClassVar[ColumnClause[Decimal]] = orders.c.tax
    discount: ClassVar[ColumnClause[Decimal]] = orders.c.discount
    total: ClassVar[ColumnClause[Decimal]] = orders.c.total
    discount_code: ClassVar[ColumnClause[str | None]] = orders.c.discount_code
    channel: ClassVar[ColumnClause[str]] = orders.c.channel
    shipping_method: ClassVar[ColumnClause[str | None]] = orders.c.shipping_method
    express: ClassVar[ColumnClause[bool]] = orders.c.express
    promised_ship_by: ClassVar[ColumnClause[datetime | None]] = orders.c.promised_ship_by
    promised_delivery_by: ClassVar[ColumnClause[datetime | None]] = orders.c.promised_delivery_by
    confirmation_sent_at: ClassVar[ColumnClause[datetime | None]] = orders.c.confirmation_sent_at
    ship_name: ClassVar[ColumnClause[str | None]] = orders.c.ship_name
    ship_address1: ClassVar[ColumnClause[str | None]] = orders.c.ship_address1
    ship_city: ClassVar[ColumnClause[str | None]] = orders.c.ship_city
    ship_province: ClassVar[ColumnClause[str | None]] = orders.c.ship_province
    ship_zip: ClassVar[ColumnClause[str | None]] = orders.c.ship_zip
    ship_country: ClassVar[ColumnClause[str | None]] = orders.c.ship_country


payments = Table(
    "payments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("external_id", String, nullable=True),
    Column("order_id", Integer, ForeignKey("orders.id"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("kind", String, nullable=False, default="sale"),
    Column("status", String, nullable=False, default="success"),
    Column("amount", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
    Column("fee", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
    Column("processor", String, nullable=False, default="stripe"),
    Column("error_code", String, nullable=True),
    Column("payout_id", Integer, ForeignKey("payouts.id"), nullable=True),
)


class Payment(TableColumns):
    """The columns of `payments` (`storeops.models.Payment`)."""

    __table__ = payments
    id: ClassVar[ColumnClause[int | None]] = payments.c.id
    external_id: ClassVar[ColumnClause[str | None]] = payments.c.external_id
    order_id: ClassVar[ColumnClause[int]] = payments.c.order_id
    created_at: ClassVar[ColumnClause[datetime]] = payments.c.created_at
    kind: ClassVar[ColumnClause[str]] = payments.c.kind
    status: ClassVar[ColumnClause[str]] = payments.c.status
    amount: ClassVar[ColumnClause[Decimal]] = payments.c.amount
    fee: ClassVar[ColumnClause[Decimal]] = payments.c.fee
    processor: ClassVar[ColumnClause[str]] = payments.c.processor
    error_code: ClassVar[ColumnClause[str | None]] = payments.c.error_code
    payout_id: ClassVar[ColumnClause[int | None]] = payments.c.payout_id


payouts = Table(
    "payouts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("processor", String, nullable=False, default="stripe"),
    Column("arrival_on", Date, nullable=False),
    Column("amount", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
    Column("fees", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
    Column("status", String, nullable=False, default="paid"),
)


class Payout(TableColumns):
    """The columns of `payouts` (`storeops.models.Payout`)."""

    __table__ = payouts
    id: ClassVar[ColumnClause[int | None]] = payouts.c.id
    processor: ClassVar[ColumnClause[str]] = payouts.c.processor
    arrival_on: ClassVar[ColumnClause[date]] = payouts.c.arrival_on
    amount: ClassVar[ColumnClause[Decimal]] = payouts.c.amount
    fees: ClassVar[ColumnClause[Decimal]] = payouts.c.fees
    status: ClassVar[ColumnClause[str]] = payouts.c.status


probes = Table(
    "probes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", String, nullable=False),
    Column("checked_at", UTCDateTime, nullable=False),
    Column("status_code", Integer, nullable=True),
    Column("verdict", String, nullable=False, default="ok"),
    Column("ttfb_ms", Float, nullable=True),
    Column("total_ms", Float, nullable=True),
    Column("bytes", Integer, nullable=True),
    Column("error", String, nullable=True),
)


class Probe(TableColumns):
    """The columns of `probes` (`storeops.models.Probe`)."""

    __table__ = probes
    id: ClassVar[ColumnClause[int | None]] = probes.c.id
    url: ClassVar[ColumnClause[str]] = probes.c.url
    checked_at: ClassVar[ColumnClause[datetime]] = probes.c.checked_at
    status_code: ClassVar[ColumnClause[int | None]] = probes.c.status_code
    verdict: ClassVar[ColumnClause[str]] = probes.c.verdict
    ttfb_ms: ClassVar[ColumnClause[float | None]] = probes.c.ttfb_ms
    total_ms: ClassVar[ColumnClause[float | None]] = probes.c.total_ms
    bytes: ClassVar[ColumnClause[int | None]] = probes.c.bytes
    error: ClassVar[ColumnClause[str | None]] = probes.c.error


products = Table(
    "products",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", String, nullable=False, default="storeops"),
    Column("external_id", String, nullable=True),
    Column("handle", String, nullable=False),
    Column("title", String, nullable=False),
    Column("description", String, nullable=False, default=""),
    Column("vendor", String, nullable=True),
    Column("product_type", String, nullable=True),
    Column("status", String, nullable=False, default="active"),
    Column("url", String, nullable=True),
    Column("image_url", String, nullable=True),
    Column("tags", String, nullable=False, default=""),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=True),
)


class Product(TableColumns):
    """The columns of `products` (`storeops.models.Product`)."""

    __table__ = products
    id: ClassVar[ColumnClause[int | None]] = products.c.id
    source: ClassVar[ColumnClause[str]] = products.c.source
    external_id: ClassVar[ColumnClause[str | None]] = products.c.external_id
    handle: ClassVar[ColumnClause[str]] = products.c.handle
    title: ClassVar[ColumnClause[str]] = products.c.title
    description: ClassVar[ColumnClause[str]] = products.c.description
    vendor: ClassVar[ColumnClause[str | None]] = products.c.vendor
    product_type: ClassVar[ColumnClause[str | None]] = products.c.product_type
    status: ClassVar[ColumnClause[str]] = products.c.status
    url: ClassVar[ColumnClause[str | None]] = products.c.url
    image_url: ClassVar[ColumnClause[str | None]] = products.c.image_url
    tags: ClassVar[ColumnClause[str]] = products.c.tags
    created_at: ClassVar[ColumnClause[datetime]] = products.c.created_at
    updated_at: ClassVar[ColumnClause[datetime | None]] = products.c.updated_at


promotions = Table(
    "promotions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String, nullable=True),
    Column("title", String, nullable=False),
    Column("kind", String, nullable=False, default="percentage"),
    Column("value", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
    Column("starts_at", UTCDateTime, nullable=True),
    Column("ends_at", UTCDateTime, nullable=True),
    Column("usage_count", Integer, nullable=False, default=0),
    Column("usage_limit", Integer, nullable=True),
    Column("active", Boolean, nullable=False, default=True),
)


class Promotion(TableColumns):
    """The columns of `promotions` (`storeops.models.Promotion`)."""

    __table__ = promotions
    id: ClassVar[ColumnClause[int | None]] = promotions.c.id
    code: ClassVar[ColumnClause[str | None]] = promotions.c.code
    title: ClassVar[ColumnClause[str]] = promotions.c.title
    kind: ClassVar[ColumnClause[str]] = promotions.c.kind
    value: ClassVar[ColumnClause[Decimal]] = promotions.c.value
    starts_at: ClassVar[ColumnClause[datetime | None]] = promotions.c.starts_at
    ends_at: ClassVar[ColumnClause[datetime | None]] = promotions.c.ends_at
    usage_count: ClassVar[ColumnClause[int]] = promotions.c.usage_count
    usage_limit: ClassVar[ColumnClause[int | None]] = promotions.c.usage_limit
    active: ClassVar[ColumnClause[bool]] = promotions.c.active


purchase_order_lines = Table(
    "purchase_order_lines",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("purchase_order_id", Integer, ForeignKey("purchase_orders.id"), nullable=False),
    Column("variant_id", Integer, ForeignKey("variants.id"), nullable=False),
    Column("quantity_ordered", Integer, nullable=False),
    Column("quantity_received", Integer, nullable=False, default=0),
    Column("unit_cost", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
)


class PurchaseOrderLine(TableColumns):
    """The columns of `purchase_order_lines` (`storeops.models.PurchaseOrderLine`)."""

    __table__ = purchase_order_lines
    id: ClassVar[ColumnClause[int | None]] = purchase_order_lines.c.id
    purchase_order_id: ClassVar[ColumnClause[int]] = purchase_order_lines.c.purchase_order_id
    variant_id: ClassVar[ColumnClause[int]] = purchase_order_lines.c.variant_id
    quantity_ordered: ClassVar[ColumnClause[int]] = purchase_order_lines.c.quantity_ordered
    quantity_received: ClassVar[ColumnClause[int]] = purchase_order_lines.c.quantity_received
    unit_cost: ClassVar[ColumnClause[Decimal]] = purchase_order_lines.c.unit_cost


purchase_orders = Table(
    "purchase_orders",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("number", String, nullable=False),
    Column("supplier_id", Integer, ForeignKey("suppliers.id"), nullable=False),
    Column("status", String, nullable=False, default="open"),
    Column("created_at", UTCDateTime, nullable=False),
    Column("ordered_at", UTCDateTime, nullable=True),
    Column("expected_at", UTCDateTime, nullable=True),
    Column("received_at", UTCDateTime, nullable=True),
    Column("note", String, nullable=False, default=""),
)


class PurchaseOrder(TableColumns):
    """The columns of `purchase_orders` (`storeops.models.PurchaseOrder`)."""

    __table__ = purchase_orders
    id: ClassVar[ColumnClause[int | None]] = purchase_orders.c.id
    number: ClassVar[ColumnClause[str]] = purchase_orders.c.number
    supplier_id: ClassVar[ColumnClause[int]] = purchase_orders.c.supplier_id
    status: ClassVar[ColumnClause[str]] = purchase_orders.c.status
    created_at: ClassVar[ColumnClause[datetime]] = purchase_orders.c.created_at
    ordered_at: ClassVar[ColumnClause[datetime | None]] = purchase_orders.c.ordered_at
    expected_at: ClassVar[ColumnClause[datetime | None]] = purchase_orders.c.expected_at
    received_at: ClassVar[ColumnClause[datetime | None]] = purchase_orders.c.received_at
    note: ClassVar[ColumnClause[str]] = purchase_orders.c.note


refunds = Table(
    "refunds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("external_id", String, nullable=True),
    Column("order_id", Integer, ForeignKey("orders.id"), nullable=False),
    Column("return_id", Integer, ForeignKey("returns.id"), nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("processed_at", UTCDateTime, nullable=True),
    Column("amount", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
    Column("reason", String, nullable=False, default=""),
    Column("status", String, nullable=False, default="processed"),
)


class Refund(TableColumns):
    """The columns of `refunds` (`storeops.models.Refund`)."""

    __table__ = refunds
    id: ClassVar[ColumnClause[int | None]] = refunds.c.id
    external_id: ClassVar[ColumnClause[str | None]] = refunds.c.external_id
    order_id: ClassVar[ColumnClause[int]] = refunds.c.order_id
    return_id: ClassVar[ColumnClause[int | None]] = refunds.c.return_id
    created_at: ClassVar[ColumnClause[datetime]] = refunds.c.created_at
    processed_at: ClassVar[ColumnClause[datetime | None]] = refunds.c.processed_at
    amount: ClassVar[ColumnClause[Decimal]] = refunds.c.amount
    reason: ClassVar[ColumnClause[str]] = refunds.c.reason
    status: ClassVar[ColumnClause[str]] = refunds.c.status


returns = Table(
    "returns",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("rma_number", String, nullable=False),
    Column("order_id", Integer, ForeignKey("orders.id"), nullable=False),
    Column("variant_id", Integer, ForeignKey("variants.id"), nullable=True),
    Column("quantity", Integer, nullable=False, default=1),
    Column("reason", String, nullable=True),
    Column("status", String, nullable=False, default="requested"),
    Column("condition", String, nullable=True),
    Column("disposition", String, nullable=True),
    Column("restocked", Boolean, nullable=False, default=False),
    Column("exchange", Boolean, nullable=False, default=False),
    Column("exchange_order_id", Integer, ForeignKey("orders.id"), nullable=True),
    Column("requested_at", UTCDateTime, nullable=False),
    Column("authorized_at", UTCDateTime, nullable=True),
    Column("received_at", UTCDateTime, nullable=True),
    Column("inspected_at", UTCDateTime, nullable=True),
    Column("refunded_at", UTCDateTime, nullable=True),
    Column("customer_notified_at", UTCDateTime, nullable=True),
    Column("note", String, nullable=False, default=""),
)


class Return(TableColumns):
    """The columns of `returns` (`storeops.models.Return`)."""

    __table__ = returns
    id: ClassVar[ColumnClause[int | None]] = returns.c.id
    rma_number: ClassVar[ColumnClause[str]] = returns.c.rma_number
    order_id: ClassVar[ColumnClause[int]] = returns.c.order_id
    variant_id: ClassVar[ColumnClause[int | None]] = returns.c.variant_id
    quantity: ClassVar[ColumnClause[int]] = returns.c.quantity
    reason: ClassVar[ColumnClause[str | None]] = returns.c.reason
    status: ClassVar[ColumnClause[str]] = returns.c.status
    condition: ClassVar[ColumnClause[str | None]] = returns.c.condition
    disposition: ClassVar[ColumnClause[str | None]] = returns.c.disposition
    restocked: ClassVar[ColumnClause[bool]] = returns.c.restocked
    exchange: ClassVar[ColumnClause[bool]] = returns.c.exchange
    exchange_order_id: ClassVar[ColumnClause[int | None]] = returns.c.exchange_order_id
    requested_at: ClassVar[ColumnClause[datetime]] = returns.c.requested_at
    authorized_at: ClassVar[ColumnClause[datetime | None]] = returns.c.authorized_at
    received_at: ClassVar[ColumnClause[datetime | None]] = returns.c.received_at
    inspected_at: ClassVar[ColumnClause[datetime | None]] = returns.c.inspected_at
    refunded_at: ClassVar[ColumnClause[datetime | None]] = returns.c.refunded_at
    customer_notified_at: ClassVar[ColumnClause[datetime | None]] = returns.c.customer_notified_at
    note: ClassVar[ColumnClause[str]] = returns.c.note


reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", String, nullable=False, default="storeops"),
    Column("external_id", String, nullable=True),
    Column("product_id", Integer, ForeignKey("products.id"), nullable=False),
    Column("customer_id", Integer, ForeignKey("customers.id"), nullable=True),
    Column("rating", Integer, nullable=False),
    Column("title", String, nullable=False, default=""),
    Column("body", String, nullable=False, default=""),
    Column("created_at", UTCDateTime, nullable=False),
    Column("responded_at", UTCDateTime, nullable=True),
    Column("published", Boolean, nullable=False, default=True),
)


class Review(TableColumns):
    """The columns of `reviews` (`storeops.models.Review`)."""

    __table__ = reviews
    id: ClassVar[ColumnClause[int | None]] = reviews.c.id
    source: ClassVar[ColumnClause[str]] = reviews.c.source
    external_id: ClassVar[ColumnClause[str | None]] = reviews.c.external_id
    product_id: ClassVar[ColumnClause[int]] = reviews.c.product_id
    customer_id: ClassVar[ColumnClause[int | None]] = reviews.c.customer_id
    rating: ClassVar[ColumnClause[int]] = reviews.c.rating
    title: ClassVar[ColumnClause[str]] = reviews.c.title
    body: ClassVar[ColumnClause[str]] = reviews.c.body
    created_at: ClassVar[ColumnClause[datetime]] = reviews.c.created_at
    responded_at: ClassVar[ColumnClause[datetime | None]] = reviews.c.responded_at
    published: ClassVar[ColumnClause[bool]] = reviews.c.published


runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String, nullable=False),
    Column("scope", String, nullable=False, default=""),
    Column("trigger", String, nullable=False, default="interactive"),
    Column("status", String, nullable=False, default="running"),
    Column("operator", String, nullable=False, default=""),
    Column("hostname", String, nullable=False, default=""),
    Column("pid", Integer, nullable=True),
    Column("local_date", Date, nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
    Column("heartbeat_at", UTCDateTime, nullable=True),
    Column("finished_at", UTCDateTime, nullable=True),
    Column("worst_level", String, nullable=True),
    Column("exit_code", Integer, nullable=True),
    Column("checklist_fingerprint", String, nullable=False, default=""),
)


class Run(TableColumns):
    """The columns of `runs` (`storeops.models.Run`)."""

    __table__ = runs
    id: ClassVar[ColumnClause[int | None]] = runs.c.id
    kind: ClassVar[ColumnClause[str]] = runs.c.kind
    scope: ClassVar[ColumnClause[str]] = runs.c.scope
    trigger: ClassVar[ColumnClause[str]] = runs.c.trigger
    status: ClassVar[ColumnClause[str]] = runs.c.status
    operator: ClassVar[ColumnClause[str]] = runs.c.operator
    hostname: ClassVar[ColumnClause[str]] = runs.c.hostname
    pid: ClassVar[ColumnClause[int | None]] = runs.c.pid
    local_date: ClassVar[ColumnClause[date]] = runs.c.local_date
    started_at: ClassVar[ColumnClause[datetime]] = runs.c.started_at
    heartbeat_at: ClassVar[ColumnClause[datetime | None]] = runs.c.heartbeat_at
    finished_at: ClassVar[ColumnClause[datetime | None]] = runs.c.finished_at
    worst_level: ClassVar[ColumnClause[str | None]] = runs.c.worst_level
    exit_code: ClassVar[ColumnClause[int | None]] = runs.c.exit_code
    checklist_fingerprint: ClassVar[ColumnClause[str]] = runs.c.checklist_fingerprint


sales_rollup_state = Table(
    "sales_rollup_state",
    metadata,
    Column("id", Integer, primary_key=True, default=1),
    Column("max_line_id", Integer, nullable=False, default=0),
    Column("uncounted_orders", Integer, nullable=False, default=0),
)


class SalesRollupState(TableColumns):
    """The columns of `sales_rollup_state` (`storeops.models.SalesRollupState`)."""

    __table__ = sales_rollup_state
    id: ClassVar[ColumnClause[int]] = sales_rollup_state.c.id
    max_line_id: ClassVar[ColumnClause[int]] = sales_rollup_state.c.max_line_id
    uncounted_orders: ClassVar[ColumnClause[int]] = sales_rollup_state.c.uncounted_orders


shipments = Table(
    "shipments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("external_id", String, nullable=True),
    Column("order_id", Integer, ForeignKey("orders.id"), nullable=False),
    Column("carrier", String, nullable=True),
    Column("service", String, nullable=True),
    Column("tracking_number", String, nullable=True),
    Column("status", String, nullable=False, default="pending"),
    Column("packed_at", UTCDateTime, nullable=True),
    Column("verified_at", UTCDateTime, nullable=True),
    Column("label_created_at", UTCDateTime, nullable=True),
    Column("shipped_at", UTCDateTime, nullable=True),
    Column("last_event_at", UTCDateTime, nullable=True),
    Column("delivered_at", UTCDateTime, nullable=True),
    Column("notification_sent_at", UTCDateTime, nullable=True),
    Column("exception", String, nullable=True),
    Column("label_cost", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
    Column("invoiced_cost", Numeric(12, 2), nullable=True),
)


class Shipment(TableColumns):
    """The columns of `shipments` (`storeops.models.Shipment`)."""

    __table__ = shipments
    id: ClassVar[ColumnClause[int | None]] = shipments.c.id
    external_id: ClassVar[ColumnClause[str | None]] = shipments.c.external_id
    order_id: ClassVar[ColumnClause[int]] = shipments.c.order_id
    carrier: ClassVar[ColumnClause[str | None]] = shipments.c.carrier
    service: ClassVar[ColumnClause[str | None]] = shipments.c.service
    tracking_number: ClassVar[ColumnClause[str | None]] = shipments.c.tracking_number
    status: ClassVar[ColumnClause[str]] = shipments.c.status
    packed_at: ClassVar[ColumnClause[datetime | None]] = shipments.c.packed_at
    verified_at: ClassVar[ColumnClause[datetime | None]] = shipments.c.verified_at
    label_created_at: ClassVar[ColumnClause[datetime | None]] = shipments.c.label_created_at
    shipped_at: ClassVar[ColumnClause[datetime | None]] = shipments.c.shipped_at
    last_event_at: ClassVar[ColumnClause[datetime | None]] = shipments.c.last_event_at
    delivered_at: ClassVar[ColumnClause[datetime | None]] = shipments.c.delivered_at
    notification_sent_at: ClassVar[ColumnClause[datetime | None]] = shipments.c.notification_sent_at
    exception: ClassVar[ColumnClause[str | None]] = shipments.c.exception
    label_cost: ClassVar[ColumnClause[Decimal]] = shipments.c.label_cost
    invoiced_cost: ClassVar[ColumnClause[Decimal | None]] = shipments.c.invoiced_cost


snoozes = Table(
    "snoozes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String, nullable=False),
    Column("key", String, nullable=False),
    Column("until", UTCDateTime, nullable=False),
    Column("reason", String, nullable=False, default=""),
    Column("created_at", UTCDateTime, nullable=False),
)


class Snooze(TableColumns):
    """The columns of `snoozes` (`storeops.models.Snooze`)."""

    __table__ = snoozes
    id: ClassVar[ColumnClause[int | None]] = snoozes.c.id
    kind: ClassVar[ColumnClause[str]] = snoozes.c.kind
    key: ClassVar[ColumnClause[str]] = snoozes.c.key
    until: ClassVar[ColumnClause[datetime]] = snoozes.c.until
    reason: ClassVar[ColumnClause[str]] = snoozes.c.reason
    created_at: ClassVar[ColumnClause[datetime]] = snoozes.c.created_at


stock_movements = Table(
    "stock_movements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("variant_id", Integer, ForeignKey("variants.id"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("kind", String, nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("reason", String, nullable=True),
    Column("reference", String, nullable=True),
    Column("operator", String, nullable=True),
)


class StockMovement(TableColumns):
    """The columns of `stock_movements` (`storeops.models.StockMovement`)."""

    __table__ = stock_movements
    id: ClassVar[ColumnClause[int | None]] = stock_movements.c.id
    variant_id: ClassVar[ColumnClause[int]] = stock_movements.c.variant_id
    created_at: ClassVar[ColumnClause[datetime]] = stock_movements.c.created_at
    kind: ClassVar[ColumnClause[str]] = stock_movements.c.kind
    quantity: ClassVar[ColumnClause[int]] = stock_movements.c.quantity
    reason: ClassVar[ColumnClause[str | None]] = stock_movements.c.reason
    reference: ClassVar[ColumnClause[str | None]] = stock_movements.c.reference
    operator: ClassVar[ColumnClause[str | None]] = stock_movements.c.operator


suppliers = Table(
    "suppliers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String, nullable=False),
    Column("email", String, nullable=True),
    Column("lead_time_days", Integer, nullable=False, default=7),
    Column("moq", Integer, nullable=False, default=1),
    Column("pack_size", Integer, nullable=False, default=1),
    Column("currency", String, nullable=False, default="USD"),
)


class Supplier(TableColumns):
    """The columns of `suppliers` (`storeops.models.Supplier`)."""

    __table__ = suppliers
    id: ClassVar[ColumnClause[int | None]] = suppliers.c.id
    name: ClassVar[ColumnClause[str]] = suppliers.c.name
    email: ClassVar[ColumnClause[str | None]] = suppliers.c.email
    lead_time_days: ClassVar[ColumnClause[int]] = suppliers.c.lead_time_days
    moq: ClassVar[ColumnClause[int]] = suppliers.c.moq
    pack_size: ClassVar[ColumnClause[int]] = suppliers.c.pack_size
    currency: ClassVar[ColumnClause[str]] = suppliers.c.currency


sync_states = Table(
    "sync_states",
    metadata,
    Column("source", String, primary_key=True),
    Column("shop", String, primary_key=True),
    Column("cursor", UTCDateTime, nullable=True),
    Column("started_at", UTCDateTime, nullable=True),
    Column("finished_at", UTCDateTime, nullable=True),
    Column("status", String, nullable=False, default="never"),
    Column("rows", Integer, nullable=False, default=0),
    Column("total_rows", Integer, nullable=False, default=0),
    Column("error", String, nullable=True),
)


class SyncState(TableColumns):
    """The columns of `sync_states` (`storeops.models.SyncState`)."""

    __table__ = sync_states
    source: ClassVar[ColumnClause[str]] = sync_states.c.source
    shop: ClassVar[ColumnClause[str]] = sync_states.c.shop
    cursor: ClassVar[ColumnClause[datetime | None]] = sync_states.c.cursor
    started_at: ClassVar[ColumnClause[datetime | None]] = sync_states.c.started_at
    finished_at: ClassVar[ColumnClause[datetime | None]] = sync_states.c.finished_at
    status: ClassVar[ColumnClause[str]] = sync_states.c.status
    rows: ClassVar[ColumnClause[int]] = sync_states.c.rows
    total_rows: ClassVar[ColumnClause[int]] = sync_states.c.total_rows
    error: ClassVar[ColumnClause[str | None]] = sync_states.c.error


tickets = Table(
    "tickets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", String, nullable=False, default="storeops"),
    Column("external_id", String, nullable=True),
    Column("customer_id", Integer, ForeignKey("customers.id"), nullable=True),
    Column("order_id", Integer, ForeignKey("orders.id"), nullable=True),
    Column("channel", String, nullable=False, default="email"),
    Column("subject", String, nullable=False, default=""),
    Column("category", String, nullable=False, default="question"),
    Column("priority", String, nullable=False, default="normal"),
    Column("status", String, nullable=False, default="open"),
    Column("opened_at", UTCDateTime, nullable=False),
    Column("first_response_at", UTCDateTime, nullable=True),
    Column("last_customer_message_at", UTCDateTime, nullable=True),
    Column("follow_up_at", UTCDateTime, nullable=True),
    Column("resolved_at", UTCDateTime, nullable=True),
    Column("resolution", String, nullable=True),
    Column("assignee", String, nullable=True),
)


class Ticket(TableColumns):
    """The columns of `tickets` (`storeops.models.Ticket`)."""

    __table__ = tickets
    id: ClassVar[ColumnClause[int | None]] = tickets.c.id
    source: ClassVar[ColumnClause[str]] = tickets.c.source
    external_id: ClassVar[ColumnClause[str | None]] = tickets.c.external_id
    customer_id: ClassVar[ColumnClause[int | None]] = tickets.c.customer_id
    order_id: ClassVar[ColumnClause[int | None]] = tickets.c.order_id
    channel: ClassVar[ColumnClause[str]] = tickets.c.channel
    subject: ClassVar[ColumnClause[str]] = tickets.c.subject
    category: ClassVar[ColumnClause[str]] = tickets.c.category
    priority: ClassVar[ColumnClause[str]] = tickets.c.priority
    status: ClassVar[ColumnClause[str]] = tickets.c.status
    opened_at: ClassVar[ColumnClause[datetime]] = tickets.c.opened_at
    first_response_at: ClassVar[ColumnClause[datetime | None]] = tickets.c.first_response_at
    last_customer_message_at: ClassVar[ColumnClause[datetime | None]] = (
        tickets.c.last_customer_message_at
    )
    follow_up_at: ClassVar[ColumnClause[datetime | None]] = tickets.c.follow_up_at
    resolved_at: ClassVar[ColumnClause[datetime | None]] = tickets.c.resolved_at
    resolution: ClassVar[ColumnClause[str | None]] = tickets.c.resolution
    assignee: ClassVar[ColumnClause[str | None]] = tickets.c.assignee


traffic_days = Table(
    "traffic_days",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("day", Date, nullable=False),
    Column("channel", String, nullable=False, default="all"),
    Column("sessions", Integer, nullable=False, default=0),
    Column("mobile_sessions", Integer, nullable=False, default=0),
    Column("product_views", Integer, nullable=False, default=0),
    Column("add_to_carts", Integer, nullable=False, default=0),
    Column("checkouts", Integer, nullable=False, default=0),
    Column("orders", Integer, nullable=False, default=0),
    Column("bounce_rate", Float, nullable=True),
)


class TrafficDay(TableColumns):
    """The columns of `traffic_days` (`storeops.models.TrafficDay`)."""

    __table__ = traffic_days
    id: ClassVar[ColumnClause[int | None]] = traffic_days.c.id
    day: ClassVar[ColumnClause[date]] = traffic_days.c.day
    channel: ClassVar[ColumnClause[str]] = traffic_days.c.channel
    sessions: ClassVar[ColumnClause[int]] = traffic_days.c.sessions
    mobile_sessions: ClassVar[ColumnClause[int]] = traffic_days.c.mobile_sessions
    product_views: ClassVar[ColumnClause[int]] = traffic_days.c.product_views
    add_to_carts: ClassVar[ColumnClause[int]] = traffic_days.c.add_to_carts
    checkouts: ClassVar[ColumnClause[int]] = traffic_days.c.checkouts
    orders: ClassVar[ColumnClause[int]] = traffic_days.c.orders
    bounce_rate: ClassVar[ColumnClause[float | None]] = traffic_days.c.bounce_rate


variants = Table(
    "variants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("product_id", Integer, ForeignKey("products.id"), nullable=False),
    Column("source", String, nullable=False, default="storeops"),
    Column("external_id", String, nullable=True),
    Column("sku", String, nullable=False),
    Column("title", String, nullable=False, default="Default"),
    Column("barcode", String, nullable=True),
    Column("price", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
    Column("compare_at_price", Numeric(12, 2), nullable=True),
    Column("cost", Numeric(12, 2), nullable=True),
    Column("on_hand", Integer, nullable=False, default=0),
    Column("damaged", Integer, nullable=False, default=0),
    Column("available", Boolean, nullable=False, default=True),
    Column("inventory_policy", String, nullable=False, default="deny"),
    Column("supplier_id", Integer, ForeignKey("suppliers.id"), nullable=True),
    Column("reorder_point", Integer, nullable=True),
    Column("min_stock", Integer, nullable=True),
    Column("max_stock", Integer, nullable=True),
    Column("weight_grams", Integer, nullable=True),
)


class Variant(TableColumns):
    """The columns of `variants` (`storeops.models.Variant`)."""

    __table__ = variants
    id: ClassVar[ColumnClause[int | None]] = variants.c.id
    product_id: ClassVar[ColumnClause[int]] = variants.c.product_id
    source: ClassVar[ColumnClause[str]] = variants.c.source
    external_id: ClassVar[ColumnClause[str | None]] = variants.c.external_id
    sku: ClassVar[ColumnClause[str]] = variants.c.sku
    title: ClassVar[ColumnClause[str]] = variants.c.title
    barcode: ClassVar[ColumnClause[str | None]] = variants.c.barcode
    price: ClassVar[ColumnClause[Decimal]] = variants.c.price
    compare_at_price: ClassVar[ColumnClause[Decimal | None]] = variants.c.compare_at_price
    cost: ClassVar[ColumnClause[Decimal | None]] = variants.c.cost
    on_hand: ClassVar[ColumnClause[int]] = variants.c.on_hand
    damaged: ClassVar[ColumnClause[int]] = variants.c.damaged
    available: ClassVar[ColumnClause[bool]] = variants.c.available
    inventory_policy: ClassVar[ColumnClause[str]] = variants.c.inventory_policy
    supplier_id: ClassVar[ColumnClause[int | None]] = variants.c.supplier_id
    reorder_point: ClassVar[ColumnClause[int | None]] = variants.c.reorder_point
    min_stock: ClassVar[ColumnClause[int | None]] = variants.c.min_stock
    max_stock: ClassVar[ColumnClause[int | None]] = variants.c.max_stock
    weight_grams: ClassVar[ColumnClause[int | None]] = variants.c.weight_grams


vendor_invoices = Table(
    "vendor_invoices",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("supplier_id", Integer, ForeignKey("suppliers.id"), nullable=True),
    Column("vendor", String, nullable=False),
    Column("number", String, nullable=False),
    Column("issued_on", Date, nullable=False),
    Column("due_on", Date, nullable=False),
    Column("amount", Numeric(12, 2), nullable=False, default=Decimal("0.00")),
    Column("paid_on", Date, nullable=True),
    Column("paid_amount", Numeric(12, 2), nullable=True),
    Column("status", String, nullable=False, default="open"),
)


class VendorInvoice(TableColumns):
    """The columns of `vendor_invoices` (`storeops.models.VendorInvoice`)."""

    __table__ = vendor_invoices
    id: ClassVar[ColumnClause[int | None]] = vendor_invoices.c.id
    supplier_id: ClassVar[ColumnClause[int | None]] = vendor_invoices.c.supplier_id
    vendor: ClassVar[ColumnClause[str]] = vendor_invoices.c.vendor
    number: ClassVar[ColumnClause[str]] = vendor_invoices.c.number
    issued_on: ClassVar[ColumnClause[date]] = vendor_invoices.c.issued_on
    due_on: ClassVar[ColumnClause[date]] = vendor_invoices.c.due_on
    amount: ClassVar[ColumnClause[Decimal]] = vendor_invoices.c.amount
    paid_on: ClassVar[ColumnClause[date | None]] = vendor_invoices.c.paid_on
    paid_amount: ClassVar[ColumnClause[Decimal | None]] = vendor_invoices.c.paid_amount
    status: ClassVar[ColumnClause[str]] = vendor_invoices.c.status

"""Returns and money going back: RMAs, refunds, chargebacks."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Index
from sqlmodel import Field

from storeops.models.base import TableModel
from storeops.models.types import money, optional_timestamp, timestamp
from storeops.vocabulary import RETURN_STATUSES as RETURN_STATUSES

RETURN_REASONS = (
    "damaged",
    "defective",
    "wrong_item",
    "not_as_described",
    "size",
    "changed_mind",
    "late",
    "other",
)
CHARGEBACK_STATUSES = ("open", "under_review", "won", "lost", "accepted")


class Return(TableModel, table=True):
    """A return merchandise authorisation, from request to refund or rejection."""

    __tablename__ = "returns"
    __table_args__ = (Index("ix_returns_status_requested", "status", "requested_at"),)

    id: int | None = Field(default=None, primary_key=True)
    rma_number: str = Field(unique=True)
    order_id: int = Field(foreign_key="orders.id", index=True)
    variant_id: int | None = Field(default=None, foreign_key="variants.id", index=True)
    quantity: int = 1
    reason: str | None = None  # one of RETURN_REASONS; None when the customer gave none
    status: str = "requested"
    condition: str | None = None  # new | opened | damaged | defective
    disposition: str | None = None  # restock | refurbish | dispose | return_to_vendor
    restocked: bool = False
    exchange: bool = False
    exchange_order_id: int | None = Field(default=None, foreign_key="orders.id")
    requested_at: datetime = timestamp()
    authorized_at: datetime | None = optional_timestamp()
    received_at: datetime | None = optional_timestamp()
    inspected_at: datetime | None = optional_timestamp()
    refunded_at: datetime | None = optional_timestamp()
    customer_notified_at: datetime | None = optional_timestamp()
    note: str = ""


class Refund(TableModel, table=True):
    """Money given back to a customer, for a return or otherwise."""

    __tablename__ = "refunds"
    __table_args__ = (Index("ix_refunds_status_created", "status", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    external_id: str | None = None
    order_id: int = Field(foreign_key="orders.id", index=True)
    return_id: int | None = Field(default=None, foreign_key="returns.id")
    created_at: datetime = timestamp()
    processed_at: datetime | None = optional_timestamp()
    amount: Decimal = money()
    reason: str = ""
    status: str = "processed"  # pending | processed | failed


class Chargeback(TableModel, table=True):
    """A disputed payment, with the deadline to answer the processor."""

    __tablename__ = "chargebacks"
    __table_args__ = (Index("ix_chargebacks_status_respond", "status", "respond_by"),)

    id: int | None = Field(default=None, primary_key=True)
    external_id: str | None = None
    order_id: int = Field(foreign_key="orders.id", index=True)
    opened_at: datetime = timestamp()
    respond_by: datetime | None = optional_timestamp()
    responded_at: datetime | None = optional_timestamp()
    closed_at: datetime | None = optional_timestamp()
    amount: Decimal = money()
    fee: Decimal = money()
    reason: str = ""
    status: str = "open"

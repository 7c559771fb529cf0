"""Fulfilment: shipments with their carrier, tracking, costs and delivery events."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Index
from sqlmodel import Field

from storeops.models.base import TableModel
from storeops.models.types import money, optional_money, optional_timestamp
from storeops.vocabulary import SHIPMENT_STATUSES as SHIPMENT_STATUSES


class Shipment(TableModel, table=True):
    """A parcel for an order, from label to delivery."""

    __tablename__ = "shipments"
    __table_args__ = (Index("ix_shipments_status_shipped", "status", "shipped_at"),)

    id: int | None = Field(default=None, primary_key=True)
    external_id: str | None = None
    order_id: int = Field(foreign_key="orders.id", index=True)
    carrier: str | None = None  # ups | usps | fedex | dhl | royal_mail | ...
    service: str | None = None
    tracking_number: str | None = None
    status: str = "pending"
    packed_at: datetime | None = optional_timestamp()
    verified_at: datetime | None = optional_timestamp()  # contents checked against the order
    label_created_at: datetime | None = optional_timestamp()
    shipped_at: datetime | None = optional_timestamp()
    last_event_at: datetime | None = optional_timestamp()
    delivered_at: datetime | None = optional_timestamp()
    notification_sent_at: datetime | None = optional_timestamp()
    exception: str | None = None
    label_cost: Decimal = money()
    invoiced_cost: Decimal | None = optional_money()  # what the carrier's invoice charged

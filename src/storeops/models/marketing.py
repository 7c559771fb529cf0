"""Marketing and analytics inputs: campaigns and their daily results, traffic, promotions."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field

from storeops.models.base import TableModel
from storeops.models.types import money, optional_money, optional_timestamp

CAMPAIGN_CHANNELS = ("email", "paid_search", "paid_social", "social", "affiliate", "sms")
CAMPAIGN_STATUSES = ("draft", "scheduled", "active", "paused", "ended")


class Campaign(TableModel, table=True):
    """A marketing campaign on one channel, with its dates, budget and ROAS target."""

    __tablename__ = "campaigns"
    __table_args__ = (Index("ix_campaigns_status_ends", "status", "ends_on"),)

    id: int | None = Field(default=None, primary_key=True)
    external_id: str | None = None
    name: str
    channel: str = "email"
    status: str = "active"
    starts_on: date
    ends_on: date | None = None
    budget: Decimal | None = optional_money()
    target_roas: float | None = None
    utm_campaign: str | None = None


class CampaignDay(TableModel, table=True):
    """One day of a campaign: what it cost and what it brought in."""

    __tablename__ = "campaign_days"
    __table_args__ = (UniqueConstraint("campaign_id", "day", name="uq_campaign_days_day"),)

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaigns.id")
    day: date = Field(index=True)
    spend: Decimal = money()
    impressions: int = 0
    clicks: int = 0
    orders: int = 0
    revenue: Decimal = money()
    new_customers: int = 0


class TrafficDay(TableModel, table=True):
    """One day of storefront traffic and the conversion funnel."""

    __tablename__ = "traffic_days"
    __table_args__ = (UniqueConstraint("day", "channel", name="uq_traffic_days_day_channel"),)

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    channel: str = "all"
    sessions: int = 0
    mobile_sessions: int = 0
    product_views: int = 0
    add_to_carts: int = 0
    checkouts: int = 0
    orders: int = 0
    bounce_rate: float | None = None


class Promotion(TableModel, table=True):
    """A discount or sale the storefront runs."""

    __tablename__ = "promotions"

    id: int | None = Field(default=None, primary_key=True)
    code: str | None = Field(default=None, index=True)
    title: str
    kind: str = "percentage"  # percentage | fixed | free_shipping
    value: Decimal = money()
    starts_at: datetime | None = optional_timestamp()
    ends_at: datetime | None = optional_timestamp()
    usage_count: int = 0
    usage_limit: int | None = None
    active: bool = True

"""Customer service: support tickets across channels, and product reviews."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, text
from sqlmodel import Field

from storeops.models.base import TableModel
from storeops.models.types import optional_timestamp, timestamp
from storeops.vocabulary import TICKET_STATUSES as TICKET_STATUSES

TICKET_CATEGORIES = ("question", "complaint", "refund_request", "shipping", "product", "other")
TICKET_CHANNELS = ("email", "chat", "phone", "social", "marketplace", "form")


class Ticket(TableModel, table=True):
    """A customer conversation that needs a reply, a resolution, or both."""

    __tablename__ = "tickets"
    __table_args__ = (
        Index("ix_tickets_status_opened", "status", "opened_at"),
        # "Closed in the last 30 days" dates a ticket by resolved_at, else opened_at; indexing
        # that very expression turns a scan of every ticket into a short range (220 -> 10 ms).
        Index("ix_tickets_closed_at", text("coalesce(resolved_at, opened_at)")),
        # Resolution times read tickets resolved in a week: a range, not a scan of them all.
        Index("ix_tickets_resolved", "resolved_at", "status", "opened_at"),
        # The few tickets still waiting for a first reply, by age (partial: tiny).
        Index(
            "ix_tickets_unanswered",
            "opened_at",
            # The PostgreSQL form (postgresql_where) is in migration 0010 only: naming it
            # here would make SQLAlchemy import its PostgreSQL dialect on every start.
            sqlite_where=text("first_response_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    source: str = "storeops"
    external_id: str | None = Field(default=None, index=True)
    customer_id: int | None = Field(default=None, foreign_key="customers.id", index=True)
    order_id: int | None = Field(default=None, foreign_key="orders.id", index=True)
    channel: str = "email"
    subject: str = ""
    category: str = "question"
    priority: str = "normal"  # low | normal | high | urgent
    status: str = "open"
    opened_at: datetime = timestamp()
    first_response_at: datetime | None = optional_timestamp()
    last_customer_message_at: datetime | None = optional_timestamp()
    follow_up_at: datetime | None = optional_timestamp()
    resolved_at: datetime | None = optional_timestamp()
    resolution: str | None = None
    assignee: str | None = None


class Review(TableModel, table=True):
    """A product review left by a customer, and whether the store answered it."""

    __tablename__ = "reviews"
    __table_args__ = (Index("ix_reviews_responded_created", "responded_at", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    source: str = "storeops"
    external_id: str | None = None
    product_id: int = Field(foreign_key="products.id", index=True)
    customer_id: int | None = Field(default=None, foreign_key="customers.id")
    rating: int
    title: str = ""
    body: str = ""
    created_at: datetime = timestamp()
    responded_at: datetime | None = optional_timestamp()
    published: bool = True

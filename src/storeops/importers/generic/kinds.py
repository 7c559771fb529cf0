"""The generic CSV kinds, declared once: templates, docs and the importer all read these."""

# ruff: noqa: E501  (the declarations read best as one column per line, like the templates)

from __future__ import annotations

from datetime import date
from typing import Any

from storeops.importers import values
from storeops.importers.generic.spec import Column, Kind, Reader, Reference
from storeops.importers.problems import CellError
from storeops.models.fulfillment import SHIPMENT_STATUSES
from storeops.models.marketing import CAMPAIGN_CHANNELS
from storeops.models.returns import RETURN_REASONS, RETURN_STATUSES
from storeops.models.service import TICKET_CATEGORIES, TICKET_CHANNELS, TICKET_STATUSES

SOURCE = "csv"


def text(column: str, cell: str) -> str:
    """Any text."""
    return cell.strip()


def optional_text(column: str, cell: str) -> str | None:
    """Text, or None when empty."""
    return values.optional_text(cell)


def required_text(column: str, cell: str) -> str:
    """Text that must be there."""
    cleaned = values.text(cell)
    if not cleaned:
        raise CellError(column, "a value is required here")
    return cleaned


def moment(column: str, cell: str) -> Any:
    """A time with its UTC offset, or None."""
    return values.timestamp(column, cell)


def required_moment(column: str, cell: str) -> Any:
    """A time with its UTC offset that must be there."""
    parsed = values.timestamp(column, cell)
    if parsed is None:
        raise CellError(column, "a time is required here (e.g. 2026-11-25T09:30:00+01:00)")
    return parsed


def day(column: str, cell: str) -> date | None:
    """A date like 2026-11-25, or None."""
    cleaned = values.text(cell)
    if not cleaned:
        return None
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        raise CellError(column, f'"{cell}" is not a date like 2026-11-25') from None


def required_day(column: str, cell: str) -> date:
    """A date that must be there."""
    parsed = day(column, cell)
    if parsed is None:
        raise CellError(column, "a date is required here (e.g. 2026-11-25)")
    return parsed


def amount(column: str, cell: str) -> Any:
    """Money; empty is 0.00."""
    return values.money(column, cell)


def optional_amount(column: str, cell: str) -> Any:
    """Money, or None when empty."""
    return values.optional_money(column, cell)


def whole(column: str, cell: str) -> int:
    """A count; empty is 0."""
    return values.count(column, cell)


def rate(column: str, cell: str) -> float | None:
    """A fraction like 0.42 (or 42%), or None."""
    cleaned = values.text(cell)
    if not cleaned:
        return None
    try:
        return float(cleaned[:-1]) / 100 if cleaned.endswith("%") else float(cleaned)
    except ValueError:
        raise CellError(column, f'"{cell}" is not a fraction like 0.42 or 42%') from None


def yes_no(column: str, cell: str) -> bool:
    """true/false, yes/no, 1/0."""
    return values.flag(column, cell)


def one_of(words: tuple[str, ...], default: str) -> Reader:
    """A reader accepting the store model's vocabulary only."""
    mapping = {word: word for word in words}
    return lambda column, cell: values.choice(column, cell, mapping, default)


def stars(column: str, cell: str) -> int:
    """A rating from 1 to 5."""
    rating = values.count(column, cell, default=None)
    if not 1 <= rating <= 5:
        raise CellError(column, f"{rating} is not a rating from 1 to 5")
    return rating


ORDER = Reference("order_number", "orders", "number", "order_id", example="#1001")
CUSTOMER = Reference(
    "customer_email", "customers", "email", "customer_id", example="ada@example.com", lowercase=True
)

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "tickets",
            "tickets",
            ("source", "external_id"),
            (
                Column("id", "external_id", required_text, True, "T-1042"),
                Column("opened_at", "opened_at", required_moment, True, "2026-11-25T09:30:00+01:00"),
                Column("channel", "channel", one_of(TICKET_CHANNELS, "email"), example="email"),
                Column("subject", "subject", text, example="Where is my order?"),
                Column("category", "category", one_of(TICKET_CATEGORIES, "question"), example="shipping"),
                Column("priority", "priority", one_of(("low", "normal", "high", "urgent"), "normal"), example="normal"),
                Column("status", "status", one_of(TICKET_STATUSES, "open"), example="open"),
                Column("first_response_at", "first_response_at", moment),
                Column("last_customer_message_at", "last_customer_message_at", moment),
                Column("resolved_at", "resolved_at", moment),
                Column("assignee", "assignee", optional_text, example="sam"),
            ),
            (ORDER, CUSTOMER),
            {"source": SOURCE},
            "support conversations from a helpdesk or inbox",
        ),
        Kind(
            "reviews",
            "reviews",
            ("source", "external_id"),
            (
                Column("id", "external_id", required_text, True, "R-88"),
                Column("rating", "rating", stars, True, "4"),
                Column("created_at", "created_at", required_moment, True, "2026-11-20T18:02:00Z"),
                Column("title", "title", text, example="Lovely mug"),
                Column("body", "body", text),
                Column("responded_at", "responded_at", moment),
                Column("published", "published", yes_no, example="yes"),
            ),
            (
                Reference("product_handle", "products", "handle", "product_id", True, "mug"),
                CUSTOMER,
            ),
            {"source": SOURCE},
            "product reviews from a reviews app",
        ),
        Kind(
            "campaigns",
            "campaign_days",
            ("campaign_id", "day"),
            (
                Column("day", "day", required_day, True, "2026-11-24"),
                Column("spend", "spend", amount, example="35.20"),
                Column("impressions", "impressions", whole, example="12000"),
                Column("clicks", "clicks", whole, example="240"),
                Column("orders", "orders", whole, example="6"),
                Column("revenue", "revenue", amount, example="310.00"),
                Column("new_customers", "new_customers", whole, example="4"),
            ),
            (
                Reference(
                    "campaign", "campaigns", "name", "campaign_id", True, "Black Friday",
                    creates=True,
                ),
            ),
            {},
            "a campaign's daily spend and results (campaigns are created by name; "
            "`channel`, one of " + ", ".join(CAMPAIGN_CHANNELS) + ", sets a new one's)",
            extra_headers=("channel",),
        ),
        Kind(
            "traffic",
            "traffic_days",
            ("day", "channel"),
            (
                Column("day", "day", required_day, True, "2026-11-24"),
                Column("channel", "channel", lambda c, v: values.text(v) or "all", example="all"),
                Column("sessions", "sessions", whole, example="1800"),
                Column("mobile_sessions", "mobile_sessions", whole, example="1100"),
                Column("product_views", "product_views", whole, example="4200"),
                Column("add_to_carts", "add_to_carts", whole, example="160"),
                Column("checkouts", "checkouts", whole, example="70"),
                Column("orders", "orders", whole, example="41"),
                Column("bounce_rate", "bounce_rate", rate, example="0.42"),
            ),
            description="daily storefront traffic from an analytics tool",
        ),
        Kind(
            "expenses",
            "expenses",
            ("incurred_on", "category", "vendor", "description"),
            (
                Column("incurred_on", "incurred_on", required_day, True, "2026-11-03"),
                Column("category", "category", required_text, True, "software"),
                Column("amount", "amount", amount, True, "29.00"),
                Column("vendor", "vendor", text, example="Mailer Inc"),
                Column("description", "description", text, example="newsletter plan"),
                Column("recorded", "recorded", yes_no, example="yes"),
            ),
            description="business expenses (matched on date, category, vendor and description)",
        ),
        Kind(
            "invoices",
            "vendor_invoices",
            ("vendor", "number"),
            (
                Column("vendor", "vendor", required_text, True, "Acme Ceramics"),
                Column("number", "number", required_text, True, "INV-2291"),
                Column("issued_on", "issued_on", required_day, True, "2026-11-01"),
                Column("due_on", "due_on", required_day, True, "2026-12-01"),
                Column("amount", "amount", amount, True, "1240.00"),
                Column("paid_on", "paid_on", day),
                Column("paid_amount", "paid_amount", optional_amount),
                Column("status", "status", one_of(("open", "paid", "void"), "open"), example="open"),
            ),
            description="bills from suppliers and service providers",
        ),
        Kind(
            "shipments",
            "shipments",
            ("carrier", "tracking_number"),
            (
                Column("carrier", "carrier", required_text, True, "ups"),
                Column("tracking_number", "tracking_number", required_text, True, "1Z999AA10123456784"),
                Column("service", "service", optional_text, example="ground"),
                Column("status", "status", one_of(SHIPMENT_STATUSES, "pending"), example="in_transit"),
                Column("shipped_at", "shipped_at", moment, example="2026-11-24T16:00:00Z"),
                Column("last_event_at", "last_event_at", moment),
                Column("delivered_at", "delivered_at", moment),
                Column("exception", "exception", optional_text),
                Column("label_cost", "label_cost", amount, example="8.40"),
                Column("invoiced_cost", "invoiced_cost", optional_amount),
            ),
            (Reference("order_number", "orders", "number", "order_id", True, "#1001"),),
            description="shipments with their tracking numbers, from a shipping app",
        ),
        Kind(
            "returns",
            "returns",
            ("rma_number",),
            (
                Column("rma_number", "rma_number", required_text, True, "RMA-310"),
                Column("requested_at", "requested_at", required_moment, True, "2026-11-22T10:00:00Z"),
                Column("quantity", "quantity", lambda c, v: values.count(c, v, default=1), example="1"),
                Column("reason", "reason", lambda c, v: _reason(c, v), example="size"),
                Column("status", "status", one_of(RETURN_STATUSES, "requested"), example="requested"),
                Column("condition", "condition", optional_text, example="new"),
                Column("restocked", "restocked", yes_no, example="no"),
                Column("received_at", "received_at", moment),
                Column("refunded_at", "refunded_at", moment),
                Column("note", "note", text),
            ),
            (
                Reference("order_number", "orders", "number", "order_id", True, "#1001"),
                Reference("sku", "variants", "sku", "variant_id", example="MUG-BLUE"),
            ),
            description="return requests (RMAs) from a returns app",
        ),
    )
}  # fmt: skip


def _reason(column: str, cell: str) -> str | None:
    if not values.text(cell):
        return None
    return values.choice(column, cell, {reason: reason for reason in RETURN_REASONS}, "other")

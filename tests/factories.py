"""Hand-built store data for tests: `make(session, Model, **fields)` with sensible defaults.

Each model has the smallest set of defaults that satisfies its constraints; tests name only
the fields their behaviour depends on, so a reader sees exactly what a case is about.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel

from storeops import models as m

T = TypeVar("T", bound=SQLModel)
NOW = datetime(2026, 11, 26, 14, 30, tzinfo=UTC)  # matches conftest.FIXED_NOW
_serial = itertools.count(1)


def _defaults(model: type[SQLModel]) -> dict[str, Any]:
    n = next(_serial)
    table: dict[type[SQLModel], dict[str, Any]] = {
        m.Supplier: {"name": f"Supplier {n}"},
        m.Product: {"handle": f"product-{n}", "title": f"Product {n}", "created_at": NOW},
        m.Variant: {"sku": f"SKU-{n:05d}", "price": Decimal("20.00"), "cost": Decimal("8.00")},
        m.Customer: {"email": f"customer{n}@example.com", "created_at": NOW},
        m.Order: {
            "number": f"#{1000 + n}",
            "created_at": NOW,
            "email": f"buyer{n}@example.com",
            "financial_status": "paid",
            "total": Decimal("50.00"),
            "ship_name": "Ada Lovelace",
            "ship_address1": "1 Main St",
            "ship_city": "Springfield",
            "ship_zip": "12345",
            "ship_country": "US",
            "confirmation_sent_at": NOW,
        },
        m.OrderLine: {"quantity": 1, "price": Decimal("25.00")},
        m.Payment: {"created_at": NOW, "amount": Decimal("50.00")},
        m.Shipment: {},
        m.Ticket: {"opened_at": NOW},
        m.Review: {"rating": 5, "created_at": NOW},
        m.Return: {"rma_number": f"RMA-{n}", "requested_at": NOW},
        m.Refund: {"created_at": NOW},
        m.Chargeback: {"opened_at": NOW},
        m.Campaign: {"name": f"Campaign {n}", "starts_on": date(2026, 11, 1)},
        m.CampaignDay: {"day": date(2026, 11, 25)},
        m.TrafficDay: {"day": date(2026, 11, 25)},
        m.Promotion: {"title": f"Promotion {n}"},
        m.Expense: {"incurred_on": date(2026, 11, 25), "category": "software"},
        m.VendorInvoice: {
            "vendor": "Acme",
            "number": f"INV-{n}",
            "issued_on": date(2026, 11, 1),
            "due_on": date(2026, 12, 1),
        },
        m.Payout: {"arrival_on": date(2026, 11, 25)},
        m.Budget: {"month": date(2026, 11, 1), "category": "advertising"},
        m.PurchaseOrder: {"number": f"PO-{n}", "created_at": NOW},
        m.PurchaseOrderLine: {"quantity_ordered": 10},
        m.StockMovement: {"created_at": NOW, "kind": "count", "quantity": 0},
        m.Backup: {"created_at": NOW},
        m.Probe: {"url": "https://shop.example/", "checked_at": NOW},
    }
    return dict(table.get(model, {}))


def make(session: Session, model: type[T], **fields: Any) -> T:
    """Insert one row of `model` with defaults overridden by `fields`; return it with its id."""
    row = model(**{**_defaults(model), **fields})
    session.add(row)
    session.flush()
    return row

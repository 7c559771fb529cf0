"""The shape of an order placed on purpose: a planted problem or a customer's exchange.

The sales pass treats such an order like any other, except where a field here says otherwise
(no shipment yet, a missing ZIP code, a declined payment...). After the pass, `result` holds
what the order became, so problems.py can describe it and hang returns or chargebacks on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class OrderPlant:
    """An order placed on purpose, with the ways it departs from a healthy one."""

    key: str
    at: int  # created, seconds on the timeline
    financial: str = "paid"  # paid | authorized | pending
    payment: str = "normal"  # normal | auth_only | pending | failure | none | short
    error_code: str | None = None
    fulfilment: str = "auto"  # auto | none | packed | shipped_unfulfilled
    express: bool = False
    promise_hours: int | None = None
    email: bool = True
    ship_zip: bool = True
    confirmation: bool = True
    risk: str = "low"
    tags: str = ""
    customer: int | None = None  # a customer index; None picks one
    shipped_ago: int | None = None  # seconds before now
    tracking: str = "valid"  # valid | none | invalid
    notification: bool = True
    status: str | None = None  # forced shipment status
    last_event_ago: int | None = None
    invoice_factor: float | None = None
    lines: list[tuple[int, int]] | None = None  # forced (variant index, qty)
    return_row: list[Any] | None = None  # an exchange: the return waiting for this order's id
    result: dict[str, Any] = field(default_factory=dict)

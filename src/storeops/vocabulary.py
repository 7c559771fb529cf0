"""The store's status words that definitions depend on, in a module that imports nothing.

The models use them for their fields, `storeops.metrics` for its SQLAlchemy definitions, and
`storeops.metrics.plain` (which must not import SQLAlchemy) writes them into its SQL: one
list each, so a new status cannot reach one definition and miss the other.
"""

from __future__ import annotations

TICKET_STATUSES = ("open", "pending", "waiting_customer", "solved", "closed")
RESOLVED = ("solved", "closed")
# Listed rather than negated so the (status, opened_at) index serves the date cut-offs.
UNRESOLVED = tuple(status for status in TICKET_STATUSES if status not in RESOLVED)

SHIPMENT_STATUSES = (
    "pending",
    "label_created",
    "in_transit",
    "out_for_delivery",
    "delivered",
    "exception",
    "returned",
)

RETURN_STATUSES = ("requested", "authorized", "received", "inspected", "refunded", "rejected")
# Every status but rejected; listed rather than negated so the (status, requested_at) index
# can serve a date range.
COUNTED_RETURN_STATUSES = tuple(status for status in RETURN_STATUSES if status != "rejected")

OPEN_PO_STATUSES = ("open", "partial")

# Probe verdicts that count as the storefront being up.
UP_VERDICTS = ("ok", "slow")

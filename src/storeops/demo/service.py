"""Customer service: support tickets over the period, about a fifth of an order each.

Healthy tickets get a first answer within 20 hours (inside the 24-hour target) and are
resolved within three days; until then they wait on the customer or on a follow-up that is
still ahead. Solved tickets close after four days, always with a resolution. So the only
tickets a morning check should find are the planted ones (problems.py uses `add_ticket`).
"""

from __future__ import annotations

import bisect

from storeops.demo import columns as col
from storeops.demo import names
from storeops.demo.aftersales import AfterSales
from storeops.demo.context import Demo
from storeops.demo.timeline import DAY, HOUR, MINUTE

CATEGORIES = (
    (0.30, "question"),
    (0.60, "shipping"),
    (0.75, "product"),
    (0.85, "refund_request"),
    (0.93, "complaint"),
    (1.0, "other"),
)
CHANNEL_CUM = (
    (0.45, "email"),
    (0.70, "chat"),
    (0.80, "phone"),
    (0.88, "social"),
    (0.95, "form"),
    (1.0, "marketplace"),
)


def build_tickets(demo: Demo, after: AfterSales) -> None:
    """Write the period's healthy tickets, day by day."""
    rng, tl = demo.rng, demo.tl
    for day in range(tl.start_day, tl.today + 1):
        expected = demo.day_orders.get(day, 0) * demo.spec.tickets_per_order
        count = round(expected * rng.uniform(0.8, 1.2))
        span = DAY if day < tl.today else tl.now_s - day * DAY
        for at in sorted(day * DAY + rng.randrange(span) for _ in range(count)):
            _healthy_ticket(demo, after, at)


def _healthy_ticket(demo: Demo, after: AfterSales, at: int) -> None:
    rng, now = demo.rng, demo.tl.now_s
    category = next(name for edge, name in CATEGORIES if rng.random() < edge)
    first: int | None = at + rng.randrange(18 * MINUTE, 20 * HOUR)
    resolved = follow_up = None
    resolution = None
    status = "open"
    if first is not None and first > now:
        first = None
    if first is not None:
        resolved = first + rng.randrange(HOUR, 72 * HOUR)
        if resolved > now:
            resolved = None
            if rng.random() < 0.6:
                status, follow_up = "pending", now + rng.randrange(4 * HOUR, 48 * HOUR)
            else:
                status = "waiting_customer"
        else:
            status = "solved" if resolved > now - 4 * DAY else "closed"
            resolution = names.RESOLUTIONS[rng.randrange(len(names.RESOLUTIONS))]
    add_ticket(
        demo,
        after,
        at,
        category,
        status,
        first=first,
        resolved=resolved,
        follow_up=follow_up,
        resolution=resolution,
    )


def add_ticket(
    demo: Demo,
    after: AfterSales,
    at: int,
    category: str,
    status: str,
    *,
    first: int | None = None,
    resolved: int | None = None,
    follow_up: int | None = None,
    resolution: str | None = None,
) -> int:
    """Write one ticket, linked to a recent order of its customer most of the time."""
    rng, tl = demo.rng, demo.tl
    people = demo.customers
    assert people is not None
    order_id: int | None = None
    created = after.order_created
    hi = bisect.bisect_left(created, at)
    lo = bisect.bisect_left(created, at - 10 * DAY)
    if hi > lo and category != "other" and rng.random() < 0.75:
        index = rng.randrange(lo, hi)
        order_id, customer = index + 1, after.order_customer[index]
    else:
        customer = rng.randrange(max(1, people.existing_before(at)))
    subjects = names.TICKET_SUBJECTS[category]
    channel = next(name for edge, name in CHANNEL_CUM if rng.random() < edge)
    priority = (
        "high"
        if category == "complaint"
        else "urgent"
        if rng.random() < 0.02
        else "normal"
        if rng.random() < 0.7
        else "low"
    )
    assignee = names.AGENTS[rng.randrange(len(names.AGENTS))] if first is not None else None
    tid = demo.next_id("tickets")
    opt = tl.opt_ts
    demo.out.rows("tickets", col.TICKETS).append(
        (
            tid,
            "demo",
            None,
            customer + 1,
            order_id,
            channel,
            subjects[rng.randrange(len(subjects))],
            category,
            priority,
            status,
            tl.ts(at),
            opt(first),
            tl.ts(at),
            opt(follow_up),
            opt(resolved),
            resolution,
            assignee,
        )
    )
    return tid

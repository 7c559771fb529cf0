"""Planted problems: at least one real finding for every practice the data can answer.

Most planted problems are orders placed on purpose (`OrderPlant`s the sales pass merges into
their day): the overnight queue, incomplete and flagged orders, stuck payments, late and
mislabelled shipments, orders for the returns and chargebacks planted after the pass. The
rest are rows written after the pass: returns stuck at each stage, tickets and reviews left
unanswered, open chargebacks. Each group is timed so it matches its own check and no other
(e.g. late express orders are 16-20 hours old: past their promise, not yet 24 hours without a
label), and `planted` says what was planted, in words, with order numbers to look for.

Other modules plant what belongs to them: people.py (duplicate customers), catalog.py (thin
margins), inventory.py, business.py (marketing, analytics), finance.py (finance, backups).
"""

from __future__ import annotations

from typing import Any

from storeops.demo.context import Demo
from storeops.demo.healthy import DECLINES
from storeops.demo.people import add_customer
from storeops.demo.plants import OrderPlant
from storeops.demo.sales import SalesPass
from storeops.demo.service import add_ticket
from storeops.demo.timeline import DAY, HOUR, MINUTE

RETURN_GROUPS = (
    # key, orders, days ago placed
    ("ret_requested", 2, 14),
    ("ret_received", 2, 20),
    ("ret_inspected", 2, 20),
    ("ret_not_restocked", 2, 14),
    ("ret_defective", 2, 14),
    ("ret_no_reason", 3, 9),
    ("ret_exchange", 1, 14),
    ("ret_unnotified", 2, 9),
)


def order_plants(demo: Demo) -> list[OrderPlant]:
    """The planted orders, each at its instant relative to now."""
    assert demo.catalog is not None and demo.customers is not None
    now, cat = demo.tl.now_s, demo.catalog
    h, d = HOUR, DAY
    plants: list[OrderPlant] = []

    def add(key: str, *ages: int, **fields: Any) -> None:
        for age in ages:
            plants.append(OrderPlant(key=key, at=now - age, **fields))

    add("overnight", 7 * h, 8 * h + 30 * MINUTE)
    add("no_zip", 6 * h, ship_zip=False)
    add("no_email", 4 * h, email=False)
    expensive = sorted(cat.sellable, key=lambda v: (-cat.v_price_c[v], v))[:3]
    # The big flagged order stays within today, so it never props up yesterday's revenue.
    midnight = now - now % d
    flagged_age = min(2 * h, (now - midnight) // 2)
    flagged_customer = _new_customer(demo, now - flagged_age - 10 * MINUTE)
    add(
        "flagged",
        flagged_age,
        risk="high",
        tags="flagged",
        customer=flagged_customer,
        lines=[(v, 3) for v in expensive],
    )
    add("no_confirmation", 3 * h, 5 * h, confirmation=False)
    add("authorized", 6 * d + 3 * h, 7 * d + 5 * h, financial="authorized", payment="auth_only")
    add("pending", 2 * d + 2 * h, financial="pending", payment="pending")
    for age, code in zip((3 * h + 30 * MINUTE, 9 * h, 15 * h), DECLINES[:3], strict=True):
        add("declined", age, financial="pending", payment="failure", error_code=code)
    add("shipped_unfulfilled", 22 * h, 26 * h, fulfilment="shipped_unfulfilled", shipped_ago=12 * h)
    add("late_express", 16 * h, 18 * h, 20 * h, express=True, promise_hours=6, fulfilment="none")
    add("no_label", 30 * h, 40 * h, fulfilment="none")
    add(
        "no_tracking",
        3 * d,
        3 * d + 4 * h,
        shipped_ago=2 * d,
        status="in_transit",
        tracking="none",
        last_event_ago=3 * h,
    )
    add(
        "bad_tracking",
        2 * d,
        4 * d,
        shipped_ago=d,
        status="in_transit",
        tracking="invalid",
        last_event_ago=5 * h,
    )
    add("no_notification", d + 8 * h, d + 12 * h, shipped_ago=d, notification=False)
    for age, ago, scan in (
        (10 * d, 9 * d, 6 * d),
        (11 * d, 10 * d, 7 * d),
        (12 * d, 11 * d, 8 * d),
    ):
        add("stale_transit", age, shipped_ago=ago, status="in_transit", last_event_ago=scan)
    add("exception", 5 * d, shipped_ago=4 * d, status="exception", last_event_ago=d)
    add("exception", 6 * d, shipped_ago=5 * d, status="exception", last_event_ago=d)
    for age, factor in ((15 * d, 1.22), (16 * d, 1.3), (18 * d, 1.45)):
        add("overbilled", age, invoice_factor=factor)
    add("packed_unverified", 12 * h, 14 * h, fulfilment="packed")
    add("unpaid_paid", 5 * d, payment="none")
    add("short_paid", 8 * d, payment="short")
    add("chargeback", 20 * d, 12 * d)
    popular = cat.sellable[20:80]
    for index, (key, count, days_ago) in enumerate(RETURN_GROUPS):
        for i in range(count):
            v = popular[(index * 3 + i) % len(popular)]
            add(key, days_ago * d + (index * 3 + i) * h, lines=[(v, 1)])
    return plants


def _new_customer(demo: Demo, at: int) -> int:
    """A customer who signed up minutes before a planted order; returns its index."""
    add_customer(demo, "Jordan", "Blake", "jordan.blake.orders@example.org", at, phone=False)
    assert demo.customers is not None
    return len(demo.customers.created_s) - 1


def plant_after_sales(demo: Demo, sales: SalesPass, plants: list[OrderPlant]) -> None:
    """Write the planted returns, chargebacks, tickets and reviews; describe every plant."""
    by_key: dict[str, list[OrderPlant]] = {}
    for plant in plants:
        by_key.setdefault(plant.key, []).append(plant)
    _describe_orders(demo, sales, by_key)
    _returns(demo, sales, by_key)
    _chargebacks(demo, sales, by_key["chargeback"])
    _service(demo, sales)


def _numbers(plants: list[OrderPlant]) -> str:
    return ", ".join(str(p.result["number"]) for p in plants)


# (area, planted orders, what a check should find): "{orders}" lists their numbers.
ORDER_FINDINGS = (
    ("orders", "authorized", "2 orders authorized but not captured for 6+ days: {orders}"),
    ("orders", "pending", "order {orders} has been pending payment for 2 days"),
    ("orders", "no_confirmation",
     "2 paid orders over 2 hours old without a confirmation email: {orders}"),
    ("orders", "shipped_unfulfilled", "2 orders shipped but still marked unfulfilled: {orders}"),
    ("orders", "late_express",
     "3 express orders unfulfilled past their promised ship-by time: {orders}"),
    ("fulfillment", "late_express",
     "3 paid orders past their promised ship-by time with no shipment: {orders} "
     "(the express orders above)"),
    ("fulfillment", "no_label", "2 paid orders over 24 hours old with no shipping label: {orders}"),
    ("fulfillment", "no_tracking",
     "2 shipments shipped without a tracking number: orders {orders}"),
    ("fulfillment", "no_notification",
     "2 shipments shipped without a shipping notification: orders {orders}"),
    ("fulfillment", "stale_transit",
     "3 shipments in transit with no carrier scan for over 5 days: orders {orders}"),
    ("fulfillment", "exception", "2 shipments held in a carrier exception: orders {orders}"),
    ("fulfillment", "overbilled",
     "3 carrier invoices over 15% above the label cost: orders {orders}"),
    ("fulfillment", "packed_unverified", "2 orders packed but not verified: {orders}"),
    ("finance", "unpaid_paid", "order {orders} is marked paid with no successful payment"),
    ("finance", "short_paid", "order {orders} captured $10.00 less than its total"),
)  # fmt: skip


def _describe_orders(demo: Demo, sales: SalesPass, by: dict[str, list[OrderPlant]]) -> None:
    flagged = by["flagged"][0].result
    declines = ", ".join(f"{p.result['number']} ({p.error_code})" for p in by["declined"])
    bad = ", ".join(str(p.result.get("tracking")) for p in by["bad_tracking"])
    no_zip, no_email = by["no_zip"][0].result["number"], by["no_email"][0].result["number"]
    demo.plant(
        "orders",
        f"{sales.overnight_paid} paid orders placed in the last 10 hours (overnight) "
        "await fulfilment",
    )
    demo.plant("orders", f"order {no_zip} has no shipping ZIP code; {no_email} has no email")
    demo.plant(
        "orders",
        f"order {flagged['number']} (${flagged['total'] / 100:,.2f}) from a brand-new "
        "customer is high risk and tagged 'flagged'",
    )
    demo.plant("orders", f"3 payments failed in the last 24 hours on pending orders: {declines}")
    demo.plant(
        "fulfillment", f"2 shipments with an invalid tracking number (bad check digit): {bad}"
    )
    for area, key, text in ORDER_FINDINGS:
        demo.plant(area, text.format(orders=_numbers(by[key])))
    assert demo.catalog is not None
    before, last = sales.trend_units
    demo.plant(
        "analytics",
        f"'{demo.catalog.p_title[sales.trend_product]}' sold {last} units in the last 14 days "
        f"against {before} in the 14 before",
    )


def _returns(demo: Demo, sales: SalesPass, by: dict[str, list[OrderPlant]]) -> None:
    now, after = demo.tl.now_s, sales.after
    h, d = HOUR, DAY

    def plant_return(
        p: OrderPlant, reason: str | None, status: str, times: dict[str, int], **extra: Any
    ) -> str:
        r = p.result
        v, q, _ = r["lines"][0]
        assert r["delivered"] is not None and r["delivered"] < times["requested"] <= now, p.key
        after.add_return(
            r["id"],
            r["number"],
            r["customer"],
            v,
            q,
            0,
            times["requested"],
            r["processor"],
            reason,
            status=status,
            times=times,
            **extra,
        )
        return f"RMA-{demo.ids['returns']:06d}"

    def timeline(requested: float, *later: float) -> dict[str, int]:
        stages = ("requested", "authorized", "received", "inspected", "refunded")
        return {
            stage: now - int(ago) for stage, ago in zip(stages, (requested, *later), strict=False)
        }

    made: dict[str, list[str]] = {}
    for i, p in enumerate(by["ret_requested"]):
        made.setdefault("requested", []).append(
            plant_return(p, "size", "requested", timeline(3 * d + i * 12 * h))
        )
    for i, p in enumerate(by["ret_received"]):
        made.setdefault("received", []).append(
            plant_return(p, "changed_mind", "received", timeline(11 * d, 10.5 * d, 4 * d + i * d))
        )
    for i, p in enumerate(by["ret_inspected"]):
        made.setdefault("inspected", []).append(
            plant_return(
                p, "changed_mind", "inspected", timeline(11 * d, 10.5 * d, 5 * d, 3 * d + i * d)
            )
        )
    for p in by["ret_not_restocked"]:
        made.setdefault("not_restocked", []).append(
            plant_return(
                p,
                "wrong_item",
                "inspected",
                timeline(6 * d, 5.8 * d, 2 * d, d),
                condition="new",
                disposition="restock",
                restocked=False,
            )
        )
    for p in by["ret_defective"]:
        made.setdefault("defective", []).append(
            plant_return(
                p,
                "defective",
                "inspected",
                timeline(6 * d, 5.8 * d, 2 * d, d),
                condition="defective",
                disposition=None,
            )
        )
    for i, p in enumerate(by["ret_no_reason"]):
        made.setdefault("no_reason", []).append(
            plant_return(p, None, "authorized", timeline(36 * h + i * h, 24 * h))
        )
    for p in by["ret_exchange"]:
        made.setdefault("exchange", []).append(
            plant_return(
                p,
                "size",
                "received",
                timeline(6 * d, 5.5 * d, d),
                exchange=True,
                exchange_order=False,
            )
        )
    for i, p in enumerate(by["ret_unnotified"]):
        made.setdefault("unnotified", []).append(
            plant_return(p, "changed_mind", "authorized", timeline(2 * d + i * h, d), notified=None)
        )
    cat = demo.catalog
    assert cat is not None
    bad = after.problem_product
    units = sum(demo.sold[v] for v in cat.p_variants[bad])
    back = sum(row[4] for row in after.return_rows if cat.v_product[row[3] - 1] == bad)
    rmas = {key: ", ".join(numbers) for key, numbers in made.items()}
    for text in (
        f"2 returns requested over 2 days ago and not yet authorized: {rmas['requested']}",
        f"2 returns received over 3 days ago and not yet inspected: {rmas['received']}",
        f"2 returns inspected over 2 days ago and not yet refunded: {rmas['inspected']}",
        f"2 returns in new condition marked restock but not restocked: {rmas['not_restocked']}",
        f"2 defective returns with no disposition: {rmas['defective']}",
        f"3 returns with no reason recorded: {rmas['no_reason']}",
        f"'{cat.p_title[bad]}' has a {back / max(1, units):.0%} return rate "
        f"({back} of {units} units)",
        f"exchange {rmas['exchange']} was received but has no exchange order",
        f"2 returns whose latest status change was not sent to the customer: {rmas['unnotified']}",
    ):
        demo.plant("returns", text)


def _chargebacks(demo: Demo, sales: SalesPass, plants: list[OrderPlant]) -> None:
    now, tl = demo.tl.now_s, demo.tl
    first, second = plants
    sales.after.add_chargeback(
        first.result["id"], first.result["total"], now - 3 * DAY, respond_days=5
    )
    sales.after.add_chargeback(
        second.result["id"], second.result["total"], now - 2 * DAY, respond_days=11
    )
    demo.plant(
        "finance",
        f"2 open chargebacks: order {first.result['number']} "
        f"(respond by {tl.day((now + 2 * DAY) // DAY)}), "
        f"order {second.result['number']} (respond by {tl.day((now + 9 * DAY) // DAY)})",
    )


def _service(demo: Demo, sales: SalesPass) -> None:
    now, after, h, d = demo.tl.now_s, sales.after, HOUR, DAY
    for age, category in zip(
        (31 * h, 33 * h, 36 * h, 40 * h), ("question", "shipping", "product", "other"), strict=True
    ):
        add_ticket(demo, after, now - age, category, "open")
    for age in (50 * h, 70 * h):
        add_ticket(demo, after, now - age, "complaint", "open", first=now - age + 3 * h)
    for age in (6 * d, 8 * d):
        add_ticket(demo, after, now - age, "refund_request", "open", first=now - age + 5 * h)
    for age, due, category in (
        (3 * d, 3 * h, "shipping"),
        (4 * d, 20 * h, "product"),
        (5 * d, 30 * h, "question"),
    ):
        add_ticket(
            demo,
            after,
            now - age,
            category,
            "pending",
            first=now - age + 4 * h,
            follow_up=now - due,
        )
    for age in (8 * d, 9 * d):
        add_ticket(
            demo,
            after,
            now - age,
            "question",
            "closed",
            first=now - age + 2 * h,
            resolved=now - age + d,
        )
    cat = demo.catalog
    assert cat is not None and demo.customers is not None
    for i, rating in enumerate((1, 2, 2)):
        product = cat.v_product[cat.sellable[30 + i]]
        after.add_review(
            product, demo.rng.randrange(demo.customers.regular), now - (i + 1) * d, rating
        )
    for text in (
        "4 open tickets older than 30 hours with no first response (past the 24-hour target)",
        "2 open complaints older than 48 hours",
        "2 refund requests open for more than 5 days",
        "3 pending tickets whose follow-up date has passed",
        "2 closed tickets with no resolution recorded",
        "3 reviews rated 2 stars or less with no response",
    ):
        demo.plant("customer service", text)

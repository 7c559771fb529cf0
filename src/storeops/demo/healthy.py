"""The benchmark's hot loop: drafting and placing an order nothing was planted on.

Half a million of these make up the large store, so everything one order needs is bound
once per day into a closure (`healthy_placer`) instead of being looked up per order, and the
draft, the lines, the shipment call and the payment are inlined. The rules are those of
`SalesPass.draft` and `placing.Placement._place` for a healthy order: paid, shipped within
ten hours unless placed in the last ten, returns by product budget, one sale (or an
authorisation and its capture). Cancelled and declined orders, a few percent, are handed to
the general path. The tests' planted-problem queries (which only ever find what the plants
put there) are what keep the two paths in agreement.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING

from storeops.demo.placing import (
    FEE_BP,
    FEE_FIXED_C,
    OVERNIGHT,
    PROCESSOR_CUM,
    PROCESSORS,
    SHIPPING_NAMES,
)
from storeops.demo.timeline import DAY, HOUR

if TYPE_CHECKING:
    from storeops.demo.sales import SalesPass

DECLINES = ("card_declined", "insufficient_funds", "expired_card", "incorrect_cvc")
CHANNELS = ("web", "web", "web", "web", "web", "web", "mobile_app", "instagram")


def healthy_placer(
    sales: SalesPass, day: int, pool: int, promos: list[tuple[str, int]], forced: list[int]
) -> Callable[[int], None]:
    """A function placing one healthy order at an instant of `day`."""
    demo, tl, cat, people, after = sales.demo, sales.tl, sales.cat, sales.people, sales.after
    rnd, ids, now = sales.rnd, demo.ids, tl.now_s
    dp, tod = tl.day_prefix, tl.time_of_day
    line_cum = sales.line_cum
    line_top = line_cum[-1]
    cum = sales.cum_trend if day >= sales.trend_start else sales.cum
    top, sellable = cum[-1], cat.sellable
    price_c, weight_of, tax_bp = cat.v_price_c, cat.v_weight, people.tax_bp
    price_f, cost_f, skus, titles, product = (
        sales.price_f,
        sales.cost_f,
        cat.v_sku,
        cat.v_line_title,
        cat.v_product,
    )
    trend, count_trend, sold = sales.trend_product, sales._count_trend, demo.sold
    budget, rate, after_rate = after.budget, after.rate, sales.after_rate
    line_rows, order_rows, pay_rows = sales.lines, sales.orders, sales.payments
    ship, payout, general = sales.fulfil.ship_healthy, sales.payout, sales._place
    emails, firsts, lasts, addresses = people.email, people.first, people.last, people.address
    day_orders, day_revenue, promo_usage = demo.day_orders, demo.day_revenue_c, demo.promo_usage
    remember_customer, remember_created = sales.remember_customer, sales.remember_created
    number_base, n_promos = sales.number_base, len(promos)
    edge_stripe, edge_paypal = PROCESSOR_CUM[0], PROCESSOR_CUM[1]

    def place(at: int) -> None:
        # The draft (see SalesPass.draft).
        customer = int(rnd() * pool)
        n = bisect_right(line_cum, rnd() * line_top) + 1
        chosen = [sellable[bisect_right(cum, rnd() * top)] for _ in range(n)]
        if forced:
            chosen[0] = forced.pop()
        if n > 1:
            chosen = list(dict.fromkeys(chosen))
        pct = 0
        code = None
        if n_promos and rnd() < 0.12:
            code, pct = promos[int(rnd() * n_promos)]
        lines = []
        subtotal = discount = weight = 0
        for v in chosen:
            u = rnd()
            q = 1 if u < 0.82 else 2 if u < 0.96 else 3
            gross = price_c[v] * q
            off = gross * pct // 100
            lines.append((v, q, off))
            subtotal += gross
            discount += off
            weight += weight_of[v] * q
        express = rnd() < 0.1
        shipping = 1495 if express else 0 if subtotal - discount >= 7500 else 695
        tax = ((subtotal - discount) * tax_bp[customer] + 5000) // 10000
        total = subtotal - discount + shipping + tax
        u = rnd()
        processor = 0 if u < edge_stripe else 1 if u < edge_paypal else 2
        mode = "auth" if processor != 1 and rnd() < 0.2 else "sale"
        decline = DECLINES[int(rnd() * 4)] if rnd() < 0.03 else None
        cancel = rnd() < 0.015
        channel = CHANNELS[int(rnd() * 8)]
        risk = "medium" if rnd() < 0.04 else "low"
        age = now - at
        if decline is not None or (cancel and age > OVERNIGHT):
            general(
                at,
                (
                    customer,
                    lines,
                    subtotal,
                    discount,
                    code,
                    shipping,
                    tax,
                    total,
                    express,
                    processor,
                    mode,
                    decline,
                    cancel,
                    channel,
                    risk,
                    weight,
                ),
                None,
            )
            return
        # The order's life since (see Placement._place).
        oid = ids["orders"] + 1
        ids["orders"] = oid
        number = f"#{number_base + oid}"
        fulfilled = age >= OVERNIGHT
        delivered: int | None = None
        updated = at + 90
        if fulfilled:
            _, delivered, updated = ship(oid, at, express, weight)
        line_id = ids["order_lines"]
        ids["order_lines"] = line_id + len(lines)
        refund_c = 0
        for v, q, off in lines:
            line_id += 1
            line_rows.append(
                (
                    line_id,
                    oid,
                    v + 1,
                    skus[v],
                    titles[v],
                    q,
                    price_f[v],
                    cost_f[v],
                    off / 100 if off else 0.0,
                    q if fulfilled else 0,
                )
            )
            p = product[v]
            if p == trend:
                count_trend(at, q)
            if fulfilled:
                sold[v] += q
                if delivered is not None:
                    owed = budget[p] + rate[p] * q
                    if owed < 1:
                        budget[p] = owed
                    else:
                        refund_c += after.line_delivered(
                            oid, number, customer, v, q, off, delivered, processor, owed
                        )
        financial = "paid"
        closed = None
        if delivered is not None:
            roll = rnd()
            if roll < after_rate:  # a review or a chargeback
                after.order_delivered(oid, customer, lines, total, delivered, roll)
            if refund_c:
                financial = "refunded" if refund_c >= total else "partially_refunded"
            else:
                closed = dp[delivered // DAY] + tod[delivered % DAY]
        # The payment: one sale, or an authorisation and its capture (see Placement._payments).
        name = PROCESSORS[processor]
        amount = total / 100
        pid = ids["payments"]
        if mode == "auth":
            pid += 1
            auth = at + 45
            pay_rows.append(
                (
                    pid,
                    f"txn_{pid:08d}",
                    oid,
                    dp[auth // DAY] + tod[auth % DAY],
                    "authorization",
                    "success",
                    amount,
                    0.0,
                    name,
                    None,
                    None,
                )
            )
            paid_at, kind = at + 100, "capture"
        else:
            paid_at, kind = at + 60, "sale"
        fee = (total * FEE_BP[processor] + 5000) // 10000 + FEE_FIXED_C[processor]
        pid += 1
        pay_rows.append(
            (
                pid,
                f"txn_{pid:08d}",
                oid,
                dp[paid_at // DAY] + tod[paid_at % DAY],
                kind,
                "success",
                amount,
                fee / 100,
                name,
                None,
                payout(processor, paid_at, total, fee),
            )
        )
        ids["payments"] = pid
        # The order row.
        second = at % DAY
        ship_by = at + (24 if express else 48) * HOUR
        deliver_by = ship_by + (2 if express else 5) * DAY
        confirmed = at + 20 + oid % 70
        if updated < at:
            updated = at
        address = addresses[customer]
        order_rows.append(
            (
                oid,
                "demo",
                None,
                number,
                customer + 1,
                emails[customer],
                dp[day] + tod[second],
                dp[updated // DAY] + tod[updated % DAY],
                None,
                closed,
                financial,
                "fulfilled" if fulfilled else "unfulfilled",
                risk,
                "",
                "",
                "USD",
                subtotal / 100,
                shipping / 100,
                tax / 100,
                discount / 100,
                amount,
                code,
                channel,
                SHIPPING_NAMES[2 if express else 1 if shipping == 0 else 0],
                int(express),
                dp[ship_by // DAY] + tod[ship_by % DAY],
                dp[deliver_by // DAY] + tod[deliver_by % DAY],
                dp[confirmed // DAY] + tod[confirmed % DAY],
                f"{firsts[customer]} {lasts[customer]}",
                address[0],
                address[1],
                address[2],
                address[3],
                "US",
            )
        )
        day_orders[day] = day_orders.get(day, 0) + 1
        day_revenue[day] = day_revenue.get(day, 0) + total
        if code is not None:
            promo_usage[code] = promo_usage.get(code, 0) + 1
        if not fulfilled:
            sales.overnight_paid += 1
        remember_customer(customer)
        remember_created(at)

    return place

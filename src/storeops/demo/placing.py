"""Placing one order in full generality: planted orders, exchanges, and yesterday's orders.

`Placement._place` writes an order row, its lines, payments and shipment, honouring every
field of an `OrderPlant`. Healthy orders on ordinary days take the flattened copy of the same
rules in `sales.SalesPass._place_healthy`, which the benchmark store runs half a million
times; the two must agree, and the tests' planted-problem queries (which only find what the
plants put there) are what keeps them honest.
"""

from __future__ import annotations

from typing import Any

from storeops.demo.aftersales import AfterSales
from storeops.demo.context import Demo
from storeops.demo.fulfilment import Fulfiller
from storeops.demo.plants import OrderPlant
from storeops.demo.timeline import DAY, HOUR, Timeline

PROCESSORS = ("stripe", "paypal", "shopify_payments")
PROCESSOR_CUM = (0.62, 0.87, 1.0)
FEE_BP = (290, 349, 290)  # paypal's higher rate is a planted finance finding
FEE_FIXED_C = (30, 49, 30)
OVERNIGHT = 10 * HOUR  # younger orders are the overnight queue: paid, not yet shipped
SHIPPING_NAMES = ("Standard Shipping", "Free Shipping", "Express Shipping")

# (customer, lines [(variant, qty, line discount c)], subtotal, discount, code, shipping, tax,
#  total, express, processor, mode, decline code, cancel, channel, risk, weight g)
Draft = tuple[Any, ...]


class Placement:
    """The general order path, shared by the sales pass (which supplies these attributes)."""

    demo: Demo
    tl: Timeline
    rnd: Any
    people: Any
    cat: Any
    fulfil: Fulfiller
    after: AfterSales
    after_rate: float
    trend_product: int
    trend_units: list[int]
    overnight_paid: int
    number_base: int
    price_f: list[float]
    cost_f: list[float]
    orders: list[tuple[Any, ...]]
    lines: list[tuple[Any, ...]]
    payments: list[tuple[Any, ...]]
    remember_customer: Any
    remember_created: Any

    def _place(self, at: int, draft: Draft, plant: OrderPlant | None) -> None:
        """Write one order at its instant, with everything that has happened to it since."""
        demo, tl, ids = self.demo, self.tl, self.demo.ids
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
        ) = draft
        oid = ids["orders"] = ids["orders"] + 1
        number = f"#{self.number_base + oid}"
        age = tl.now_s - at
        dp, tod = tl.day_prefix, tl.time_of_day
        financial, cancelled_at = "paid", None
        if plant is not None:
            financial = plant.financial
        elif cancel and age > OVERNIGHT:
            financial = "voided"
            cancelled_at = at + 600 + int(self.rnd() * (min(age, 20 * HOUR) - 600))
        # The ship-by promise starts with payment: unpaid orders have none yet.
        promise = 24 if express else 48
        if plant is not None and plant.promise_hours:
            promise = plant.promise_hours
        ship_by = None if financial != "paid" else at + promise * HOUR
        shipped = delivered = None
        updated = at + 90
        if plant is None:
            if financial == "paid" and age >= OVERNIGHT:
                shipped, delivered, updated = self.fulfil.ship_healthy(oid, at, express, weight)
        elif (
            financial == "paid"
            and plant.fulfilment != "none"
            and (plant.fulfilment != "auto" or age >= OVERNIGHT)
        ):
            shipped, delivered, updated = self.fulfil.ship(oid, at, express, weight, plant)
        fulfilled = shipped is not None and (
            plant is None or plant.fulfilment != "shipped_unfulfilled"
        )
        refund_c = self._lines(
            oid, number, customer, lines, at, shipped, delivered, fulfilled, processor, plant
        )
        if delivered is not None and plant is None:
            roll = self.rnd()
            if roll < self.after_rate:  # a review or a chargeback
                self.after.order_delivered(oid, customer, lines, total, delivered, roll)
        if refund_c:
            financial = "refunded" if refund_c >= total else "partially_refunded"
        if cancelled_at is not None:
            updated = cancelled_at
        self._payments(oid, at, total, processor, mode, decline, cancelled_at, plant)
        people = self.people
        address = people.address[customer]
        day, second = divmod(at, DAY)
        updated = max(updated, at)
        confirmed = at + 20 + oid % 70
        promised: str | None = None
        promised_delivery: str | None = None
        if ship_by is not None:
            promised = dp[ship_by // DAY] + tod[ship_by % DAY]
            deliver_by = ship_by + (2 if express else 5) * DAY
            promised_delivery = dp[deliver_by // DAY] + tod[deliver_by % DAY]
        closed = None
        if delivered is not None and refund_c == 0:
            closed = dp[delivered // DAY] + tod[delivered % DAY]
        self.orders.append(
            (
                oid,
                "demo",
                None,
                number,
                customer + 1,
                people.email[customer],
                dp[day] + tod[second],
                dp[updated // DAY] + tod[updated % DAY],
                None if cancelled_at is None else tl.ts(cancelled_at),
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
                total / 100,
                code,
                channel,
                "Express Shipping"
                if express
                else "Free Shipping"
                if shipping == 0
                else "Standard Shipping",
                int(express),
                promised,
                promised_delivery,
                dp[confirmed // DAY] + tod[confirmed % DAY],
                f"{people.first[customer]} {people.last[customer]}",
                address[0],
                address[1],
                address[2],
                address[3],
                "US",
            )
        )
        count, revenue = demo.day_orders, demo.day_revenue_c
        count[day] = count.get(day, 0) + 1
        if financial != "voided":
            revenue[day] = revenue.get(day, 0) + total
        if code is not None:
            demo.promo_usage[code] = demo.promo_usage.get(code, 0) + 1
        if financial == "paid" and not fulfilled and age < OVERNIGHT:
            self.overnight_paid += 1
        self.remember_customer(customer)
        self.remember_created(at)
        if plant is not None:
            self._planted(plant, oid, number, customer, lines, total, delivered, shipped, processor)

    def _planted(
        self,
        plant: OrderPlant,
        oid: int,
        number: str,
        customer: int,
        lines: list[Any],
        total: int,
        delivered: int | None,
        shipped: int | None,
        processor: int,
    ) -> None:
        """Bend the order row just written as the plant says, and keep what it became."""
        row = list(self.orders[-1])
        if not plant.email:
            row[5] = None
        row[13] = plant.tags
        if not plant.confirmation:
            row[27] = None
        if not plant.ship_zip:
            row[32] = None
        self.orders[-1] = tuple(row)
        if plant.return_row is not None:
            plant.return_row[11] = oid
        plant.result.update(
            id=oid,
            number=number,
            customer=customer,
            lines=lines,
            total=total,
            delivered=delivered,
            shipped=shipped,
            processor=processor,
        )

    def _lines(
        self,
        oid: int,
        number: str,
        customer: int,
        lines: list[tuple[int, int, int]],
        at: int,
        shipped: int | None,
        delivered: int | None,
        fulfilled: bool,
        processor: int,
        plant: OrderPlant | None,
    ) -> int:
        """Write an order's lines and count what shipped and came back; returns cents refunded."""
        demo, cat, after = self.demo, self.cat, self.after
        rows, sold, skus, titles = self.lines, demo.sold, cat.v_sku, cat.v_line_title
        price, cost, product = self.price_f, self.cost_f, cat.v_product
        trend = self.trend_product
        budget, rate = after.budget, after.rate
        returns_due = delivered is not None and plant is None
        line_id = demo.ids.get("order_lines", 0) + 1
        demo.ids["order_lines"] = line_id + len(lines) - 1
        refund_c = 0
        for v, q, off in lines:
            rows.append(
                (
                    line_id,
                    oid,
                    v + 1,
                    skus[v],
                    titles[v],
                    q,
                    price[v],
                    cost[v],
                    off / 100 if off else 0.0,
                    q if fulfilled else 0,
                )
            )
            line_id += 1
            p = product[v]
            if p == trend:
                self._count_trend(at, q)
            if shipped is not None:
                sold[v] += q
                if returns_due:
                    # Most lines only add to their product's return budget; see aftersales.
                    owed = budget[p] + rate[p] * q
                    if owed < 1:
                        budget[p] = owed
                    else:
                        assert delivered is not None
                        refund_c += after.line_delivered(
                            oid, number, customer, v, q, off, delivered, processor, owed
                        )
        return refund_c

    def _count_trend(self, at: int, q: int) -> None:
        age_days = (self.tl.now_s - at) / DAY
        if age_days < 14:
            self.trend_units[1] += q
        elif age_days < 28:
            self.trend_units[0] += q

    def _payments(
        self,
        oid: int,
        at: int,
        total: int,
        processor: int,
        mode: str,
        decline: str | None,
        cancelled_at: int | None,
        plant: OrderPlant | None,
    ) -> None:
        """The processor's transactions for one order (and what its payout will carry)."""
        how = "normal" if plant is None else plant.payment
        if decline is not None and plant is None:
            self._pay(oid, at + 30, "sale", "failure", total, processor, code=decline)
        if how == "none":
            return
        if how in ("failure", "pending"):
            code = plant.error_code if plant is not None else None
            self._pay(oid, at + 120, "sale", how, total, processor, code=code)
            return
        if cancelled_at is not None or how == "auth_only" or mode == "auth":
            self._pay(oid, at + 45, "authorization", "success", total, processor)
            if cancelled_at is not None:
                self._pay(oid, cancelled_at, "void", "success", total, processor)
                return
            if how == "auth_only":
                return
        amount = total - 1000 if how == "short" else total
        paid_at = at + (100 if mode == "auth" else 60)
        fee = (amount * FEE_BP[processor] + 5000) // 10000 + FEE_FIXED_C[processor]
        payout = self.payout(processor, paid_at, amount, fee)
        kind = "capture" if mode == "auth" else "sale"
        self._pay(oid, paid_at, kind, "success", amount, processor, fee=fee, payout=payout)

    def _pay(
        self,
        oid: int,
        at: int,
        kind: str,
        status: str,
        amount_c: int,
        processor: int,
        *,
        fee: int = 0,
        code: str | None = None,
        payout: int | None = None,
    ) -> None:
        pid = self.demo.next_id("payments")
        self.payments.append(
            (
                pid,
                f"txn_{pid:08d}",
                oid,
                self.tl.ts(at),
                kind,
                status,
                amount_c / 100,
                fee / 100,
                PROCESSORS[processor],
                code,
                payout,
            )
        )

    def payout(self, processor: int, at: int, gross_c: int, fee_c: int, refund_c: int = 0) -> int:
        """The payout that carries a transaction at `at` (two days later); returns its id."""
        arrival = at // DAY + 2
        key = (processor, arrival)
        totals = self.demo.payouts.get(key)
        if totals is None:
            totals = self.demo.payouts[key] = [0, 0, 0]
        totals[0] += gross_c
        totals[1] += fee_c
        totals[2] += refund_c
        return (arrival - self.tl.start_day) * len(PROCESSORS) + processor + 1

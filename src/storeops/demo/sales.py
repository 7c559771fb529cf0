"""The order history: orders, their lines and payments, day by day, oldest first.

Each order is drafted first (customer, lines, money) and then placed at its instant, where its
age decides its fate: orders from the last ten hours (overnight) are paid and waiting; older
ones have shipped (fulfilment.py) and may since have come back or been reviewed
(aftersales.py). Order ids and numbers follow creation time, including planted and exchange
orders, which are scheduled onto their day and merged in. The ledger's sale movements (one
per shipped line) are derived in SQL once the lines and shipments are written.

Two days are shaped on purpose: yesterday is drafted until its revenue reaches 60% of the
average of the same weekday over the previous four weeks (an analytics problem to find), and
in the last two weeks one product's popularity triples (a trend to spot).

Healthy orders on ordinary days go through healthy.py, the benchmark's hot loop; planted
and exchange orders, and yesterday's, through the general path in placing.py. Everywhere,
rows are tuples, random draws are `random()` arithmetic rather than `randrange`, timestamps
are two list look-ups and money is integer cents until the row is built.
"""

from __future__ import annotations

import bisect
from itertools import accumulate
from typing import Any

from storeops.demo import columns as col
from storeops.demo.aftersales import AfterSales
from storeops.demo.context import Demo
from storeops.demo.fulfilment import Fulfiller
from storeops.demo.healthy import CHANNELS, DECLINES, healthy_placer
from storeops.demo.placing import PROCESSOR_CUM, Draft, Placement
from storeops.demo.plan import order_times, plan_days
from storeops.demo.plants import OrderPlant
from storeops.demo.timeline import DAY

DIP = 0.6
TREND_BOOST = 3.0

# One sale movement per shipped order line, sharing the line's id; run over ranges of lines
# while the pass goes on, so the writer process does it in the background.
SALE_MOVEMENTS_SQL = (
    "INSERT INTO stock_movements "
    "(id, variant_id, created_at, kind, quantity, reason, reference, operator) "
    "SELECT l.id, l.variant_id, s.shipped_at, 'sale', -l.quantity, NULL, o.number, NULL "
    "FROM order_lines l JOIN orders o ON o.id = l.order_id "
    "JOIN shipments s ON s.order_id = l.order_id "
    "WHERE l.id > :after AND l.id <= :upto AND s.shipped_at IS NOT NULL ORDER BY l.id"
)
SALE_MOVEMENTS_READ = ("orders", "order_lines", "shipments")
DERIVE_EVERY = 100_000  # order lines


class SalesPass(Placement):
    """Drafts and places every order of the period."""

    def __init__(self, demo: Demo, plants: list[OrderPlant]) -> None:
        assert demo.catalog is not None and demo.customers is not None
        self.demo, self.rng, self.tl = demo, demo.rng, demo.tl
        self.rnd = demo.rng.random
        self.cat, self.people = demo.catalog, demo.customers
        cat, tl = self.cat, self.tl
        self.planned = plan_days(demo)
        demo.day_planned = self.planned
        self.scheduled: dict[int, list[tuple[int, OrderPlant]]] = {}
        for plant in plants:
            self.schedule(plant)
        self.dip_day = tl.today - 1
        self.trend_start = tl.today - 14
        # The trend and the returns problem sit on well-selling products, so they stand out
        # from noise, but not on the very best seller, whose share a boost cannot double.
        by_product: dict[int, float] = {}
        for v, weight in zip(cat.sellable, cat.popularity, strict=True):
            by_product[cat.v_product[v]] = by_product.get(cat.v_product[v], 0.0) + weight
        ranked = sorted(by_product, key=lambda p: (-by_product[p], p))
        self.trend_product, self.return_product = ranked[4], ranked[7]
        self.cum = list(accumulate(cat.popularity))
        boosted = [
            w * (TREND_BOOST if cat.v_product[v] == self.trend_product else 1.0)
            for v, w in zip(cat.sellable, cat.popularity, strict=True)
        ]
        self.cum_trend = list(accumulate(boosted))
        self.line_cum = list(accumulate(demo.spec.lines_per_order))
        self.price_f = [c / 100 for c in cat.v_price_c]
        self.cost_f = [c / 100 for c in cat.v_cost_c]
        self.forced = self._coverage()
        self.fulfil = Fulfiller(demo)
        self.after = AfterSales(demo, self, self.return_product)
        self.after_rate = demo.spec.review_rate + demo.spec.chargeback_rate
        self.remember_customer = self.after.order_customer.append
        self.remember_created = self.after.order_created.append
        self.trend_units = [0, 0]  # the trending product's units: 15-28 days ago, last 14 days
        self.overnight_paid = 0
        self.number_base = demo.spec.first_order_number - 1
        self.lines = demo.out.rows("order_lines", col.ORDER_LINES)
        self.orders = demo.out.rows("orders", col.ORDERS)
        self.payments = demo.out.rows("payments", col.PAYMENTS)
        self.derived_upto = 0  # order lines whose sale movements are already derived
        self.promos: list[tuple[str, int, int, int]] = []  # code, percent, first day, last day
        for table in ("orders", "order_lines", "payments", "shipments"):
            demo.ids.setdefault(table, 0)

    def schedule(self, plant: OrderPlant) -> None:
        """Put an order onto its day; it is placed when the pass reaches that day."""
        self.scheduled.setdefault(plant.at // DAY, []).append((plant.at, plant))

    def _coverage(self) -> dict[int, list[int]]:
        """Every selling variant sells at least once in the last 80 days: a day for each."""
        tl, rnd = self.tl, self.rnd
        first = max(tl.start_day, tl.today - 80)
        days = [d for d in range(first, tl.today) if d != self.dip_day]
        forced: dict[int, list[int]] = {}
        for v in self.cat.sellable:
            forced.setdefault(days[int(rnd() * len(days))], []).append(v)
        return forced

    def run(self) -> None:
        """Place every order from the first day to now, then derive the sale movements."""
        tl, demo = self.tl, self.demo
        total = tl.today - tl.start_day + 1
        for step, day in enumerate(range(tl.start_day, tl.today + 1)):
            self._day(day)
            demo.out.flush_full()
            self.derive_sale_movements(least=DERIVE_EVERY)
            demo.report("orders", step + 1, total)
        for later in sorted(self.scheduled):
            if later <= tl.today:
                raise RuntimeError(f"orders scheduled on day {later} were never placed")

    def derive_sale_movements(self, *, least: int = 1) -> None:
        """Have the writer derive the sale movements of the lines placed since the last time.

        Only once at least `least` new lines are waiting, to keep the statements few.
        """
        upto = self.demo.ids["order_lines"]
        if upto - self.derived_upto >= least:
            params = {"after": self.derived_upto, "upto": upto}
            self.demo.out.derive("stock_movements", SALE_MOVEMENTS_SQL, params, SALE_MOVEMENTS_READ)
            self.derived_upto = upto

    def _day(self, day: int) -> None:
        promos = [(code, pct) for code, pct, first, last in self.promos if first <= day <= last]
        forced = self.forced.pop(day, [])
        pool = self.people.existing_before(day * DAY)
        plants = sorted(self.scheduled.pop(day, []), key=lambda item: item[0])
        if day == self.dip_day:
            entries: list[tuple[int, int, Draft, OrderPlant | None]] = [
                (at, i, self.draft(pool, day, promos, forced, p), p)
                for i, (at, p) in enumerate(plants)
            ]
            drafts = self._dip_drafts(pool, day, promos, forced, entries)
            for at, draft in zip(order_times(self.demo, day, len(drafts)), drafts, strict=True):
                entries.append((at, len(entries), draft, None))
            entries.sort(key=lambda entry: (entry[0], entry[1]))
            for at, _, draft, plant in entries:
                self._place(at, draft, plant)
            return
        # Each draft uses up at most one must-sell variant: enough orders to sell them all.
        count = max(self.planned[day], len(forced))
        waiting = iter(plants)
        next_plant = next(waiting, None)
        place = healthy_placer(self, day, pool, promos, forced)
        for at in order_times(self.demo, day, count):
            while next_plant is not None and next_plant[0] <= at:
                self._place(
                    next_plant[0],
                    self.draft(pool, day, promos, forced, next_plant[1]),
                    next_plant[1],
                )
                next_plant = next(waiting, None)
            place(at)
        while next_plant is not None:
            self._place(
                next_plant[0], self.draft(pool, day, promos, forced, next_plant[1]), next_plant[1]
            )
            next_plant = next(waiting, None)

    def _dip_drafts(
        self,
        pool: int,
        day: int,
        promos: list[tuple[str, int]],
        forced: list[int],
        entries: list[Any],
    ) -> list[Draft]:
        """Yesterday: orders until revenue is nearest 60% of the same weekday's recent average."""
        earlier = [day - 7 * k for k in range(1, 5) if day - 7 * k >= self.tl.start_day]
        if not earlier:
            return [
                self.draft(pool, day, promos, forced) for _ in range(int(self.planned[day] * DIP))
            ]
        target = DIP * sum(self.demo.day_revenue_c.get(d, 0) for d in earlier) / len(earlier)
        revenue = sum(draft[7] for _, _, draft, _ in entries)
        drafts: list[Draft] = []
        while revenue < target:
            draft = self.draft(pool, day, promos, forced, cancel_ok=False)
            if revenue + draft[7] - target > target - revenue:
                break  # one large order would overshoot more than stopping short
            drafts.append(draft)
            revenue += draft[7]
        return drafts

    def draft(
        self,
        pool: int,
        day: int,
        promos: list[tuple[str, int]],
        forced: list[int],
        plant: OrderPlant | None = None,
        *,
        cancel_ok: bool = True,
    ) -> Draft:
        """One order's customer, lines and money (`pool`: customers who exist by `day`)."""
        cat, rnd = self.cat, self.rnd
        if plant is not None and plant.customer is not None:
            customer = plant.customer
        else:
            customer = int(rnd() * pool)
        price, weight_of = cat.v_price_c, cat.v_weight
        if plant is not None and plant.lines is not None:
            picks = plant.lines
        else:
            n = bisect.bisect_right(self.line_cum, rnd() * self.line_cum[-1]) + 1
            cum = self.cum_trend if day >= self.trend_start else self.cum
            top, sellable, bisect_right = cum[-1], cat.sellable, bisect.bisect_right
            chosen = [sellable[bisect_right(cum, rnd() * top)] for _ in range(n)]
            if forced:
                chosen[0] = forced.pop()
            if n > 1:
                chosen = list(dict.fromkeys(chosen))
            picks = []
            for v in chosen:
                u = rnd()
                picks.append((v, 1 if u < 0.82 else 2 if u < 0.96 else 3))
        pct = 0
        code = None
        if promos and plant is None and rnd() < 0.12:
            code, pct = promos[int(rnd() * len(promos))]
        lines = []
        subtotal = discount = weight = 0
        for v, q in picks:
            gross = price[v] * q
            off = gross * pct // 100
            lines.append((v, q, off))
            subtotal += gross
            discount += off
            weight += weight_of[v] * q
        express = plant.express if plant is not None else rnd() < 0.1
        shipping = 1495 if express else 0 if subtotal - discount >= 7500 else 695
        if plant is not None and plant.return_row is not None:
            shipping = 0  # exchanges ship free
        tax = ((subtotal - discount) * self.people.tax_bp[customer] + 5000) // 10000
        total = subtotal - discount + shipping + tax
        u = rnd()
        processor = 0 if u < PROCESSOR_CUM[0] else 1 if u < PROCESSOR_CUM[1] else 2
        mode = "auth" if processor != 1 and rnd() < 0.2 else "sale"
        decline = DECLINES[int(rnd() * 4)] if rnd() < 0.03 else None
        cancel = plant is None and cancel_ok and rnd() < 0.015
        channel = CHANNELS[int(rnd() * len(CHANNELS))]
        risk = plant.risk if plant is not None else "medium" if rnd() < 0.04 else "low"
        return (
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
        )

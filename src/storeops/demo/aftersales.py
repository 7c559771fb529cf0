"""After delivery: returns and their refunds, exchanges, reviews, and chargebacks.

Returns follow each product's return rate exactly rather than by coin toss: every shipped unit
adds the rate to its product's budget, and a whole unit returns once the budget reaches one.
So a 3% product returns about one unit in 33 and the planted problem product (30%) stands out
without random look-alikes. A return moves requested -> authorized -> received -> inspected ->
refunded (or rejected) on a healthy schedule; where it is now depends on its age. New and
opened items go back on the shelf (a `return` movement in the ledger). An exchange is a
refund plus a new order for the replacement, placed when the item is received.

Reviews and chargebacks are sampled per delivered order; low ratings always get an answer
and healthy chargebacks are all closed, so the planted ones are the only loose ends.
"""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING, Any

from storeops.demo import columns as col
from storeops.demo import names
from storeops.demo.context import Demo
from storeops.demo.timeline import DAY, HOUR, MINUTE

if TYPE_CHECKING:
    from storeops.demo.sales import SalesPass

HEALTHY_RETURN_RATE = 0.02
PROBLEM_RETURN_RATE = 0.30
REASONS = (
    (0.30, "size"),
    (0.50, "changed_mind"),
    (0.60, "damaged"),
    (0.70, "defective"),
    (0.82, "not_as_described"),
    (0.90, "wrong_item"),
    (0.95, "late"),
    (1.0, "other"),
)
BAD_PRODUCT_REASONS = ((0.5, "defective"), (0.8, "not_as_described"), (1.0, "damaged"))
RATINGS = ((0.60, 5), (0.85, 4), (0.93, 3), (0.97, 2), (1.0, 1))
CHARGEBACK_REASONS = ("fraudulent", "product_not_received", "not_as_described", "duplicate")


class AfterSales:
    """Decides and writes what happens to orders after they are delivered."""

    def __init__(self, demo: Demo, sales: SalesPass, problem_product: int) -> None:
        assert demo.catalog is not None
        self.demo, self.rng, self.tl, self.sales = demo, demo.rng, demo.tl, sales
        self.cat = demo.catalog
        self.rnd = demo.rng.random
        products = len(self.cat.p_title)
        self.budget = [self.rng.random() for _ in range(products)]
        self.rate = [HEALTHY_RETURN_RATE] * products
        self.rate[problem_product] = PROBLEM_RETURN_RATE
        self.problem_product = problem_product
        self.rejected = 0
        self.slow = set(self.cat.slow)  # exchanges never ship a slow mover: it has no sales
        self.return_rows: list[list[Any]] = []  # written last: exchanges fill in their order id
        self.order_customer = array("l")  # by order id - 1, for tickets
        self.order_created = array("q")
        self.refunds = demo.out.rows("refunds", col.REFUNDS)
        self.reviews = demo.out.rows("reviews", col.REVIEWS)
        self.chargebacks = demo.out.rows("chargebacks", col.CHARGEBACKS)

    def line_delivered(
        self,
        oid: int,
        number: str,
        customer: int,
        v: int,
        q: int,
        line_discount: int,
        delivered: int,
        processor: int,
        owed: float,
    ) -> int:
        """A delivered line whose product owes a return (`owed` >= 1); returns cents refunded."""
        product = self.cat.v_product[v]
        requested = delivered + DAY + int(self.rnd() * 11 * DAY)
        if requested > self.tl.now_s - 10 * MINUTE:
            self.budget[product] = owed  # not come back yet: an older line will
            return 0
        back = min(q, int(owed))
        self.budget[product] = owed - back
        share = line_discount * back // q
        table = BAD_PRODUCT_REASONS if product == self.problem_product else REASONS
        reason = _pick(table, self.rnd())
        return self.add_return(oid, number, customer, v, back, share, requested, processor, reason)

    def add_return(
        self,
        oid: int,
        number: str,
        customer: int,
        v: int,
        back: int,
        discount_c: int,
        requested: int,
        processor: int,
        reason: str | None,
        **override: Any,
    ) -> int:
        """One return on its healthy schedule (or as `override` bends it); cents refunded."""
        rng, tl, demo = self.rng, self.tl, self.demo
        now = tl.now_s
        times = {"requested": requested}
        times["authorized"] = requested + rng.randrange(2 * HOUR, 20 * HOUR)
        times["received"] = times["authorized"] + rng.randrange(2 * DAY, 6 * DAY)
        times["inspected"] = times["received"] + rng.randrange(4 * HOUR, 40 * HOUR)
        times["refunded"] = times["inspected"] + rng.randrange(HOUR, 20 * HOUR)
        times.update(override.get("times", {}))
        # Some returns are rejected at inspection; the first one that gets there always is,
        # so even a short history shows every status.
        first = not self.rejected and not override and times["inspected"] <= now
        rejected = first or rng.random() < 0.05
        status = "requested"
        for stage in ("authorized", "received", "inspected", "refunded"):
            if times[stage] > now or (stage == "refunded" and rejected):
                break
            status = stage
        if rejected and status == "inspected":
            status = "rejected"
            self.rejected += 1
        status = override.get("status", status)
        inspected = status in ("inspected", "refunded", "rejected")
        condition = disposition = None
        if inspected:
            condition = (
                "defective"
                if reason == "defective"
                else "damaged"
                if reason == "damaged"
                else "new"
                if rng.random() < 0.65
                else "opened"
            )
            disposition = {
                "new": "restock",
                "damaged": "dispose",
                "defective": "return_to_vendor",
            }.get(condition, "restock" if rng.random() < 0.7 else "refurbish")
            if status == "rejected":
                condition, disposition = "opened", None
        condition = override.get("condition", condition)
        disposition = override.get("disposition", disposition)
        restocked = (
            disposition == "restock" and status != "rejected" and override.get("restocked", True)
        )
        exchange = override.get("exchange", reason == "size" and rng.random() < 0.4)
        last = times[status if status != "rejected" else "inspected"]
        notified = override.get("notified", min(now, last + rng.randrange(MINUTE, 15 * MINUTE)))
        rid = demo.next_id("returns")
        rma = f"RMA-{rid:06d}"
        opt = tl.opt_ts
        stage_ts = {
            stage: opt(times[stage]) if _reached(stage, status) else None
            for stage in ("authorized", "received", "inspected", "refunded")
        }
        row = [
            rid,
            rma,
            oid,
            v + 1,
            back,
            reason,
            status,
            condition,
            disposition,
            int(restocked),
            int(exchange),
            None,
            tl.ts(requested),
            stage_ts["authorized"],
            stage_ts["received"],
            stage_ts["inspected"],
            stage_ts["refunded"],
            opt(notified),
            "",
        ]
        self.return_rows.append(row)
        if restocked:
            demo.movement(v, times["inspected"], "return", back, reason, rma, "returns desk")
            demo.restocked[v] += back
        placed = status in ("received", "inspected", "refunded")
        if exchange and placed and override.get("exchange_order", True):
            self._exchange(customer, v, back, times["received"], row)
        if status != "refunded":
            return 0
        amount = self.cat.v_price_c[v] * back - discount_c
        self._refund(oid, rid, times["refunded"], amount, reason or "return", processor)
        return amount

    def _exchange(self, customer: int, v: int, back: int, received: int, row: list[Any]) -> None:
        from storeops.demo.plants import OrderPlant

        siblings = self.cat.p_variants[self.cat.v_product[v]]
        other = [s for s in siblings if s != v and s not in self.slow]
        replacement = other[self.rng.randrange(len(other))] if other else v
        self.sales.schedule(
            OrderPlant(
                key="exchange",
                at=received,
                customer=customer,
                lines=[(replacement, back)],
                tags="exchange",
                return_row=row,
            )
        )

    def _refund(
        self, oid: int, rid: int | None, at: int, amount: int, reason: str, processor: int
    ) -> None:
        from storeops.demo.placing import PROCESSORS

        tl, demo = self.tl, self.demo
        self.refunds.append(
            (
                demo.next_id("refunds"),
                None,
                oid,
                rid,
                tl.ts(at),
                tl.ts(at + 5 * MINUTE),
                amount / 100,
                reason,
                "processed",
            )
        )
        pid = demo.next_id("payments")
        payout = self.sales.payout(processor, at, 0, 0, amount)
        self.sales.payments.append(
            (
                pid,
                f"txn_{pid:08d}",
                oid,
                tl.ts(at),
                "refund",
                "success",
                amount / 100,
                0.0,
                PROCESSORS[processor],
                None,
                payout,
            )
        )

    def order_delivered(
        self,
        oid: int,
        customer: int,
        lines: list[tuple[int, int, int]],
        total: int,
        delivered: int,
        roll: float,
    ) -> None:
        """A review (`roll` below the review rate) or a long-closed chargeback (just above)."""
        rng, now, spec = self.rng, self.tl.now_s, self.demo.spec
        if roll < spec.review_rate:
            created = delivered + rng.randrange(DAY, 15 * DAY)
            if created < now - 10 * MINUTE:
                self._review(
                    self.cat.v_product[lines[rng.randrange(len(lines))][0]], customer, created
                )
        if spec.review_rate <= roll < spec.review_rate + spec.chargeback_rate:
            opened = delivered + rng.randrange(3 * DAY, 20 * DAY)
            responded = opened + rng.randrange(DAY, 5 * DAY)
            closed = responded + rng.randrange(2 * DAY, 8 * DAY)
            if closed <= now:
                status = _pick(((0.5, "won"), (0.85, "lost"), (1.0, "accepted")), rng.random())
                self.add_chargeback(
                    oid,
                    total,
                    opened,
                    closed=closed,
                    status=status,
                    responded=None if status == "accepted" else responded,
                )

    def add_chargeback(
        self,
        oid: int,
        amount_c: int,
        opened: int,
        *,
        respond_days: int = 7,
        responded: int | None = None,
        closed: int | None = None,
        status: str = "open",
    ) -> None:
        """Write one chargeback."""
        tl, opt = self.tl, self.tl.opt_ts
        cid = self.demo.next_id("chargebacks")
        reason = CHARGEBACK_REASONS[(cid + oid) % len(CHARGEBACK_REASONS)]
        self.chargebacks.append(
            (
                cid,
                f"dp_{cid:06d}",
                oid,
                tl.ts(opened),
                tl.ts(opened + respond_days * DAY),
                opt(responded),
                opt(closed),
                amount_c / 100,
                15.0,
                reason,
                status,
            )
        )

    def _review(
        self,
        product: int,
        customer: int,
        created: int,
        rating: int | None = None,
        answer: bool = True,
    ) -> None:
        rng, tl, now = self.rng, self.tl, self.tl.now_s
        stars = rating if rating is not None else _pick(RATINGS, rng.random())
        texts = names.REVIEW_TEXTS[stars]
        title, body = texts[rng.randrange(len(texts))]
        responded: int | None = None
        if answer and stars <= 2:
            responded = created + rng.randrange(HOUR, 10 * HOUR)
            if responded > now:
                responded = created + (now - created) // 2
        elif answer and rng.random() < 0.4:
            responded = created + rng.randrange(2 * HOUR, 3 * DAY)
            responded = responded if responded <= now else None
        self.reviews.append(
            (
                self.demo.next_id("reviews"),
                "demo",
                None,
                product + 1,
                customer + 1,
                stars,
                title,
                body,
                tl.ts(created),
                tl.opt_ts(responded),
                1,
            )
        )

    def add_review(self, product: int, customer: int, created: int, rating: int) -> None:
        """Write a review nobody has answered."""
        self._review(product, customer, created, rating, answer=False)

    def finish(self) -> None:
        """Write the returns, now that every exchange order has its id."""
        rows = self.demo.out.rows("returns", col.RETURNS)
        rows.extend(tuple(row) for row in self.return_rows)


def _reached(stage: str, status: str) -> bool:
    order = ("requested", "authorized", "received", "inspected", "refunded")
    if status == "rejected":
        return stage in ("authorized", "received", "inspected")
    return order.index(stage) <= order.index(status)


def _pick(table: tuple[tuple[float, Any], ...], u: float) -> Any:
    return next(value for edge, value in table if u < edge)

"""Stock: reorder policies, purchase orders, the stock ledger, and finally the variant rows.

Runs after the sales pass, which knows how many units of each variant shipped and came back.
Each variant first gets its end-of-period stock (above its reorder point, or below it with a
purchase order on the way), then the receipts of past purchase orders, and finally an opening
`count` movement chosen so the ledger adds up exactly:

    on_hand = count + receipts - sales + restocked returns - damage + adjustments

Planted problems bend that in a handful of places (low stock with nothing on order, sold-out
listings, damaged units, ledger mismatches, late purchase orders) and say so in words.
"""

from __future__ import annotations

import math

from storeops.demo import columns as col
from storeops.demo.context import Demo
from storeops.demo.timeline import DAY, HOUR


def build_inventory(demo: Demo, avoid: set[int]) -> Stock:
    """Write purchase orders, the ledger's counts/receipts/damage/adjustments, and variants.

    `avoid` holds variants other planted problems already use (trend, returns, margins).
    """
    stock = Stock(demo, avoid)
    stock.build()
    return stock


class Stock:
    """The inventory stage's working state."""

    def __init__(self, demo: Demo, avoid: set[int]) -> None:
        assert demo.catalog is not None
        self.demo, self.rng, self.tl, self.cat = demo, demo.rng, demo.tl, demo.catalog
        n = self.cat.variant_count
        self.rp: list[int | None] = [None] * n
        self.low: list[int | None] = [None] * n
        self.high: list[int | None] = [None] * n
        self.final = [0] * n
        self.damaged = [0] * n
        self.adjust = [0] * n
        self.receipts = [0] * n
        self.po_rows = demo.out.rows("purchase_orders", col.PURCHASE_ORDERS)
        self.po_lines = demo.out.rows("purchase_order_lines", col.PURCHASE_ORDER_LINES)
        self.received_pos: list[tuple[int, int, int, str]] = []  # id, supplier, received_s, number
        self.po_amount_c: dict[int, int] = {}
        plain = [v for v in sorted(self.cat.sellable) if v not in avoid]
        picks = self.rng.sample(plain, 8 + 3 + 4 + 3 + max(6, len(plain) // 20))
        self.short, picks = picks[:8], picks[8:]  # below reorder point, nothing on order
        self.sold_out, picks = picks[:3], picks[3:]
        self.damaged_set, picks = picks[:4], picks[4:]
        self.mismatch, self.on_order = picks[:3], picks[3:]  # on_order: low, PO coming

    def build(self) -> None:
        """Decide every variant's stock, write POs and ledger movements, then the variants."""
        self._policies()
        self._targets()
        self._receipts()
        self._open_orders()
        self._ledger()
        self._variants()
        self._report()

    def _policies(self) -> None:
        cat, demo = self.cat, self.demo
        days = max(1, self.tl.days)
        for v in cat.sellable:
            daily = demo.sold[v] / days
            lead = cat.supplier_lead[cat.p_supplier[cat.v_product[v]]]
            point = max(3, math.ceil(daily * (lead + 7)))
            self.rp[v], self.low[v] = point, point
            self.high[v] = point + max(10, math.ceil(daily * 30))
        for v in cat.slow:
            self.rp[v], self.low[v], self.high[v] = 2, 2, 20

    def _targets(self) -> None:
        """End-of-period stock: healthy above the reorder point, planted ones where they bite."""
        rng, cat = self.rng, self.cat
        for v in range(cat.variant_count):
            status = cat.p_status[cat.v_product[v]]
            point, high = self.rp[v], self.high[v]
            if status == "draft":
                self.final[v] = rng.randint(0, 40)
            elif status == "archived":
                self.final[v] = 0
            elif point is not None and high is not None:
                self.final[v] = point + 1 + rng.randrange(max(1, high - point))
        for v in cat.slow:
            self.final[v] = rng.randint(8, 60)
        for v in [*self.short, *self.on_order]:
            point = self.rp[v] or 3
            self.final[v] = rng.randint(1, point - 1)
        for v in self.sold_out:
            self.final[v] = 0
        for v in self.damaged_set:
            self.damaged[v] = rng.randint(2, 5)
        for v in self.mismatch:
            self.final[v] = (self.rp[v] or 3) + 6 + rng.randrange(10)
        for v in rng.sample(
            sorted(
                set(cat.sellable)
                - set(self.short)
                - set(self.on_order)
                - set(self.sold_out)
                - set(self.mismatch)
            ),
            len(cat.sellable) // 30,
        ):
            self.adjust[v] = rng.choice((-2, -1, 1, 2))

    def _receipts(self) -> None:
        """Past purchase orders, received, carrying part of what sold in the period."""
        rng, tl, cat, demo = self.rng, self.tl, self.cat, self.demo
        every = 30
        slots = max(1, (tl.days - 6) // every)
        lines: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for v in cat.sellable:
            supplier = cat.p_supplier[cat.v_product[v]]
            pack = cat.supplier_pack[supplier]
            room = (
                self.final[v] + demo.sold[v] - demo.restocked[v] + self.damaged[v] - self.adjust[v]
            )
            wanted = int(demo.sold[v] * rng.uniform(0.4, 0.8))
            total = min(wanted, room) // pack * pack
            if total <= 0:
                continue
            parts = min(slots, 1 + demo.sold[v] // 20, 3)
            chosen = sorted(rng.sample(range(slots), parts))
            base = total // parts // pack * pack
            for i, slot in enumerate(chosen):
                share = total - base * (parts - 1) if i == 0 else base
                if share > 0:
                    lines.setdefault((supplier, slot), []).append((v, share))
            self.receipts[v] = total
        for supplier, slot in sorted(lines):
            received_day = tl.start_day + 3 + slot * every + rng.randrange(every // 2)
            received = min(received_day, tl.today - 3) * DAY + rng.randrange(10 * HOUR, 16 * HOUR)
            po_id, number = self._purchase_order(
                supplier, "received", received, lines[(supplier, slot)]
            )
            self.received_pos.append((po_id, supplier, received, number))
            for v, qty in lines[(supplier, slot)]:
                self._move(v, received, "receipt", qty, None, number, "receiving")

    def _purchase_order(
        self,
        supplier: int,
        status: str,
        when: int,
        lines: list[tuple[int, int]],
        *,
        expected: int | None = None,
    ) -> tuple[int, str]:
        """Write a PO with its lines; `when` is its receipt (received) or expected arrival."""
        tl, cat, rng = self.tl, self.cat, self.rng
        lead = cat.supplier_lead[supplier] * DAY
        po_id = self.demo.next_id("purchase_orders")
        number = f"PO-{po_id:05d}"
        if status == "received":
            expected_at = when - rng.randrange(0, DAY)
            ordered = expected_at - lead
            received: int | None = when
        else:
            expected_at = expected if expected is not None else when
            ordered = min(tl.now_s - DAY, expected_at - lead)
            received = None
        is_draft = status == "draft"
        self.po_rows.append(
            (
                po_id,
                number,
                supplier + 1,
                status,
                tl.ts(ordered - HOUR),
                None if is_draft else tl.ts(ordered),
                None if is_draft else tl.ts(expected_at),
                tl.opt_ts(received),
                "",
            )
        )
        amount = 0
        for v, qty in lines:
            got = qty if status == "received" else 0
            self.po_lines.append(
                (
                    self.demo.next_id("purchase_order_lines"),
                    po_id,
                    v + 1,
                    qty,
                    got,
                    cat.v_cost_c[v] / 100,
                )
            )
            amount += qty * cat.v_cost_c[v]
        self.po_amount_c[po_id] = amount
        return po_id, number

    def _reorder_qty(self, v: int) -> int:
        pack = self.cat.supplier_pack[self.cat.p_supplier[self.cat.v_product[v]]]
        need = (self.high[v] or 20) - self.final[v]
        return max(pack, -(-need // pack) * pack)

    def _open_orders(self) -> None:
        """Stock on order for the low variants, one late PO and one arriving today."""
        tl, cat, rng = self.tl, self.cat, self.rng
        now = tl.now_s
        late_v, today_v, *rest = [*self.on_order, *self.sold_out]
        end_of_today = (tl.today + 1) * DAY - 1
        self.late = self._purchase_order(
            cat.p_supplier[cat.v_product[late_v]],
            "open",
            now - 5 * DAY,
            [(late_v, self._reorder_qty(late_v))],
        )
        self.due_today = self._purchase_order(
            cat.p_supplier[cat.v_product[today_v]],
            "open",
            now + (end_of_today - now) // 2,
            [(today_v, self._reorder_qty(today_v))],
        )
        by_supplier: dict[int, list[tuple[int, int]]] = {}
        for v in rest:
            by_supplier.setdefault(cat.p_supplier[cat.v_product[v]], []).append(
                (v, self._reorder_qty(v))
            )
        for supplier in sorted(by_supplier):
            arrives = (tl.today + 2 + rng.randrange(cat.supplier_lead[supplier])) * DAY + 12 * HOUR
            self._purchase_order(supplier, "open", arrives, by_supplier[supplier])
        spare = [v for v in cat.sellable if self.final[v] > (self.rp[v] or 0)][:4]
        for status, pair in (("draft", spare[:2]), ("cancelled", spare[2:])):
            if pair:
                supplier = cat.p_supplier[cat.v_product[pair[0]]]
                self._purchase_order(
                    supplier, status, now + 20 * DAY, [(v, self._reorder_qty(v)) for v in pair]
                )

    def _ledger(self) -> None:
        """Opening counts (derived), damage and adjustments, so the ledger explains on_hand."""
        rng, tl, demo = self.rng, self.tl, self.demo
        opening = (tl.start_day - 1) * DAY + 18 * HOUR
        reference = f"COUNT-{tl.day(tl.start_day - 1)}"
        for v in range(self.cat.variant_count):
            count = (
                self.final[v]
                + demo.sold[v]
                - demo.restocked[v]
                - self.receipts[v]
                + self.damaged[v]
                - self.adjust[v]
            )
            if count < 0:
                raise RuntimeError(f"variant {v + 1}: opening count {count} < 0")
            self._move(v, opening, "count", count, "opening stock count", reference, "warehouse")
        for v in self.damaged_set:
            when = tl.now_s - rng.randrange(DAY, 10 * DAY)
            self._move(v, when, "damage", -self.damaged[v], "damaged in storage", None, "warehouse")
        for v in range(self.cat.variant_count):
            if self.adjust[v]:
                when = (tl.start_day + rng.randrange(max(1, tl.days))) * DAY + 17 * HOUR
                self._move(
                    v,
                    when,
                    "adjustment",
                    self.adjust[v],
                    "cycle count correction",
                    None,
                    "warehouse",
                )

    def _move(
        self, v: int, when: int, kind: str, qty: int, reason: str | None, ref: str | None, who: str
    ) -> None:
        self.demo.movement(v, when, kind, qty, reason, ref, who)

    def _variants(self) -> None:
        cat = self.cat
        rows = self.demo.out.rows("variants", col.VARIANTS)
        drift = dict(zip(self.mismatch, (4, 2, -3), strict=True))
        for v in range(cat.variant_count):
            product = cat.v_product[v]
            compare = cat.v_compare_c[v]
            rows.append(
                (
                    v + 1,
                    product + 1,
                    "demo",
                    None,
                    cat.v_sku[v],
                    cat.v_title[v],
                    _upc(v + 1),
                    cat.v_price_c[v] / 100,
                    None if compare is None else compare / 100,
                    cat.v_cost_c[v] / 100,
                    self.final[v] + drift.get(v, 0),
                    self.damaged[v],
                    int(cat.p_status[product] == "active"),
                    cat.v_policy[v] if v not in self.sold_out else "deny",
                    cat.p_supplier[product] + 1,
                    self.rp[v],
                    self.low[v],
                    self.high[v],
                    cat.v_weight[v],
                )
            )

    def _report(self) -> None:
        demo, cat, tl = self.demo, self.cat, self.tl

        def skus(vs: list[int]) -> str:
            return ", ".join(cat.v_sku[v] for v in vs)

        demo.plant(
            "inventory",
            f"8 variants below their reorder point with no open purchase order: {skus(self.short)}",
        )
        demo.plant(
            "inventory",
            "3 variants whose stock ledger does not add up to on_hand: "
            f"{skus(self.mismatch)} (off by +4, +2, -3)",
        )
        demo.plant(
            "inventory", f"purchase order {self.late[1]} is open and 5 days past its expected date"
        )
        demo.plant(
            "inventory",
            f"purchase order {self.due_today[1]} is expected today ({tl.day(tl.today)})",
        )
        demo.plant(
            "inventory",
            "3 variants listed as available but sold out (on_hand 0, policy deny): "
            f"{skus(self.sold_out)}",
        )
        demo.plant(
            "inventory", f"4 variants with damaged units set aside: {skus(self.damaged_set)}"
        )
        demo.plant(
            "inventory",
            f"{len(cat.slow)} slow movers: active variants with stock and no sales in 90 days",
        )

    def received_orders(self) -> list[tuple[int, int, int, str, int]]:
        """Received POs as (id, supplier index, received second, number, amount cents)."""
        return [
            (po, s, at, number, self.po_amount_c[po]) for po, s, at, number in self.received_pos
        ]


def _upc(serial: int) -> str:
    """A UPC-A barcode in the store's own prefix, with its check digit."""
    body = f"86{serial:09d}"
    odd = sum(int(d) for d in body[0::2])
    even = sum(int(d) for d in body[1::2])
    return f"{body}{(10 - (odd * 3 + even) % 10) % 10}"

"""Shipments: label, pick and pack, the carrier's scans, delivery, and the carrier's invoice.

A healthy order is labelled, packed, verified and handed to the carrier within ten hours of
being placed (so everything older than the overnight window has shipped), with a valid
tracking number and a shipping confirmation to the customer. Parcels deliver after the
service's transit time; until then their last scan is less than a day old. Carrier invoices
arrive after a week and match the label cost, or exceed it by a few percent.

Planted orders bend one of these rules each (see problems.py); `ship` takes their overrides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storeops.demo import columns as col
from storeops.demo import names
from storeops.demo.context import Demo
from storeops.demo.timeline import DAY, HOUR, MINUTE
from storeops.demo.tracking import TrackingNumbers, corrupt_check_digit

if TYPE_CHECKING:
    from storeops.demo.plants import OrderPlant

CARRIER_CUM = ((0.50, "usps"), (0.77, "ups"), (0.97, "fedex"), (1.0, "dhl"))
LABEL_BASE_C = {"usps": 520, "ups": 890, "fedex": 940, "dhl": 3200}
TRANSIT = {
    "usps": (2 * DAY, 5 * DAY),
    "ups": (2 * DAY, 5 * DAY),
    "fedex": (2 * DAY, 5 * DAY),
    "dhl": (3 * DAY, 6 * DAY),
}
EXPRESS_TRANSIT = (20 * HOUR, 2 * DAY)
INVOICE_AFTER = 7 * DAY


class Fulfiller:
    """Writes shipments and hands out tracking numbers in sequence."""

    def __init__(self, demo: Demo) -> None:
        self.demo, self.rng, self.tl = demo, demo.rng, demo.tl
        self.rnd = demo.rng.random
        self.rows = demo.out.rows("shipments", col.SHIPMENTS)
        self.numbers = TrackingNumbers(demo.rng)

    def ship(
        self, order_id: int, at: int, express: bool, weight_g: int, plant: OrderPlant | None
    ) -> tuple[int | None, int | None, int]:
        """Write the order's shipment; returns (shipped_at, delivered_at, last update)."""
        now, rnd = self.tl.now_s, self.rnd
        if plant is not None and plant.fulfilment == "packed":
            label, packed = now - 3 * HOUR, now - 2 * HOUR
            carrier, service, tracking, cost = self._label(express, weight_g)
            self._write(
                order_id,
                carrier,
                service,
                tracking,
                "label_created",
                packed,
                None,
                label,
                None,
                None,
                None,
                None,
                None,
                cost,
                None,
            )
            return None, None, packed
        if plant is not None and plant.shipped_ago is not None:
            shipped = now - plant.shipped_ago
            label = max(at + 10 * MINUTE, shipped - 4 * HOUR)
            packed = label + 20 * MINUTE
            verified = packed + 5 * MINUTE
        else:  # label, pick and pack, check, hand over: always within ten hours
            label = at + 30 * MINUTE + int(rnd() * 5.5 * HOUR)
            packed = label + 5 * MINUTE + int(rnd() * 40 * MINUTE)
            verified = packed + MINUTE + int(rnd() * 9 * MINUTE)
            shipped = verified + 30 * MINUTE + int(rnd() * 2 * HOUR)
        carrier, service, tracking, cost = self._label(express, weight_g)
        low, high = EXPRESS_TRANSIT if express else TRANSIT[carrier]
        arrives = shipped + low + int(rnd() * (high - low))
        exception = None
        delivered: int | None
        if arrives <= now:
            status, delivered, last = "delivered", arrives, arrives
        else:
            delivered = None
            last = now - int(rnd() * min(now - shipped, 20 * HOUR))
            soon = arrives - now < 8 * HOUR and now - shipped > DAY
            status = "out_for_delivery" if soon else "in_transit"
        notified: int | None = min(now, shipped + MINUTE + int(rnd() * 19 * MINUTE))
        invoiced = None
        if shipped < now - INVOICE_AFTER:
            invoiced = cost if rnd() < 0.85 else cost * (101 + int(rnd() * 5)) // 100
        if plant is not None:
            plant.result["tracking"] = tracking
            if plant.status is not None:
                status, delivered = plant.status, None
                last = now - (plant.last_event_ago or HOUR)
                if status == "exception":
                    exception = names.SHIPMENT_EXCEPTIONS[order_id % 2]
            if plant.tracking == "none":
                tracking = None
            elif plant.tracking == "invalid" and tracking is not None:
                tracking = plant.result["tracking"] = corrupt_check_digit(tracking)
            if not plant.notification:
                notified = None
            if plant.invoice_factor is not None:
                invoiced = int(cost * plant.invoice_factor)
        self._write(
            order_id,
            carrier,
            service,
            tracking,
            status,
            packed,
            verified,
            label,
            shipped,
            last,
            delivered,
            notified,
            exception,
            cost,
            invoiced,
        )
        return shipped, delivered, last

    def ship_healthy(
        self, order_id: int, at: int, express: bool, weight_g: int
    ) -> tuple[int, int | None, int]:
        """`ship` for an order no problem was planted on, flattened: it runs half a million times.

        Returns (shipped_at, delivered_at or None, last update).
        """
        now, rnd, tl = self.tl.now_s, self.rnd, self.tl
        dp, tod = tl.day_prefix, tl.time_of_day
        label = at + 1800 + int(rnd() * 19800)  # 30 min to 6 h
        packed = label + 300 + int(rnd() * 2400)
        verified = packed + 60 + int(rnd() * 540)
        shipped = verified + 1800 + int(rnd() * 7200)  # handed over within ten hours
        u = rnd()
        numbers = self.numbers
        if express:
            if u < 0.5:
                carrier, service, tracking = "ups", "UPS 2nd Day Air", numbers.ups("02")
            else:
                carrier, service, tracking = "fedex", "FedEx Express Saver", numbers.fedex()
            arrives = (
                shipped
                + EXPRESS_TRANSIT[0]
                + int(rnd() * (EXPRESS_TRANSIT[1] - EXPRESS_TRANSIT[0]))
            )
            cost = (LABEL_BASE_C[carrier] + weight_g * 90 // 1000) * 19 // 10
        else:
            if u < 0.5:
                carrier, service, tracking = "usps", "Ground Advantage", numbers.usps()
            elif u < 0.77:
                carrier, service, tracking = "ups", "UPS Ground", numbers.ups("03")
            elif u < 0.97:
                carrier, service, tracking = "fedex", "FedEx Ground", numbers.fedex()
            else:
                carrier, service, tracking = "dhl", "DHL Express Worldwide", numbers.dhl()
            low, high = TRANSIT[carrier]
            arrives = shipped + low + int(rnd() * (high - low))
            cost = LABEL_BASE_C[carrier] + weight_g * 90 // 1000
        if arrives <= now:
            status, delivered, last = "delivered", arrives, arrives
            delivered_ts: str | None = dp[arrives // DAY] + tod[arrives % DAY]
            last_ts = delivered_ts
        else:
            delivered, delivered_ts = None, None
            last = now - int(rnd() * min(now - shipped, 20 * HOUR))
            last_ts = dp[last // DAY] + tod[last % DAY]
            soon = arrives - now < 8 * HOUR and now - shipped > DAY
            status = "out_for_delivery" if soon else "in_transit"
        notified = shipped + 60 + int(rnd() * 1140)
        invoiced = None
        if shipped < now - INVOICE_AFTER:
            invoiced = cost / 100 if rnd() < 0.85 else cost * (101 + int(rnd() * 5)) // 100 / 100
        ids = self.demo.ids
        sid = ids["shipments"] = ids.get("shipments", 0) + 1
        self.rows.append(
            (
                sid,
                None,
                order_id,
                carrier,
                service,
                tracking,
                status,
                dp[packed // DAY] + tod[packed % DAY],
                dp[verified // DAY] + tod[verified % DAY],
                dp[label // DAY] + tod[label % DAY],
                dp[shipped // DAY] + tod[shipped % DAY],
                last_ts,
                delivered_ts,
                dp[notified // DAY] + tod[notified % DAY],
                None,
                cost / 100,
                invoiced,
            )
        )
        return shipped, delivered, last

    def _label(self, express: bool, weight_g: int) -> tuple[str, str, str | None, int]:
        """Carrier, service, tracking number and label cost (cents) for a parcel."""
        u = self.rnd()
        if express:
            carrier = "ups" if u < 0.5 else "fedex"
        else:
            carrier = next(name for edge, name in CARRIER_CUM if u < edge)
        service = names.CARRIER_SERVICES[carrier][1 if express else 0]
        numbers = self.numbers
        if carrier == "ups":
            tracking = numbers.ups("02" if express else "03")
        elif carrier == "usps":
            tracking = numbers.usps()
        elif carrier == "fedex":
            tracking = numbers.fedex()
        else:
            tracking = numbers.dhl()
        cost = LABEL_BASE_C[carrier] + weight_g * 90 // 1000
        if express:
            cost = cost * 19 // 10
        return carrier, service, tracking, cost

    def _write(
        self,
        order_id: int,
        carrier: str,
        service: str,
        tracking: str | None,
        status: str,
        packed: int | None,
        verified: int | None,
        label: int | None,
        shipped: int | None,
        last: int | None,
        delivered: int | None,
        notified: int | None,
        exception: str | None,
        cost: int,
        invoiced: int | None,
    ) -> None:
        opt = self.tl.opt_ts
        self.rows.append(
            (
                self.demo.next_id("shipments"),
                None,
                order_id,
                carrier,
                service,
                tracking,
                status,
                opt(packed),
                opt(verified),
                opt(label),
                opt(shipped),
                opt(last),
                opt(delivered),
                opt(notified),
                exception,
                cost / 100,
                None if invoiced is None else invoiced / 100,
            )
        )

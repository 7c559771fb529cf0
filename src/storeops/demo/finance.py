"""Finance and the website's backups: expenses, budgets, vendor invoices, payouts, backups.

Expenses follow the business: ad platforms bill the campaigns' daily spend, packaging and
postage follow order volume, software, rent and utilities recur monthly. Budgets sit above
what each category spends, except advertising this month (planted). Supplier invoices arrive
with each received purchase order on 30-day terms and are paid 8 to 12 days before they fall
due, so an open invoice is always more than a week from its due date, except the four
planted ones. Payouts carry each processor's captured payments less fees and refunds, two
days later. Site backups ran nightly until three days ago.
"""

from __future__ import annotations

from storeops.demo import columns as col
from storeops.demo.context import Demo
from storeops.demo.placing import FEE_BP, FEE_FIXED_C, PROCESSORS
from storeops.demo.timeline import DAY, HOUR

MONTHLY = (
    ("software", "Shopify", 7900),
    ("software", "Klaviyo", 15000),
    ("software", "Google Workspace", 3600),
    ("software", "Gorgias", 6000),
    ("rent", "Pinecrest Storage LLC", 185000),
    ("utilities", "City Power & Water", 24000),
    ("utilities", "FiberNet", 9000),
    ("contractors", "Northside Bookkeeping", 40000),
    ("shipping", "ShipStation", 5900),
)
AD_VENDORS = (
    ("paid_search", "Google Ads"),
    ("paid_social", "Meta Ads"),
    ("affiliate", "ShareASale"),
)
SERVICE_INVOICES = (("Northside Bookkeeping", 40000), ("Pinecrest Storage LLC", 185000))


def build_finance(
    demo: Demo,
    spend_by: dict[tuple[str, int], int],
    received_pos: list[tuple[int, int, int, str, int]],
) -> None:
    """Write expenses, budgets, vendor invoices, payouts and backups."""
    assert demo.catalog is not None
    expenses = _expenses(demo, spend_by)
    _budgets(demo, expenses)
    _invoices(demo, received_pos)
    _payouts(demo)
    _backups(demo)


def _months(demo: Demo) -> list[int]:
    tl = demo.tl
    months: list[int] = []
    day = tl.month_start(tl.start_day)
    while day <= tl.today:
        months.append(day)
        day = tl.month_start(day + 32)
    return months


def _expenses(demo: Demo, spend_by: dict[tuple[str, int], int]) -> list[tuple[int, str, int]]:
    """Write the period's expenses; returns (day, category, cents) for the budgets."""
    tl, rng = demo.tl, demo.rng
    rows = demo.out.rows("expenses", col.EXPENSES)
    made: list[tuple[int, str, int]] = []

    def spend(
        day: int, category: str, vendor: str, what: str, cents: int, recorded: bool = True
    ) -> None:
        rows.append(
            (
                demo.next_id("expenses"),
                tl.day(day),
                category,
                vendor,
                what,
                cents / 100,
                int(recorded),
            )
        )
        made.append((day, category, cents))

    for month in _months(demo):
        if month < tl.start_day:
            continue
        for category, vendor, cents in MONTHLY:
            amount = cents if category != "utilities" else cents * rng.randint(90, 110) // 100
            spend(month, category, vendor, f"{vendor} {tl.calendar_day(month):%B %Y}", amount)
    elapsed = (tl.now_s - tl.today * DAY) / DAY
    for day in range(tl.start_day, tl.today + 1):
        for channel, vendor in AD_VENDORS:
            cents = spend_by.get((channel, day), 0)
            if day == tl.today:  # charged so far today, at yesterday's pace
                cents = int(spend_by.get((channel, day - 1), 0) * elapsed)
            if cents > 0:
                spend(day, "advertising", vendor, f"{vendor} daily charge", cents)
        offset = day - tl.start_day
        if offset % 10 == 2:
            boxes = sum(demo.day_orders.get(d, 0) for d in range(day - 10, day))
            spend(day, "packaging", "Uline", "Mailer boxes and tape", max(2500, boxes * 45))
        if tl.weekday(day) == 0:
            parcels = sum(demo.day_orders.get(d, 0) for d in range(day - 7, day))
            spend(
                day,
                "shipping",
                "ShipStation",
                "Postage top-up",
                parcels * 850 * rng.randint(95, 105) // 100,
            )
        if offset % 25 == 7:
            spend(day, "office", "Staples", "Printer labels and paper", rng.randint(3000, 12000))
        if offset % 40 == 15:
            spend(
                day,
                "contractors",
                "Lena Photo Studio",
                "Product photography",
                rng.randint(35000, 90000),
            )
    this_month = tl.month_start(tl.today)
    if not any(d >= this_month and c == "advertising" for d, c, _ in made):
        # At the very start of a month nothing is charged yet; a prepayment is.
        spend(tl.today, "advertising", "Google Ads", "Prepayment", 25000)
    spend(tl.today - 1, "office", "Staples", "Label printer ribbon", 6420, recorded=False)
    spend(
        tl.today - 2,
        "contractors",
        "Lena Photo Studio",
        "New arrivals shoot",
        48000,
        recorded=False,
    )
    demo.plant(
        "finance",
        f"2 expenses not yet recorded in the books: Staples $64.20 on {tl.day(tl.today - 1)}, "
        f"Lena Photo Studio $480.00 on {tl.day(tl.today - 2)}",
    )
    return made


def _budgets(demo: Demo, expenses: list[tuple[int, str, int]]) -> None:
    """Monthly budgets above spending, except this month's advertising (planted)."""
    tl = demo.tl
    rows = demo.out.rows("budgets", col.BUDGETS)
    months = _months(demo)
    current = months[-1]
    totals: dict[tuple[int, str], int] = {}
    for day, category, cents in expenses:
        key = (tl.month_start(day), category)
        totals[key] = totals.get(key, 0) + cents
    categories = sorted({category for _, category, _ in expenses})
    for month in months:
        for category in categories:
            spent = totals.get((month, category), 0)
            if month == current and category == "advertising":
                budget = spent * 85 // 100 // 1000 * 1000 or spent * 85 // 100
                over = (spent, budget)
            elif month == current:
                before = totals.get((months[-2], category), 0) if len(months) > 1 else 0
                budget = _round_up(max(before * 115 // 100, spent * 12 // 10, 10000))
            else:
                budget = _round_up(max(spent * 115 // 100, 10000))
            rows.append((demo.next_id("budgets"), tl.day(month), category, budget / 100))
    demo.plant(
        "finance",
        f"advertising has spent ${over[0] / 100:,.2f} this month, "
        f"over its ${over[1] / 100:,.2f} budget",
    )


def _round_up(cents: int) -> int:
    """Up to the next $50."""
    return -(-cents // 5000) * 5000


def _invoices(demo: Demo, received_pos: list[tuple[int, int, int, str, int]]) -> None:
    tl, rng = demo.tl, demo.rng
    cat = demo.catalog
    assert cat is not None
    rows = demo.out.rows("vendor_invoices", col.VENDOR_INVOICES)

    def invoice(
        supplier: int | None,
        vendor: str,
        issued: int,
        due: int,
        cents: int,
        paid: bool | None = None,
    ) -> str:
        vid = demo.next_id("vendor_invoices")
        number = f"INV-{vid:05d}"
        paid_day = due - rng.randint(8, 12)
        settled = paid_day <= tl.today if paid is None else paid
        rows.append(
            (
                vid,
                None if supplier is None else supplier + 1,
                vendor,
                number,
                tl.day(issued),
                tl.day(due),
                cents / 100,
                tl.day(paid_day) if settled else None,
                cents / 100 if settled else None,
                "paid" if settled else "open",
            )
        )
        return number

    for _, supplier, received, _, cents in sorted(received_pos, key=lambda po: (po[2], po[0])):
        issued = received // DAY
        invoice(supplier, cat.supplier_names[supplier], issued, issued + 30, cents)
    for month in _months(demo):
        if month >= tl.start_day:
            for vendor, cents in SERVICE_INVOICES:
                invoice(None, vendor, month, month + 15, cents)
    late = []
    for due_in, supplier in ((-6, 0), (-12, 1), (2, 2), (5, 3)):
        supplier %= len(cat.supplier_names)
        due = tl.today + due_in
        number = invoice(
            supplier,
            cat.supplier_names[supplier],
            due - 30,
            due,
            rng.randint(800, 4000) * 100,
            paid=False,
        )
        late.append(f"{number} (due {tl.day(due)})")
    demo.plant("finance", f"2 vendor invoices overdue: {late[0]}, {late[1]}")
    demo.plant("finance", f"2 vendor invoices due within 7 days: {late[2]}, {late[3]}")


def _payouts(demo: Demo) -> None:
    tl = demo.tl
    rows = demo.out.rows("payouts", col.PAYOUTS)
    gross = [0] * len(PROCESSORS)
    fees = [0] * len(PROCESSORS)
    for (processor, arrival), (gross_c, fee_c, refund_c) in sorted(
        demo.payouts.items(), key=lambda kv: (kv[0][1], kv[0][0])
    ):
        pid = (arrival - tl.start_day) * len(PROCESSORS) + processor + 1
        status = (
            "paid"
            if arrival <= tl.today
            else "in_transit"
            if arrival == tl.today + 1
            else "pending"
        )
        rows.append(
            (
                pid,
                PROCESSORS[processor],
                tl.day(arrival),
                (gross_c - fee_c - refund_c) / 100,
                fee_c / 100,
                status,
            )
        )
        gross[processor] += gross_c
        fees[processor] += fee_c
    rate = [fees[i] / gross[i] if gross[i] else 0.0 for i in range(len(PROCESSORS))]
    demo.plant(
        "finance",
        f"paypal charges {FEE_BP[1] / 100:.2f}% + ${FEE_FIXED_C[1] / 100:.2f} a sale "
        f"({rate[1]:.2%} of sales) "
        f"against {FEE_BP[0] / 100:.2f}% + ${FEE_FIXED_C[0] / 100:.2f} at stripe ({rate[0]:.2%})",
    )


def _backups(demo: Demo) -> None:
    tl = demo.tl
    rows = demo.out.rows("backups", col.BACKUPS)
    last = (tl.now_s - 3 * DAY - 3 * HOUR) // DAY  # the last 03:00 at least 3 days ago
    for day in range(tl.start_day, last + 1):
        size = 1_200_000_000 + (day - tl.start_day) * 4_000_000
        rows.append(
            (
                demo.next_id("backups"),
                "site",
                tl.ts(day * DAY + 3 * HOUR),
                f"s3://demo-store-backups/site-{tl.day(day)}.tar.gz",
                size,
                1,
            )
        )
    demo.plant(
        "website", f"the latest backup was taken 3 days ago ({tl.day(last)} 03:00 UTC); none since"
    )

"""Sections about selling: revenue and orders, statuses, products, traffic and marketing."""

from __future__ import annotations

from decimal import Decimal

from storeops.metrics import periods
from storeops.metrics.plain import demand, marketing, sales, traffic
from storeops.reports.model import Chart, Figure, Section, Table, Value
from storeops.reports.scope import Scope

# A product "falls" when it sold at least this many units in the previous period and lost at
# least FALL_PCT of them: smaller numbers are noise.
FALL_MIN_UNITS = 10
FALL_PCT = 50
TOP = 10


def sales_section(scope: Scope) -> Section:
    """Revenue, orders, average order, refunds and net revenue, against the comparisons."""
    s = scope.reader

    def figures(period: periods.Period | None) -> tuple[int, Decimal, Decimal] | None:
        if period is None:
            return None
        orders, revenue = sales.order_totals(s, period.start, period.end)
        return orders, revenue, sales.refunds_total(s, period.start, period.end)

    now, before, year = figures(scope.period), figures(scope.previous), figures(scope.last_year)
    assert now is not None and before is not None

    def aov(numbers: tuple[int, Decimal, Decimal] | None) -> Decimal | None:
        return traffic.average_order_value(numbers[0], numbers[1]) if numbers else None

    def pick(numbers: tuple[int, Decimal, Decimal] | None, index: int) -> Decimal | int | None:
        return numbers[index] if numbers else None

    def net(numbers: tuple[int, Decimal, Decimal] | None) -> Decimal | None:
        return numbers[1] - numbers[2] if numbers else None

    section = Section(
        "sales",
        "Sales",
        [
            Figure("Revenue", now[1], "money", before[1], pick(year, 1)),
            Figure("Orders", now[0], "count", before[0], pick(year, 0)),
            Figure("Average order", aov(now), "money", aov(before), aov(year)),
            Figure("Refunds", now[2], "money", before[2], pick(year, 2)),
            Figure("Net revenue", net(now), "money", net(before), net(year)),
        ],
    )
    if scope.days.first != scope.days.last:
        each_day = scope.each_day()
        bounds = [periods.day(day, scope.zone).start for day in each_day]
        bounds.append(periods.day(each_day[-1], scope.zone).end)
        totals = sales.order_totals_between(s, bounds)
        labels = [f"{day:%-d %b}" for day in each_day]
        day_orders: list[float] = [count for count, _ in totals]
        day_revenue: list[float] = [float(revenue) for _, revenue in totals]
        section.charts.append(
            Chart("revenue_per_day", "bars", "Revenue per day", labels, day_revenue, "money")
        )
        section.charts.append(Chart("orders_per_day", "bars", "Orders per day", labels, day_orders))
    if scope.last_year is None:
        section.notes.append("No data a year earlier: the store's history starts later.")
    return section


def orders_section(scope: Scope) -> Section:
    """Every order placed in the period by status."""
    counts = sales.orders_by_status(scope.reader, scope.period.start, scope.period.end)
    rows: list[tuple[Value, ...]] = [(status, n) for status, n in counts.items()]
    table = Table(
        "orders_by_status", "All orders placed", ("status", "orders"), ("text", "count"), rows
    )
    return Section("orders", "Orders by status", tables=[table])


def _units_sold(scope: Scope) -> tuple[dict[int, int], dict[int, int]]:
    """Units per product in the period (1 or more) and the one before (FALL_MIN_UNITS or more)."""
    period, previous = scope.period, scope.previous
    if previous.end != period.start:  # not adjacent: one pass each
        s = scope.reader
        return (
            demand.units_sold_by_product(s, period.start, period.end),
            demand.units_sold_by_product(s, previous.start, previous.end, min_units=FALL_MIN_UNITS),
        )
    # Adjacent periods: one pass over the sales rollup for both.
    both = demand.units_sold_by_product_between(
        scope.reader, [previous.start, period.start, period.end]
    )
    sold = {pid: now for pid, (_, now) in both.items() if now >= 1}
    before = {pid: then for pid, (then, _) in both.items() if then >= FALL_MIN_UNITS}
    return sold, before


def products_section(scope: Scope) -> Section:
    """Best sellers by units, and the products whose sales fell against the previous period."""
    sold, before = _units_sold(scope)
    best = sorted(sold.items(), key=lambda pair: (-pair[1], pair[0]))[:TOP]
    falling = sorted(
        (
            (pid, units, sold.get(pid, 0))
            for pid, units in before.items()
            if sold.get(pid, 0) <= units * (100 - FALL_PCT) / 100
        ),
        key=lambda row: (row[2] - row[1], row[0]),
    )[:TOP]
    titles = demand.product_titles(
        scope.reader, [pid for pid, _ in best] + [pid for pid, _, _ in falling]
    )
    return Section(
        "products",
        "Products",
        tables=[
            Table(
                "best_sellers",
                "Best sellers",
                ("product", "units", "previous"),
                ("text", "count", "count"),
                [(titles.get(pid, f"#{pid}"), units, before.get(pid)) for pid, units in best],
            ),
            Table(
                "falling_products",
                f"Falling (down {FALL_PCT}% or more)",
                ("product", "units", "previous", "change_pct"),
                ("text", "count", "count", "pct"),
                [
                    (titles.get(pid, f"#{pid}"), now, then, round(100 * (now - then) / then, 1))
                    for pid, then, now in falling
                ],
            ),
        ],
    )


def traffic_section(scope: Scope) -> Section:
    """The conversion funnel over the period, from the traffic data when there is any."""
    funnel, days_with_data = traffic.funnel_between(scope.reader, scope.days.first, scope.days.last)
    section = Section("traffic", "Traffic and conversion")
    if not days_with_data:
        section.notes.append("No traffic data for these days.")
        return section
    steps = [
        ("Sessions", funnel.sessions),
        ("Product views", funnel.product_views),
        ("Added to cart", funnel.add_to_carts),
        ("Checkouts", funnel.checkouts),
        ("Orders", funnel.orders),
    ]
    conversion = traffic.rate(funnel.orders, funnel.sessions)
    section.figures.extend(
        [
            Figure("Sessions", funnel.sessions),
            Figure("Conversion rate", None if conversion is None else round(conversion, 2), "pct"),
        ]
    )
    section.charts.append(
        Chart(
            "funnel",
            "funnel",
            "Conversion funnel",
            [n for n, _ in steps],
            [float(v) for _, v in steps],
        )
    )
    return section


def marketing_section(scope: Scope) -> Section:
    """Ad spend and ROAS per channel, CAC and LTV."""
    s = scope.reader
    channels = marketing.channel_results(s, scope.days.first, scope.days.last)
    spend = sum((r.spend for r in channels.values()), Decimal(0))
    new = marketing.new_customers(s, scope.period.start, scope.period.end)
    value = marketing.customer_value(s)
    cac = marketing.acquisition_cost(spend, new)
    section = Section(
        "marketing",
        "Marketing",
        [
            Figure("Ad spend", spend, "money"),
            Figure("New customers", new),
            Figure("CAC", cac, "money"),
            Figure("LTV", value.lifetime_value, "money"),
        ],
    )
    rows: list[tuple[Value, ...]] = []
    for channel, result in channels.items():
        ratio = marketing.roas(result.revenue, result.spend)
        rows.append(
            (
                channel,
                result.spend,
                result.revenue,
                None if ratio is None else round(ratio, 2),
                result.new_customers,
                marketing.acquisition_cost(result.spend, result.new_customers),
            )
        )
    section.tables.append(
        Table(
            "by_channel",
            "ROAS and CAC by channel",
            ("channel", "spend", "revenue", "roas", "new_customers", "cac"),
            ("text", "money", "money", "ratio", "count", "money"),
            rows,
        )
    )
    if not channels:
        section.notes.append("No campaign data for these days.")
    return section

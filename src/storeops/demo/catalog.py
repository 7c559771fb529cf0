"""The demo catalog: suppliers, products and their variants, and how well each one sells.

Products are titled from the word lists (an outdoor and home goods shop), each with the option
set its type calls for (sizes, colours, capacities...). Variants carry prices in cents here;
their rows are written last, by the inventory stage, once sales have decided their stock.

A tenth of the active variants are slow movers: stocked, listed, and never sold. A few products
are drafts or archived, and never sell either. The rest sell in proportion to a long-tailed
popularity, which the sales pass samples from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storeops.demo import columns as col
from storeops.demo import names
from storeops.demo.context import Demo
from storeops.demo.timeline import DAY, HOUR

SLOW_MOVER_SHARE = 0.10
DRAFT_SHARE = 0.03
ARCHIVED_SHARE = 0.05
STORE_URL = "https://demo-store.example"


@dataclass
class Catalog:
    """Products and variants by index (a variant's id is its index + 1, a product's too)."""

    supplier_lead: list[int] = field(default_factory=list)  # by supplier index
    supplier_pack: list[int] = field(default_factory=list)
    supplier_names: list[str] = field(default_factory=list)
    p_title: list[str] = field(default_factory=list)
    p_status: list[str] = field(default_factory=list)
    p_supplier: list[int] = field(default_factory=list)  # supplier index
    p_variants: list[list[int]] = field(default_factory=list)
    v_product: list[int] = field(default_factory=list)
    v_sku: list[str] = field(default_factory=list)
    v_title: list[str] = field(default_factory=list)  # the variant's own title ("M / Forest")
    v_line_title: list[str] = field(default_factory=list)  # what an order line shows
    v_price_c: list[int] = field(default_factory=list)
    v_cost_c: list[int] = field(default_factory=list)
    v_compare_c: list[int | None] = field(default_factory=list)
    v_weight: list[int] = field(default_factory=list)
    v_policy: list[str] = field(default_factory=list)
    sellable: list[int] = field(default_factory=list)  # variants that sell, by popularity
    popularity: list[float] = field(default_factory=list)  # aligned with `sellable`
    slow: list[int] = field(default_factory=list)

    @property
    def variant_count(self) -> int:
        """How many variants the catalog has."""
        return len(self.v_sku)


def build_catalog(demo: Demo) -> Catalog:
    """Write suppliers and products; return the catalog the later stages sell from."""
    catalog = Catalog()
    _suppliers(demo, catalog)
    _products(demo, catalog)
    _popularity(demo, catalog)
    _thin_margins(demo, catalog)
    demo.sold = [0] * catalog.variant_count
    demo.restocked = [0] * catalog.variant_count
    demo.catalog = catalog
    return catalog


def _suppliers(demo: Demo, catalog: Catalog) -> None:
    rng = demo.rng
    rows = demo.out.rows("suppliers", col.SUPPLIERS)
    seen: set[str] = set()
    while len(catalog.supplier_names) < demo.spec.suppliers:
        name = f"{rng.choice(names.PREFIXES)} {rng.choice(names.SUPPLIER_KINDS)}"
        if name in seen:
            continue
        seen.add(name)
        lead = rng.choice((5, 7, 10, 14, 21, 28))
        pack = rng.choice((1, 1, 2, 4, 6, 12))
        moq = pack * rng.choice((1, 2, 5, 10))
        slug = name.lower().replace(" ", "").replace(".", "")
        rows.append(
            (demo.next_id("suppliers"), name, f"orders@{slug}.example", lead, moq, pack, "USD")
        )
        catalog.supplier_names.append(name)
        catalog.supplier_lead.append(lead)
        catalog.supplier_pack.append(pack)


def _option_values(demo: Demo, scheme: str) -> list[tuple[str, str, int]]:
    """The options one product offers: a subset of its type's set, in the set's order."""
    rng = demo.rng
    if scheme == "colour":
        picks = rng.sample(names.COLOURS, rng.choice((1, 2, 3, 3)))
        return [(colour, code, 0) for colour, code in sorted(picks)]
    options = names.OPTION_SETS[scheme]
    if scheme == "apparel":
        start = rng.choice((0, 1, 1))
        return list(options[start : start + rng.choice((3, 4))])
    if len(options) > 1 and rng.random() < 0.12:
        return [options[0]]  # sold in one size only
    return list(options)


def _products(demo: Demo, catalog: Catalog) -> None:
    rng, tl = demo.rng, demo.tl
    product_rows = demo.out.rows("products", col.PRODUCTS)
    titles: set[str] = set()
    target = demo.spec.variants
    types = names.PRODUCT_TYPES
    while len(catalog.v_sku) < target:
        kind = types[rng.randrange(len(types))]
        noun, code, product_type, scheme, low, high, weight, family = kind
        title = _unique_title(demo, titles, noun, family)
        pid = demo.next_id("products")
        roll = rng.random()
        status = (
            "draft"
            if roll < DRAFT_SHARE
            else "archived"
            if roll < DRAFT_SHARE + ARCHIVED_SHARE
            else "active"
        )
        supplier = rng.randrange(len(catalog.supplier_names))
        base_c = (rng.randint(low, high) * 100) - rng.choice((1, 5, 1))  # $xx.99 / $xx.95
        cost_share = rng.uniform(0.38, 0.55)
        compare = rng.random() < 0.12
        created = (tl.start_day - rng.randint(100, 1000)) * DAY + rng.randrange(9 * HOUR, 18 * HOUR)
        if status == "draft":
            created = (tl.today - rng.randint(3, 40)) * DAY + rng.randrange(9 * HOUR, 18 * HOUR)
        handle = (
            title.lower().replace("&", "and").replace("'", "").replace('"', "").replace(" ", "-")
        )
        product_rows.append(
            (
                pid,
                "demo",
                None,
                handle,
                title,
                f"The {title}: made for {'the trail' if family == 'outdoor' else 'a slower home'}.",
                catalog.supplier_names[supplier],
                product_type,
                status,
                f"{STORE_URL}/products/{handle}",
                f"{STORE_URL}/cdn/{handle}.jpg",
                f"{family}, {product_type.lower()}",
                tl.ts(created),
                tl.ts(created + rng.randrange(DAY, 90 * DAY)),
            )
        )
        catalog.p_title.append(title)
        catalog.p_status.append(status)
        catalog.p_supplier.append(supplier)
        indices: list[int] = []
        for value, option_code, uplift in _option_values(demo, scheme)[
            : target - len(catalog.v_sku)
        ]:
            index = len(catalog.v_sku)
            indices.append(index)
            price_c = base_c + (base_c * uplift // 100 // 100) * 100
            catalog.v_product.append(pid - 1)
            catalog.v_sku.append(f"{code}-{pid:05d}-{option_code}")
            catalog.v_title.append(value)
            catalog.v_line_title.append(title if value == "Default" else f"{title} - {value}")
            catalog.v_price_c.append(price_c)
            catalog.v_cost_c.append(int(price_c * cost_share))
            catalog.v_compare_c.append((price_c * 13 // 1000) * 100 + 99 if compare else None)
            catalog.v_weight.append(weight + weight * uplift // 100)
            catalog.v_policy.append("continue" if rng.random() < 0.04 else "deny")
        catalog.p_variants.append(indices)


def _unique_title(demo: Demo, titles: set[str], noun: str, family: str) -> str:
    """A product title no other product has: prefix, maybe a descriptor, the noun."""
    rng = demo.rng
    for attempt in range(50):
        words = [rng.choice(names.PREFIXES)]
        if rng.random() < 0.5:
            words.append(rng.choice(names.DESCRIPTORS[family]))
        words.append(noun)
        if attempt >= 10:
            words.append(rng.choice(names.SERIES))
        if attempt >= 30:
            words.append(str(attempt))
        title = " ".join(words)
        if title not in titles:
            titles.add(title)
            return title
    raise RuntimeError("ran out of product titles")


def _popularity(demo: Demo, catalog: Catalog) -> None:
    """Pick the slow movers and give every other active variant a long-tailed popularity."""
    rng = demo.rng
    active = [
        v
        for v in range(catalog.variant_count)
        if catalog.p_status[catalog.v_product[v]] == "active"
    ]
    slow_count = round(len(active) * SLOW_MOVER_SHARE)
    catalog.slow = sorted(rng.sample(active, slow_count))
    slow = set(catalog.slow)
    product_rank = list(range(len(catalog.p_title)))
    rng.shuffle(product_rank)
    selling = [v for v in active if v not in slow]
    rng.shuffle(selling)
    # Zipf-like over products (rank 1 sells most), spread unevenly across each one's variants.
    # A product's popularity is shared among its variants (one colour outsells another).
    scored = [
        (
            v,
            rng.uniform(0.5, 1.5)
            / (1 + product_rank[catalog.v_product[v]]) ** 0.8
            / len(catalog.p_variants[catalog.v_product[v]]),
        )
        for v in selling
    ]
    scored.sort(key=lambda item: (-item[1], item[0]))
    catalog.sellable = [v for v, _ in scored]
    catalog.popularity = [score for _, score in scored]


def _thin_margins(demo: Demo, catalog: Catalog) -> None:
    """Three popular variants priced too close to (and one below) their cost."""
    picks = catalog.sellable[5:8]
    for v, ratio in zip(picks, (1.08, 1.10, 0.92), strict=True):
        catalog.v_price_c[v] = int(catalog.v_cost_c[v] * ratio)
        catalog.v_compare_c[v] = None
    skus = ", ".join(catalog.v_sku[v] for v in picks)
    demo.plant(
        "finance",
        f"3 variants priced below cost x 1.15 (thin margin), one of them below cost: {skus}",
    )

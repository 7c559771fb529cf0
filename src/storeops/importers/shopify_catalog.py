"""Shopify's product CSV (both dialects) and its inventory export.

Products: the classic `Handle,Title,...,Variant SKU` file and the newer
`Title,URL handle,...,SKU` one are read through the same aliases. A product's own fields are on
its first row; further rows with option values are variants; rows with only an image are
skipped. Products are keyed on their handle, variants on their SKU (a variant without one gets
`handle/option values`, since the store needs a SKU to count stock against).

Inventory: one row per variant and location; `not stocked` at a location counts nothing, and
the variant's on-hand is the sum over its locations. `On hand (new)`, when filled in, wins
over `On hand (current)`: it is what the owner meant the stock to be.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from storeops.clock import now
from storeops.importers import values
from storeops.importers.csvfile import CsvRow
from storeops.importers.pipeline import Record, Rejection
from storeops.importers.problems import CellError, RowProblem
from storeops.importers.stock import set_on_hand
from storeops.importers.summary import ImportSummary
from storeops.importers.upsert import existing_rows, table, upsert

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

SOURCE = "shopify"
STATUSES = {"active": "active", "draft": "draft", "archived": "archived"}
POLICIES = {"deny": "deny", "continue": "continue", "true": "continue", "false": "deny"}


def first_of(row: CsvRow, *columns: str) -> tuple[str, str]:
    """The first of several alias columns the file has: (its value, its name)."""
    for column in columns:
        if column in row.positions:
            return row.get(column), row.spelled(column)
    return "", columns[0]


def fallback_sku(handle: str, options: list[str]) -> str:
    """The SKU storeops gives a variant without one: `handle` or `handle/Blue/M`."""
    named = [option for option in options if option and option != "Default Title"]
    return "/".join([handle, *named])


def grams(column: str, value: str) -> int | None:
    """A weight in grams, rounded to whole grams (exports write 226.796185)."""
    amount = values.optional_money(column, value)
    return None if amount is None else int(amount.to_integral_value())


def _product_values(row: CsvRow, handle: str) -> dict[str, Any]:
    status, status_column = first_of(row, "status")
    published, published_column = first_of(row, "published", "published on online store")
    return {
        "source": SOURCE,
        "external_id": handle,
        "handle": handle,
        "title": values.text(row.get("title")) or handle,
        "description": first_of(row, "body (html)", "description")[0].strip(),
        "vendor": values.optional_text(row.get("vendor")),
        "product_type": values.optional_text(row.get("type")),
        "tags": values.text(row.get("tags")),
        "status": values.choice(status_column, status, STATUSES, "active"),
        "image_url": values.optional_text(first_of(row, "image src", "product image url")[0]),
        # Unpublished products are not on the storefront, whatever their status.
        "_published": values.flag(published_column, published) if published.strip() else True,
    }


def _variant_values(row: CsvRow, handle: str) -> dict[str, Any] | None:
    options = [values.text(row.get(f"option{n} value")) for n in (1, 2, 3)]
    sku_text, sku_column = first_of(row, "variant sku", "sku")
    sku = values.code(sku_column, sku_text)
    price, price_column = first_of(row, "variant price", "price")
    if not sku and not any(options) and not price.strip():
        return None  # an image-only row
    titled = [option for option in options if option]
    title = " / ".join(titled) if titled and titled != ["Default Title"] else "Default"
    barcode, barcode_column = first_of(row, "variant barcode", "barcode")
    compare, compare_column = first_of(row, "variant compare at price", "compare-at price")
    weight, weight_column = first_of(row, "variant grams", "weight value (grams)")
    policy, policy_column = first_of(
        row, "variant inventory policy", "continue selling when out of stock"
    )
    quantity, quantity_column = first_of(row, "variant inventory qty", "inventory quantity")
    return {
        "sku": sku or fallback_sku(handle, options),
        "title": title,
        "barcode": values.code(barcode_column, barcode),
        "price": values.money(price_column, price),
        "compare_at_price": values.optional_money(compare_column, compare),
        "cost": values.optional_money("Cost per item", row.get("cost per item")),
        "weight_grams": grams(weight_column, weight),
        "inventory_policy": values.choice(policy_column, policy, POLICIES, "deny"),
        "_on_hand": values.count(quantity_column, quantity, default=None)
        if quantity.strip()
        else None,
    }


class ShopifyProducts:
    """Imports Shopify's product CSV: products and their variants."""

    source = SOURCE
    kind = "products"
    required: tuple[str, ...] = ("title",)
    record_kinds: tuple[str, ...] = ("products", "variants")

    def records(self, rows: Iterator[CsvRow]) -> Iterator[Record | Rejection]:
        """Group consecutive rows by handle into a product with its variants."""
        group: list[CsvRow] = []
        group_handle = ""
        for row in rows:
            if "handle" not in row.positions and "url handle" not in row.positions:
                problem = RowProblem(1, None, 'no "Handle" or "URL handle" column')
                yield Rejection([row], [problem])
                return
            handle = values.text(first_of(row, "handle", "url handle")[0])
            if group and handle != group_handle:
                yield self._product(group, group_handle)
                group = []
            group_handle = handle
            group.append(row)
        if group:
            yield self._product(group, group_handle)

    def _product(self, group: list[CsvRow], handle: str) -> Record | Rejection:
        row = group[0]
        if not handle:
            return Rejection(group, [RowProblem(row.line, "Handle", "the product has no handle")])
        try:
            product = _product_values(row, handle)
            variants = []
            for row in group:
                variant = _variant_values(row, handle)
                if variant is not None:
                    variants.append(variant)
        except CellError as problem:
            return Rejection(group, [RowProblem(row.line, problem.column, problem.message)])
        return Record(group[0].line, product, variants)

    def write(
        self, connection: Connection, batch: list[Record], summary: ImportSummary
    ) -> list[Rejection]:
        """Upsert the products, then their variants, then set stock where the file gives it."""
        products = []
        published: dict[int, bool] = {}
        for record in batch:
            values_ = dict(record.values)
            published[id(record)] = values_.pop("_published")
            products.append(values_)
        stamp = {"created_at": now()}
        product_ids = upsert(
            connection, table("products"), "handle", products, summary, "products", {}, stamp
        )
        variants: dict[str, dict[str, Any]] = {}
        on_hand: dict[str, int] = {}
        for record in batch:
            product_id = product_ids[record.values["handle"]]
            for variant in record.children:
                row = dict(variant)
                quantity = row.pop("_on_hand")
                row.update(
                    product_id=product_id,
                    source=SOURCE,
                    external_id=row["sku"],
                    available=published[id(record)],
                )
                variants[row["sku"]] = row
                if quantity is not None:
                    on_hand[row["sku"]] = quantity
        variant_ids = upsert(
            connection, table("variants"), "sku", list(variants.values()), summary, "variants"
        )
        counts = {variant_ids[sku]: quantity for sku, quantity in on_hand.items()}
        set_on_hand(connection, counts, at=now(), reference=f"{SOURCE} products import")
        return []

    def finish(self, connection: Connection, summary: ImportSummary) -> None:
        """Nothing to do after the last batch."""


class ShopifyInventory:
    """Imports Shopify's inventory export: on-hand per SKU, summed over locations."""

    source = SOURCE
    kind = "inventory"
    required: tuple[str, ...] = ("sku",)
    record_kinds: tuple[str, ...] = ("variants",)

    def records(self, rows: Iterator[CsvRow]) -> Iterator[Record | Rejection]:
        """One record per SKU, after the whole file: a SKU's locations may be far apart."""
        totals: dict[str, Record] = {}
        for row in rows:
            try:
                options = [values.text(row.get(f"option{n} value")) for n in (1, 2, 3)]
                handle = values.text(row.get("handle"))
                sku = values.code(row.spelled("sku"), row.get("sku")) or (
                    fallback_sku(handle, options) if handle else None
                )
                on_hand = self._on_hand(row)
            except CellError as problem:
                yield Rejection([row], [RowProblem(row.line, problem.column, problem.message)])
                continue
            if not sku:
                message = "neither a SKU nor a Handle: which variant is this?"
                yield Rejection([row], [RowProblem(row.line, row.spelled("sku"), message)])
                continue
            record = totals.setdefault(sku, Record(row.line, {"sku": sku, "on_hand": 0}))
            record.values["on_hand"] += on_hand
            record.extra.setdefault("rows", []).append(row)
        yield from totals.values()

    @staticmethod
    def _on_hand(row: CsvRow) -> int:
        for column in ("on hand (new)", "on hand (current)", "available (not editable)"):
            cell = values.text(row.get(column))
            if cell.lower() == "not stocked":
                return 0  # the variant is not carried at this location
            if cell:
                return values.count(row.spelled(column), cell)
        return 0

    def write(
        self, connection: Connection, batch: list[Record], summary: ImportSummary
    ) -> list[Rejection]:
        """Set on-hand for the batch's SKUs; a SKU the store does not know is an error."""
        variants = table("variants")
        skus = [record.values["sku"] for record in batch]
        known = existing_rows(connection, variants, "sku", skus, ["id"], {})
        rejected = [
            Rejection(
                record.extra["rows"],
                [
                    RowProblem(
                        record.line,
                        "SKU",
                        f'SKU "{record.values["sku"]}" is not in the store; '
                        "import the products first",
                    )
                ],
            )
            for record in batch
            if record.values["sku"] not in known
        ]
        batch = [record for record in batch if record.values["sku"] in known]
        counts = {known[record.values["sku"]]["id"]: record.values["on_hand"] for record in batch}
        changed = set_on_hand(connection, counts, at=now(), reference=f"{SOURCE} inventory import")
        summary.updated["variants"] += changed
        summary.unchanged["variants"] += len(batch) - changed
        return rejected

    def finish(self, connection: Connection, summary: ImportSummary) -> None:
        """Nothing to do after the last batch."""

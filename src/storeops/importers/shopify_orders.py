"""Shopify's orders export: one row per line item, the order's own fields on its first row.

Shopify has written this file with 47, 75 and (today) 79 columns; columns are read by name, so
every form imports. Rows are grouped into orders by `Name` (#1001); the export keeps an
order's rows together, so an order whose rows are split is reported rather than merged by
guesswork. Orders are keyed on Shopify's order `Id` when the export has it, else on `Name`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from storeops.importers import values
from storeops.importers.csvfile import CsvRow
from storeops.importers.hooks import after_orders_written
from storeops.importers.pipeline import Record, Rejection
from storeops.importers.problems import CellError, RowProblem
from storeops.importers.summary import ImportSummary
from storeops.importers.upsert import (
    existing_rows,
    insert_returning_ids,
    insert_rows,
    table,
    upsert,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

SOURCE = "shopify"

# Shopify's words -> the store model's (models/orders.py); "expired" authorisations are void.
FINANCIAL = {
    "pending": "pending",
    "authorized": "authorized",
    "paid": "paid",
    "partially_paid": "partially_paid",
    "partially_refunded": "partially_refunded",
    "refunded": "refunded",
    "voided": "voided",
    "expired": "voided",
}
FULFILLMENT = {
    "unfulfilled": "unfulfilled",
    "partial": "partial",
    "partially_fulfilled": "partial",
    "fulfilled": "fulfilled",
    "restocked": "restocked",
    "on_hold": "on_hold",
    "scheduled": "on_hold",
}
RISK = {"low": "low", "medium": "medium", "high": "high"}
LINE_COLUMNS = ("sku", "title", "quantity", "price", "discount", "fulfilled_quantity")


def _order_values(row: CsvRow) -> dict[str, Any]:
    # raw[at[...]] rather than row.get(...): this runs for every order of a 100,000-order
    # file, and the method calls alone were a tenth of the import's time.
    raw, at = row.raw, row.positions
    name = raw[at["name"]].strip()
    created_at = values.timestamp("Created at", raw[at["created at"]])
    if created_at is None:
        raise CellError("Created at", "the order's first row has no creation time")
    return {
        "source": SOURCE,
        "external_id": raw[at["id"]].strip() or name,
        "number": name,
        "email": raw[at["email"]].strip().lower() or None,
        "created_at": created_at,
        "cancelled_at": values.timestamp("Cancelled at", raw[at["cancelled at"]]),
        "financial_status": values.choice(
            "Financial Status", raw[at["financial status"]], FINANCIAL, "pending"
        ),
        "fulfillment_status": values.choice(
            "Fulfillment Status", raw[at["fulfillment status"]], FULFILLMENT, "unfulfilled"
        ),
        "risk": values.choice("Risk Level", raw[at["risk level"]], RISK, "low"),
        "tags": raw[at["tags"]].strip(),
        "note": raw[at["notes"]].strip(),
        "currency": raw[at["currency"]].strip() or "USD",
        "subtotal": values.money("Subtotal", raw[at["subtotal"]]),
        "shipping": values.money("Shipping", raw[at["shipping"]]),
        "tax": values.money("Taxes", raw[at["taxes"]]),
        "discount": values.money("Discount Amount", raw[at["discount amount"]]),
        "total": values.money("Total", raw[at["total"]]),
        "discount_code": raw[at["discount code"]].strip() or None,
        "channel": raw[at["source"]].strip() or "web",
        "shipping_method": raw[at["shipping method"]].strip() or None,
        "ship_name": raw[at["shipping name"]].strip() or None,
        "ship_address1": raw[at["shipping address1"]].strip() or None,
        "ship_city": raw[at["shipping city"]].strip() or None,
        "ship_province": raw[at["shipping province"]].strip() or None,
        # Shopify writes an apostrophe before zips (and phones) to keep their leading zeros.
        "ship_zip": values.optional_text(raw[at["shipping zip"]]),
        "ship_country": raw[at["shipping country"]].strip() or None,
    }


def _line_values(row: CsvRow) -> dict[str, Any]:
    raw, at = row.raw, row.positions
    quantity = values.count("Lineitem quantity", raw[at["lineitem quantity"]], default=None)
    fulfilled = raw[at["lineitem fulfillment status"]].strip().lower() == "fulfilled"
    return {
        "sku": values.code("Lineitem sku", raw[at["lineitem sku"]]),
        "title": raw[at["lineitem name"]].strip(),
        "quantity": quantity,
        "price": values.money("Lineitem price", raw[at["lineitem price"]]),
        "discount": values.money("Lineitem discount", raw[at["lineitem discount"]]),
        "fulfilled_quantity": quantity if fulfilled else 0,
    }


def _customer_values(row: CsvRow, order: dict[str, Any]) -> dict[str, Any]:
    first, _, last = values.text(row.get("billing name")).partition(" ")
    return {
        "email": order["email"],
        "first_name": first,
        "last_name": last,
        "phone": values.optional_text(row.get("phone"))
        or values.optional_text(row.get("billing phone")),
        "accepts_marketing": values.flag("Accepts Marketing", row.get("accepts marketing")),
        "created_at": order["created_at"],
    }


class ShopifyOrders:
    """Imports Shopify's orders export: orders, their lines and the customers behind them."""

    kind = "orders"
    required: tuple[str, ...] = ("name", "created at", "lineitem quantity", "lineitem name")
    record_kinds: tuple[str, ...] = ("customers", "orders", "order_lines")

    def __init__(self, source: str = SOURCE) -> None:
        # API sync writes WooCommerce and Shopify API orders through the same upserts.
        self.source = source

    def records(self, rows: Iterator[CsvRow]) -> Iterator[Record | Rejection]:
        """Group consecutive rows by `Name` and map each group to an order record."""
        seen: set[str] = set()
        group: list[CsvRow] = []
        group_name = ""
        for row in rows:
            name = row.get("name").strip()
            if group and name != group_name:
                yield self._order(group, seen)
                group = []
            group_name = name
            group.append(row)
        if group:
            yield self._order(group, seen)

    def _order(self, group: list[CsvRow], seen: set[str]) -> Record | Rejection:
        first = group[0]
        name = values.text(first.get("name"))
        if not name:
            return Rejection(group, [RowProblem(first.line, "Name", "the order has no Name")])
        if name in seen:
            message = f"order {name} appears again, apart from its other rows; sort by Name"
            return Rejection(group, [RowProblem(first.line, "Name", message)])
        seen.add(name)
        row = first
        try:
            order = _order_values(first)
            customer = _customer_values(first, order) if order["email"] else None
            lines = []
            for row in group:
                lines.append(_line_values(row))
        except CellError as problem:
            return Rejection(group, [RowProblem(row.line, problem.column, problem.message)])
        return Record(first.line, order, lines, {"customer": customer})

    def write(
        self, connection: Connection, batch: list[Record], summary: ImportSummary
    ) -> list[Rejection]:
        """Upsert the batch's customers, orders and lines."""
        customer_ids = self._write_customers(connection, batch, summary)
        orders = []
        for record in batch:
            email = record.values["email"]
            orders.append({**record.values, "customer_id": customer_ids.get(email)})
        order_ids = upsert(
            connection,
            table("orders"),
            "external_id",
            orders,
            summary,
            "orders",
            {"source": self.source},
        )
        self._write_lines(connection, batch, order_ids, summary)
        return []

    def _write_customers(
        self, connection: Connection, batch: list[Record], summary: ImportSummary
    ) -> dict[str, int]:
        # A customer is matched on email; the earliest order in the batch creates them. Known
        # customers are linked, never overwritten: the customers export is their authority.
        customers = table("customers")
        wanted: dict[str, dict[str, Any]] = {}
        for record in batch:
            customer = record.extra["customer"]
            if customer is not None and customer["email"] not in wanted:
                wanted[customer["email"]] = customer
        known = existing_rows(connection, customers, "email", list(wanted), ["id"], {})
        new = [
            {**customer, "source": self.source}
            for email, customer in wanted.items()
            if email not in known
        ]
        if new:
            for email, customer_id in insert_returning_ids(
                connection, customers, "email", new
            ).items():
                known[email] = {"id": customer_id}
            summary.created["customers"] += len(new)
        summary.unchanged["customers"] += len(wanted) - len(new)
        return {email: row["id"] for email, row in known.items()}

    def _write_lines(
        self,
        connection: Connection,
        batch: list[Record],
        order_ids: dict[Any, int],
        summary: ImportSummary,
    ) -> None:
        from sqlalchemy import bindparam, select

        lines_table = table("order_lines")
        skus = {line["sku"] for record in batch for line in record.children if line["sku"]}
        variants = table("variants")
        found = connection.execute(
            select(variants.c.sku, variants.c.id).where(variants.c.sku.in_(skus))
        )
        variant_ids: dict[str, int] = {sku: variant_id for sku, variant_id in found}  # noqa: C416
        stored: dict[int, list[dict[str, Any]]] = {}
        query = (
            select(
                lines_table.c.id,
                lines_table.c.order_id,
                lines_table.c.variant_id,
                *(lines_table.c[column] for column in LINE_COLUMNS),
            )
            .where(lines_table.c.order_id.in_(list(order_ids.values())))
            .order_by(lines_table.c.order_id, lines_table.c.id)
        )
        for row in connection.execute(query).mappings():
            stored.setdefault(row["order_id"], []).append(dict(row))
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        deletes: list[dict[str, Any]] = []
        unchanged = 0
        for record in batch:
            order_id = order_ids[record.values["external_id"]]
            before = stored.get(order_id, [])
            # Lines have no id in the export: they are matched by their position in the order.
            for position, line in enumerate(record.children):
                line = {**line, "order_id": order_id, "variant_id": variant_ids.get(line["sku"])}
                if position >= len(before):
                    inserts.append(line)
                elif any(before[position][key] != value for key, value in line.items()):
                    updates.append({**line, "row_id": before[position]["id"]})
                else:
                    unchanged += 1
            deletes.extend({"row_id": old["id"]} for old in before[len(record.children) :])
        if inserts:
            insert_rows(connection, lines_table, inserts)
        if updates:
            connection.execute(
                lines_table.update().where(lines_table.c.id == bindparam("row_id")), updates
            )
        if deletes:
            connection.execute(
                lines_table.delete().where(lines_table.c.id == bindparam("row_id")), deletes
            )
        summary.created["order_lines"] += len(inserts)
        summary.updated["order_lines"] += len(updates) + len(deletes)
        summary.unchanged["order_lines"] += unchanged

    def finish(self, connection: Connection, summary: ImportSummary) -> None:
        """Let the rest of storeops catch up with the new order lines."""
        after_orders_written(connection)

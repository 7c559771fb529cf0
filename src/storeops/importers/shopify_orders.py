"""Shopify's orders export: one row per line item, the order's own fields on its first row.

Shopify has written this file with 47, 75 and (today) 79 columns; columns are read by name, so
every form imports. Rows are grouped into orders by `Name` (#1001); the export keeps an
order's rows together, so an order whose rows are split is reported rather than merged by
guesswork. Orders are keyed on Shopify's order `Id` when the export has it, else on `Name`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from operator import itemgetter
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
    insert_tuples,
    stored_rows,
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
STORED_LINE_COLUMNS = ("order_id", "variant_id", *LINE_COLUMNS)


# The cells the mapping reads, in the order it reads them; `_Cells` picks them from a row with
# one itemgetter call instead of a lookup per cell (this runs for every row of the file).
ORDER_CELLS = (
    "name",
    "id",
    "email",
    "created at",
    "cancelled at",
    "financial status",
    "fulfillment status",
    "risk level",
    "tags",
    "notes",
    "currency",
    "subtotal",
    "shipping",
    "taxes",
    "discount amount",
    "total",
    "discount code",
    "source",
    "shipping method",
    "shipping name",
    "shipping address1",
    "shipping city",
    "shipping province",
    "shipping zip",
    "shipping country",
)
LINE_CELLS = (
    "lineitem quantity",
    "lineitem fulfillment status",
    "lineitem sku",
    "lineitem name",
    "lineitem price",
    "lineitem discount",
)
CUSTOMER_CELLS = ("billing name", "phone", "billing phone", "accepts marketing")


class _Cells:
    """Where the cells the mapping reads sit in one file's rows."""

    __slots__ = ("customer", "line", "name", "order")

    def __init__(self, positions: dict[str, int]) -> None:
        self.name = positions["name"]
        self.order = itemgetter(*(positions[column] for column in ORDER_CELLS))
        self.line = itemgetter(*(positions[column] for column in LINE_CELLS))
        self.customer = itemgetter(*(positions[column] for column in CUSTOMER_CELLS))


# Status words repeat down the file: each distinct spelling is mapped once. A word that is
# not known raises, and is not remembered, so every row with it is reported.
@lru_cache(maxsize=256)
def _financial(value: str) -> str:
    return values.choice("Financial Status", value, FINANCIAL, "pending")


@lru_cache(maxsize=256)
def _fulfillment(value: str) -> str:
    return values.choice("Fulfillment Status", value, FULFILLMENT, "unfulfilled")


@lru_cache(maxsize=256)
def _risk(value: str) -> str:
    return values.choice("Risk Level", value, RISK, "low")


def _order_values(cells: tuple[str, ...]) -> dict[str, Any]:
    (
        name,
        order_id,
        email,
        created,
        cancelled,
        financial,
        fulfillment,
        risk,
        tags,
        notes,
        currency,
        subtotal,
        shipping,
        taxes,
        discount,
        total,
        discount_code,
        channel,
        shipping_method,
        ship_name,
        ship_address1,
        ship_city,
        ship_province,
        ship_zip,
        ship_country,
    ) = cells
    name = name.strip()
    created_at = values.timestamp("Created at", created)
    if created_at is None:
        raise CellError("Created at", "the order's first row has no creation time")
    money = values.money
    return {
        "source": SOURCE,
        "external_id": order_id.strip() or name,
        "number": name,
        "email": email.strip().lower() or None,
        "created_at": created_at,
        "cancelled_at": values.timestamp("Cancelled at", cancelled),
        "financial_status": _financial(financial),
        "fulfillment_status": _fulfillment(fulfillment),
        "risk": _risk(risk),
        "tags": tags.strip(),
        "note": notes.strip(),
        "currency": currency.strip() or "USD",
        "subtotal": money("Subtotal", subtotal),
        "shipping": money("Shipping", shipping),
        "tax": money("Taxes", taxes),
        "discount": money("Discount Amount", discount),
        "total": money("Total", total),
        "discount_code": discount_code.strip() or None,
        "channel": channel.strip() or "web",
        "shipping_method": shipping_method.strip() or None,
        "ship_name": ship_name.strip() or None,
        "ship_address1": ship_address1.strip() or None,
        "ship_city": ship_city.strip() or None,
        "ship_province": ship_province.strip() or None,
        # Shopify writes an apostrophe before zips (and phones) to keep their leading zeros.
        "ship_zip": values.optional_text(ship_zip),
        "ship_country": ship_country.strip() or None,
    }


def _line_values(cells: tuple[str, ...]) -> dict[str, Any]:
    quantity_cell, status, sku, title, price, discount = cells
    quantity = values.count("Lineitem quantity", quantity_cell, default=None)
    fulfilled = status == "fulfilled" or status.strip().lower() == "fulfilled"
    return {
        "sku": values.code("Lineitem sku", sku),
        "title": title.strip(),
        "quantity": quantity,
        "price": values.money("Lineitem price", price),
        "discount": values.money("Lineitem discount", discount),
        "fulfilled_quantity": quantity if fulfilled else 0,
    }


def _customer_values(cells: tuple[str, ...], order: dict[str, Any]) -> dict[str, Any]:
    billing_name, phone, billing_phone, accepts_marketing = cells
    first, _, last = values.text(billing_name).partition(" ")
    return {
        "email": order["email"],
        "first_name": first,
        "last_name": last,
        "phone": values.optional_text(phone) or values.optional_text(billing_phone),
        "accepts_marketing": values.flag("Accepts Marketing", accepts_marketing),
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
        cells: _Cells | None = None
        for row in rows:
            if cells is None:
                cells = _Cells(row.positions)  # every row of a file shares its positions
            name = row.raw[cells.name].strip()
            if group and name != group_name:
                yield self._order(group, seen, cells)
                group = []
            group_name = name
            group.append(row)
        if group and cells is not None:
            yield self._order(group, seen, cells)

    def _order(self, group: list[CsvRow], seen: set[str], cells: _Cells) -> Record | Rejection:
        first = group[0]
        name = values.text(first.raw[cells.name])
        if not name:
            return Rejection(group, [RowProblem(first.line, "Name", "the order has no Name")])
        if name in seen:
            message = f"order {name} appears again, apart from its other rows; sort by Name"
            return Rejection(group, [RowProblem(first.line, "Name", message)])
        seen.add(name)
        row = first
        try:
            order = _order_values(cells.order(first.raw))
            customer = (
                _customer_values(cells.customer(first.raw), order) if order["email"] else None
            )
            line = cells.line
            lines = []
            for row in group:
                lines.append(_line_values(line(row.raw)))
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
        from sqlalchemy import bindparam

        lines_table = table("order_lines")
        skus = {line["sku"] for record in batch for line in record.children if line["sku"]}
        found = stored_rows(connection, table("variants"), ["sku", "id"], "sku", list(skus), {})
        variant_ids: dict[str, int] = dict(found)
        # Stored lines as (id, order_id, variant_id, *LINE_COLUMNS), in the order of their ids.
        stored: dict[int, list[tuple[Any, ...]]] = {}
        for row in stored_rows(
            connection,
            lines_table,
            ["id", *STORED_LINE_COLUMNS],
            "order_id",
            list(order_ids.values()),
            {},
            order_by=("order_id", "id"),
        ):
            stored.setdefault(row[1], []).append(row)
        line_values = itemgetter(*LINE_COLUMNS)
        inserts: list[tuple[Any, ...]] = []  # STORED_LINE_COLUMNS
        updates: list[dict[str, Any]] = []
        deletes: list[dict[str, Any]] = []
        unchanged = 0
        for record in batch:
            order_id = order_ids[record.values["external_id"]]
            before = stored.get(order_id, ())
            # Lines have no id in the export: they are matched by their position in the order.
            for position, line in enumerate(record.children):
                values = (order_id, variant_ids.get(line["sku"]), *line_values(line))
                if position >= len(before):
                    inserts.append(values)
                elif before[position][1:] != values:
                    updates.append(
                        dict(
                            zip(STORED_LINE_COLUMNS, values, strict=True),
                            row_id=before[position][0],
                        )
                    )
                else:
                    unchanged += 1
            deletes.extend({"row_id": old[0]} for old in before[len(record.children) :])
        if inserts:
            insert_tuples(connection, lines_table, list(STORED_LINE_COLUMNS), inserts)
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

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
from typing import TYPE_CHECKING, Any, NamedTuple

from storeops.importers import values
from storeops.importers.csvfile import CsvRow
from storeops.importers.hooks import after_orders_written
from storeops.importers.pipeline import Record, Rejection
from storeops.importers.problems import CellError, RowProblem
from storeops.importers.remembered import RememberedIds, remembered_for
from storeops.importers.stored import (
    StoredComparison,
    insert_stored,
    insert_stored_returning_ids,
    stored_converters,
    to_stored,
    update_stored,
    upsert_stored,
)
from storeops.importers.summary import ImportSummary
from storeops.importers.upsert import stored_rows, table

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
# The orders columns an export sets, in the order the CSV mapping builds them; customer_id is
# added when the batch is written.
ORDER_COLUMNS = (
    "source",
    "external_id",
    "number",
    "email",
    "created_at",
    "cancelled_at",
    "financial_status",
    "fulfillment_status",
    "risk",
    "tags",
    "note",
    "currency",
    "subtotal",
    "shipping",
    "tax",
    "discount",
    "total",
    "discount_code",
    "channel",
    "shipping_method",
    "ship_name",
    "ship_address1",
    "ship_city",
    "ship_province",
    "ship_zip",
    "ship_country",
)
CUSTOMER_COLUMNS = ("email", "first_name", "last_name", "phone", "accepts_marketing", "created_at")
EMAIL, CREATED_AT = ORDER_COLUMNS.index("email"), ORDER_COLUMNS.index("created_at")


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


def _stored_order(cells: tuple[str, ...]) -> tuple[Any, ...]:
    """The order's ORDER_COLUMNS (without customer_id) in stored form."""
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
    created_at = values.stored_timestamp("Created at", created)
    if created_at is None:
        raise CellError("Created at", "the order's first row has no creation time")
    # Amounts repeat down the file: the text of one seen before is a dict look-up, not a call.
    known, amount = _AMOUNT_TEXTS.get, values.money_text
    # Shopify writes an apostrophe before zips (and phones) to keep their leading zeros.
    zip_code = ship_zip.strip()
    if zip_code[:1] == "'":
        zip_code = values.text(zip_code)
    # Built in ORDER_COLUMNS' order, which is also the order in which cells are checked.
    return (
        SOURCE,
        order_id.strip() or name,
        name,
        email.strip().lower() or None,
        created_at,
        values.stored_timestamp("Cancelled at", cancelled) if cancelled else None,
        _financial(financial),
        _fulfillment(fulfillment),
        _risk(risk),
        tags.strip(),
        notes.strip(),
        currency.strip() or "USD",
        known(subtotal) or amount("Subtotal", subtotal),
        known(shipping) or amount("Shipping", shipping),
        known(taxes) or amount("Taxes", taxes),
        known(discount) or amount("Discount Amount", discount),
        known(total) or amount("Total", total),
        discount_code.strip() or None,
        channel.strip() or "web",
        shipping_method.strip() or None,
        ship_name.strip() or None,
        ship_address1.strip() or None,
        ship_city.strip() or None,
        ship_province.strip() or None,
        zip_code or None,
        ship_country.strip() or None,
    )


# Stored amount texts by cell text (values.money_text's memo, read here without a call).
_AMOUNT_TEXTS = values.AMOUNT_TEXTS
# SKUs repeat down the file: each distinct cell is checked once. A refused cell raises and is
# not remembered, so every row with it is reported.
_CODES: dict[str, str | None] = {}
_CODES_MAX = 50_000


def _stored_line(cells: tuple[str, ...]) -> tuple[Any, ...]:
    """The line's LINE_COLUMNS in stored form."""
    quantity_cell, status, sku, title, price, discount = cells
    # values.count's own fast path, without the call: this runs for every row of the file.
    quantity = (
        int(quantity_cell)
        if quantity_cell.isdecimal()
        else values.count("Lineitem quantity", quantity_cell, default=None)
    )
    fulfilled = status == "fulfilled" or status.strip().lower() == "fulfilled"
    code = _CODES.get(sku, _UNSEEN)
    if code is _UNSEEN:
        code = _new_code(sku)
    known = _AMOUNT_TEXTS.get
    return (
        code,
        title.strip(),
        quantity,
        known(price) or values.money_text("Lineitem price", price),
        known(discount) or values.money_text("Lineitem discount", discount),
        quantity if fulfilled else 0,
    )


# What _CODES.get returns for a SKU cell not checked yet (None is a checked, empty SKU).
_UNSEEN = ""


def _new_code(sku: str) -> str | None:
    """A SKU cell seen for the first time: checked, then remembered."""
    code = values.code("Lineitem sku", sku)
    if len(_CODES) >= _CODES_MAX:
        _CODES.clear()
    _CODES[sku] = code
    return code


def _line_problem(group: list[CsvRow], cells: _Cells) -> RowProblem:
    """The first refused line cell of an order, on the row it is on.

    An order's lines are mapped in one pass, which does not say which row refused; mapping
    them again one by one does (a refused cell is never remembered, so it is refused again).
    This runs for refused orders only.
    """
    line = cells.line
    for row in group:
        try:
            _stored_line(line(row.raw))
        except CellError as problem:
            return RowProblem(row.line, problem.column, problem.message)
    raise AssertionError("a line refused once is refused again")


def _stored_customer(cells: tuple[str, ...], email: str, created_at: str) -> tuple[Any, ...]:
    """The customer behind an order, CUSTOMER_COLUMNS in stored form."""
    billing_name, phone, billing_phone, accepts_marketing = cells
    first, _, last = values.text(billing_name).partition(" ")
    text = values.optional_text
    return (
        email,
        first,
        last,
        (text(phone) if phone else None) or (text(billing_phone) if billing_phone else None),
        int(values.flag("Accepts Marketing", accepts_marketing)),
        created_at,
    )


class StoredOrder(NamedTuple):
    """An order ready to store: its row, its lines' rows and its customer's, in stored form.

    The CSV mapping builds these directly (see `stored`); orders from API sync arrive as
    Python values and are converted once per order.
    """

    order: tuple[Any, ...]  # the batch's order columns, without customer_id
    lines: list[tuple[Any, ...]]  # LINE_COLUMNS
    customer: tuple[Any, ...] | None  # CUSTOMER_COLUMNS


def _stored_batch(batch: list[Record]) -> tuple[list[str], list[StoredOrder]]:
    """The batch's order columns and its orders in stored form.

    CSV records carry them ready-made; API sync maps orders to Python values (dicts of the
    columns it sets), converted here the way SQLAlchemy's SQLite dialect would store them.
    """
    if "stored" in batch[0].extra:
        return list(ORDER_COLUMNS), [record.extra["stored"] for record in batch]
    columns = list(batch[0].values)
    orders, lines, customers = (
        table("orders"),
        table("order_lines"),
        table("customers"),
    )
    order_stored = stored_converters(orders, columns)
    line_stored = stored_converters(lines, list(LINE_COLUMNS))
    customer_stored = stored_converters(customers, list(CUSTOMER_COLUMNS))
    line_values = itemgetter(*LINE_COLUMNS)
    customer_values = itemgetter(*CUSTOMER_COLUMNS)
    stored = []
    for record in batch:
        customer = record.extra.get("customer")
        stored.append(
            StoredOrder(
                to_stored(order_stored, tuple(record.values[column] for column in columns)),
                [to_stored(line_stored, line_values(line)) for line in record.children],
                None if customer is None else to_stored(customer_stored, customer_values(customer)),
            )
        )
    return columns, stored


class ShopifyOrders:
    """Imports Shopify's orders export: orders, their lines and the customers behind them."""

    kind = "orders"
    required: tuple[str, ...] = ("name", "created at", "lineitem quantity", "lineitem name")
    record_kinds: tuple[str, ...] = ("customers", "orders", "order_lines")

    def __init__(self, source: str = SOURCE) -> None:
        # API sync writes WooCommerce and Shopify API orders through the same upserts.
        self.source = source
        self._remembered: RememberedIds | None = None

    def records(self, rows: Iterator[CsvRow]) -> Iterator[Record | Rejection]:
        """Group consecutive rows by `Name` and map each group to an order record."""
        seen: set[str] = set()
        first = next(rows, None)
        if first is None:
            return
        cells = _Cells(first.positions)  # every row of a file shares its positions
        at = cells.name
        group = [first]
        group_name = first.raw[at].strip()
        # This loop runs for every row of the file: an order's rows are only collected here.
        for row in rows:
            name = row.raw[at].strip()
            if name != group_name:
                yield self._order(group, seen, cells)
                group = [row]
                group_name = name
            else:
                group.append(row)
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
        try:
            order = _stored_order(cells.order(first.raw))
            email = order[EMAIL]
            customer = (
                _stored_customer(cells.customer(first.raw), email, order[CREATED_AT])
                if email
                else None
            )
        except CellError as problem:
            return Rejection(group, [RowProblem(first.line, problem.column, problem.message)])
        line = cells.line
        try:
            lines = [_stored_line(line(row.raw)) for row in group]
        except CellError:
            return Rejection(group, [_line_problem(group, cells)])
        # The mapped order travels in `extra`; `values` is for orders mapped to Python values.
        return Record(first.line, {}, extra={"stored": StoredOrder(order, lines, customer)})

    def write(
        self, connection: Connection, batch: list[Record], summary: ImportSummary
    ) -> list[Rejection]:
        """Upsert the batch's customers, orders and lines."""
        from sqlalchemy import func, select

        columns, orders = _stored_batch(batch)
        remembered = self._remembered = remembered_for(connection, self._remembered)
        customer_ids = self._write_customers(connection, orders, remembered, summary)
        email = columns.index("email")
        orders_table = table("orders")
        # Orders above the highest id before this batch are new to the store: no stored lines
        # to look up for them (order_lines.order_id is a foreign key of orders.id).
        highest = connection.execute(select(func.max(orders_table.c.id))).scalar() or 0
        order_ids = upsert_stored(
            connection,
            orders_table,
            "external_id",
            [*columns, "customer_id"],
            [(*order.order, customer_ids.get(order.order[email])) for order in orders],
            summary,
            "orders",
            {"source": self.source},
        )
        key = columns.index("external_id")
        self._write_lines(
            connection,
            orders,
            [order_ids[order.order[key]] for order in orders],
            highest,
            _variant_ids(connection, orders, remembered),
            summary,
        )
        return []

    def _write_customers(
        self,
        connection: Connection,
        orders: list[StoredOrder],
        remembered: RememberedIds | None,
        summary: ImportSummary,
    ) -> dict[str, int]:
        # A customer is matched on email; the earliest order in the batch creates them. Known
        # customers are linked, never overwritten: the customers export is their authority.
        customers = table("customers")
        wanted: dict[str, tuple[Any, ...]] = {}
        for order in orders:
            customer = order.customer
            if customer is not None and customer[0] not in wanted:
                wanted[customer[0]] = customer
        ids: dict[str, int] = {}
        look_up = list(wanted)
        if remembered is not None:
            earlier = remembered.customers
            ids = {email: earlier[email] for email in wanted if email in earlier}
            look_up = [email for email in wanted if email not in ids]
        if look_up:
            found = stored_rows(connection, customers, ["id", "email"], "email", look_up, {})
            # As existing_rows: exact matches only, the last of two rows with one email wins.
            ids.update((email, row_id) for row_id, email in found if email in wanted)
        new = [(*customer, self.source) for email, customer in wanted.items() if email not in ids]
        if new:
            ids.update(
                insert_stored_returning_ids(
                    connection, customers, "email", [*CUSTOMER_COLUMNS, "source"], new
                )
            )
            summary.created["customers"] += len(new)
        summary.unchanged["customers"] += len(wanted) - len(new)
        if remembered is not None:
            remembered.remember_customers(ids)
        return ids

    def _write_lines(
        self,
        connection: Connection,
        orders: list[StoredOrder],
        order_ids: list[int],
        stored_before: int,
        variant_ids: dict[str, int | None],
        summary: ImportSummary,
    ) -> None:
        """Insert, update and delete the orders' lines; orders above `stored_before` are new."""
        from sqlalchemy import bindparam

        lines_table = table("order_lines")
        columns = list(STORED_LINE_COLUMNS)
        # Stored lines as (id, (order_id, variant_id, *LINE_COLUMNS) as stored, the same with
        # amounts as text), in the order of their ids.
        comparison = StoredComparison(connection, lines_table, columns)
        raw = stored_rows(
            connection,
            lines_table,
            ["id", *columns],
            "order_id",
            [order_id for order_id in order_ids if order_id <= stored_before],
            {},
            order_by=("order_id", "id"),
            raw=True,
        )
        stored: dict[int, list[tuple[int, tuple[Any, ...], tuple[Any, ...]]]] = {}
        for row, text in zip(raw, comparison.comparable([row[1:] for row in raw]), strict=True):
            stored.setdefault(row[1], []).append((row[0], row[1:], text))
        variant = variant_ids.get
        inserts: list[tuple[Any, ...]] = []  # STORED_LINE_COLUMNS
        updates: list[tuple[Any, ...]] = []  # (*STORED_LINE_COLUMNS, id)
        deletes: list[dict[str, Any]] = []
        unchanged = 0
        if not stored:  # the common case, new orders only: their lines in one pass
            inserts = [
                (order_id, variant(line[0]), *line)
                for order, order_id in zip(orders, order_ids, strict=True)
                for line in order.lines
            ]
        for order, order_id in zip(orders, order_ids, strict=True) if stored else ():
            before = stored.get(order_id)
            if before is None:  # a new order, or one whose lines were all removed
                inserts.extend([(order_id, variant(line[0]), *line) for line in order.lines])
                continue
            # Lines have no id in the export: they are matched by their position in the order.
            for position, line in enumerate(order.lines):
                values = (order_id, variant(line[0]), *line)
                if position >= len(before):
                    inserts.append(values)
                    continue
                row_id, as_stored, as_text = before[position]
                if as_text != values and not comparison.same(as_stored, values):
                    updates.append((*values, row_id))
                else:
                    unchanged += 1
            deletes.extend({"row_id": old[0]} for old in before[len(order.lines) :])
        insert_stored(connection, lines_table, columns, inserts)
        update_stored(connection, lines_table, columns, updates)
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


def _variant_ids(
    connection: Connection, orders: list[StoredOrder], remembered: RememberedIds | None
) -> dict[str, int | None]:
    """The variant id of each SKU of the batch's lines (None: the store has no such SKU)."""
    skus = {line[0] for order in orders for line in order.lines if line[0]}
    if remembered is not None:
        earlier = remembered.variants
        skus = {sku for sku in skus if sku not in earlier}
    found = stored_rows(connection, table("variants"), ["sku", "id"], "sku", list(skus), {})
    ids: dict[str, int | None] = dict.fromkeys(skus)
    ids.update(found)
    if remembered is None:
        return ids
    remembered.remember_variants(ids)
    return remembered.variants

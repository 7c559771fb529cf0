"""Shopify CSV exports written for tests from the documented formats, quirks included.

The orders export's 79 columns in Shopify's order; the older 75- and 47-column forms are
prefixes of fewer columns. Only the cells a test sets are filled; the rest stay empty, as in
a real export's line-item rows.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

ORDERS_COLUMNS_79 = [
    "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at",
    "Accepts Marketing", "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Code",
    "Discount Amount", "Shipping Method", "Created at", "Lineitem quantity", "Lineitem name",
    "Lineitem price", "Lineitem compare at price", "Lineitem sku", "Lineitem requires shipping",
    "Lineitem taxable", "Lineitem fulfillment status", "Billing Name", "Billing Street",
    "Billing Address1", "Billing Address2", "Billing Company", "Billing City", "Billing Zip",
    "Billing Province", "Billing Country", "Billing Phone", "Shipping Name", "Shipping Street",
    "Shipping Address1", "Shipping Address2", "Shipping Company", "Shipping City",
    "Shipping Zip", "Shipping Province", "Shipping Country", "Shipping Phone", "Notes",
    "Note Attributes", "Cancelled at", "Payment Method", "Payment Reference", "Refunded Amount",
    "Vendor", "Outstanding Balance", "Employee", "Location", "Device ID", "Id", "Tags",
    "Risk Level", "Source", "Lineitem discount", "Tax 1 Name", "Tax 1 Value", "Tax 2 Name",
    "Tax 2 Value", "Tax 3 Name", "Tax 3 Value", "Tax 4 Name", "Tax 4 Value", "Tax 5 Name",
    "Tax 5 Value", "Phone", "Receipt Number", "Duties", "Billing Province Name",
    "Shipping Province Name", "Payment ID", "Payment Terms Name", "Next Payment Due At",
    "Payment References",
]  # fmt: skip
# The 47-column export of older shops ends at "Cancelled at"... minus a few; its order-level
# cells have no Id, so orders are keyed on Name.
ORDERS_COLUMNS_47 = ORDERS_COLUMNS_79[:47]
ORDERS_COLUMNS_75 = ORDERS_COLUMNS_79[:75]


def order_rows(
    name: str,
    lines: list[dict[str, str]],
    *,
    order_id: str = "",
    **order: str,
) -> list[dict[str, str]]:
    """The rows of one order: order-level cells on the first row only, as Shopify writes them."""
    defaults = {
        "Email": "ada@example.com",
        "Financial Status": "paid",
        "Fulfillment Status": "unfulfilled",
        "Accepts Marketing": "no",
        "Currency": "USD",
        "Subtotal": "40.00",
        "Shipping": "5.00",
        "Taxes": "3.20",
        "Total": "48.20",
        "Discount Amount": "0.00",
        "Shipping Method": "Standard",
        "Created at": "2025-04-01 17:18:52 -0700",
        "Billing Name": "Ada Lovelace",
        "Shipping Name": "Ada Lovelace",
        "Shipping Address1": "1 Main St",
        "Shipping City": "Cambridge",
        "Shipping Zip": "'02139",
        "Shipping Province": "MA",
        "Shipping Country": "US",
        "Id": order_id,
        "Risk Level": "Low",
        "Source": "web",
    }
    first = {"Name": name, **defaults, **order}
    rows = []
    for index, line in enumerate(lines):
        item = {"Lineitem quantity": "1", "Lineitem price": "20.00", **line}
        if index == 0:
            rows.append({**first, **item})
        else:
            rows.append({"Name": name, **item})
    return rows


def orders_csv(
    rows: list[dict[str, str]],
    columns: list[str] = ORDERS_COLUMNS_79,
    *,
    bom: bool = False,
    newline: str = "\r\n",
) -> str:
    """The export's text: every column of the form, quoted where needed, CRLF by default."""
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=columns, extrasaction="ignore", lineterminator=newline
    )
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" if bom else "") + buffer.getvalue()


def write(path: Path, content: str) -> Path:
    """Write the file exactly (no newline translation)."""
    path.write_bytes(content.encode("utf-8"))
    return path


PRODUCTS_CLASSIC = [
    "Handle", "Title", "Body (HTML)", "Vendor", "Type", "Tags", "Published", "Option1 Name",
    "Option1 Value", "Option2 Name", "Option2 Value", "Option3 Name", "Option3 Value",
    "Variant SKU", "Variant Grams", "Variant Inventory Tracker", "Variant Inventory Qty",
    "Variant Inventory Policy", "Variant Fulfillment Service", "Variant Price",
    "Variant Compare At Price", "Variant Requires Shipping", "Variant Taxable", "Variant Barcode",
    "Image Src", "Image Position", "Image Alt Text", "Gift Card", "SEO Title", "SEO Description",
    "Variant Image", "Variant Weight Unit", "Cost per item", "Status",
]  # fmt: skip
PRODUCTS_NEW = [
    "Title", "URL handle", "Description", "Vendor", "Product category", "Type", "Tags",
    "Published on online store", "Status", "SKU", "Barcode", "Option1 name", "Option1 value",
    "Option2 name", "Option2 value", "Option3 name", "Option3 value", "Price",
    "Compare-at price", "Cost per item", "Charge tax", "Inventory tracker",
    "Inventory quantity", "Continue selling when out of stock", "Weight value (grams)",
    "Weight unit for display", "Requires shipping", "Fulfillment service", "Product image URL",
    "Image position", "Image alt text", "Variant image URL", "Gift card", "SEO title",
    "SEO description",
]  # fmt: skip
INVENTORY_COLUMNS = [
    "Handle", "Title", "Option1 Name", "Option1 Value", "Option2 Name", "Option2 Value",
    "Option3 Name", "Option3 Value", "SKU", "HS Code", "COO", "Location", "Bin name",
    "Incoming (not editable)", "Unavailable (not editable)", "Committed (not editable)",
    "Available (not editable)", "On hand (current)", "On hand (new)",
]  # fmt: skip
CUSTOMERS_COLUMNS = [
    "Customer ID", "First Name", "Last Name", "Email", "Accepts Email Marketing",
    "Default Address Company", "Default Address Address1", "Default Address Address2",
    "Default Address City", "Default Address Province Code", "Default Address Country Code",
    "Default Address Zip", "Default Address Phone", "Phone", "Accepts SMS Marketing",
    "Total Spent", "Total Orders", "Note", "Tax Exempt", "Tags",
]  # fmt: skip


def table_csv(columns: list[str], rows: list[dict[str, str]], newline: str = "\r\n") -> str:
    """Any export's text from its columns and the cells a test sets."""
    return orders_csv(rows, columns, newline=newline)


def write_many_orders(path: Path, count: int) -> Path:
    """A large export: `count` orders of two lines each, written as a stream."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=ORDERS_COLUMNS_79, extrasaction="ignore")
        writer.writeheader()
        for number in range(count):
            lines = [
                {"Lineitem name": "Mug", "Lineitem sku": "MUG-BLUE"},
                {"Lineitem name": "Tee", "Lineitem sku": f"TEE-{number % 50}"},
            ]
            name = f"#{10_000 + number}"
            writer.writerows(
                order_rows(name, lines, order_id=str(900_000 + number), Email=f"c{number}@x.org")
            )
    return path

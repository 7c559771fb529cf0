"""Importing Shopify's product CSV (both dialects), inventory export and customers export."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import select

from shopify_exports import (
    CUSTOMERS_COLUMNS,
    INVENTORY_COLUMNS,
    PRODUCTS_CLASSIC,
    PRODUCTS_NEW,
    table_csv,
    write,
)
from storeops.db import Store
from storeops.importers import ImportFileError
from storeops.importers.pipeline import run_import
from storeops.importers.shopify import shopify_importer
from storeops.models import Customer, Product, StockMovement, Variant

CLASSIC_ROWS = [
    {
        "Handle": "mug", "Title": "Mug", "Body (HTML)": "<p>Holds tea</p>", "Vendor": "Acme",
        "Type": "Kitchen", "Tags": "tea, gift", "Published": "TRUE", "Option1 Name": "Color",
        "Option1 Value": "Blue", "Variant SKU": "MUG-BLUE", "Variant Grams": "226.796185",
        "Variant Inventory Qty": "7", "Variant Inventory Policy": "deny", "Variant Price": "12.5",
        "Variant Barcode": "'0012345678905", "Cost per item": "4.10", "Status": "active",
        "Image Src": "https://cdn.example/mug.jpg",
    },
    {"Handle": "mug", "Option1 Value": "Red", "Variant SKU": "MUG-RED", "Variant Price": "12.50",
     "Variant Inventory Qty": "0", "Variant Inventory Policy": "continue"},
    {"Handle": "mug", "Image Src": "https://cdn.example/mug-2.jpg", "Image Position": "2"},
    {"Handle": "poster", "Title": "Poster", "Published": "FALSE", "Option1 Name": "Title",
     "Option1 Value": "Default Title", "Variant Price": "30.00", "Status": "draft"},
]  # fmt: skip

NEW_ROWS = [
    {
        "Title": "Mug", "URL handle": "mug", "Description": "<p>Holds tea</p>", "Vendor": "Acme",
        "Type": "Kitchen", "Published on online store": "TRUE", "Status": "Active",
        "SKU": "MUG-BLUE", "Barcode": "0012345678905", "Option1 name": "Color",
        "Option1 value": "Blue", "Price": "12.50", "Cost per item": "4.10",
        "Inventory quantity": "7", "Continue selling when out of stock": "FALSE",
        "Weight value (grams)": "227",
    },
]  # fmt: skip


def run(store: Store, kind: str, path: Path) -> dict[str, object]:
    return run_import(store, shopify_importer(kind), path).as_json()


def test_classic_product_csv(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "products.csv", table_csv(PRODUCTS_CLASSIC, CLASSIC_ROWS))

    result = run(store, "products", path)

    assert result["created"] == {"products": 2, "variants": 3}
    with store.reading() as session:
        products = session.exec(select(Product).order_by(Product.handle)).all()
        variants = session.exec(select(Variant).order_by(Variant.id)).all()
        movements = session.exec(select(StockMovement)).all()
    assert [(p.handle, p.title, p.status, p.vendor) for p in products] == [
        ("mug", "Mug", "active", "Acme"),
        ("poster", "Poster", "draft", None),
    ]
    assert [
        (v.sku, v.title, v.barcode, v.price, v.cost, v.on_hand, v.weight_grams, v.available)
        for v in variants
    ] == [
        ("MUG-BLUE", "Blue", "0012345678905", Decimal("12.50"), Decimal("4.10"), 7, 227, True),
        ("MUG-RED", "Red", None, Decimal("12.50"), None, 0, None, True),
        ("poster", "Default", None, Decimal("30.00"), None, 0, None, False),
    ]
    # On-hand set by the import is explained by the ledger.
    assert [(m.kind, m.quantity) for m in movements] == [("count", 7)]


def test_new_product_csv_dialect_updates_what_the_classic_one_created(
    store: Store, tmp_path: Path
) -> None:
    run(store, "products", write(tmp_path / "a.csv", table_csv(PRODUCTS_CLASSIC, CLASSIC_ROWS)))

    result = run(store, "products", write(tmp_path / "b.csv", table_csv(PRODUCTS_NEW, NEW_ROWS)))

    assert result["unchanged"] == {"products": 0, "variants": 1}
    assert result["updated"] == {"products": 1, "variants": 0}  # the tags are gone in the new file


def test_product_reimport_is_a_no_op(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "products.csv", table_csv(PRODUCTS_CLASSIC, CLASSIC_ROWS))
    run(store, "products", path)

    result = run(store, "products", path)

    assert result["created"] == {"products": 0, "variants": 0}
    assert result["updated"] == {"products": 0, "variants": 0}
    with store.reading() as session:
        assert len(session.exec(select(StockMovement)).all()) == 1


def test_an_excel_mangled_barcode_is_reported(store: Store, tmp_path: Path) -> None:
    rows = [dict(CLASSIC_ROWS[0], **{"Variant Barcode": "1.23457E+12"})]
    path = write(tmp_path / "products.csv", table_csv(PRODUCTS_CLASSIC, rows))

    with pytest.raises(ImportFileError) as caught:
        run(store, "products", path)

    assert str(caught.value) == (
        f'{path}:2: column "Variant Barcode": "1.23457E+12" was turned into a number by a '
        "spreadsheet and its digits are lost; export again and open it as text; "
        "nothing was imported"
    )


def test_inventory_sums_locations_and_skips_not_stocked(store: Store, tmp_path: Path) -> None:
    run(store, "products", write(tmp_path / "p.csv", table_csv(PRODUCTS_CLASSIC, CLASSIC_ROWS)))
    rows = [
        {"Handle": "mug", "SKU": "MUG-BLUE", "Location": "Shop", "On hand (current)": "3"},
        {"Handle": "mug", "SKU": "MUG-RED", "Location": "Shop", "On hand (current)": "not stocked"},
        {"Handle": "poster", "Option1 Value": "Default Title", "SKU": "", "Location": "Shop",
         "On hand (current)": "2", "On hand (new)": "5"},
        {"Handle": "mug", "SKU": "MUG-BLUE", "Location": "Depot", "On hand (current)": "10"},
    ]  # fmt: skip
    path = write(tmp_path / "inventory.csv", table_csv(INVENTORY_COLUMNS, rows))

    result = run(store, "inventory", path)

    assert result["updated"] == {"variants": 2}
    assert result["unchanged"] == {"variants": 1}
    with store.reading() as session:
        stock = dict(session.exec(select(Variant.sku, Variant.on_hand)).all())
        ledger = session.exec(select(StockMovement.quantity).order_by(StockMovement.id)).all()
    assert stock == {"MUG-BLUE": 13, "MUG-RED": 0, "poster": 5}
    assert ledger == [7, 6, 5]


def test_inventory_for_an_unknown_sku_names_the_line(store: Store, tmp_path: Path) -> None:
    rows = [{"Handle": "hat", "SKU": "HAT-1", "On hand (current)": "1"}]
    path = write(tmp_path / "inventory.csv", table_csv(INVENTORY_COLUMNS, rows))

    with pytest.raises(ImportFileError, match=r':2: column "SKU": SKU "HAT-1" is not in the'):
        run(store, "inventory", path)


def test_customers_export(store: Store, tmp_path: Path) -> None:
    rows = [
        {"Customer ID": "7001", "First Name": "Ada", "Last Name": "Lovelace",
         "Email": "ADA@example.com", "Accepts Email Marketing": "yes",
         "Default Address City": "London", "Default Address Zip": "'01234",
         "Default Address Country Code": "GB", "Tags": "vip", "Note": "two\nlines"},
        {"Customer ID": "7002", "First Name": "No", "Last Name": "Email", "Email": ""},
    ]  # fmt: skip
    path = write(tmp_path / "customers.csv", table_csv(CUSTOMERS_COLUMNS, rows))

    summary = run_import(store, shopify_importer("customers"), path, skip_bad_rows=True)

    assert summary.as_json()["created"] == {"customers": 1}
    assert summary.rejected == 1
    with store.reading() as session:
        customer = session.exec(select(Customer)).one()
    assert (customer.external_id, customer.email, customer.city, customer.zip) == (
        "7001",
        "ada@example.com",
        "London",
        "01234",
    )
    assert (customer.country, customer.accepts_marketing, customer.note) == (
        "GB",
        True,
        "two\nlines",
    )

"""The generic CSV kinds: templates, every kind importing its documented example, references."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import select

from cli_support import run_cli
from shopify_exports import write
from storeops.db import Store
from storeops.importers import ImportFileError
from storeops.importers.generic.kinds import KINDS
from storeops.importers.generic.templates import kinds_reference
from storeops.importers.pipeline import run_import
from storeops.importers.shopify import csv_importer
from storeops.models import (
    Campaign,
    CampaignDay,
    Customer,
    Order,
    Product,
    Ticket,
    Variant,
)

WHEN = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def known(store: Store) -> Store:
    """A store holding what the documented examples refer to."""
    with store.writing() as session:
        product = Product(handle="mug", title="Mug", created_at=WHEN)
        customer = Customer(email="ada@example.com", created_at=WHEN)
        session.add_all([product, customer])
        session.flush()
        session.add(Variant(product_id=product.id, sku="MUG-BLUE"))
        session.add(Order(number="#1001", created_at=WHEN, customer_id=customer.id))
    return store


def example_csv(kind: str, **changes: str) -> str:
    spec = KINDS[kind]
    examples = {column.header: column.example for column in spec.columns}
    examples.update({reference.header: reference.example for reference in spec.references})
    examples.update(dict.fromkeys(spec.extra_headers, ""))
    examples.update(changes)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=spec.headers)
    writer.writeheader()
    writer.writerow(examples)
    return buffer.getvalue()


def count_rows(store: Store, kind: str) -> int:
    from storeops.importers.upsert import table

    with store.reading() as session:
        return (
            session.connection()
            .execute(select(func.count()).select_from(table(KINDS[kind].table)))
            .scalar_one()
        )


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_imports_its_documented_example_once(
    known: Store, tmp_path: Path, kind: str
) -> None:
    path = write(tmp_path / f"{kind}.csv", example_csv(kind))

    first = run_import(known, csv_importer(kind), path).as_json()
    again = run_import(known, csv_importer(kind), path).as_json()

    assert first["created"] == {kind: 1}
    assert again["created"] == {kind: 0}
    assert again["unchanged"] == {kind: 1}
    assert count_rows(known, kind) == 1


def test_a_changed_ticket_updates_that_ticket(known: Store, tmp_path: Path) -> None:
    run_import(known, csv_importer("tickets"), write(tmp_path / "a.csv", example_csv("tickets")))
    changed = example_csv("tickets", status="solved", resolved_at="2026-11-25T11:00:00+01:00")

    result = run_import(known, csv_importer("tickets"), write(tmp_path / "b.csv", changed))

    assert result.as_json()["updated"] == {"tickets": 1}
    with known.reading() as session:
        ticket = session.exec(select(Ticket)).one()
        order = session.exec(select(Order)).one()
    assert (ticket.status, ticket.resolved_at) == ("solved", datetime(2026, 11, 25, 10, tzinfo=UTC))
    assert (ticket.source, ticket.external_id, ticket.order_id) == ("csv", "T-1042", order.id)
    assert ticket.customer_id == order.customer_id


def test_an_unknown_order_is_rejected_with_its_line(known: Store, tmp_path: Path) -> None:
    text = example_csv("shipments") + "ups,1Z2,,,,,,,,,#9999\n"
    path = write(tmp_path / "shipments.csv", text)

    with pytest.raises(ImportFileError) as caught:
        run_import(known, csv_importer("shipments"), path)
    assert str(caught.value) == (
        f'{path}:3: column "order_number": order_number "#9999" is not in the store; '
        "nothing was imported"
    )
    assert count_rows(known, "shipments") == 0

    summary = run_import(known, csv_importer("shipments"), path, skip_bad_rows=True)
    assert (summary.created["shipments"], summary.rejected) == (1, 1)
    assert (
        (tmp_path / "shipments.rejected.csv")
        .read_text()
        .splitlines()[1]
        .startswith('3,order_number,"order_number ""#9999"" is not in the store",ups,1Z2,')
    )


def test_campaign_days_create_their_campaign(known: Store, tmp_path: Path) -> None:
    text = example_csv("campaigns", channel="paid_social")
    text += "2026-11-23,10.00,,,,,,Black Friday,paid_social\n"

    result = run_import(known, csv_importer("campaigns"), write(tmp_path / "c.csv", text))

    assert result.as_json()["created"] == {"campaigns": 2}
    with known.reading() as session:
        campaign = session.exec(select(Campaign)).one()
        days = session.exec(select(CampaignDay.day).order_by(CampaignDay.day)).all()
    assert (campaign.name, campaign.channel, str(campaign.starts_on)) == (
        "Black Friday",
        "paid_social",
        "2026-11-23",
    )
    assert [str(day) for day in days] == ["2026-11-23", "2026-11-24"]


@pytest.mark.parametrize(
    ("kind", "changes", "expected"),
    [
        ("reviews", {"rating": "6"}, 'column "rating": 6 is not a rating from 1 to 5'),
        ("traffic", {"day": "24/11/2026"}, 'column "day": "24/11/2026" is not a date like'),
        ("tickets", {"status": "done"}, 'column "status": unknown value "done"'),
        ("expenses", {"amount": "12,5x"}, 'column "amount": "12,5x" is not an amount'),
        ("campaigns", {"channel": "tv"}, 'column "channel": unknown value "tv"'),
    ],
)
def test_bad_cells_name_line_and_column(
    known: Store, tmp_path: Path, kind: str, changes: dict[str, str], expected: str
) -> None:
    path = write(tmp_path / f"{kind}.csv", example_csv(kind, **changes))

    with pytest.raises(ImportFileError) as caught:
        run_import(known, csv_importer(kind), path)

    assert str(caught.value).startswith(f"{path}:2: {expected}")


def test_the_same_row_twice_is_an_error(known: Store, tmp_path: Path) -> None:
    text = example_csv("traffic")
    text += text.splitlines()[1] + "\n"

    with pytest.raises(ImportFileError, match=r":3: the same row is in the file twice"):
        run_import(known, csv_importer("traffic"), write(tmp_path / "t.csv", text))


def test_cli_templates_writes_one_header_per_kind_and_never_overwrites(tmp_path: Path) -> None:
    result = run_cli("import", "templates", "--dir", str(tmp_path / "templates"))

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [str(tmp_path / "templates" / f"{k}.csv") for k in KINDS]
    tickets = (tmp_path / "templates" / "tickets.csv").read_text().splitlines()
    assert tickets == [",".join(KINDS["tickets"].headers)]

    again = run_cli("import", "templates", "--dir", str(tmp_path / "templates"))
    assert again.returncode == 1
    assert again.stderr.strip() == (
        f"error: {tmp_path / 'templates' / 'tickets.csv'} already exists; "
        "use --force to overwrite the templates"
    )


def test_cli_csv_import_json_summary(tmp_path: Path) -> None:
    path = write(tmp_path / "expenses.csv", example_csv("expenses"))

    result = run_cli("import", "csv", "expenses", str(path), "--format", "json")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["created"] == {"expenses": 1}


def test_readme_documents_every_kind() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert kinds_reference() in readme

"""Shopify's customers export: matched on email, the key orders imports link customers by.

Both forms import: the older one without `Customer ID` and the newer one with it (kept as the
external id). Marketing consent is read from `Accepts Email Marketing` or `Accepts Marketing`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from storeops.clock import now
from storeops.importers import values
from storeops.importers.csvfile import CsvRow
from storeops.importers.pipeline import Record, Rejection
from storeops.importers.problems import CellError, RowProblem
from storeops.importers.shopify_catalog import first_of
from storeops.importers.summary import ImportSummary
from storeops.importers.upsert import table, upsert

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

SOURCE = "shopify"


def _address(row: CsvRow, part: str) -> str | None:
    """An address cell: `Address1` in the older export, `Default Address Address1` today."""
    return values.optional_text(first_of(row, part, f"default address {part}")[0])


class ShopifyCustomers:
    """Imports Shopify's customers export."""

    source = SOURCE
    kind = "customers"
    required: tuple[str, ...] = ("email",)
    record_kinds: tuple[str, ...] = ("customers",)

    def records(self, rows: Iterator[CsvRow]) -> Iterator[Record | Rejection]:
        """One customer per row; a row without an email cannot be matched and is rejected."""
        seen: set[str] = set()
        for row in rows:
            email = values.text(row.get("email")).lower()
            if not email:
                problem = RowProblem(row.line, "Email", "no email: customers are matched by email")
                yield Rejection([row], [problem])
                continue
            if email in seen:
                problem = RowProblem(row.line, "Email", f"{email} is in the file twice")
                yield Rejection([row], [problem])
                continue
            seen.add(email)
            try:
                consent, consent_column = first_of(
                    row, "accepts email marketing", "accepts marketing"
                )
                yield Record(
                    row.line,
                    {
                        "source": SOURCE,
                        "external_id": values.optional_text(row.get("customer id")),
                        "email": email,
                        "first_name": values.text(row.get("first name")),
                        "last_name": values.text(row.get("last name")),
                        "phone": values.optional_text(row.get("phone")),
                        "address1": _address(row, "address1"),
                        "city": _address(row, "city"),
                        "province": _address(row, "province code") or _address(row, "province"),
                        "zip": _address(row, "zip"),
                        "country": _address(row, "country code") or _address(row, "country"),
                        "accepts_marketing": values.flag(consent_column, consent),
                        "tags": values.text(row.get("tags")),
                        "note": row.get("note").strip(),
                    },
                )
            except CellError as problem:
                yield Rejection([row], [RowProblem(row.line, problem.column, problem.message)])

    def write(
        self, connection: Connection, batch: list[Record], summary: ImportSummary
    ) -> list[Rejection]:
        """Upsert the batch's customers by email."""
        rows = [record.values for record in batch]
        upsert(
            connection, table("customers"), "email", rows, summary, "customers", {},
            {"created_at": now()},
        )  # fmt: skip
        return []

    def finish(self, connection: Connection, summary: ImportSummary) -> None:
        """Nothing to do after the last batch."""

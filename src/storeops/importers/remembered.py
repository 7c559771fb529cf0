"""Ids an import has looked up or created, remembered for the rest of its transaction.

An import writes every batch of a file in one transaction, which on SQLite holds the write
lock: a customer found or created for one batch has the same id for the next, and an orders
import writes no variants, so a SKU's variant stays what it was. Looking each email and SKU
up once per transaction instead of once per batch saves a large import a query with an
`IN (...)` of a few thousand values per batch. A new transaction starts from nothing.

Only on SQLite: elsewhere other writers may add rows between two batches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

# Past this many remembered ids a file's memory stops growing with it: the memo starts over.
REMEMBERED_MAX = 200_000


class RememberedIds:
    """Customer ids by email and variant ids (None: no such SKU) by SKU, for one transaction."""

    __slots__ = ("customers", "transaction", "variants")

    def __init__(self, transaction: object) -> None:
        # Held, not just compared by id(): a live object's identity is never reused.
        self.transaction = transaction
        self.customers: dict[str, int] = {}
        self.variants: dict[str, int | None] = {}

    def remember_customers(self, ids: dict[str, int]) -> None:
        """Add customers found or created in this transaction."""
        if len(self.customers) + len(ids) > REMEMBERED_MAX:
            self.customers.clear()
        self.customers.update(ids)

    def remember_variants(self, ids: dict[str, int | None]) -> None:
        """Add SKUs looked up in this transaction, with their variant's id or None."""
        if len(self.variants) + len(ids) > REMEMBERED_MAX:
            self.variants.clear()
        self.variants.update(ids)


def remembered_for(
    connection: Connection, remembered: RememberedIds | None
) -> RememberedIds | None:
    """`remembered` if it belongs to the connection's transaction, else a new one (None: off).

    None where ids must be looked up every time: outside SQLite, or outside a transaction.
    """
    if connection.dialect.name != "sqlite":
        return None
    transaction = connection.get_transaction()
    if transaction is None:
        return None
    if remembered is None or remembered.transaction is not transaction:
        return RememberedIds(transaction)
    return remembered

"""Keeping the stock ledger true when an import sets on-hand figures.

`Variant.on_hand` must agree with the sum of its `StockMovement`s (a check compares them), so
an import that changes on-hand also records the difference as a `count` movement.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from storeops.importers.upsert import existing_rows, insert_rows, table

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


def set_on_hand(
    connection: Connection, counts: dict[int, int], *, at: datetime, reference: str
) -> int:
    """Set each variant's on-hand (by variant id); return how many changed."""
    from sqlalchemy import bindparam

    variants = table("variants")
    before = existing_rows(connection, variants, "id", list(counts), ["id", "on_hand"], {})
    changes: list[dict[str, Any]] = []
    movements: list[dict[str, Any]] = []
    for variant_id, on_hand in counts.items():
        delta = on_hand - before[variant_id]["on_hand"]
        if delta:
            changes.append({"row_id": variant_id, "on_hand": on_hand})
            movements.append(
                {
                    "variant_id": variant_id,
                    "created_at": at,
                    "kind": "count",
                    "quantity": delta,
                    "reason": "imported stock count",
                    "reference": reference,
                }
            )
    if changes:
        connection.execute(variants.update().where(variants.c.id == bindparam("row_id")), changes)
        insert_rows(connection, table("stock_movements"), movements)
    return len(changes)

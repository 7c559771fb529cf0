"""indexes that make the slowest checks fast

Revision ID: 0006
Revises: 0003
Create Date: 2026-11-26 20:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_index(
        "ix_tickets_closed_at", "tickets", [sa.text("coalesce(resolved_at, opened_at)")]
    )
    op.drop_index("ix_orders_customer_id", table_name="orders")
    op.create_index(
        "ix_orders_customer_id",
        "orders",
        ["customer_id", "cancelled_at", "financial_status", "total"],
    )
    if op.get_bind().dialect.name == "sqlite":
        # New indexes have no statistics yet; without them the planner may ignore them.
        op.execute("PRAGMA analysis_limit = 1000")
        op.execute("ANALYZE orders")
        op.execute("ANALYZE tickets")


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index("ix_orders_customer_id", table_name="orders")
    op.create_index("ix_orders_customer_id", "orders", ["customer_id"])
    op.drop_index("ix_tickets_closed_at", table_name="tickets")

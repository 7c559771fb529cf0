"""indexes for the open-orders and duplicate-accounts checks

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-27 03:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    # Normalised email first, raw email second: the duplicate-accounts check groups by the
    # first and reads the second, so it never touches the customers table itself.
    op.create_index("ix_customers_email_key", "customers", [sa.text("lower(trim(email))"), "email"])
    # Open orders (unfulfilled or partial, paid or authorised) without reading voided ones.
    op.create_index(
        "ix_orders_open", "orders", ["fulfillment_status", "financial_status", "created_at"]
    )
    if op.get_bind().dialect.name == "sqlite":
        # New indexes have no statistics yet; without them the planner may ignore them.
        op.execute("PRAGMA analysis_limit = 1000")
        op.execute("ANALYZE customers")
        op.execute("ANALYZE orders")


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index("ix_orders_open", table_name="orders")
    op.drop_index("ix_customers_email_key", table_name="customers")

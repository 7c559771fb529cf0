"""daily sales rollup

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 21:10:00

Adds `daily_sales` (units per SKU per UTC day on counted orders) and its one-row watermark.
Both are derived: the first reader after this upgrade finds the rollup stale and builds it.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "daily_sales",
        sa.Column("variant_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("variant_id", "day"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "sales_rollup_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("max_line_id", sa.Integer(), nullable=False),
        sa.Column("uncounted_orders", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("sales_rollup_state")
    op.drop_table("daily_sales")

"""indexes that take full scans out of the morning's checks

Revision ID: 0010
Revises: 0006
Create Date: 2026-11-27 00:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    # Partial indexes: only the few cancelled orders and unanswered tickets are indexed.
    op.create_index(
        "ix_orders_cancelled",
        "orders",
        ["cancelled_at"],
        sqlite_where=sa.text("cancelled_at IS NOT NULL"),
        postgresql_where=sa.text("cancelled_at IS NOT NULL"),
    )
    op.create_index(
        "ix_tickets_unanswered",
        "tickets",
        ["opened_at"],
        sqlite_where=sa.text("first_response_at IS NULL"),
        postgresql_where=sa.text("first_response_at IS NULL"),
    )
    op.create_index("ix_tickets_resolved", "tickets", ["resolved_at", "status", "opened_at"])
    if op.get_bind().dialect.name == "sqlite":
        # New indexes have no statistics yet; without them the planner may ignore them.
        op.execute("PRAGMA analysis_limit = 1000")
        op.execute("ANALYZE orders")
        op.execute("ANALYZE tickets")


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index("ix_tickets_resolved", table_name="tickets")
    op.drop_index("ix_tickets_unanswered", table_name="tickets")
    op.drop_index("ix_orders_cancelled", table_name="orders")

"""sync states: where each API sync stands

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 21:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storeops.models.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "sync_states",
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("shop", sa.String(), nullable=False),
        sa.Column("cursor", storeops.models.types.UTCDateTime(), nullable=True),
        sa.Column("started_at", storeops.models.types.UTCDateTime(), nullable=True),
        sa.Column("finished_at", storeops.models.types.UTCDateTime(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("total_rows", sa.Integer(), nullable=False),
        sa.Column("error", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("source", "shop"),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("sync_states")

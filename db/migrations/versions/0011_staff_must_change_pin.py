"""A manager can reset a staff member's PIN: the account then asks for a new PIN at its
next sign-in (``must_change_pin``); every account already there keeps its PIN.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 18:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "must_change_pin", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_column("must_change_pin")

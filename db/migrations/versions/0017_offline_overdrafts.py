"""Offline overdrafts: when a till's offline sale is replayed on the server and another
till spent the same balance meanwhile, the sale stands and the shortfall is kept here for
the manager's list and the member's next visit. (The allowances are settings; the
offline journal lives only in the till's local file.)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 05:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
REBUILDS_NO_TABLE = True  # one new table: no foreign-key check needed
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "offline_overdrafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("request_key", sa.String(length=64), nullable=False),
        sa.Column("stored_value_fen", sa.BigInteger(), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("till_id", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("settled_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_offline_overdrafts_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offline_overdrafts")),
        sa.UniqueConstraint("request_key", name=op.f("uq_offline_overdrafts_request_key")),
    )
    with op.batch_alter_table("offline_overdrafts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_offline_overdrafts_member_id"), ["member_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("offline_overdrafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offline_overdrafts_member_id"))
    op.drop_table("offline_overdrafts")

"""Audit events and ledger entries are hash-chained (tamper evidence): each row keeps the
hash of its stream's previous row and its own facts, ``chain_heads`` keeps each stream's
length and last hash, and ledger entries keep the member they were written for. Every
existing row is chained here, in id order.

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-04 23:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.hash_chains import chain_everything

revision = "0014"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chain_heads",
        sa.Column("stream", sa.String(length=48), nullable=False),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("stream", name=op.f("pk_chain_heads")),
    )
    op.add_column("audit_events", sa.Column("chain_hash", sa.String(length=64), nullable=True))
    for table in ("points_ledger", "stored_value_ledger"):
        op.add_column(table, sa.Column("written_member_id", sa.Integer(), nullable=True))
        op.add_column(table, sa.Column("chain_hash", sa.String(length=64), nullable=True))
    chain_everything(op.get_bind())


def downgrade() -> None:
    for table in ("stored_value_ledger", "points_ledger"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("chain_hash")
            batch_op.drop_column("written_member_id")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_column("chain_hash")
    op.drop_table("chain_heads")

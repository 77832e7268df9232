"""Audit events and ledger entries are hash-chained (tamper evidence): each row keeps the
hash of its stream's previous row and its own facts, ``chain_heads`` keeps each stream's
length and last hash, and ledger entries keep the member they were written for. Every
existing row is chained here, in id order.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 23:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dataclasses import replace

from db.hash_chains import AUDIT, POINTS, STORED_VALUE, chain_everything

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None
REBUILDS_NO_TABLE = True  # one new table and nullable columns: no foreign-key check needed


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
    chain_everything(op.get_bind(), specs=_AS_OF_0013)


def downgrade() -> None:
    for table in ("points_ledger", "stored_value_ledger"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("chain_hash")
            batch_op.drop_column("written_member_id")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_column("chain_hash")
    op.drop_table("chain_heads")


def _table(name: str, *names: str) -> sa.TableClause:
    """Times typed, so they are read back as the till wrote them (not SQLite's text)."""
    return sa.table(
        name,
        *(sa.column(n, sa.DateTime() if n in ("at", "created_at") else None) for n in names),
        sa.column("id"),
        sa.column("chain_hash"),
    )


_AUDIT = ("at", "till_id", "staff_id", "action", "subject", "detail")
_LEDGER = ("written_member_id", "reason", "order_id", "staff_id", "created_at")
_LEDGER += ("reverses_id", "refund_id")
_POINTS = ("delta", *_LEDGER)
_STORED = ("principal_delta_fen", "bonus_delta_fen", *_LEDGER)
_AS_OF_0013 = (  # the chained columns as of this revision, whatever the models say later
    replace(AUDIT, table=_table("audit_events", *_AUDIT), columns=_AUDIT),
    replace(POINTS, table=_table("points_ledger", "member_id", *_POINTS), columns=_POINTS),
    replace(
        STORED_VALUE, table=_table("stored_value_ledger", "member_id", *_STORED), columns=_STORED
    ),
)

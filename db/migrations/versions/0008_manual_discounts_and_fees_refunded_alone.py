"""Manual discounts approved at the till; renewal, upgrade and top-up refunded on their own.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22 23:45:19.213701
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "manual_discount_grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.Column("till_id", sa.String(length=32), nullable=False),
        sa.Column("requester_id", sa.Integer(), nullable=False),
        sa.Column("approver_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("reason_code", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("limit_fen", sa.BigInteger(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("amount_fen", sa.BigInteger(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["approver_id"], ["staff.id"], name=op.f("fk_manual_discount_grants_approver_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["menu_items.id"],
            name=op.f("fk_manual_discount_grants_item_id_menu_items"),
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_manual_discount_grants_order_id_orders")
        ),
        sa.ForeignKeyConstraint(
            ["requester_id"],
            ["staff.id"],
            name=op.f("fk_manual_discount_grants_requester_id_staff"),
        ),
        sa.CheckConstraint(
            "amount_fen >= 0 AND amount_fen <= limit_fen",
            name=op.f("ck_manual_discount_grants_within_limit"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_manual_discount_grants")),
    )
    with op.batch_alter_table("manual_discount_grants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_manual_discount_grants_order_id"), ["order_id"], unique=False
        )

    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("manual_discount_fen", sa.BigInteger(), server_default="0", nullable=False)
        )

    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("manual_discount_fen", sa.BigInteger(), server_default="0", nullable=False)
        )

    with op.batch_alter_table("refunds", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("renewal_fen", sa.BigInteger(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("upgrade_fen", sa.BigInteger(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("top_up_fen", sa.BigInteger(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("refunds", schema=None) as batch_op:
        batch_op.drop_column("top_up_fen")
        batch_op.drop_column("upgrade_fen")
        batch_op.drop_column("renewal_fen")

    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_column("manual_discount_fen")

    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.drop_column("manual_discount_fen")

    with op.batch_alter_table("manual_discount_grants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_manual_discount_grants_order_id"))

    op.drop_table("manual_discount_grants")

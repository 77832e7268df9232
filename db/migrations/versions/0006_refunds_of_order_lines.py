"""Refunds of some units of an order's lines: many refunds per order, one completes it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 22:13:51.028479
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "refund_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("refund_id", sa.Integer(), nullable=False),
        sa.Column("order_line_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("net_fen", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_line_id"],
            ["order_lines.id"],
            name=op.f("fk_refund_lines_order_line_id_order_lines"),
        ),
        sa.ForeignKeyConstraint(
            ["refund_id"], ["refunds.id"], name=op.f("fk_refund_lines_refund_id_refunds")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refund_lines")),
    )
    with op.batch_alter_table("refund_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_refund_lines_refund_id"), ["refund_id"], unique=False)

    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("refunded_quantity", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.create_check_constraint(
            "refund_within_sold", "refunded_quantity >= 0 AND refunded_quantity <= quantity"
        )

    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("refunded_spend_fen", sa.BigInteger(), server_default="0", nullable=False)
        )

    with op.batch_alter_table("refunds", schema=None) as batch_op:
        batch_op.add_column(sa.Column("completes_order_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("spend_fen", sa.BigInteger(), server_default="0", nullable=False)
        )
        batch_op.drop_constraint(batch_op.f("uq_refunds_order_id"), type_="unique")
        batch_op.create_index(batch_op.f("ix_refunds_order_id"), ["order_id"], unique=False)
        batch_op.create_unique_constraint(
            batch_op.f("uq_refunds_completes_order_id"), ["completes_order_id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_refunds_completes_order_id_orders"),
            "orders",
            ["completes_order_id"],
            ["id"],
        )

    # Refunds before this revision were of whole orders.
    op.execute("UPDATE refunds SET completes_order_id = order_id")
    op.execute(
        "UPDATE order_lines SET refunded_quantity = quantity WHERE order_id IN "
        "(SELECT id FROM orders WHERE status = 'refunded')"
    )


def downgrade() -> None:
    with op.batch_alter_table("refunds", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_refunds_completes_order_id_orders"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("uq_refunds_completes_order_id"), type_="unique")
        batch_op.drop_index(batch_op.f("ix_refunds_order_id"))
        batch_op.create_unique_constraint(batch_op.f("uq_refunds_order_id"), ["order_id"])
        batch_op.drop_column("spend_fen")
        batch_op.drop_column("completes_order_id")

    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_column("refunded_spend_fen")

    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.drop_constraint("refund_within_sold", type_="check")
        batch_op.drop_column("refunded_quantity")

    with op.batch_alter_table("refund_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_refund_lines_refund_id"))

    op.drop_table("refund_lines")

"""Menu items carry their allergens (codes and a free-text note) and the day they are
sold out, so the back office can keep them and the till can show them; every item
already on a menu starts with none declared and on sale.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 20:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("menu_items", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("allergens", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("allergen_note", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("sold_out_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("menu_items", schema=None) as batch_op:
        batch_op.drop_column("sold_out_on")
        batch_op.drop_column("allergen_note")
        batch_op.drop_column("allergens")

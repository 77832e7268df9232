"""Staff badges stored hashed like PINs: the number gives way to its scrypt hash (found by
and unique on) and its last four digits (shown on screen and in the audit log).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 17:45:00
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# A frozen copy of app.domain.staff.hash_badge as it was when this ran: a migration
# must turn the same rows into the same hashes whatever the code does later.
_SALT, _N, _R, _P = b"pos-staff-badge1", 2**14, 8, 1


def _hash_badge(number: str) -> str:
    digest = hashlib.scrypt(number.encode(), salt=_SALT, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${_SALT.hex()}${digest.hex()}"


def upgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(sa.Column("badge_hash", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("badge_last4", sa.String(length=4), nullable=True))
    staff = sa.table(
        "staff",
        sa.column("id", sa.Integer()),
        sa.column("badge_no", sa.String()),
        sa.column("badge_hash", sa.String()),
        sa.column("badge_last4", sa.String()),
    )
    connection = op.get_bind()
    badges = connection.execute(
        sa.select(staff.c.id, staff.c.badge_no).where(staff.c.badge_no.is_not(None))
    ).all()
    for staff_id, number in badges:
        connection.execute(
            staff.update()
            .where(staff.c.id == staff_id)
            .values(badge_hash=_hash_badge(number), badge_last4=number[-4:])
        )
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_staff_badge_no"), type_="unique")
        batch_op.drop_column("badge_no")
        batch_op.create_unique_constraint(batch_op.f("uq_staff_badge_hash"), ["badge_hash"])


def downgrade() -> None:
    """The numbers cannot come back from their hashes: badges must be registered again."""
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_staff_badge_hash"), type_="unique")
        batch_op.drop_column("badge_last4")
        batch_op.drop_column("badge_hash")
        batch_op.add_column(sa.Column("badge_no", sa.String(length=40), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_staff_badge_no"), ["badge_no"])

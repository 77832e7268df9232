"""Store views: the store a member joined at (``members.joined_store_id``, indexed for the
member list's store filter) and an index on ``request_keys.created_at`` for the daily
pruning of old keys.

A member enrolled at a till since migration 0014 takes the store of their
``member_enrolled`` audit event; every other member (older, imported, the demo's) is
left ``NULL``, which the queries read as the first store's, as the reports already read
rows written without a store (``db.reports.store_filter.in_stores``). So no member row
is rewritten: at a million members an ``UPDATE`` of every row took longer than the
rest of the migration. SQLite adds the column without rebuilding the table.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
REBUILDS_NO_TABLE = True  # a nullable column (SQLite: ADD COLUMN) and two indexes
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE members ADD COLUMN joined_store_id INTEGER"
            " CONSTRAINT fk_members_joined_store_id_stores REFERENCES stores (id)"
        )
    else:
        op.add_column("members", sa.Column("joined_store_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_members_joined_store_id_stores"),
            "members",
            "stores",
            ["joined_store_id"],
            ["id"],
        )
    _stores_from_enrolments(op.get_bind())
    op.create_index(
        op.f("ix_members_joined_store_id"), "members", ["joined_store_id"], unique=False
    )
    op.create_index(
        op.f("ix_request_keys_created_at"), "request_keys", ["created_at"], unique=False
    )


def _stores_from_enrolments(connection: sa.Connection) -> None:
    """Members a till of another store than the first enrolled (few: since 0014)."""
    found = connection.execute(
        sa.text(
            "SELECT subject, store_id FROM audit_events WHERE action = 'member_enrolled'"
            " AND store_id IS NOT NULL AND store_id <> (SELECT min(id) FROM stores)"
        )
    ).all()
    if found:
        connection.execute(
            sa.text("UPDATE members SET joined_store_id = :store WHERE member_no = :number"),
            [{"store": store, "number": number} for number, store in found],
        )


def downgrade() -> None:
    op.drop_index(op.f("ix_request_keys_created_at"), table_name="request_keys")
    op.drop_index(op.f("ix_members_joined_store_id"), table_name="members")
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("members", schema=None) as batch_op:
        if not sqlite:
            batch_op.drop_constraint(
                batch_op.f("fk_members_joined_store_id_stores"), type_="foreignkey"
            )
        batch_op.drop_column("joined_store_id")

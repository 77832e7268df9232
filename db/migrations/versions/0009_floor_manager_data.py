"""The floor manager's data: complaints, feedback, no-shows, contacts, profile edits,
saved filters; members' visit figures, consents and erasure.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-22 23:50:11.476316
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_filters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("spec", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["staff.id"], name=op.f("fk_saved_filters_created_by_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_filters")),
        sa.UniqueConstraint("name", name=op.f("uq_saved_filters_name")),
    )
    op.create_table(
        "member_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=False),
        sa.Column("old_value", sa.Text(), server_default="", nullable=False),
        sa.Column("new_value", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_member_changes_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_member_changes_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_changes")),
    )
    with op.batch_alter_table("member_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_member_changes_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "member_contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_member_contacts_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_member_contacts_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_contacts")),
    )
    with op.batch_alter_table("member_contacts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_member_contacts_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "no_shows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("booked_for", sa.DateTime(), nullable=False),
        sa.Column("party_size", sa.Integer(), server_default="1", nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_no_shows_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_no_shows_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_no_shows")),
    )
    with op.batch_alter_table("no_shows", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_no_shows_member_id"), ["member_id"], unique=False)

    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("opened_by", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("promised_on", sa.Date(), nullable=True),
        sa.Column("compensation_fen", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("compensation_note", sa.Text(), server_default="", nullable=False),
        sa.Column("outcome", sa.Text(), server_default="", nullable=False),
        sa.Column("status", sa.String(length=16), server_default="open", nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "compensation_fen >= 0", name=op.f("ck_complaints_compensation_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_complaints_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["opened_by"], ["staff.id"], name=op.f("fk_complaints_opened_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_complaints_order_id_orders")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["staff.id"], name=op.f("fk_complaints_owner_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
    )
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_complaints_member_id"), ["member_id"], unique=False)
        batch_op.create_index(
            "ix_complaints_status_promised", ["status", "promised_on"], unique=False
        )

    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), server_default="", nullable=False),
        sa.CheckConstraint("score BETWEEN 1 AND 5", name=op.f("ck_feedback_score_1_to_5")),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_feedback_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_feedback_order_id_orders")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_feedback_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_feedback_member_id"), ["member_id"], unique=False)

    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("birth_month", sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column("last_visit_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("visits", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(
            sa.Column("spend_fen", sa.BigInteger(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("enrolled_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "consent_third_party", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )
        batch_op.add_column(
            sa.Column("consent_automated", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column("consent_sensitive", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("consent_updated_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("erased_at", sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_members_birth_month"), ["birth_month"], unique=False)
        batch_op.create_index(batch_op.f("ix_members_joined_on"), ["joined_on"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_members_last_visit_on"), ["last_visit_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_members_segment"), ["segment"], unique=False)
        batch_op.create_index(batch_op.f("ix_members_spend_fen"), ["spend_fen"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_members_enrolled_by_id_staff"), "staff", ["enrolled_by_id"], ["id"]
        )
    _fill_member_figures()


def _fill_member_figures() -> None:
    """Birth months, and visits, last visit and spend from the orders already paid: a
    visit is an order with items not wholly refunded; spend is its points earn base less
    what refunds took back."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    month = (
        "CAST(strftime('%m', birthday) AS INTEGER)" if sqlite else "EXTRACT(MONTH FROM birthday)"
    )
    op.execute(f"UPDATE members SET birth_month = {month} WHERE birthday IS NOT NULL")
    visits = (
        "FROM orders o WHERE o.member_id = members.id AND o.subtotal_fen > 0"
        " AND o.status <> 'refunded'"
    )
    op.execute(
        "UPDATE members SET"
        f" visits = (SELECT count(*) {visits}),"
        f" last_visit_on = (SELECT max(o.business_day) {visits}),"
        " spend_fen = (SELECT coalesce(sum(o.qualifying_spend_fen - o.refunded_spend_fen), 0)"
        f" {visits})"
        " WHERE EXISTS (SELECT 1 FROM orders o WHERE o.member_id = members.id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_members_enrolled_by_id_staff"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_members_spend_fen"))
        batch_op.drop_index(batch_op.f("ix_members_segment"))
        batch_op.drop_index(batch_op.f("ix_members_last_visit_on"))
        batch_op.drop_index(batch_op.f("ix_members_joined_on"))
        batch_op.drop_index(batch_op.f("ix_members_birth_month"))
        batch_op.drop_column("erased_at")
        batch_op.drop_column("consent_updated_at")
        batch_op.drop_column("consent_sensitive")
        batch_op.drop_column("consent_automated")
        batch_op.drop_column("consent_third_party")
        batch_op.drop_column("enrolled_by_id")
        batch_op.drop_column("spend_fen")
        batch_op.drop_column("visits")
        batch_op.drop_column("last_visit_on")
        batch_op.drop_column("birth_month")

    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_member_id"))
        batch_op.drop_index(batch_op.f("ix_feedback_at"))

    op.drop_table("feedback")
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_index("ix_complaints_status_promised")
        batch_op.drop_index(batch_op.f("ix_complaints_member_id"))

    op.drop_table("complaints")
    with op.batch_alter_table("no_shows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_no_shows_member_id"))

    op.drop_table("no_shows")
    with op.batch_alter_table("member_contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_contacts_member_id"))

    op.drop_table("member_contacts")
    with op.batch_alter_table("member_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_changes_member_id"))

    op.drop_table("member_changes")
    op.drop_table("saved_filters")

"""Targeted offers, personal coupons, holidays; offer discounts on orders; staff badges.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 21:51:59.591638
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name_zh", sa.String(length=64), nullable=False),
        sa.Column("name_en", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("coupon_only", sa.Boolean(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("weekdays", sa.String(length=16), nullable=False),
        sa.Column("holidays", sa.String(length=16), nullable=False),
        sa.Column("starts_at", sa.Time(), nullable=True),
        sa.Column("ends_at", sa.Time(), nullable=True),
        sa.Column("min_party_size", sa.Integer(), nullable=False),
        sa.Column("service_types", sa.String(length=32), nullable=False),
        sa.Column("members_only", sa.Boolean(), nullable=False),
        sa.Column("segments", sa.String(length=200), nullable=False),
        sa.Column("uses_per_member", sa.Integer(), nullable=True),
        sa.Column("min_spend_fen", sa.BigInteger(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("value >= 0", name=op.f("ck_offers_value_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offers")),
        sa.UniqueConstraint("code", name=op.f("uq_offers_code")),
    )
    op.create_table(
        "public_holidays",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_public_holidays")),
    )
    op.create_table(
        "offer_categories",
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["menu_categories.id"],
            name=op.f("fk_offer_categories_category_id_menu_categories"),
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["offers.id"], name=op.f("fk_offer_categories_offer_id_offers")
        ),
        sa.PrimaryKeyConstraint("offer_id", "category_id", name=op.f("pk_offer_categories")),
    )
    op.create_table(
        "offer_tiers",
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("tier_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["offers.id"], name=op.f("fk_offer_tiers_offer_id_offers")
        ),
        sa.ForeignKeyConstraint(
            ["tier_id"], ["tiers.id"], name=op.f("fk_offer_tiers_tier_id_tiers")
        ),
        sa.PrimaryKeyConstraint("offer_id", "tier_id", name=op.f("pk_offer_tiers")),
    )
    op.create_table(
        "offer_items",
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["menu_items.id"], name=op.f("fk_offer_items_item_id_menu_items")
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["offers.id"], name=op.f("fk_offer_items_offer_id_offers")
        ),
        sa.PrimaryKeyConstraint("offer_id", "item_id", name=op.f("pk_offer_items")),
    )
    op.create_table(
        "member_coupons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.Integer(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("used_order_id", sa.Integer(), nullable=True),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["issued_by"], ["staff.id"], name=op.f("fk_member_coupons_issued_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_member_coupons_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["offers.id"], name=op.f("fk_member_coupons_offer_id_offers")
        ),
        sa.ForeignKeyConstraint(
            ["used_order_id"], ["orders.id"], name=op.f("fk_member_coupons_used_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_coupons")),
        sa.UniqueConstraint("code", name=op.f("uq_member_coupons_code")),
    )
    with op.batch_alter_table("member_coupons", schema=None) as batch_op:
        batch_op.create_index("ix_member_coupons_member", ["member_id", "expires_on"], unique=False)

    op.create_table(
        "order_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("coupon_id", sa.Integer(), nullable=True),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["coupon_id"],
            ["member_coupons.id"],
            name=op.f("fk_order_offers_coupon_id_member_coupons"),
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_order_offers_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["offers.id"], name=op.f("fk_order_offers_offer_id_offers")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_order_offers_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_offers")),
    )
    with op.batch_alter_table("order_offers", schema=None) as batch_op:
        batch_op.create_index("ix_order_offers_member", ["member_id", "offer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_order_offers_order_id"), ["order_id"], unique=False)

    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("segment", sa.String(length=24), server_default="", nullable=False)
        )

    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("offer_discount_fen", sa.BigInteger(), server_default="0", nullable=False)
        )

    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("offer_discount_fen", sa.BigInteger(), server_default="0", nullable=False)
        )

    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(sa.Column("badge_no", sa.String(length=40), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_staff_badge_no"), ["badge_no"])


def downgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_staff_badge_no"), type_="unique")
        batch_op.drop_column("badge_no")

    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_column("offer_discount_fen")

    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.drop_column("offer_discount_fen")

    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("segment")

    with op.batch_alter_table("order_offers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_order_offers_order_id"))
        batch_op.drop_index("ix_order_offers_member")

    op.drop_table("order_offers")
    with op.batch_alter_table("member_coupons", schema=None) as batch_op:
        batch_op.drop_index("ix_member_coupons_member")

    op.drop_table("member_coupons")
    op.drop_table("offer_items")
    op.drop_table("offer_tiers")
    op.drop_table("offer_categories")
    op.drop_table("public_holidays")
    op.drop_table("offers")

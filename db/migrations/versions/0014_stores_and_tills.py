"""Stores and tills: a chain's restaurants, the till ids the database hands out or checks,
the offers a store does not run; orders, payments, refunds, print jobs and audit events
carry their store (and payments their till). One default store is made from the
restaurant profile (its header and cut-off left to follow the profile) and every till id
found in orders and print jobs is registered to it, held by no machine until one claims
it; existing rows are given that store. ``store_id`` is not part of any hash chain, so
the chains verify as before. On SQLite the columns are added without rebuilding the
tables (``ADD COLUMN … REFERENCES``): at a million members the rebuilds took minutes.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 02:30:00
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
REBUILDS_NO_TABLE = True  # new tables, nullable columns (SQLite: ADD COLUMN): no FK check
branch_labels = None
depends_on = None

DEFAULT_STORE_NAME = "Main store"
_STAMPED = ("orders", "payments", "refunds", "print_jobs", "audit_events")


def upgrade() -> None:
    op.create_table(
        "stores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("address", sa.Text(), server_default="", nullable=False),
        sa.Column("receipt_header", sa.Text(), nullable=True),
        sa.Column("cutoff_hour", sa.Integer(), nullable=True),
        sa.Column("region", sa.String(length=64), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stores")),
        sa.UniqueConstraint("name", name=op.f("uq_stores_name")),
    )
    op.create_table(
        "tills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("till_id", sa.String(length=32), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=True),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_tills_store_id_stores")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tills")),
        sa.UniqueConstraint("till_id", name=op.f("uq_tills_till_id")),
    )
    op.create_table(
        "offer_store_exclusions",
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["offers.id"], name=op.f("fk_offer_store_exclusions_offer_id_offers")
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_offer_store_exclusions_store_id_stores")
        ),
        sa.PrimaryKeyConstraint("offer_id", "store_id", name=op.f("pk_offer_store_exclusions")),
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in _STAMPED:
        if table == "payments":
            op.add_column(table, sa.Column("till_id", sa.String(length=32), nullable=True))
        if sqlite:  # no table rebuild: SQLite adds a nullable column with its reference
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN store_id INTEGER"
                f" CONSTRAINT fk_{table}_store_id_stores REFERENCES stores (id)"
            )
        else:
            op.add_column(table, sa.Column("store_id", sa.Integer(), nullable=True))
            op.create_foreign_key(
                op.f(f"fk_{table}_store_id_stores"), table, "stores", ["store_id"], ["id"]
            )
    _default_store_and_tills(op.get_bind())
    op.create_index(op.f("ix_orders_store_id"), "orders", ["store_id"], unique=False)


def _default_store_and_tills(connection: sa.Connection) -> None:
    settings = dict(connection.execute(sa.text("SELECT key, value FROM settings")).all())
    first = connection.execute(sa.text("SELECT min(created_at) FROM orders")).scalar()
    since = _as_datetime(first) or datetime.now().replace(microsecond=0)
    stores = sa.table(
        "stores",
        sa.column("name"),
        sa.column("address"),
        sa.column("created_at", sa.DateTime()),
    )
    connection.execute(
        stores.insert().values(
            name=(settings.get("restaurant_name") or DEFAULT_STORE_NAME)[:64],
            address=settings.get("restaurant_address", ""),
            created_at=since,
        )
    )
    store_id = connection.execute(sa.text("SELECT min(id) FROM stores")).scalar_one()
    found = connection.execute(
        sa.text("SELECT till_id FROM orders UNION SELECT till_id FROM print_jobs")
    ).scalars()
    tills = sa.table(
        "tills",
        sa.column("till_id"),
        sa.column("store_id"),
        sa.column("registered_at", sa.DateTime()),
    )
    rows = [{"till_id": t, "store_id": store_id, "registered_at": since} for t in sorted(found)]
    if rows:
        connection.execute(tills.insert(), rows)
    for table in _STAMPED:
        connection.execute(sa.text(f"UPDATE {table} SET store_id = :s"), {"s": store_id})
    connection.execute(
        sa.text(
            "UPDATE payments SET till_id ="
            " (SELECT orders.till_id FROM orders WHERE orders.id = payments.order_id)"
        )
    )


def _as_datetime(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and value:
        return datetime.fromisoformat(value)
    return None


def downgrade() -> None:
    op.drop_index(op.f("ix_orders_store_id"), table_name="orders")
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in reversed(_STAMPED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            if not sqlite:  # SQLite's rebuild without the column drops its reference
                batch_op.drop_constraint(
                    batch_op.f(f"fk_{table}_store_id_stores"), type_="foreignkey"
                )
            batch_op.drop_column("store_id")
            if table == "payments":
                batch_op.drop_column("till_id")
    op.drop_table("offer_store_exclusions")
    op.drop_table("tills")
    op.drop_table("stores")

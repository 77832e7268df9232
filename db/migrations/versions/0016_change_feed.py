"""Change feed: triggers note each change to what a till's local copy holds.

Every insert, update and delete on a member's own rows (the member, cards, search keys,
ledger entries, coupons) writes ``(seq, 'members', member_id)``; an update that moves a
row to another member (a merge) notes both. A change to a shared table (settings,
stores, tills, staff, menu, tiers, rules, offers, holidays) writes ``(seq, table, NULL)``.
On PostgreSQL the row also carries the transaction id, and a transaction notes a member
or a shared table once (a checkout touches the member's row and ledgers several times).

Triggers see every writer. A later migration that rebuilds one of these tables on
SQLite (batch mode: copy, drop, rename) drops its triggers and must create them again
(``tests/integration/test_local_copy.py`` checks that every table has its triggers).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
REBUILDS_NO_TABLE = True  # one new table and triggers: no foreign-key check needed
branch_labels = None
depends_on = None

MEMBER_TABLES = {
    "members": "id",
    "cards": "member_id",
    "member_search_keys": "member_id",
    "points_ledger": "member_id",
    "stored_value_ledger": "member_id",
    "member_coupons": "member_id",
}
SHARED_TABLES = (
    "settings",
    "stores",
    "tills",
    "staff",
    "menu_categories",
    "menu_items",
    "tiers",
    "tier_excluded_categories",
    "renewal_offers",
    "top_up_rules",
    "offers",
    "offer_categories",
    "offer_items",
    "offer_tiers",
    "offer_store_exclusions",
    "public_holidays",
)

_PG_FUNCTIONS = """
CREATE FUNCTION change_feed_note(changed_table text, member integer) RETURNS void AS $$
DECLARE
    current_xid bigint := pg_current_xact_id()::text::bigint;
BEGIN
    IF member IS NULL THEN
        IF EXISTS (
            SELECT 1 FROM change_feed
            WHERE xid = current_xid AND member_id IS NULL AND table_name = changed_table
        ) THEN
            RETURN;
        END IF;
    ELSIF EXISTS (SELECT 1 FROM change_feed WHERE xid = current_xid AND member_id = member) THEN
        RETURN;
    END IF;
    INSERT INTO change_feed (table_name, member_id, xid)
    VALUES (changed_table, member, current_xid);
END $$ LANGUAGE plpgsql;

CREATE FUNCTION change_feed_member_by_id() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM change_feed_note('members', OLD.id);
        RETURN OLD;
    END IF;
    PERFORM change_feed_note('members', NEW.id);
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE FUNCTION change_feed_member_by_member_id() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM change_feed_note('members', OLD.member_id);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR OLD.member_id IS DISTINCT FROM NEW.member_id)
    THEN
        PERFORM change_feed_note('members', NEW.member_id);
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE FUNCTION change_feed_shared() RETURNS trigger AS $$
BEGIN
    PERFORM change_feed_note(TG_TABLE_NAME, NULL);
    RETURN NULL;
END $$ LANGUAGE plpgsql;
"""


def _sqlite_triggers() -> list[str]:
    def note(name: str, on: str, event: str, table: str, member: str, when: str = "") -> str:
        return (
            f"CREATE TRIGGER change_feed_{on}_{name} AFTER {event} ON {on}{when} BEGIN "
            f"INSERT INTO change_feed (table_name, member_id) VALUES ('{table}', {member}); END"
        )

    made = []
    for table, key in MEMBER_TABLES.items():
        made.append(note("insert", table, "INSERT", "members", f"NEW.{key}"))
        made.append(note("update", table, "UPDATE", "members", f"NEW.{key}"))
        made.append(note("delete", table, "DELETE", "members", f"OLD.{key}"))
        if key != "id":
            moved = f" WHEN OLD.{key} IS NOT NEW.{key}"
            made.append(note("moved", table, f"UPDATE OF {key}", "members", f"OLD.{key}", moved))
    for table in SHARED_TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            made.append(note(event.lower(), table, event, table, "NULL"))
    return made


def _postgresql_triggers() -> list[str]:
    made = [_PG_FUNCTIONS]
    for table, key in MEMBER_TABLES.items():
        function = "change_feed_member_by_id" if key == "id" else "change_feed_member_by_member_id"
        made.append(
            f"CREATE TRIGGER change_feed_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
    for table in SHARED_TABLES:
        made.append(
            f"CREATE TRIGGER change_feed_{table} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION change_feed_shared()"
        )
    return made


def upgrade() -> None:
    op.create_table(
        "change_feed",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
        ),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("xid", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_change_feed")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_change_feed_xid", "change_feed", ["xid", "member_id"])
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in _sqlite_triggers() if sqlite else _postgresql_triggers():
        op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        names = bind.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'change_feed_%'"
        ).scalars()
        for name in list(names):
            op.execute(f"DROP TRIGGER {name}")
    else:
        for table in (*MEMBER_TABLES, *SHARED_TABLES):
            op.execute(f"DROP TRIGGER change_feed_{table} ON {table}")
        for function in (
            "change_feed_shared()",
            "change_feed_member_by_member_id()",
            "change_feed_member_by_id()",
            "change_feed_note(text, integer)",
        ):
            op.execute(f"DROP FUNCTION {function}")
    op.drop_index("ix_change_feed_xid", table_name="change_feed")
    op.drop_table("change_feed")

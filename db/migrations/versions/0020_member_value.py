"""Member value for the member list's sort: ``members.value_fen``, the member's lifetime
value estimate (``app.domain.member_value``) as of the last day it was worked out, with an
index for the list's keyset walk.

No member row is rewritten here: the column starts ``NULL`` ("not valued yet") and the
daily job (``app.services.member_values``) values every member on its first run, in small
chunks in the background, as it does segments. SQLite adds the column without rebuilding
the table.

The value changes every day for most members who come, and the tills' local copies never
show it: so the change feed's trigger on ``members`` fires on updates of every *other*
column (``UPDATE OF``), and a day's valuation does not send a hundred thousand members
to every till's copy. A column added to ``members`` later must be added to the trigger's
list (``tests/integration/test_local_copy.py`` checks it).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05 10:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
REBUILDS_NO_TABLE = True  # a nullable column (SQLite: ADD COLUMN), its index, a trigger
branch_labels = None
depends_on = None

UNFED = "value_fen"
SQLITE_TRIGGER = "change_feed_members_update"
SQLITE_NOTE = "INSERT INTO change_feed (table_name, member_id) VALUES ('members', NEW.id)"


def upgrade() -> None:
    op.add_column("members", sa.Column(UNFED, sa.BigInteger(), nullable=True))
    op.create_index(op.f("ix_members_value_fen"), "members", ["value_fen"], unique=False)
    fed = [c["name"] for c in sa.inspect(op.get_bind()).get_columns("members")]
    _feed_updates_of([name for name in fed if name != UNFED])


def downgrade() -> None:
    _feed_updates_of(None)
    op.drop_index(op.f("ix_members_value_fen"), table_name="members")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column(UNFED)


def _feed_updates_of(columns: list[str] | None) -> None:
    """The members trigger on updates of ``columns`` (``None``: of any column, as 0016)."""
    of = "" if columns is None else " OF " + ", ".join(columns)
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP TRIGGER {SQLITE_TRIGGER}")
        op.execute(
            f"CREATE TRIGGER {SQLITE_TRIGGER} AFTER UPDATE{of} ON members BEGIN {SQLITE_NOTE}; END"
        )
    else:
        op.execute("DROP TRIGGER change_feed_members ON members")
        op.execute(
            f"CREATE TRIGGER change_feed_members AFTER INSERT OR DELETE OR UPDATE{of}"
            " ON members FOR EACH ROW EXECUTE FUNCTION change_feed_member_by_id()"
        )

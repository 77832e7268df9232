"""What the local copy holds, and the statements that read it from the server.

Shared tables are copied whole (they are small). A member's own rows are copied per
member: the member, cards, search keys and coupons not yet used, and each ledger as
one entry carrying the balance (``BALANCE_REASON``, id ``-member_id``), because the
entries refer to orders the copy does not hold. Values are read as SQLite stores them
(text dates in SQLAlchemy's format, 0/1 booleans): a SQLite server already has them so,
PostgreSQL formats them in the statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Integer,
    Table,
    cast,
    func,
    literal,
    null,
    select,
)
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import Select
from sqlalchemy.types import Boolean, Date, DateTime, Time

from db.models import Base

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
"""Copied whole whenever the feed names them (migration 0016 has the same list)."""
MEMBER_ROWS = ("cards", "member_search_keys", "member_coupons")
LEDGERS = ("points_ledger", "stored_value_ledger")
MEMBER_TABLES = ("members", *MEMBER_ROWS, *LEDGERS)
BALANCE_REASON = "balance_copied"
LOCAL_KEYS = "local_copy."
"""Settings keys the copy keeps for itself (its position in the feed, when built)."""

_SQLITE_DATETIME = "YYYY-MM-DD HH24:MI:SS.US"
_SQLITE_DATE = "YYYY-MM-DD"
_SQLITE_TIME = "HH24:MI:SS.US"


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def stored_form(column: ColumnElement[Any], kind: Any, dialect: str) -> ColumnElement[Any]:
    """``column`` as SQLite stores a value of type ``kind`` (unchanged from SQLite)."""
    if dialect == "sqlite":
        return column
    if isinstance(kind, DateTime):
        return func.to_char(column, _SQLITE_DATETIME)
    if isinstance(kind, Date):
        return func.to_char(column, _SQLITE_DATE)
    if isinstance(kind, Time):
        return func.to_char(column, _SQLITE_TIME)
    if isinstance(kind, Boolean):
        return cast(column, Integer)
    return column


def _columns(name: str, dialect: str) -> list[ColumnElement[Any]]:
    return [stored_form(column, column.type, dialect) for column in table(name).columns]


def _order(name: str) -> list[Column[Any]]:
    return list(table(name).primary_key.columns)


def rows_of(name: str, dialect: str, member_ids: Sequence[int] | None = None) -> Select[Any]:
    """The rows of ``name`` in the copy's column order: all of them, or (for a member's
    own table) those of ``member_ids``. Used coupons stay on the server."""
    source = table(name)
    query = select(*_columns(name, dialect)).order_by(*_order(name))
    if name == "member_coupons":
        query = query.where(source.c.used_order_id.is_(None))
    if member_ids is not None:
        key = source.c.id if name == "members" else source.c.member_id
        query = query.where(key.in_(member_ids))
    return query


def balances_of(name: str, dialect: str, member_ids: Sequence[int] | None = None) -> Select[Any]:
    """One entry per member carrying the ledger's sum, in the copy's column order."""
    source = table(name)
    member = source.c.member_id
    given: dict[str, ColumnElement[Any]] = {
        "id": -member,
        "member_id": member,
        "reason": literal(BALANCE_REASON),
        "created_at": stored_form(func.max(source.c.created_at), DateTime(), dialect),
        "written_member_id": member,
    }
    for amount in ("delta", "principal_delta_fen", "bonus_delta_fen"):
        if amount in source.c:
            given[amount] = cast(func.sum(source.c[amount]), BigInteger)
    query = select(*(given.get(column.name, null()) for column in source.columns))
    if member_ids is not None:
        query = query.where(member.in_(member_ids))
    return query.group_by(member).order_by(member)


def reader(name: str, dialect: str, member_ids: Sequence[int] | None = None) -> Select[Any]:
    """What the copy holds of ``name`` (of ``member_ids`` only, if given)."""
    read = balances_of if name in LEDGERS else rows_of
    return read(name, dialect, member_ids)


def driver_rows(connection: Connection, query: Select[Any], batch: int) -> Any:
    """Run ``query`` on the driver's own cursor (values as the driver gives them, no
    SQLAlchemy processing); yields lists of up to ``batch`` rows."""
    sql = str(query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    driver = connection.connection.dbapi_connection
    assert driver is not None
    # psycopg: a server-side cursor, so a million rows never sit in memory at once (it
    # needs the transaction the caller holds); sqlite3 steps through the rows anyway.
    named = connection.dialect.name == "postgresql"
    cursor = driver.cursor(name="local_copy") if named else driver.cursor()
    try:
        cursor.execute(sql)
        while rows := cursor.fetchmany(batch):
            yield rows
    finally:
        cursor.close()


def insert_sql(name: str, replace: bool = False) -> str:
    columns = [column.name for column in table(name).columns]
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    return '{} INTO "{}" ({}) VALUES ({})'.format(
        verb, name, ", ".join(f'"{c}"' for c in columns), ", ".join("?" for _ in columns)
    )

"""Campaign control groups in the local copy: each campaign, and the members held back
from its offer, so a held-back member is priced offline exactly as online
(``db/campaigns.py:held_back_offers`` reads the same tables over the copy).

Only the held-back rows are copied (the offered members need nothing: the offer reaches
them through the offers the copy holds), without their coupon (a held-back member is given
none; the copy holds no used coupons for the key to point at).

The server's change feed (migration 0016) has no triggers on the campaign tables, and
the server's schema is not changed for them. What moves the set is covered otherwise:

- A campaign is started once with its whole audience in one transaction and its
  membership does not change afterwards: each refresh copies the campaigns the copy does
  not hold yet (a read of the campaigns' ids; a copy built before this version gets them
  all at its next refresh).
- A merge moves the absorbed member's campaign rows to the survivor; it changes both
  members, which the feed notes: a changed member's held-back rows are replaced with
  the rest of their rows (``replace_members``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from sqlalchemy import null, select, true
from sqlalchemy.sql.selectable import Select

from db.local_copy.tables import insert_sql, stored_form, table

CAMPAIGNS, HELD_BACK = "campaigns", "campaign_members"
_CHUNK = 400  # values per IN (...) on the copy, under SQLite's parameter limit


def campaigns_of(dialect: str, campaign_ids: Sequence[int] | None = None) -> Select[Any]:
    source = table(CAMPAIGNS)
    query = select(*(stored_form(c, c.type, dialect) for c in source.columns))
    if campaign_ids is not None:
        query = query.where(source.c.id.in_(campaign_ids))
    return query.order_by(source.c.id)


def held_back_of(
    dialect: str,
    *,
    member_ids: Sequence[int] | None = None,
    campaign_ids: Sequence[int] | None = None,
) -> Select[Any]:
    """The held-back rows (of ``member_ids`` or ``campaign_ids`` if given), in the copy's
    column order, without a coupon."""
    source = table(HELD_BACK)
    columns = [
        null() if c.name == "coupon_id" else stored_form(c, c.type, dialect) for c in source.columns
    ]
    query = select(*columns).where(source.c.held_back == true())
    if member_ids is not None:
        query = query.where(source.c.member_id.in_(member_ids))
    if campaign_ids is not None:
        query = query.where(source.c.campaign_id.in_(campaign_ids))
    return query.order_by(source.c.id)


def campaign_ids() -> Select[Any]:
    """The server's campaigns, by id (read at each refresh: there are few)."""
    return select(table(CAMPAIGNS).c.id)


def campaign_ids_in_copy(local: sqlite3.Connection) -> set[int]:
    return {campaign_id for (campaign_id,) in local.execute(f'SELECT id FROM "{CAMPAIGNS}"')}


def write_campaigns(local: sqlite3.Connection, campaigns: list[Any], held: list[Any]) -> None:
    """Inside the caller's transaction; a campaign or row written again is replaced."""
    local.executemany(insert_sql(CAMPAIGNS, replace=True), campaigns)
    local.executemany(insert_sql(HELD_BACK, replace=True), held)


def replace_members_held_back(
    local: sqlite3.Connection, member_ids: Sequence[int], held: list[Any]
) -> None:
    """The held-back rows of ``member_ids`` become ``held`` (the server's), inside the
    caller's transaction."""
    for start in range(0, len(member_ids), _CHUNK):
        chunk = list(member_ids[start : start + _CHUNK])
        marks = ", ".join("?" for _ in chunk)
        local.execute(f'DELETE FROM "{HELD_BACK}" WHERE member_id IN ({marks})', chunk)
    local.executemany(insert_sql(HELD_BACK, replace=True), held)

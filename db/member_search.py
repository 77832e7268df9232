"""The lookups behind the till's search box, as Core statements that each use one index.

Every statement reads the same columns (``CANDIDATE_COLUMNS``), so a result row is
the same shape whatever found it. Prefix searches bind an explicit range
(``>= prefix`` and ``< prefix + U+10FFFF``) instead of ``LIKE``: SQLAlchemy's
``startswith`` defeats the SQLite index, and a range works the same on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import Connection, and_, bindparam, select

from db.models import CardRow, MemberRow, MemberSearchKeyRow, TierRow

CANDIDATE_COLUMNS = (
    MemberRow.id,
    MemberRow.member_no,
    MemberRow.name,
    MemberRow.phone,
    MemberRow.expires_on,
    MemberRow.merged_into_id,
    TierRow.name_zh,
    TierRow.name_en,
)


class MemberMatch(NamedTuple):
    member_id: int
    member_no: str
    name: str
    phone: str
    expires_on: date | None
    merged_into_id: int | None
    tier_name_zh: str
    tier_name_en: str


class CardMatch(NamedTuple):
    member: MemberMatch
    card_status: str


_HIGHEST = "\U0010ffff"

_members = select(*CANDIDATE_COLUMNS).join(TierRow, TierRow.id == MemberRow.tier_id)
_by_id = _members.where(MemberRow.id == bindparam("member_id"))
_by_member_no = _members.where(MemberRow.member_no == bindparam("value"))
_by_phone = _members.where(MemberRow.phone == bindparam("value"))
_by_card = (
    select(*CANDIDATE_COLUMNS, CardRow.status)
    .join(MemberRow, MemberRow.id == CardRow.member_id)
    .join(TierRow, TierRow.id == MemberRow.tier_id)
    .where(CardRow.card_no == bindparam("value"))
)
_by_last4 = (
    _members.where(
        MemberRow.phone_last4 == bindparam("value"),
        MemberRow.merged_into_id.is_(None),
    )
    .order_by(MemberRow.phone_last4, MemberRow.id)
    .limit(bindparam("limit"))
)
_by_phone_prefix = (
    _members.where(
        MemberRow.phone >= bindparam("low"),
        MemberRow.phone < bindparam("high"),
        MemberRow.merged_into_id.is_(None),
    )
    .order_by(MemberRow.phone)
    .limit(bindparam("limit"))
)
_by_key = (
    select(*CANDIDATE_COLUMNS)
    .select_from(MemberSearchKeyRow)
    .join(MemberRow, MemberRow.id == MemberSearchKeyRow.member_id)
    .join(TierRow, TierRow.id == MemberRow.tier_id)
    .where(
        and_(
            MemberSearchKeyRow.kind == bindparam("kind"),
            MemberSearchKeyRow.key >= bindparam("low"),
            MemberSearchKeyRow.key < bindparam("high"),
        )
    )
    .order_by(MemberSearchKeyRow.kind, MemberSearchKeyRow.key, MemberSearchKeyRow.member_id)
    .limit(bindparam("limit"))
)


def _match(row: Sequence[Any] | None) -> MemberMatch | None:
    return None if row is None else MemberMatch(*row[:8])


def _matches(
    connection: Connection, statement: object, params: dict[str, object]
) -> list[MemberMatch]:
    rows = connection.execute(statement, params)  # type: ignore[call-overload]
    return [MemberMatch(*row) for row in rows]


def by_id(connection: Connection, member_id: int) -> MemberMatch | None:
    return _match(connection.execute(_by_id, {"member_id": member_id}).first())


def by_member_no(connection: Connection, member_no: str) -> MemberMatch | None:
    return _match(connection.execute(_by_member_no, {"value": member_no}).first())


def by_phone(connection: Connection, phone: str) -> MemberMatch | None:
    return _match(connection.execute(_by_phone, {"value": phone}).first())


def by_card(connection: Connection, card_no: str) -> CardMatch | None:
    row = connection.execute(_by_card, {"value": card_no}).first()
    if row is None:
        return None
    return CardMatch(MemberMatch(*row[:8]), str(row[8]))


def by_phone_last4(connection: Connection, last4: str, limit: int) -> list[MemberMatch]:
    return _matches(connection, _by_last4, {"value": last4, "limit": limit})


def by_phone_prefix(connection: Connection, prefix: str, limit: int) -> list[MemberMatch]:
    params: dict[str, object] = {"low": prefix, "high": prefix + _HIGHEST, "limit": limit}
    return _matches(connection, _by_phone_prefix, params)


def by_key_prefix(connection: Connection, kind: int, prefix: str, limit: int) -> list[MemberMatch]:
    """Members with a key of ``kind`` starting with ``prefix``, each once, in key order."""
    params: dict[str, object] = {
        "kind": kind,
        "low": prefix,
        "high": prefix + _HIGHEST,
        "limit": limit,
    }
    seen: set[int] = set()
    unique: list[MemberMatch] = []
    for match in _matches(connection, _by_key, params):
        if match.member_id not in seen:
            seen.add(match.member_id)
            unique.append(match)
    return unique

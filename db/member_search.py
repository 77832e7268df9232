"""The lookups behind the till's search box, as Core statements that each use one index.

``SqlMemberLookups`` runs them through a ``LookupReader`` (one driver connection per
thread, statements compiled once) and returns the domain's values.

Every statement reads the same columns (``CANDIDATE_COLUMNS``), so a result row is
the same shape whatever found it. Prefix searches bind an explicit range
(``>= prefix`` and ``< prefix + U+10FFFF``) instead of ``LIKE``: SQLAlchemy's
``startswith`` defeats the SQLite index, and a range works the same on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import Engine, and_, bindparam, select
from sqlalchemy.sql.expression import ClauseElement

from app.domain.member_search import CardMatch, LoadedMember, MemberMatch
from app.domain.members import MemberId, MemberSummary
from app.domain.menu import CategoryId
from app.domain.tiers import Tier, TierId
from db.ledgers import points_balance_of_member, stored_value_of_member
from db.lookup_reader import LookupReader, as_date
from db.models import (
    CardRow,
    MemberRow,
    MemberSearchKeyRow,
    SettingRow,
    TierExcludedCategoryRow,
    TierRow,
)
from db.programme_version import VERSION_KEY

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


_HIGHEST = "\U0010ffff"

_members = select(*CANDIDATE_COLUMNS).join(TierRow, TierRow.id == MemberRow.tier_id)
# An erased member (pseudonymised at their request) is found by nothing the guest holds.
_by_id = _members.where(MemberRow.id == bindparam("member_id"), MemberRow.erased_at.is_(None))
_by_member_no = _members.where(
    MemberRow.member_no == bindparam("value"), MemberRow.erased_at.is_(None)
)
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


def _member(row: Sequence[Any]) -> MemberMatch:
    member_id, member_no, name, phone, expires_on, merged_into_id, tier_zh, tier_en = row[:8]
    return MemberMatch(
        member_id, member_no, name, phone, as_date(expires_on), merged_into_id, tier_zh, tier_en
    )


class MemberDetail(NamedTuple):
    """A member as the till shows them once identified, balances included."""

    member_id: int
    member_no: str
    name: str
    phone: str
    tier_id: int
    joined_on: date
    expires_on: date | None
    preferences: str
    allergies: str
    merged_into_id: int | None
    points: int
    stored_value: int


class TierValues(NamedTuple):
    tier_id: int
    code: str
    rank: int
    name_zh: str
    name_en: str
    discount_bp: int
    points_multiplier_bp: int
    annual_fee: int
    excluded_category_ids: frozenset[int]


_points = points_balance_of_member()
_stored_value = stored_value_of_member()
_detail = select(
    MemberRow.id,
    MemberRow.member_no,
    MemberRow.name,
    MemberRow.phone,
    MemberRow.tier_id,
    MemberRow.joined_on,
    MemberRow.expires_on,
    MemberRow.preferences,
    MemberRow.allergies,
    MemberRow.merged_into_id,
    _points,
    _stored_value,
    select(SettingRow.value).where(SettingRow.key == VERSION_KEY).scalar_subquery(),
).where(MemberRow.id == bindparam("member_id"))
"""The member, and the programme's version token: the tiers kept under it serve."""
_tiers = select(
    TierRow.id,
    TierRow.code,
    TierRow.rank,
    TierRow.name_zh,
    TierRow.name_en,
    TierRow.discount_bp,
    TierRow.points_multiplier_bp,
    TierRow.annual_fee_fen,
).order_by(TierRow.rank)
_exclusions = select(TierExcludedCategoryRow.tier_id, TierExcludedCategoryRow.category_id)


class SqlMemberLookups:
    """The till's search statements on one ``LookupReader``; ``close`` its connections."""

    def __init__(self, engine: Engine) -> None:
        self._reader = LookupReader(engine)
        self._kept_tiers: tuple[str, dict[int, TierValues]] | None = None
        """The tiers as read under a version token (``db.programme_version``): a member's
        tier is not read again until a write to the programme replaces the token."""

    def close(self) -> None:
        self._reader.close()

    def by_id(self, member_id: int) -> MemberMatch | None:
        return self._first(_by_id, {"member_id": member_id})

    def by_member_no(self, member_no: str) -> MemberMatch | None:
        return self._first(_by_member_no, {"value": member_no})

    def by_phone(self, phone: str) -> MemberMatch | None:
        return self._first(_by_phone, {"value": phone})

    def by_card(self, card_no: str) -> CardMatch | None:
        rows = self._reader.rows(_by_card, {"value": card_no})
        return CardMatch(_member(rows[0]), str(rows[0][8])) if rows else None

    def by_phone_last4(self, last4: str, limit: int) -> list[MemberMatch]:
        rows = self._reader.rows(_by_last4, {"value": last4, "limit": limit})
        return [_member(row) for row in rows]

    def by_phone_prefix(self, prefix: str, limit: int) -> list[MemberMatch]:
        params: dict[str, object] = {"low": prefix, "high": prefix + _HIGHEST, "limit": limit}
        return [_member(row) for row in self._reader.rows(_by_phone_prefix, params)]

    def by_key_prefix(self, kind: int, prefix: str, limit: int) -> list[MemberMatch]:
        """Members with a key of ``kind`` starting with ``prefix``, each once, in key order."""
        params: dict[str, object] = {
            "kind": kind,
            "low": prefix,
            "high": prefix + _HIGHEST,
            "limit": limit,
        }
        seen: set[int] = set()
        unique: list[MemberMatch] = []
        for row in self._reader.rows(_by_key, params):
            match = _member(row)
            if match.member_id not in seen:
                seen.add(match.member_id)
                unique.append(match)
        return unique

    def member(self, member_id: int) -> LoadedMember | None:
        """The member with both balances (one statement, each sum through its index)."""
        found = self._detail(member_id)
        if found is None:
            return None
        detail, version = found
        tier = self._tiers(version).get(detail.tier_id)
        if tier is None:  # a tier newer than the kept ones, written without a new token
            tier = self._tiers(None)[detail.tier_id]
        return LoadedMember(summary_from_detail(detail, tier), detail.merged_into_id)

    def _first(self, statement: ClauseElement, params: dict[str, object]) -> MemberMatch | None:
        rows = self._reader.rows(statement, params)
        return _member(rows[0]) if rows else None

    def _detail(self, member_id: int) -> tuple[MemberDetail, str | None] | None:
        rows = self._reader.rows(_detail, {"member_id": member_id})
        if not rows:
            return None
        row = list(rows[0])
        version = row.pop()
        row[5], row[6] = as_date(row[5]), as_date(row[6])
        row[10], row[11] = int(row[10]), int(row[11])
        return MemberDetail(*row), version

    def _tiers(self, version: str | None) -> dict[int, TierValues]:
        kept = self._kept_tiers
        if version is not None and kept is not None and kept[0] == version:
            return kept[1]
        tiers = self._read_tiers()
        if version is not None:
            self._kept_tiers = (version, tiers)
        return tiers

    def _read_tiers(self) -> dict[int, TierValues]:
        excluded: dict[int, set[int]] = {}
        for tier_id, category_id in self._reader.rows(_exclusions, {}):
            excluded.setdefault(tier_id, set()).add(category_id)
        return {
            tier_id: TierValues(
                tier_id, code, rank, zh, en, bp, multiplier, fee,
                frozenset(excluded.get(tier_id, ())),
            )
            for tier_id, code, rank, zh, en, bp, multiplier, fee in self._reader.rows(_tiers, {})
        }  # fmt: skip


def summary_from_detail(detail: MemberDetail, tier: TierValues) -> MemberSummary:
    return MemberSummary(
        member_id=MemberId(detail.member_id),
        member_no=detail.member_no,
        name=detail.name,
        phone=detail.phone,
        tier=Tier(
            tier_id=TierId(tier.tier_id),
            code=tier.code,
            rank=tier.rank,
            name_zh=tier.name_zh,
            name_en=tier.name_en,
            discount_bp=tier.discount_bp,
            excluded_categories=frozenset(CategoryId(c) for c in tier.excluded_category_ids),
            points_multiplier_bp=tier.points_multiplier_bp,
            annual_fee=tier.annual_fee,
        ),
        joined_on=detail.joined_on,
        expires_on=detail.expires_on,
        points=detail.points,
        stored_value=detail.stored_value,
        preferences=detail.preferences,
        allergies=detail.allergies,
    )

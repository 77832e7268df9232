"""The tiers as the pure domain's values, kept by the till while the programme's version
token is unchanged (``db.programme_version``), so a checkout does not read them again.

A checkout sums up the member, prices with their tier, checks personal offers and
qualifies them against the tiers: two statements and eight ORM rows loaded every time,
for rows that change a few times a year. Every write to ``tiers`` or
``tier_excluded_categories`` through a session replaces the token in the same
transaction; an edit still pending in the session is read from it, not from here.
"""

from __future__ import annotations

from itertools import chain
from weakref import WeakKeyDictionary

from sqlalchemy.orm import Session

from app.domain.menu import CategoryId
from app.domain.tiers import Tier, TierId
from db import queries
from db.models import TierExcludedCategoryRow, TierRow
from db.programme_rows import tier_rows
from db.programme_version import VERSION_KEY

_kept: WeakKeyDictionary[object, tuple[str, tuple[Tier, ...]]] = WeakKeyDictionary()
"""Per engine: the tiers by rank as read under a version token."""


def tier_from_row(row: TierRow) -> Tier:
    return Tier(
        tier_id=TierId(row.id),
        code=row.code,
        rank=row.rank,
        name_zh=row.name_zh,
        name_en=row.name_en,
        discount_bp=row.discount_bp,
        excluded_categories=frozenset(CategoryId(e.category_id) for e in row.excluded),
        points_multiplier_bp=row.points_multiplier_bp,
        annual_fee=row.annual_fee_fen,
        birthday_benefit_zh=row.birthday_benefit_zh,
        birthday_benefit_en=row.birthday_benefit_en,
    )


def ranked_tiers(session: Session) -> tuple[Tier, ...]:
    """Every tier, lowest rank first: kept while the version token is the one they were
    read under, read in the session's transaction otherwise."""
    if _tier_edits_pending(session):
        return tuple(tier_from_row(row) for row in tier_rows(session))
    version = queries.settings(session).get(VERSION_KEY)
    engine = session.get_bind()
    kept = _kept.get(engine)
    if version is not None and kept is not None and kept[0] == version:
        return kept[1]
    tiers = tuple(tier_from_row(row) for row in tier_rows(session))
    if version is not None:
        _kept[engine] = (version, tiers)
    return tiers


def tier_by_id(session: Session, tier_id: int) -> Tier:
    """The tier ``tier_id`` (a member's foreign key: it exists)."""
    for tier in ranked_tiers(session):
        if tier.tier_id == tier_id:
            return tier
    row = session.get(TierRow, tier_id)  # newer than the kept ones: written meanwhile
    assert row is not None, "foreign key guarantees the tier"
    return tier_from_row(row)


def _tier_edits_pending(session: Session) -> bool:
    pending = chain(session.new, session.dirty, session.deleted)
    return any(isinstance(row, TierRow | TierExcludedCategoryRow) for row in pending)

"""Turn ORM rows into the frozen domain objects the UI and pricing use."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.domain.members import MemberCandidate, MemberId, MemberSummary
from app.domain.menu import CategoryId
from app.domain.phone import mask_phone
from app.domain.tiers import Tier, TierId
from db.member_search import MemberDetail, TierValues
from db.models import (
    MemberRow,
    TierRow,
)


def member_candidate(session: Session, row: MemberRow) -> MemberCandidate:
    tier_row = session.get(TierRow, row.tier_id)
    assert tier_row is not None, "foreign key guarantees the tier"
    return MemberCandidate(
        member_id=MemberId(row.id),
        member_no=row.member_no,
        name=row.name,
        masked_phone=mask_phone(row.phone),
        tier_name_zh=tier_row.name_zh,
        tier_name_en=tier_row.name_en,
        expires_on=row.expires_on,
    )


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

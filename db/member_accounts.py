"""The member aggregate in SQL: lock, read as the till shows them, change tier; and tiers.

These repositories return the pure domain's values (``app.domain``), the one part of
``app`` that ``db`` may import.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.domain.members import MemberId, MemberSummary
from app.domain.menu import CategoryId
from app.domain.tiers import Tier, TierChange, TierId
from db.ledgers import SqlLedgers
from db.loyalty import lock_member
from db.models import MemberRow, TierChangeRow, TierRow


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


def member_summary(session: Session, row: MemberRow) -> MemberSummary:
    tier_row = session.get(TierRow, row.tier_id)
    assert tier_row is not None, "foreign key guarantees the tier"
    ledgers = SqlLedgers(session)
    return MemberSummary(
        member_id=MemberId(row.id),
        member_no=row.member_no,
        name=row.name,
        phone=row.phone,
        tier=tier_from_row(tier_row),
        joined_on=row.joined_on,
        expires_on=row.expires_on,
        points=ledgers.points_balance(row.id),
        stored_value=ledgers.stored_value(row.id).total,
        preferences=row.preferences,
        allergies=row.allergies,
        birthday=row.birthday,
        segment=row.segment,
    )


class SqlMemberAccounts:
    def __init__(self, session: Session) -> None:
        self._session = session

    def lock(self, member_id: MemberId) -> MemberSummary:
        return member_summary(self._session, lock_member(self._session, member_id))

    def summary(self, member_id: MemberId) -> MemberSummary:
        row = self._session.get(MemberRow, member_id)
        if row is None:
            raise LookupError(f"member {member_id} does not exist")
        return member_summary(self._session, row)

    def change_tier(
        self,
        member_id: MemberId,
        change: TierChange,
    ) -> None:
        row = self._session.get(MemberRow, member_id)
        if row is None:
            raise LookupError(f"member {member_id} does not exist")
        self._session.add(
            TierChangeRow(
                member_id=row.id,
                from_tier_id=row.tier_id,
                to_tier_id=change.to_tier,
                reason=change.reason,
                order_id=change.order_id,
                staff_id=change.staff_id,
                approver_id=change.approver_id,
                note=change.note,
                at=change.at,
            )
        )
        row.tier_id = change.to_tier


class SqlTiers:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, tier_id: TierId) -> Tier | None:
        row = self._session.get(TierRow, tier_id)
        return tier_from_row(row) if row is not None else None

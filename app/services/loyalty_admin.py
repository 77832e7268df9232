"""A manager edits the loyalty programme's data: tiers, renewal offers and top-up rules
(targeted offers, holidays and stacking: ``app.services.offer_admin``).

Every write is permission-checked here, validated (``app.domain.loyalty_admin``), done in
one transaction and audited as ``loyalty_rule_changed`` with the values before and
after (``app.services.rule_admin``). Rows that history refers to are never deleted:
offers and top-up rules are deactivated, and a tier goes only while no member and no
order refers to it.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.loyalty_admin import (
    OfferId,
    OfferSpec,
    RuleRejected,
    TierSpec,
    TopUpRuleId,
    TopUpRuleSpec,
    checked_offer,
    checked_tier,
    checked_top_up_rule,
)
from app.domain.menu import CategoryId, MenuCategory
from app.domain.renewal import OfferKind
from app.domain.staff import StaffMember
from app.domain.tiers import TierId
from app.services.offer_admin import OfferAdmin
from app.services.rule_admin import existing
from db import queries
from db.menu import category_from_row
from db.models import (
    Base,
    MemberRow,
    MembershipRenewalRow,
    MenuCategoryRow,
    RenewalOfferRow,
    TierExcludedCategoryRow,
    TierRow,
    TopUpRuleRow,
)

_KINDS = {kind.value for kind in OfferKind}  # a row of another kind is ignored, as at the till


class LoyaltyAdminService(OfferAdmin):
    """The whole programme's editor: tiers, renewal offers and top-up rules here; targeted
    offers, holidays and stacking from ``OfferAdmin``."""

    def tiers(self) -> list[TierSpec]:
        with self._sessions() as session:
            return [_tier_spec(row) for row in queries.tiers(session)]

    def offers(self) -> list[OfferSpec]:
        """Every renewal offer, the inactive ones too."""
        with self._sessions() as session:
            rows = session.scalars(select(RenewalOfferRow).order_by(RenewalOfferRow.id))
            return [_offer_spec(row) for row in rows if row.kind in _KINDS]

    def top_up_rules(self) -> list[TopUpRuleSpec]:
        """Every top-up rule, the inactive ones too, smallest minimum first."""
        with self._sessions() as session:
            rows = session.scalars(select(TopUpRuleRow).order_by(TopUpRuleRow.minimum_fen))
            return [_top_up_spec(row) for row in rows]

    def categories(self) -> list[MenuCategory]:
        """The menu categories a tier may exclude from its discount."""
        with self._sessions() as session:
            return [category_from_row(row) for row in queries.categories(session)]

    def save_tier(self, spec: TierSpec, staff: StaffMember) -> TierSpec:
        """Create (``tier_id is None``) or update a tier; returns it as saved."""
        self._require(staff)
        spec = checked_tier(spec)
        with self._write() as session:
            row = existing(session, TierRow, spec.tier_id, "tier")
            before = _tier_spec(row) if row is not None else None
            if before == spec:
                return before
            others = select(TierRow).where(TierRow.id != (spec.tier_id or 0))
            if session.scalar(others.where(TierRow.code == spec.code)) is not None:
                raise RuleRejected(f"another tier already has the code {spec.code}")
            if session.scalar(others.where(TierRow.rank == spec.rank)) is not None:
                raise RuleRejected(f"another tier already has rank {spec.rank}")
            known = set(session.scalars(select(MenuCategoryRow.id)))
            if not spec.excluded_categories <= known:
                raise RuleRejected("an excluded menu category no longer exists: reload")
            if row is None:
                row = TierRow()
                session.add(row)
            _fill_tier(row, spec)
            session.flush()
            after = _tier_spec(row)
            self._audit(session, staff, f"tier:{after.code}", before, after)
            return after

    def delete_tier(self, tier_id: TierId, staff: StaffMember) -> None:
        """Delete a tier nobody holds and no history names (one added by mistake)."""
        self._require(staff)
        with self._write() as session:
            row = existing(session, TierRow, tier_id, "tier")
            assert row is not None
            holders = session.scalar(
                select(func.count()).select_from(MemberRow).where(MemberRow.tier_id == row.id)
            )
            if holders:
                raise RuleRejected(
                    f"{holders} member(s) hold the tier {row.code}: it cannot be deleted"
                )
            used = _history_naming_tier(session, row.id)
            if used:
                raise RuleRejected(
                    f"orders or other records name the tier {row.code} ({', '.join(used)}): "
                    "it cannot be deleted"
                )
            if session.scalar(select(func.count()).select_from(TierRow)) == 1:
                raise RuleRejected("the programme needs at least one tier")
            before = _tier_spec(row)
            session.delete(row)
            self._audit(session, staff, f"tier:{before.code}", before, None)

    def save_offer(self, spec: OfferSpec, staff: StaffMember) -> OfferSpec:
        """Create (``offer_id is None``) or update a renewal offer; returns it as saved."""
        self._require(staff)
        spec = checked_offer(spec)
        with self._write() as session:
            row = existing(session, RenewalOfferRow, spec.offer_id, "renewal offer")
            before = _offer_spec(row) if row is not None else None
            if before == spec:
                return before
            clash = select(RenewalOfferRow).where(
                RenewalOfferRow.code == spec.code, RenewalOfferRow.id != (spec.offer_id or 0)
            )
            if session.scalar(clash) is not None:
                raise RuleRejected(f"another renewal offer already has the code {spec.code}")
            if before is not None and before.code != spec.code and _renewals_sold(session, before):
                raise RuleRejected(
                    f"renewals were sold as {before.code}, so its code stays: "
                    "deactivate it and add a new offer instead"
                )
            if row is None:
                row = RenewalOfferRow()
                session.add(row)
            _fill_offer(row, spec)
            session.flush()
            after = _offer_spec(row)
            self._audit(session, staff, f"renewal_offer:{after.code}", before, after)
            return after

    def deactivate_offer(self, offer_id: OfferId, staff: StaffMember) -> OfferSpec:
        """The offer stops applying at once; edit it to switch it back on."""
        self._require(staff)
        with self._write() as session:
            row = existing(session, RenewalOfferRow, offer_id, "renewal offer")
            assert row is not None
            if not row.active:
                raise RuleRejected(f"the renewal offer {row.code} is already inactive")
            before = _offer_spec(row)
            row.active = False
            after = _offer_spec(row)
            self._audit(session, staff, f"renewal_offer:{row.code}", before, after)
            return after

    def save_top_up_rule(self, spec: TopUpRuleSpec, staff: StaffMember) -> TopUpRuleSpec:
        """Create (``rule_id is None``) or update a top-up rule; returns it as saved."""
        self._require(staff)
        spec = checked_top_up_rule(spec)
        with self._write() as session:
            row = existing(session, TopUpRuleRow, spec.rule_id, "top-up rule")
            before = _top_up_spec(row) if row is not None else None
            if before == spec:
                return before
            clash = session.scalar(
                select(TopUpRuleRow).where(
                    TopUpRuleRow.minimum_fen == spec.minimum,
                    TopUpRuleRow.id != (spec.rule_id or 0),
                )
            )
            if clash is not None:
                state = "" if clash.active else " (inactive: edit it to switch it back on)"
                raise RuleRejected(f"another top-up rule already has this minimum{state}")
            if row is None:
                row = TopUpRuleRow()
                session.add(row)
            row.minimum_fen, row.bonus_fen, row.active = spec.minimum, spec.bonus, spec.active
            session.flush()
            after = _top_up_spec(row)
            self._audit(session, staff, f"top_up_rule:{row.id}", before, after)
            return after

    def deactivate_top_up_rule(self, rule_id: TopUpRuleId, staff: StaffMember) -> TopUpRuleSpec:
        self._require(staff)
        with self._write() as session:
            row = existing(session, TopUpRuleRow, rule_id, "top-up rule")
            assert row is not None
            if not row.active:
                raise RuleRejected("this top-up rule is already inactive")
            before = _top_up_spec(row)
            row.active = False
            after = _top_up_spec(row)
            self._audit(session, staff, f"top_up_rule:{row.id}", before, after)
            return after


def _history_naming_tier(session: Session, tier_id: int) -> list[str]:
    """``table.column`` of every reference to the tier (orders, tier changes, anything added
    later), found from the schema so a new table cannot be forgotten here."""
    own = {"members.tier_id", "tier_excluded_categories.tier_id"}
    used: list[str] = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            name = f"{table.name}.{column.name}"
            if name in own or not any(k.column.table.name == "tiers" for k in column.foreign_keys):
                continue
            query = select(func.count()).select_from(table).where(column == tier_id)
            if session.scalar(query):
                used.append(name)
    return used


def _renewals_sold(session: Session, offer: OfferSpec) -> bool:
    query = select(MembershipRenewalRow.id).where(MembershipRenewalRow.offer_code == offer.code)
    return session.scalar(query.limit(1)) is not None


def _tier_spec(row: TierRow) -> TierSpec:
    return TierSpec(
        code=row.code,
        rank=row.rank,
        name_zh=row.name_zh,
        name_en=row.name_en,
        discount_bp=row.discount_bp,
        points_multiplier_bp=row.points_multiplier_bp,
        annual_fee=row.annual_fee_fen,
        qualify_spend=row.qualify_spend_fen,
        birthday_benefit_zh=row.birthday_benefit_zh,
        birthday_benefit_en=row.birthday_benefit_en,
        excluded_categories=frozenset(CategoryId(e.category_id) for e in row.excluded),
        tier_id=TierId(row.id),
    )


def _fill_tier(row: TierRow, spec: TierSpec) -> None:
    row.code, row.rank, row.name_zh, row.name_en = spec.code, spec.rank, spec.name_zh, spec.name_en
    row.discount_bp, row.points_multiplier_bp = spec.discount_bp, spec.points_multiplier_bp
    row.annual_fee_fen, row.qualify_spend_fen = spec.annual_fee, spec.qualify_spend
    row.birthday_benefit_zh = spec.birthday_benefit_zh
    row.birthday_benefit_en = spec.birthday_benefit_en
    # Keep the rows that stay: deleting and re-adding one primary key in a flush is fragile.
    kept = [e for e in row.excluded if e.category_id in spec.excluded_categories]
    new = sorted(spec.excluded_categories - {e.category_id for e in kept})
    row.excluded = kept + [TierExcludedCategoryRow(category_id=c) for c in new]


def _offer_spec(row: RenewalOfferRow) -> OfferSpec:
    return OfferSpec(
        code=row.code,
        kind=OfferKind(row.kind),
        fee=row.fee_fen,
        window_days=row.window_days,
        min_spend=row.min_spend_fen,
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        active=row.active,
        offer_id=OfferId(row.id),
    )


def _fill_offer(row: RenewalOfferRow, spec: OfferSpec) -> None:
    row.code, row.kind, row.fee_fen = spec.code, spec.kind.value, spec.fee
    row.window_days, row.min_spend_fen = spec.window_days, spec.min_spend
    row.valid_from, row.valid_until, row.active = spec.valid_from, spec.valid_until, spec.active


def _top_up_spec(row: TopUpRuleRow) -> TopUpRuleSpec:
    return TopUpRuleSpec(row.minimum_fen, row.bonus_fen, row.active, TopUpRuleId(row.id))

"""A manager edits the loyalty programme's data: tiers, renewal offers and top-up rules
(targeted offers, holidays and stacking: ``app.services.offer_admin``).

Every write is permission-checked here, validated (``app.domain.loyalty_admin``), done in
one unit of work and audited as ``loyalty_rule_changed`` with the values before and after
(``app.services.rule_admin``). Rows that history refers to are never deleted: offers and
top-up rules are deactivated, and a tier goes only while no member and no order refers
to it.
"""

from __future__ import annotations

from dataclasses import replace

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
from app.domain.menu import MenuCategory
from app.domain.staff import StaffMember
from app.domain.tiers import TierId
from app.services.offer_admin import OfferAdmin
from app.services.rule_admin import existing


class LoyaltyAdminService(OfferAdmin):
    """The whole programme's editor: tiers, renewal offers and top-up rules here; targeted
    offers, holidays and stacking from ``OfferAdmin``."""

    def tiers(self) -> list[TierSpec]:
        with self._units() as uow:
            return uow.programme.tier_specs()

    def offers(self) -> list[OfferSpec]:
        """Every renewal offer, the inactive ones too."""
        with self._units() as uow:
            return uow.programme.renewal_offer_specs()

    def top_up_rules(self) -> list[TopUpRuleSpec]:
        """Every top-up rule, the inactive ones too, smallest minimum first."""
        with self._units() as uow:
            return uow.programme.top_up_rule_specs()

    def categories(self) -> list[MenuCategory]:
        """The menu categories a tier may exclude from its discount."""
        with self._units() as uow:
            return uow.menu.categories()

    def save_tier(self, spec: TierSpec, staff: StaffMember) -> TierSpec:
        """Create (``tier_id is None``) or update a tier; returns it as saved."""
        self._require(staff)
        spec = checked_tier(spec)
        with self._write() as uow:
            programme = uow.programme
            before = existing(programme.lock_tier, spec.tier_id, "tier")
            if before == spec:
                return before
            others = [t for t in programme.tier_specs() if t.tier_id != spec.tier_id]
            if any(t.code == spec.code for t in others):
                raise RuleRejected(f"another tier already has the code {spec.code}")
            if any(t.rank == spec.rank for t in others):
                raise RuleRejected(f"another tier already has rank {spec.rank}")
            known = {c.category_id for c in uow.menu.categories()}
            if not spec.excluded_categories <= known:
                raise RuleRejected("an excluded menu category no longer exists: reload")
            after = programme.save_tier(spec)
            self._audit(uow, staff, f"tier:{after.code}", before, after)
            return after

    def delete_tier(self, tier_id: TierId, staff: StaffMember) -> None:
        """Delete a tier nobody holds and no history names (one added by mistake)."""
        self._require(staff)
        with self._write() as uow:
            programme = uow.programme
            before = existing(programme.lock_tier, tier_id, "tier")
            assert before is not None
            holders = programme.tier_holders(tier_id)
            if holders:
                raise RuleRejected(
                    f"{holders} member(s) hold the tier {before.code}: it cannot be deleted"
                )
            used = programme.history_naming_tier(tier_id)
            if used:
                raise RuleRejected(
                    f"orders or other records name the tier {before.code} ({', '.join(used)}): "
                    "it cannot be deleted"
                )
            if len(programme.tier_specs()) == 1:
                raise RuleRejected("the programme needs at least one tier")
            programme.delete_tier(tier_id)
            self._audit(uow, staff, f"tier:{before.code}", before, None)

    def save_offer(self, spec: OfferSpec, staff: StaffMember) -> OfferSpec:
        """Create (``offer_id is None``) or update a renewal offer; returns it as saved."""
        self._require(staff)
        spec = checked_offer(spec)
        with self._write() as uow:
            programme = uow.programme
            before = existing(programme.lock_renewal_offer, spec.offer_id, "renewal offer")
            if before == spec:
                return before
            holder = programme.renewal_offer_with_code(spec.code)
            if holder is not None and holder != spec.offer_id:
                raise RuleRejected(f"another renewal offer already has the code {spec.code}")
            if (
                before is not None
                and before.code != spec.code
                and programme.renewals_sold(before.code)
            ):
                raise RuleRejected(
                    f"renewals were sold as {before.code}, so its code stays: "
                    "deactivate it and add a new offer instead"
                )
            after = programme.save_renewal_offer(spec)
            self._audit(uow, staff, f"renewal_offer:{after.code}", before, after)
            return after

    def deactivate_offer(self, offer_id: OfferId, staff: StaffMember) -> OfferSpec:
        """The offer stops applying at once; edit it to switch it back on."""
        self._require(staff)
        with self._write() as uow:
            before = existing(uow.programme.lock_renewal_offer, offer_id, "renewal offer")
            assert before is not None
            if not before.active:
                raise RuleRejected(f"the renewal offer {before.code} is already inactive")
            after = uow.programme.save_renewal_offer(replace(before, active=False))
            self._audit(uow, staff, f"renewal_offer:{before.code}", before, after)
            return after

    def save_top_up_rule(self, spec: TopUpRuleSpec, staff: StaffMember) -> TopUpRuleSpec:
        """Create (``rule_id is None``) or update a top-up rule; returns it as saved."""
        self._require(staff)
        spec = checked_top_up_rule(spec)
        with self._write() as uow:
            programme = uow.programme
            before = existing(programme.lock_top_up_rule, spec.rule_id, "top-up rule")
            if before == spec:
                return before
            clash = next(
                (
                    rule
                    for rule in programme.top_up_rule_specs()
                    if rule.minimum == spec.minimum and rule.rule_id != spec.rule_id
                ),
                None,
            )
            if clash is not None:
                state = "" if clash.active else " (inactive: edit it to switch it back on)"
                raise RuleRejected(f"another top-up rule already has this minimum{state}")
            after = programme.save_top_up_rule(spec)
            self._audit(uow, staff, f"top_up_rule:{after.rule_id}", before, after)
            return after

    def deactivate_top_up_rule(self, rule_id: TopUpRuleId, staff: StaffMember) -> TopUpRuleSpec:
        self._require(staff)
        with self._write() as uow:
            before = existing(uow.programme.lock_top_up_rule, rule_id, "top-up rule")
            assert before is not None
            if not before.active:
                raise RuleRejected("this top-up rule is already inactive")
            after = uow.programme.save_top_up_rule(replace(before, active=False))
            self._audit(uow, staff, f"top_up_rule:{before.rule_id}", before, after)
            return after

"""A manager edits targeted offers, the public holidays and how offers stack.

Every write is permission-checked, validated (``app.domain.offer_admin``), done in one
unit of work and audited as ``loyalty_rule_changed`` with the values before and after
(``app.services.rule_admin``). Offers are never deleted, since paid orders and coupons
refer to them: they are deactivated. The policy and cap are the ``settings`` rows that
``db.loyalty_rules.rules_from_rows`` reads.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.domain.loyalty_admin import RuleRejected
from app.domain.menu import MenuItem
from app.domain.offer_admin import (
    Holiday,
    OfferStacking,
    TargetedOfferId,
    TargetedOfferSpec,
    checked_holiday,
    checked_stacking,
    checked_targeted_offer,
)
from app.domain.staff import StaffMember
from app.services.rule_admin import RuleAdmin, existing

STACKING_SUBJECT = "offer_stacking"


class OfferAdmin(RuleAdmin):
    """Targeted offers, holidays and stacking; part of ``LoyaltyAdminService``."""

    def targeted_offers(self) -> list[TargetedOfferSpec]:
        """Every targeted offer, the inactive ones too, in the order the till tries them."""
        with self._units() as uow:
            return uow.programme.targeted_offer_specs()

    def menu_items(self) -> list[MenuItem]:
        """The items an offer may cover: those on the menu and any an offer still names."""
        with self._units() as uow:
            return uow.programme.offer_items()

    def save_targeted_offer(self, spec: TargetedOfferSpec, staff: StaffMember) -> TargetedOfferSpec:
        """Create (``offer_id is None``) or update a targeted offer; returns it as saved.

        The tiers, categories and items it names replace the ones it had.
        """
        self._require(staff)
        spec = checked_targeted_offer(spec)
        with self._write() as uow:
            programme = uow.programme
            before = existing(programme.lock_targeted_offer, spec.offer_id, "offer")
            if before == spec:
                return before
            offer, rule = spec.offer, spec.offer.conditions
            if any(
                other.offer.code == offer.code and other.offer_id != spec.offer_id
                for other in programme.targeted_offer_specs()
            ):
                raise RuleRejected(f"another offer already has the code {offer.code}")
            if not rule.tiers <= {tier.code for tier in uow.tiers.ranked()}:
                raise RuleRejected("a tier the offer is for no longer exists: reload")
            if not rule.categories <= {c.category_id for c in uow.menu.categories()}:
                raise RuleRejected("a menu category the offer covers no longer exists: reload")
            if not rule.items <= programme.menu_item_ids():
                raise RuleRejected("a menu item the offer covers no longer exists: reload")
            after = programme.save_targeted_offer(spec)
            self._audit(uow, staff, f"offer:{offer.code}", before, after)
            return after

    def deactivate_targeted_offer(
        self, offer_id: TargetedOfferId, staff: StaffMember
    ) -> TargetedOfferSpec:
        """The offer stops applying at once; edit it to switch it back on.

        Coupons already issued for it are left alone (``db.offers.usable_coupons``).
        """
        self._require(staff)
        with self._write() as uow:
            before = existing(uow.programme.lock_targeted_offer, offer_id, "offer")
            assert before is not None
            if not before.active:
                raise RuleRejected(f"the offer {before.offer.code} is already inactive")
            after = uow.programme.save_targeted_offer(replace(before, active=False))
            self._audit(uow, staff, f"offer:{before.offer.code}", before, after)
            return after

    def holidays(self) -> list[Holiday]:
        """Every public holiday entered, earliest first."""
        with self._units() as uow:
            return uow.programme.holidays()

    def add_holiday(self, holiday: Holiday, staff: StaffMember) -> Holiday:
        self._require(staff)
        holiday = checked_holiday(holiday)
        with self._write() as uow:
            taken = uow.programme.lock_holiday(holiday.day)
            if taken is not None:
                raise RuleRejected(f"{holiday.day.isoformat()} is already a holiday: {taken.name}")
            uow.programme.add_holiday(holiday)
            self._audit(uow, staff, f"holiday:{holiday.day.isoformat()}", None, holiday)
            return holiday

    def remove_holiday(self, day: date, staff: StaffMember) -> None:
        """``day`` is an ordinary day again for offers' holiday conditions."""
        self._require(staff)
        with self._write() as uow:
            before = uow.programme.lock_holiday(day)
            if before is None:
                raise RuleRejected(f"{day.isoformat()} is not a holiday (any more): reload")
            uow.programme.remove_holiday(day)
            self._audit(uow, staff, f"holiday:{day.isoformat()}", before, None)

    def offer_stacking(self) -> OfferStacking:
        """The policy and cap the till applies (a setting it cannot read counts as unset)."""
        with self._units() as uow:
            return uow.programme.stacking()

    def save_offer_stacking(self, stacking: OfferStacking, staff: StaffMember) -> OfferStacking:
        self._require(staff)
        stacking = checked_stacking(stacking)
        with self._write() as uow:
            before = uow.programme.stacking()
            if before == stacking:
                return before
            uow.programme.save_stacking(stacking)
            after = uow.programme.stacking()
            self._audit(uow, staff, STACKING_SUBJECT, before, after)
            return after

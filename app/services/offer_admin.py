"""A manager edits targeted offers, the public holidays and how offers stack.

Every write is permission-checked, validated (``app.domain.offer_admin``), done in one
transaction and audited as ``loyalty_rule_changed`` with the values before and after
(``app.services.rule_admin``). Offers are never deleted, since paid orders and coupons
refer to them: they are deactivated. The policy and cap are the ``settings`` rows that
``app.services.loyalty.rules_from_rows`` reads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import TypeVar

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

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
from db import loyalty as loyalty_store
from db.loyalty_rules import offer_from_row, rules_from_rows
from db.menu import item_from_row
from db.models import (
    MenuCategoryRow,
    MenuItemRow,
    OfferCategoryRow,
    OfferItemRow,
    OfferRow,
    OfferTierRow,
    PublicHolidayRow,
    SettingRow,
)

STACKING_KEY, CAP_KEY = "offers.stacking", "offers.cap_bp"
STACKING_SUBJECT = "offer_stacking"

Link = TypeVar("Link", OfferCategoryRow, OfferItemRow, OfferTierRow)


class OfferAdmin(RuleAdmin):
    """Targeted offers, holidays and stacking; part of ``LoyaltyAdminService``."""

    def targeted_offers(self) -> list[TargetedOfferSpec]:
        """Every targeted offer, the inactive ones too, in the order the till tries them."""
        with self._sessions() as session:
            codes = _tier_codes(session)
            rows = session.scalars(select(OfferRow).order_by(OfferRow.priority, OfferRow.id))
            return [_targeted_spec(row, codes) for row in rows]

    def menu_items(self) -> list[MenuItem]:
        """The items an offer may cover: those on the menu and any an offer still names."""
        with self._sessions() as session:
            named = select(OfferItemRow.item_id)
            query = (
                select(MenuItemRow)
                .where(or_(MenuItemRow.active.is_(True), MenuItemRow.id.in_(named)))
                .order_by(MenuItemRow.category_id, MenuItemRow.sort_order, MenuItemRow.id)
            )
            return [item_from_row(row) for row in session.scalars(query)]

    def save_targeted_offer(self, spec: TargetedOfferSpec, staff: StaffMember) -> TargetedOfferSpec:
        """Create (``offer_id is None``) or update a targeted offer; returns it as saved.

        The tiers, categories and items it names replace the ones it had.
        """
        self._require(staff)
        spec = checked_targeted_offer(spec)
        with self._write() as session:
            codes = _tier_codes(session)
            row = existing(session, OfferRow, spec.offer_id, "offer")
            before = _targeted_spec(row, codes) if row is not None else None
            if before == spec:
                return before
            offer, rule = spec.offer, spec.offer.conditions
            clash = select(OfferRow).where(
                OfferRow.code == offer.code, OfferRow.id != (spec.offer_id or 0)
            )
            if session.scalar(clash) is not None:
                raise RuleRejected(f"another offer already has the code {offer.code}")
            tier_ids = {code: tier_id for tier_id, code in codes.items()}
            if not rule.tiers <= tier_ids.keys():
                raise RuleRejected("a tier the offer is for no longer exists: reload")
            if not rule.categories <= set(session.scalars(select(MenuCategoryRow.id))):
                raise RuleRejected("a menu category the offer covers no longer exists: reload")
            if not rule.items <= set(session.scalars(select(MenuItemRow.id))):
                raise RuleRejected("a menu item the offer covers no longer exists: reload")
            if row is None:
                row = OfferRow()
                session.add(row)
            _fill_offer(row, spec, frozenset(tier_ids[code] for code in rule.tiers))
            session.flush()
            after = _targeted_spec(row, codes)
            self._audit(session, staff, f"offer:{offer.code}", before, after)
            return after

    def deactivate_targeted_offer(
        self, offer_id: TargetedOfferId, staff: StaffMember
    ) -> TargetedOfferSpec:
        """The offer stops applying at once; edit it to switch it back on.

        Coupons already issued for it are left alone (``db.offers.usable_coupons``).
        """
        self._require(staff)
        with self._write() as session:
            row = existing(session, OfferRow, offer_id, "offer")
            assert row is not None
            if not row.active:
                raise RuleRejected(f"the offer {row.code} is already inactive")
            codes = _tier_codes(session)
            before = _targeted_spec(row, codes)
            row.active = False
            after = _targeted_spec(row, codes)
            self._audit(session, staff, f"offer:{row.code}", before, after)
            return after

    def holidays(self) -> list[Holiday]:
        """Every public holiday entered, earliest first."""
        with self._sessions() as session:
            rows = session.scalars(select(PublicHolidayRow).order_by(PublicHolidayRow.day))
            return [Holiday(row.day, row.name) for row in rows]

    def add_holiday(self, holiday: Holiday, staff: StaffMember) -> Holiday:
        self._require(staff)
        holiday = checked_holiday(holiday)
        with self._write() as session:
            taken = session.get(PublicHolidayRow, holiday.day)
            if taken is not None:
                raise RuleRejected(f"{holiday.day.isoformat()} is already a holiday: {taken.name}")
            session.add(PublicHolidayRow(day=holiday.day, name=holiday.name))
            self._audit(session, staff, f"holiday:{holiday.day.isoformat()}", None, holiday)
            return holiday

    def remove_holiday(self, day: date, staff: StaffMember) -> None:
        """``day`` is an ordinary day again for offers' holiday conditions."""
        self._require(staff)
        with self._write() as session:
            row = session.get(PublicHolidayRow, day, with_for_update=True)
            if row is None:
                raise RuleRejected(f"{day.isoformat()} is not a holiday (any more): reload")
            before = Holiday(row.day, row.name)
            session.delete(row)
            self._audit(session, staff, f"holiday:{day.isoformat()}", before, None)

    def offer_stacking(self) -> OfferStacking:
        """The policy and cap the till applies (a setting it cannot read counts as unset)."""
        with self._sessions() as session:
            return _stacking(session)

    def save_offer_stacking(self, stacking: OfferStacking, staff: StaffMember) -> OfferStacking:
        self._require(staff)
        stacking = checked_stacking(stacking)
        with self._write() as session:
            before = _stacking(session)
            if before == stacking:
                return before
            _put_setting(session, STACKING_KEY, stacking.policy.value)
            _put_setting(session, CAP_KEY, str(stacking.cap_bp))
            session.flush()
            after = _stacking(session)
            self._audit(session, staff, STACKING_SUBJECT, before, after)
            return after


def _tier_codes(session: Session) -> dict[int, str]:
    return {row.id: row.code for row in loyalty_store.tier_rows(session)}


def _targeted_spec(row: OfferRow, tier_codes: Mapping[int, str]) -> TargetedOfferSpec:
    return TargetedOfferSpec(
        offer_from_row(row, tier_codes), active=row.active, offer_id=TargetedOfferId(row.id)
    )


def _fill_offer(row: OfferRow, spec: TargetedOfferSpec, tier_ids: frozenset[int]) -> None:
    offer, rule = spec.offer, spec.offer.conditions
    row.code, row.name_zh, row.name_en = offer.code, offer.name_zh, offer.name_en
    row.kind, row.value, row.priority = offer.kind.value, offer.value, offer.priority
    row.coupon_only, row.active = offer.coupon_only, spec.active
    row.valid_from, row.valid_until = rule.valid_from, rule.valid_until
    row.weekdays = "".join(str(day) for day in sorted(rule.weekdays))
    row.holidays = rule.holidays.value
    row.starts_at, row.ends_at = rule.starts_at, rule.ends_at
    row.min_party_size = rule.min_party_size
    row.service_types = ",".join(sorted(s.value for s in rule.service_types))
    row.members_only = rule.members_only
    row.segments = ",".join(sorted(rule.segments))
    row.uses_per_member, row.min_spend_fen = rule.uses_per_member, rule.min_spend
    row.categories = _links(
        row.categories,
        frozenset(rule.categories),
        lambda link: link.category_id,
        lambda key: OfferCategoryRow(category_id=key),
    )
    row.items = _links(
        row.items,
        frozenset(rule.items),
        lambda link: link.item_id,
        lambda key: OfferItemRow(item_id=key),
    )
    row.tiers = _links(
        row.tiers, tier_ids, lambda link: link.tier_id, lambda key: OfferTierRow(tier_id=key)
    )


def _links(
    current: list[Link],
    wanted: frozenset[int],
    key: Callable[[Link], int],
    make: Callable[[int], Link],
) -> list[Link]:
    """The association rows for ``wanted``; the rows that stay are kept, since deleting and
    re-adding one primary key in a flush is fragile."""
    kept = [link for link in current if key(link) in wanted]
    return kept + [make(k) for k in sorted(wanted - {key(link) for link in kept})]


def _stacking(session: Session) -> OfferStacking:
    rules = rules_from_rows(session)
    return OfferStacking(rules.stacking, rules.offer_cap_bp)


def _put_setting(session: Session, key: str, value: str) -> None:
    row = session.get(SettingRow, key, with_for_update=True)
    if row is None:
        session.add(SettingRow(key=key, value=value))
    else:
        row.value = value

"""Targeted offers, public holidays and the stacking settings as a manager edits them.

Part of ``db.loyalty_rules.SqlLoyaltyProgramme``; the checks are the service's
(``app.services.offer_admin``). Offers are written from the domain ``Offer`` itself and
read back through ``db.offers.offer_from_row``, the mapping the till prices with.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.domain.menu import ItemId, MenuItem
from app.domain.offer_admin import Holiday, OfferStacking, TargetedOfferId, TargetedOfferSpec
from db import programme_rows
from db.menu import item_from_row
from db.models import (
    MenuItemRow,
    OfferCategoryRow,
    OfferItemRow,
    OfferRow,
    OfferTierRow,
    PublicHolidayRow,
    SettingRow,
)
from db.offers import offer_from_row

STACKING_KEY, CAP_KEY = "offers.stacking", "offers.cap_bp"

Link = TypeVar("Link", OfferCategoryRow, OfferItemRow, OfferTierRow)


class SqlOfferEdits:
    _session: Session

    def targeted_offer_specs(self) -> list[TargetedOfferSpec]:
        codes = self._tier_codes()
        rows = self._session.scalars(select(OfferRow).order_by(OfferRow.priority, OfferRow.id))
        return [_targeted_spec(row, codes) for row in rows]

    def lock_targeted_offer(self, offer_id: TargetedOfferId) -> TargetedOfferSpec | None:
        row = self._session.get(OfferRow, offer_id, with_for_update=True)
        return _targeted_spec(row, self._tier_codes()) if row is not None else None

    def save_targeted_offer(self, spec: TargetedOfferSpec) -> TargetedOfferSpec:
        """``LookupError`` for a tier code or an offer id that is not there."""
        codes = self._tier_codes()
        tier_ids = {code: tier_id for tier_id, code in codes.items()}
        if spec.offer_id is None:
            row = OfferRow()
            self._session.add(row)
        else:
            found = self._session.get(OfferRow, spec.offer_id)
            if found is None:
                raise LookupError(f"no offer {spec.offer_id}")
            row = found
        try:
            tiers = frozenset(tier_ids[code] for code in spec.offer.conditions.tiers)
        except KeyError as exc:
            raise LookupError(f"no tier {exc}") from exc
        _fill_offer(row, spec, tiers)
        self._session.flush()
        return _targeted_spec(row, codes)

    def offer_items(self) -> list[MenuItem]:
        named = select(OfferItemRow.item_id)
        query = (
            select(MenuItemRow)
            .where(or_(MenuItemRow.active.is_(True), MenuItemRow.id.in_(named)))
            .order_by(MenuItemRow.category_id, MenuItemRow.sort_order, MenuItemRow.id)
        )
        return [item_from_row(row) for row in self._session.scalars(query)]

    def menu_item_ids(self) -> frozenset[ItemId]:
        return frozenset(ItemId(i) for i in self._session.scalars(select(MenuItemRow.id)))

    def holidays(self) -> list[Holiday]:
        rows = self._session.scalars(select(PublicHolidayRow).order_by(PublicHolidayRow.day))
        return [Holiday(row.day, row.name) for row in rows]

    def lock_holiday(self, day: date) -> Holiday | None:
        row = self._session.get(PublicHolidayRow, day, with_for_update=True)
        return Holiday(row.day, row.name) if row is not None else None

    def add_holiday(self, holiday: Holiday) -> None:
        self._session.add(PublicHolidayRow(day=holiday.day, name=holiday.name))

    def remove_holiday(self, day: date) -> None:
        row = self._session.get(PublicHolidayRow, day)
        if row is None:
            raise LookupError(f"{day.isoformat()} is not a holiday")
        self._session.delete(row)

    def save_stacking(self, stacking: OfferStacking) -> None:
        self._put_setting(STACKING_KEY, stacking.policy.value)
        self._put_setting(CAP_KEY, str(stacking.cap_bp))
        self._session.flush()

    def _put_setting(self, key: str, value: str) -> None:
        row = self._session.get(SettingRow, key, with_for_update=True)
        if row is None:
            self._session.add(SettingRow(key=key, value=value))
        else:
            row.value = value

    def _tier_codes(self) -> dict[int, str]:
        return {row.id: row.code for row in programme_rows.tier_rows(self._session)}


def _targeted_spec(row: OfferRow, tier_codes: dict[int, str]) -> TargetedOfferSpec:
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

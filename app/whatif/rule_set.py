"""One rule set's pass over a period: each order rebuilt as the till's draft and billed
by ``build_bill``, with the member's tier, offer uses and window spend as they would
have been under these rules."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from app.domain.approvals import ReasonCode
from app.domain.bill import Bill, build_bill
from app.domain.draft import OrderDraft
from app.domain.loyalty import LoyaltyRules
from app.domain.manual_discount import DiscountKind, DiscountRequest, ManualDiscount
from app.domain.members import MemberId, MemberSummary
from app.domain.menu import CategoryId, ItemId, MenuItem
from app.domain.offers import Coupon, Offer
from app.domain.qualification import after_spend, window
from app.domain.recorded_orders import RecordedManual, RecordedMember, RecordedOrder
from app.domain.renewal import OfferKind, RenewalQuote, renewal_quote
from app.domain.tiers import Tier
from app.domain.upgrade import UpgradeQuote, upgrade_quote
from app.whatif.draft import DraftRules
from app.whatif.figures import GUEST, NO_SEGMENT, NO_STORE, Figures
from app.whatif.period import Period


@dataclass
class _MemberState:
    tier: str
    """The tier's code."""
    events: list[tuple[datetime, int]]
    uses: Counter[str]
    spend: list[tuple[date, int]] = field(default_factory=list)
    """Qualifying spend per order of the period under these rules."""


class _Prepared:
    """What the replay looks up in one rule set, worked out once."""

    def __init__(self, rules: DraftRules) -> None:
        self.draft, self.rules = rules, rules.rules
        self.tiers = rules.tier_by_code()
        self.ranked = rules.ranked()
        self.offers: dict[str, Offer] = {offer.code: offer for offer in rules.rules.offers}
        self._in_store: dict[int | None, LoyaltyRules] = {None: rules.rules}

    def in_store(self, store_id: int | None) -> LoyaltyRules:
        """The rules as a till of that store applies them (its excluded offers left out)."""
        rules = self._in_store.get(store_id)
        if rules is None:
            rules = self._in_store[store_id] = self.rules.in_store(store_id)
        return rules


RulesAt = Callable[[datetime], DraftRules]


class RuleSetReplay:
    """Replays orders one by one, in time order, adding up ``figures``; ``rules_at`` gives
    the rule set for an order's moment (one set throughout for a draft), ``live_at`` the
    live rules then (for what a recorded free renewal proves the member spent)."""

    def __init__(self, rules_at: RulesAt, live_at: RulesAt, period: Period, start: datetime):
        self._rules_at, self._live_at = rules_at, live_at
        self._period, self._start = period, start
        self._prepared: dict[int, _Prepared] = {}
        self._p = self._prepare(rules_at(start))
        self._items: dict[tuple[int, int, str], MenuItem] = {}
        self._members: dict[int, _MemberState] = {}
        self.figures = Figures()

    def _prepare(self, rules: DraftRules) -> _Prepared:
        prepared = self._prepared.get(id(rules))
        if prepared is None or prepared.draft is not rules:
            prepared = self._prepared[id(rules)] = _Prepared(rules)
        return prepared

    def begin(self, order: RecordedOrder, member: RecordedMember | None) -> str | None:
        """Take up the rules in force at the order and return the tier (code) these rules
        would have given the member by then, or ``None`` for a guest."""
        self._p = self._prepare(self._rules_at(order.created_at))
        return self._state(order, member).tier if member is not None else None

    def recorded_tier(self, order: RecordedOrder) -> str | None:
        """The code of the tier the order was priced with, before any upgrade bought on it."""
        if order.tier_id is None:
            return None
        tier = self._recorded(order.tier_id)
        return self._below(tier).code if order.upgrade_fee else tier.code

    def replay(
        self, order: RecordedOrder, member: RecordedMember | None, tier: str | None
    ) -> tuple[Bill, int]:
        """The order's bill under these rules with the member in ``tier`` (from ``begin``
        or ``recorded_tier``), and the points it earns."""
        state = self._members[member.member_id] if member is not None else None
        draft = OrderDraft(service_type=order.service_type, party_size=order.party_size)
        for line in order.lines:
            draft.add(self._item(line.item_id, line.category_id, line.name_en,
                                 line.unit_price), line.quantity)  # fmt: skip
        draft.manual_discounts = tuple(_manual(grant) for grant in order.manual)
        if member is not None and state is not None and tier is not None:
            self._dress(draft, order, member, state, self._p.tiers[tier])
        bill = build_bill(draft, self._p.in_store(order.store_id), order.created_at)
        points = bill.points_earned(order.bonus_spent)
        self._count(order, member, state, bill, points)
        return bill, points

    def final_tiers(self) -> dict[int, str]:
        return {member_id: state.tier for member_id, state in self._members.items()}

    def _item(self, item_id: int, category_id: int, name: str, price: int) -> MenuItem:
        key = (item_id, price, name)
        item = self._items.get(key)
        if item is None:
            item = MenuItem(ItemId(item_id), str(item_id), name, name, CategoryId(category_id),
                            price)  # fmt: skip
            self._items[key] = item
        return item

    def _state(self, order: RecordedOrder, member: RecordedMember) -> _MemberState:
        state = self._members.get(member.member_id)
        if state is None:
            tier = self.recorded_tier(order)
            assert tier is not None, "a member's order has a tier"
            before = Counter(code for at, code in member.offer_uses if at < self._start)
            state = _MemberState(tier, list(member.tier_events), before)
            self._members[member.member_id] = state
        while state.events and state.events[0][0] < order.created_at:
            _at, tier_id = state.events.pop(0)
            state.tier = self._period.recorded_tiers[tier_id].code
        return state

    def _recorded(self, tier_id: int) -> Tier:
        return self._p.tiers[self._period.recorded_tiers[tier_id].code]

    def _below(self, tier: Tier) -> Tier:
        lower = [t for t in self._p.ranked if t.rank < tier.rank]
        return lower[-1] if lower else tier

    def _dress(
        self,
        draft: OrderDraft,
        order: RecordedOrder,
        member: RecordedMember,
        state: _MemberState,
        tier: Tier,
    ) -> None:
        expires_on = _expiry_at(member, order.created_at)
        offers = self._p.offers
        coupons = tuple(
            Coupon(c.coupon_id, c.code, offers[c.offer_code], c.expires_on)
            for c in order.coupons
            if c.offer_code in offers
        )
        draft.member = MemberSummary(
            member_id=MemberId(member.member_id), member_no=member.member_no,
            name=member.name, phone="", tier=tier, joined_on=member.joined_on,
            expires_on=expires_on, points=order.points_redeemed, stored_value=0,
            preferences="", allergies="", segment=member.segment, coupons=coupons,
            offer_uses=tuple(sorted(state.uses.items())),
            held_back=tuple(sorted({c for at, c in member.held_back if at <= order.created_at})),
        )  # fmt: skip
        draft.coupon_ids = frozenset(c.coupon_id for c in coupons)
        draft.redeem_points = order.points_redeemed > 0
        draft.top_up_amount = order.top_up
        draft.renewal = self._renewal(order)
        if order.upgrade_fee:
            draft.upgrade = self._upgrade(tier, expires_on, order.created_at.date())

    def _renewal(self, order: RecordedOrder) -> RenewalQuote | None:
        recorded = order.renewal
        if recorded is None or recorded.old_expiry is None:
            return None
        term_spend = 0
        if recorded.kind == OfferKind.FREE_BY_SPEND.value:  # they spent at least the live mark
            live = self._live_at(order.created_at).rules.renewal_offers
            marks = [o.min_spend for o in live if o.code == recorded.offer_code]
            term_spend = max(marks, default=0)
        return renewal_quote(
            recorded.old_expiry, order.created_at.date(), term_spend,
            self._p.rules.renewal_offers,
        )  # fmt: skip

    def _upgrade(self, tier: Tier, expires_on: date | None, today: date) -> UpgradeQuote | None:
        if not self._p.rules.upgrade_for_fee_difference:
            return None
        return upgrade_quote(tier, self._p.ranked, expires_on, today)

    def _count(
        self,
        order: RecordedOrder,
        member: RecordedMember | None,
        state: _MemberState | None,
        bill: Bill,
        points: int,
    ) -> None:
        figures, priced = self.figures, bill.priced
        figures.orders += 1
        figures.tier_discount += priced.discount
        figures.offer_discount += priced.offer_discount
        figures.points_issued += points
        figures.points_liability += points * self._p.rules.points.fen_per_point
        figures.stored_value_bonus += bill.top_up.bonus if bill.top_up else 0
        figures.renewal_income += bill.renewal_fee
        figures.upgrade_income += bill.upgrade_fee
        tier = priced.tier.code if priced.tier else GUEST
        segment = (member.segment or NO_SEGMENT) if member else GUEST
        store = (
            self._period.store_names.get(order.store_id, str(order.store_id))
            if order.store_id is not None
            else NO_STORE
        )
        figures.add(tier, segment, store, priced.discount + priced.offer_discount, points)
        if member is None or state is None:
            return
        if bill.upgrade is not None and bill.upgrade.tier.rank > self._p.tiers[state.tier].rank:
            state.tier = bill.upgrade.tier.code
        for applied in bill.offers.applied:
            if applied.candidate.coupon is None:
                state.uses[applied.candidate.offer.code] += 1
        self._qualify(order, member, state, bill.earn_base(order.bonus_spent))

    def _qualify(
        self, order: RecordedOrder, member: RecordedMember, state: _MemberState, spend: int
    ) -> None:
        """As the checkout does: spend in the window lifts the member at once."""
        today = order.created_at.date()
        state.spend.append((today, spend))
        thresholds = self._p.rules.thresholds
        if not thresholds or not spend:
            return
        first, last = window(self._p.rules.window, today, member.joined_on)
        before = member.spend_before
        lo = bisect_left(before, (first,))
        in_window = sum(amount for day, amount in before[lo:] if day <= last)
        in_window += sum(amount for day, amount in state.spend if first <= day <= last)
        current = self._p.tiers[state.tier].rank
        rank = after_spend(current, in_window, thresholds)
        if rank != current:
            state.tier = next(tier.code for tier in self._p.ranked if tier.rank == rank)
            self.figures.tier_ups += 1


def _expiry_at(member: RecordedMember, moment: datetime) -> date | None:
    """The expiry in force just before ``moment`` (a renewal on that order comes after)."""
    expiry = member.expiries[0][1]
    for since, until in member.expiries[1:]:
        if since >= moment:
            break
        expiry = until
    return expiry


def _manual(grant: RecordedManual) -> ManualDiscount:
    try:
        reason = ReasonCode(grant.reason_code)
    except ValueError:
        reason = ReasonCode.OTHER
    item = ItemId(grant.item_id) if grant.item_id is not None else None
    request = DiscountRequest(DiscountKind(grant.kind), grant.value, reason, item)
    return ManualDiscount(request, grant.limit, grant.grant_id, "")

"""The replay: every paid order of a period priced again by the till's own code
(``app.domain.bill.build_bill``) under the live rules and under a draft.

Held as recorded, because they are the guest's or the cashier's choices, not the
rules': the items, the table, the member, coupons chosen, points redeemed (up to what
the rule set allows), manual discounts, stored value spent, top-ups, renewals and
upgrades bought. Made by each rule set itself: the tier's discount and the offers,
points, top-up bonus, renewal and upgrade fees, and the member's tier as their spend
lifts it (tier changes no order made, such as overrides and anniversary reviews, are
applied as recorded).

Honest by construction: under the live rules each order must come out as recorded (tier
discount, offers, manual discounts and points, to the fen); one that does not is
listed with why (``Comparison.not_reproduced``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from app.domain.bill import Bill
from app.domain.recorded_orders import RecordedOrder, RuleChange
from app.errors import TillError
from app.whatif.draft import DraftRejected, DraftRules
from app.whatif.figures import Comparison, Figures, NotReproduced, TierMove
from app.whatif.history import RuleTimeline
from app.whatif.period import Period
from app.whatif.rule_set import RuleSetReplay

Progress = Callable[[int, int], None]
CHECK_EVERY = 1000  # orders between progress reports and cancel checks


class ReplayCancelled(TillError):
    """The person stopped the replay; nothing was written."""


def replay(
    period: Period,
    current: DraftRules,
    draft: DraftRules,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Comparison:
    """The live pass prices each order with the tier it was recorded with; both passes
    follow the member's tier as their own thresholds would move it, and where the draft's
    differs from the live rules' it prices the draft's.

    Raises ``DraftRejected`` when a rule set lacks a tier the period's orders were
    priced with, ``ReplayCancelled`` when ``cancelled()`` says so (checked every
    ``CHECK_EVERY`` orders, after ``progress(done, total)``)."""
    _check_tiers(period, current, "the live rules")
    _check_tiers(period, draft, "the draft")
    start = period.orders[0].created_at if period.orders else datetime.min
    timeline = RuleTimeline(current, period.rule_changes)
    live = RuleSetReplay(timeline.at, timeline.at, period, start)
    proposed = RuleSetReplay(lambda _moment: draft, timeline.at, period, start)
    comparison = Comparison(live.figures, proposed.figures)
    total = len(period.orders)
    for done, order in enumerate(period.orders):
        if done % CHECK_EVERY == 0:
            if progress is not None:
                progress(done, total)
            if cancelled is not None and cancelled():
                raise ReplayCancelled("the replay was stopped")
        member = period.members.get(order.member_id) if order.member_id else None
        live_tier, draft_tier = live.begin(order, member), proposed.begin(order, member)
        recorded = live.recorded_tier(order)
        bill, points = live.replay(order, member, recorded)
        # the draft moves a member only where its tiers part from the live rules' own
        proposed.replay(order, member, recorded if draft_tier == live_tier else draft_tier)
        problem = _differences(order, bill, points)
        if problem:
            reason = _why(order, period.rule_changes, timeline)
            comparison.not_reproduced.append(NotReproduced(order.order_no, reason, problem))
    if progress is not None:
        progress(total, total)
    comparison.tier_moves.extend(_moves(period, live, proposed, draft))
    return comparison


def _check_tiers(period: Period, rules: DraftRules, which: str) -> None:
    codes = rules.tier_by_code()
    for tier in period.recorded_tiers.values():
        if tier.code not in codes:
            raise DraftRejected(
                f"{which} have no tier {tier.code}, which the till's orders are priced with"
            )


def _differences(order: RecordedOrder, bill: Bill, points: int) -> str:
    priced = bill.priced
    pairs = (
        ("tier discount", priced.discount, order.discount),
        ("offers", priced.offer_discount, order.offer_discount),
        ("manual discounts", priced.manual_discount, order.manual_discount),
        ("points", points, order.points_earned),
        ("top-up bonus", bill.top_up.bonus if bill.top_up else 0, order.top_up_bonus),
        ("upgrade fee", bill.upgrade_fee, order.upgrade_fee),
        ("renewal fee", bill.renewal_fee, order.renewal.fee if order.renewal else 0),
    )
    return "; ".join(
        f"{what} {replayed} replayed, {recorded} recorded"
        for what, replayed, recorded in pairs
        if replayed != recorded
    )


def _why(order: RecordedOrder, changes: Sequence[RuleChange], timeline: RuleTimeline) -> str:
    unknown = timeline.unknown_before
    if unknown is not None and order.created_at < unknown:
        later = sorted({c.subject for c in changes if c.at > order.created_at})
        shown = ", ".join(later[:3]) + (" …" if len(later) > 3 else "")
        return f"rules changed after the order and the audit log cannot restore them ({shown})"
    if order.manual_discount:
        return "a manual discount on the order"
    return "differs from the record"


def _moves(
    period: Period, live: RuleSetReplay, proposed: RuleSetReplay, draft: DraftRules
) -> list[TierMove]:
    ranks = {tier.code: tier.rank for tier in draft.ranked()}
    moves = []
    drafted = proposed.final_tiers()
    for member_id, current_tier in sorted(live.final_tiers().items()):
        draft_tier = drafted[member_id]
        if draft_tier == current_tier:
            continue
        member = period.members[member_id]
        up = ranks[draft_tier] > ranks[current_tier]
        moves.append(
            TierMove(
                member_id,
                member.member_no,
                member.name,
                current_tier,
                draft_tier,
                "up" if up else "down",
            )
        )
    return moves


__all__ = ["Comparison", "Figures", "Period", "ReplayCancelled", "replay"]

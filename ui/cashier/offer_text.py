"""Offers in words for the cashier: the stacking policy, and why each offer did or did not
apply to this order."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.domain.money import BASIS_POINTS_PER_WHOLE, Currency, format_money
from app.domain.offers import (
    Applied,
    Candidate,
    Dropped,
    Miss,
    Missed,
    NotApplied,
    OfferOutcome,
    StackingPolicy,
)

QUIET_MISSES = frozenset({Miss.NOT_YET_VALID, Miss.NO_LONGER_VALID})
"""Offers outside their dates are not worth a line in the explanation."""

WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


class OfferText(QObject):
    def __init__(self, currency: Currency, language: str) -> None:
        super().__init__()
        self._currency, self._language = currency, language

    def explain(self, outcome: OfferOutcome) -> list[str]:
        if not (outcome.applied or outcome.not_applied or self._worth_telling(outcome)):
            return []
        lines = [self.policy(outcome)]
        lines += [self.applied(one) for one in outcome.applied]
        lines += [self.not_applied(one) for one in outcome.not_applied]
        lines += [self.missed(one) for one in outcome.missed if one.miss not in QUIET_MISSES]
        return lines

    def _worth_telling(self, outcome: OfferOutcome) -> bool:
        return any(one.miss not in QUIET_MISSES for one in outcome.missed)

    def policy(self, outcome: OfferOutcome) -> str:
        if outcome.policy is StackingPolicy.ADDITIVE:
            text = self.tr("Offers: additive — every offer that applies is added, in turn.")
        elif outcome.policy is StackingPolicy.EXCLUSIVE:
            text = self.tr(
                "Offers: exclusive — the best single offer or the tier discount, "
                "whichever saves more."
            )
        else:
            text = self.tr("Offers: best of — only the offer that saves most, on top of the tier.")
        if outcome.cap_bp < BASIS_POINTS_PER_WHOLE:
            cap = self.tr(" Offers together take at most %1% of the order.")
            text += cap.replace("%1", _percent(outcome.cap_bp))
        if outcome.tier_discount_replaced:
            text += self.tr(" The offer replaces the tier discount on this order.")
        return text

    def applied(self, one: Applied) -> str:
        text = self.tr("✓ %1: −%2").replace("%1", self.name(one.candidate))
        text = text.replace("%2", self._money(one.amount))
        if one.cut_by_cap:
            cut = self.tr(" (cut by %1 to stay within the cap)")
            text += cut.replace("%1", self._money(one.cut_by_cap))
        return text

    def not_applied(self, one: NotApplied) -> str:
        reasons = {
            Dropped.NOT_THE_BEST: self.tr("another offer saves more"),
            Dropped.TIER_DISCOUNT_BETTER: self.tr("the tier discount saves more"),
            Dropped.CAP_REACHED: self.tr("the per-order cap is reached"),
            Dropped.NOTHING_LEFT: self.tr("nothing left to take off its items"),
        }
        text = self.tr("✗ %1: not applied, %2")
        return text.replace("%1", self.name(one.candidate)).replace("%2", reasons[one.why])

    def missed(self, one: Missed) -> str:
        text = self.tr("✗ %1: %2")
        return text.replace("%1", self.name(one.candidate)).replace("%2", self.miss(one))

    def miss(self, one: Missed) -> str:
        rule = one.candidate.offer.conditions
        if one.miss is Miss.WRONG_TIME:
            start = rule.starts_at.strftime("%H:%M") if rule.starts_at else "00:00"
            end = rule.ends_at.strftime("%H:%M") if rule.ends_at else "24:00"
            return self.tr("only %1–%2").replace("%1", start).replace("%2", end)
        if one.miss is Miss.WRONG_WEEKDAY:
            names = WEEKDAYS_ZH if self._language == "zh" else WEEKDAYS_EN
            days = " ".join(names[day] for day in sorted(rule.weekdays))
            return self.tr("only on %1").replace("%1", days)
        if one.miss is Miss.PARTY_TOO_SMALL:
            return self.tr("needs %1 or more guests").replace("%1", str(rule.min_party_size))
        if one.miss is Miss.BELOW_MINIMUM_SPEND:
            return self.tr("needs %1 of its items").replace("%1", self._money(rule.min_spend))
        if one.miss is Miss.USED_UP:
            limit = str(rule.uses_per_member or 0)
            return self.tr("already used %1 times (the limit)").replace("%1", limit)
        return self._plain_miss(one.miss)

    def _plain_miss(self, miss: Miss) -> str:
        texts = {
            Miss.NOT_YET_VALID: self.tr("not started yet"),
            Miss.NO_LONGER_VALID: self.tr("ended"),
            Miss.HOLIDAYS_ONLY: self.tr("public holidays only"),
            Miss.NOT_ON_HOLIDAYS: self.tr("not on public holidays"),
            Miss.WRONG_SERVICE: self.tr("not for this service type (dine-in / takeaway)"),
            Miss.MEMBERS_ONLY: self.tr("for current members only"),
            Miss.WRONG_TIER: self.tr("not for this tier"),
            Miss.WRONG_SEGMENT: self.tr("not for this member's segment"),
            Miss.NO_COVERED_ITEMS: self.tr("none of its items are on the order"),
            Miss.COUPON_EXPIRED: self.tr("the coupon has expired"),
        }
        return texts.get(miss, miss.value)

    def name(self, candidate: Candidate) -> str:
        offer = candidate.offer
        name = offer.name_zh if self._language == "zh" else offer.name_en
        if candidate.coupon is not None:
            return (
                self.tr("coupon %1 (%2)").replace("%1", name).replace("%2", candidate.coupon.code)
            )
        return name

    def _money(self, amount: int) -> str:
        return format_money(amount, self._currency)


def _percent(basis_points: int) -> str:
    whole, rest = divmod(basis_points, 100)
    return str(whole) if rest == 0 else f"{whole}.{rest:02d}".rstrip("0")

"""A campaign's results as data for scripts (``pos campaigns show --json``) and as one
line of text (``pos campaigns list``)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from app.domain.campaigns import CampaignResult, round_half_up
from app.domain.money import format_money


def decimal_text(value: Fraction, places: int = 2) -> str:
    """``value`` rounded half-up to ``places`` decimals, as text (``-0.25``)."""
    scaled = round_half_up(value * 10**places)
    sign = "-" if scaled < 0 else ""
    whole, part = divmod(abs(scaled), 10**places)
    return f"{sign}{whole}.{part:0{places}d}" if places else f"{sign}{whole}"


def rate_bp(value: Fraction) -> int:
    """A share in basis points, rounded half-up."""
    return round_half_up(value * 10_000)


def campaign_json(result: CampaignResult) -> dict[str, Any]:
    facts, lift = result.facts, result.uplift
    return {
        "campaign": facts.campaign_id,
        "offer": facts.offer_code,
        "name_zh": facts.name_zh,
        "name_en": facts.name_en,
        "kind": "coupon" if facts.coupon_offer else "targeted",
        "by_hand": facts.campaign_id is None,
        "started_at": facts.started_at.isoformat(timespec="seconds"),
        "ends_on": facts.ends_on.isoformat() if facts.ends_on else None,
        "holdout_bp": facts.holdout_bp,
        "seed": facts.seed,
        "targeted": facts.targeted,
        "held_back": facts.held_back,
        "given": result.given,
        "coupons_issued": facts.coupons_issued,
        "reached": facts.reached,
        "redeemed": facts.redeemed,
        "redeemers": facts.redeemers,
        "redemption_rate_bp": rate_bp(result.redemption_rate),
        "discount_fen": facts.discount,
        "revenue_fen": facts.revenue,
        "uplift": {
            "method": lift.method.value,
            "treated": lift.treated,
            "compared_with": lift.compared_with,
            "unmatched": lift.unmatched,
            "visits_per_member": {
                "given": str(lift.treated_visits),
                "compared": str(lift.other_visits),
                "uplift": str(lift.visits),
            },
            "spend_per_member_fen": {
                "given": round_half_up(lift.treated_spend),
                "compared": round_half_up(lift.other_spend),
                "uplift": lift.spend_rounded,
                "uplift_exact": str(lift.spend),
            },
        },
    }


def campaign_line(result: CampaignResult) -> str:
    facts, lift = result.facts, result.uplift
    uplift = (
        f"uplift {decimal_text(lift.visits)} visits, {format_money(lift.spend_rounded)}"
        f" per member ({lift.method.value})"
        if lift.treated
        else "no uplift: nobody to compare with"
    )
    number = "–" if facts.campaign_id is None else str(facts.campaign_id)
    code = facts.offer_code + (" (by hand)" if facts.campaign_id is None else "")
    return (
        f"{number:>4}  {code:<20} {facts.started_at:%Y-%m-%d}"
        f"  targeted {facts.targeted}, held back {facts.held_back},"
        f" redeemed {facts.redeemed} ({decimal_text(result.redemption_rate * 100, 1)} %),"
        f" discount {format_money(facts.discount)}, revenue {format_money(facts.revenue)};"
        f" {uplift}"
    )

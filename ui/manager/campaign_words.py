"""The Campaigns tab's words and figures: the columns, a campaign's row and how its uplift
was measured, in the manager's language (shared by the screen and the exports)."""

from __future__ import annotations

from fractions import Fraction

from PySide6.QtCore import QCoreApplication

from app.campaigns.desk import StartedCampaign
from app.campaigns.report import decimal_text
from app.domain.campaigns import CampaignResult, Method, round_half_up
from app.domain.money import Currency, format_money

translate = QCoreApplication.translate


def column_titles() -> list[str]:
    """Short, for the screen's table; ``export_titles`` says each in full."""
    return [
        translate("Campaigns", "Offer"),
        translate("Campaigns", "Started"),
        translate("Campaigns", "Targeted"),
        translate("Campaigns", "Held back"),
        translate("Campaigns", "Coupons"),
        translate("Campaigns", "Reached"),
        translate("Campaigns", "Redeemed"),
        translate("Campaigns", "Rate"),
        translate("Campaigns", "Discount"),
        translate("Campaigns", "Revenue"),
        translate("Campaigns", "Visits +"),
        translate("Campaigns", "Spend +"),
    ]


def export_titles() -> list[str]:
    return [
        translate("Campaigns", "Offer"),
        translate("Campaigns", "Started"),
        translate("Campaigns", "Members targeted"),
        translate("Campaigns", "Held back (control)"),
        translate("Campaigns", "Coupons issued"),
        translate("Campaigns", "Reached at the till"),
        translate("Campaigns", "Redeemed"),
        translate("Campaigns", "Redemption rate"),
        translate("Campaigns", "Discount given"),
        translate("Campaigns", "Revenue of the orders it was used on"),
        translate("Campaigns", "Visits uplift per member"),
        translate("Campaigns", "Spend uplift per member"),
    ]


def header_tips() -> list[str]:
    """What each short column title means, for its tooltip."""
    return [
        translate("Campaigns", "The offer's code; its name is in the tooltip and below"),
        translate("Campaigns", "When the campaign started"),
        translate("Campaigns", "Members in the audience, held back ones included"),
        translate("Campaigns", "Members held back at random as a control group"),
        translate("Campaigns", "Coupons issued to members given it"),
        translate(
            "Campaigns",
            "Members given it who came to a till while it was theirs (the till lists their "
            "coupons and prices their offers on every order)",
        ),
        translate("Campaigns", "Times used on paid orders by members given it"),
        translate("Campaigns", "Share of the members given it who used it at least once"),
        translate("Campaigns", "What it took off those orders"),
        translate("Campaigns", "Totals of the orders it was used on"),
        translate("Campaigns", "Extra visits per member given it, against the comparison"),
        translate("Campaigns", "Extra spend per member given it, against the comparison"),
    ]


def offer_name(result: CampaignResult, language: str) -> str:
    facts = result.facts
    name = facts.name_zh if language.startswith("zh") else facts.name_en
    return f"{name} ({facts.offer_code})"


def row_texts(
    result: CampaignResult, language: str, currency: Currency, short: bool = False
) -> list[str]:
    """The table's cells; ``short``: the offer as its code alone (the screen's table)."""
    facts, lift = result.facts, result.uplift
    compared = lift.method is not Method.NONE
    return [
        _code(result) if short else offer_name(result, language),
        facts.started_at.strftime("%Y-%m-%d"),
        str(facts.targeted),
        str(facts.held_back),
        str(facts.coupons_issued),
        str(facts.reached),
        str(facts.redeemed),
        f"{decimal_text(result.redemption_rate * 100, 1)} %",
        format_money(facts.discount, currency),
        format_money(facts.revenue, currency),
        _signed(decimal_text(lift.visits)) if compared else "–",
        _signed(format_money(lift.spend_rounded, currency)) if compared else "–",
    ]


def _code(result: CampaignResult) -> str:
    if result.facts.campaign_id is None:
        return translate("Campaigns", "%1 (by hand)").replace("%1", result.facts.offer_code)
    return result.facts.offer_code


def _signed(text: str) -> str:
    return text if text.startswith("-") else f"+{text}"


def method_text(result: CampaignResult) -> str:
    """How the uplift was measured, in one or two sentences."""
    lift = result.uplift
    if lift.method is Method.CONTROL:
        text = translate(
            "Campaigns",
            "Compared with the %1 members held back at random when it started (a control "
            "group): visits and spend per member from the start to the end of the campaign.",
        )
        return text.replace("%1", str(lift.compared_with))
    if lift.method is Method.MATCHED:
        text = translate(
            "Campaigns",
            "No control group: compared with %1 members who did not get it, of the same tier "
            "and segment, weighted by the members given it in each; %2 members given it had "
            "nobody like them and are left out.",
        )
        return text.replace("%1", str(lift.compared_with)).replace("%2", str(lift.unmatched))
    return translate(
        "Campaigns",
        "Nobody to compare with: every member like those given it got it too. Hold back a "
        "share of the audience next time to measure the uplift.",
    )


def window_text(result: CampaignResult) -> str:
    facts = result.facts
    start = facts.started_at.strftime("%Y-%m-%d %H:%M")
    if facts.campaign_id is None:
        text = translate(
            "Campaigns", "Coupons given by hand at the till, from %1 to the last expiry on %2."
        )
        return text.replace("%1", start).replace("%2", str(facts.ends_on))
    if facts.ends_on is None:
        text = translate("Campaigns", "Running since %1 (seed %2, %3 % held back).")
    else:
        text = translate("Campaigns", "From %1 to %4 (seed %2, %3 % held back).")
        text = text.replace("%4", facts.ends_on.isoformat())
    places = 0 if facts.holdout_bp % 100 == 0 else 2
    share = decimal_text(Fraction(facts.holdout_bp, 100), places)
    return text.replace("%1", start).replace("%2", str(facts.seed)).replace("%3", share)


def compared_label(result: CampaignResult) -> str:
    if result.uplift.method is Method.CONTROL:
        return translate("Campaigns", "Held back")
    return translate("Campaigns", "Like members")


def per_member(result: CampaignResult) -> tuple[tuple[float, float], tuple[float, float]]:
    """(visits given, visits compared), (spend given, spend compared) in display units."""
    lift = result.uplift
    return (
        (float(lift.treated_visits), float(lift.other_visits)),
        (round_half_up(lift.treated_spend) / 100, round_half_up(lift.other_spend) / 100),
    )


def started_text(started: StartedCampaign) -> str:
    """A campaign just started, with its audience, in one sentence."""
    text = translate(
        "Campaigns", "Campaign started for %1: %2 members, %3 held back, %4 coupons issued."
    )
    return (
        text.replace("%1", started.offer_code)
        .replace("%2", str(started.targeted))
        .replace("%3", str(started.held_back))
        .replace("%4", str(started.coupons_issued))
    )


def refusal_text(kind: str) -> str:
    """A refused start or read (``CampaignRefused.kind``) in one sentence."""
    texts = {
        "holdout": translate("Campaigns", "Hold back between 0 and 50 % of the audience."),
        "coupon_days": translate("Campaigns", "A coupon is valid for 1 to 366 days."),
        "no_offer": translate("Campaigns", "That offer no longer exists: refresh."),
        "inactive": translate("Campaigns", "That offer is not active: switch it on first."),
        "no_audience": translate(
            "Campaigns", "No member is in that offer's tiers and segments: nobody to give it to."
        ),
        "not_manager": translate("Campaigns", "Only a manager may start campaigns."),
        "no_campaign": translate("Campaigns", "That campaign no longer exists: refresh."),
    }
    return texts.get(kind, translate("Campaigns", "The campaign could not be started."))

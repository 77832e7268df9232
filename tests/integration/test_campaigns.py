"""Campaigns on both databases: the control group drawn and recorded, held-back members
never offered the offer nor given its coupon, and the results with a known effect."""

from __future__ import annotations

import json
from datetime import timedelta
from fractions import Fraction

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.campaigns.desk import CampaignRefused
from app.domain.approvals import PinApproval, ReasonCode
from app.domain.bill import build_bill
from app.domain.campaigns import Method, control_size, draw_control
from app.domain.draft import OrderDraft
from app.domain.offer_admin import TargetedOfferSpec
from app.domain.offers import BenefitKind, Conditions, Offer
from app.domain.payment import PaymentMethod, Tender
from app.whatif.run import read_live_rules, what_if
from db.models import AuditEventRow, CampaignMemberRow, MemberCouponRow, MemberRow, OrderRow
from tests.fakes import FakeClock
from tests.integration.test_loyalty_admin import cashier, manager

TEN_OFF = Offer(
    "TEN-OFF",
    "会员九折",
    "Members: 10% off",
    BenefitKind.PERCENT_OFF,
    1_000,
    Conditions(),
)


def rows(url: str, statement):  # type: ignore[no-untyped-def]
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            return session.execute(statement).all()
    finally:
        engine.dispose()


def start_ten_off(till: Till, holdout_bp: int, seed: int) -> int:
    till.loyalty_admin.save_targeted_offer(TargetedOfferSpec(TEN_OFF), manager(till))
    started = till.campaigns.start("TEN-OFF", holdout_bp, staff=manager(till), seed=seed)
    return started.campaign_id


def groups(url: str, campaign_id: int) -> tuple[list[int], list[int]]:
    """(members given it, members held back), by id."""
    found = rows(
        url,
        select(CampaignMemberRow.member_id, CampaignMemberRow.held_back)
        .where(CampaignMemberRow.campaign_id == campaign_id)
        .order_by(CampaignMemberRow.member_id),
    )
    return [m for m, held in found if not held], [m for m, held in found if held]


def phone_of(url: str, member_id: int) -> str:
    return str(rows(url, select(MemberRow.phone).where(MemberRow.id == member_id))[0][0])


def draft_for(till: Till, phone: str) -> OrderDraft:
    draft = OrderDraft()
    draft.add(next(item for item in till.catalog.load().items if item.code == "HOT-03"))
    member = till.members.identify(phone).member
    assert member is not None
    draft.set_member(till.loyalty.personal(member, till.clock.now().date()))
    return draft


def pay(till: Till, draft: OrderDraft) -> str:
    bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
    return till.checkout.check_out(
        draft, Tender(PaymentMethod.CASH, bill.due), cashier(till)
    ).order_no


def test_a_tenth_of_the_audience_is_held_back_by_a_seeded_draw_recorded_and_audited(
    till: Till, database_url: str
) -> None:
    campaign_id = start_ten_off(till, 1_000, seed=2026)

    given, held = groups(database_url, campaign_id)
    audience = rows(
        database_url,
        select(MemberRow.id).where(MemberRow.merged_into_id.is_(None)).order_by(MemberRow.id),
    )
    ids = [member_id for (member_id,) in audience]
    assert sorted(given + held) == ids
    assert len(held) == control_size(len(ids), 1_000) == round(len(ids) / 10)
    assert set(held) == draw_control(ids, 1_000, 2026)
    ((detail,),) = rows(
        database_url,
        select(AuditEventRow.detail).where(AuditEventRow.action == "campaign_started"),
    )
    assert json.loads(detail) == {
        "offer": "TEN-OFF",
        "targeted": len(ids),
        "held_back": len(held),
        "holdout_bp": 1_000,
        "seed": 2026,
        "coupons_issued": 0,
        "ends_on": None,
    }


def test_a_held_back_member_is_never_offered_the_offer_and_one_given_it_is(
    till: Till, database_url: str
) -> None:
    given, held = groups(database_url, start_ten_off(till, 2_500, seed=7))

    kept_out = draft_for(till, phone_of(database_url, held[0]))
    offered = draft_for(till, phone_of(database_url, given[0]))

    assert kept_out.member is not None and kept_out.member.held_back == ("TEN-OFF",)
    bill = build_bill(kept_out, till.loyalty.rules(), till.clock.now())
    considered = [one.candidate.offer.code for one in bill.offers.missed] + [
        one.candidate.offer.code for one in (*bill.offers.applied, *bill.offers.not_applied)
    ]
    assert "TEN-OFF" not in considered  # not even listed in "why this price"
    bill = build_bill(offered, till.loyalty.rules(), till.clock.now())
    assert [one.candidate.offer.code for one in bill.offers.applied] == ["TEN-OFF"]


def test_a_coupon_campaign_gives_coupons_only_to_members_not_held_back(
    till: Till, database_url: str
) -> None:
    started = till.campaigns.start(
        "CPN-WELCOME-BACK", 2_000, staff=manager(till), seed=11, coupon_days=14
    )
    given, held = groups(database_url, started.campaign_id)

    holders = rows(
        database_url,
        select(MemberCouponRow.member_id, MemberCouponRow.expires_on)
        .where(MemberCouponRow.issued_at == till.clock.now())
        .order_by(MemberCouponRow.member_id),
    )
    assert [member for member, _ in holders] == given
    assert {expires for _, expires in holders} == {till.clock.now().date() + timedelta(days=14)}
    assert started.coupons_issued == len(given) and started.held_back == len(held) > 0
    kept_out = draft_for(till, phone_of(database_url, held[0])).member
    assert kept_out is not None
    campaign_coupons = {
        coupon_id
        for (coupon_id,) in rows(
            database_url,
            select(CampaignMemberRow.coupon_id).where(
                CampaignMemberRow.campaign_id == started.campaign_id
            ),
        )
    }
    assert not {c.coupon_id for c in kept_out.coupons} & campaign_coupons


def test_results_count_uses_discount_revenue_and_the_uplift_against_the_control(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    campaign_id = start_ten_off(till, 2_500, seed=7)
    given, held = groups(database_url, campaign_id)
    clock.advance(timedelta(minutes=5))

    paid = [pay(till, draft_for(till, phone_of(database_url, m))) for m in given[:2]]
    paid.append(pay(till, draft_for(till, phone_of(database_url, held[0]))))

    totals = dict(
        rows(
            database_url,
            select(OrderRow.order_no, OrderRow.total_fen).where(OrderRow.order_no.in_(paid)),
        )
    )
    discounts = rows(
        database_url,
        select(OrderRow.offer_discount_fen).where(OrderRow.order_no.in_(paid[:2])),
    )
    result = till.campaigns.campaign(campaign_id, manager(till))
    facts = result.facts
    assert (facts.targeted, facts.held_back, facts.coupons_issued) == (
        len(given) + len(held), len(held), 0,
    )  # fmt: skip
    assert (facts.reached, facts.redeemed, facts.redeemers) == (2, 2, 2)
    assert facts.discount == sum(d for (d,) in discounts) > 0
    assert facts.revenue == totals[paid[0]] + totals[paid[1]]
    assert result.redemption_rate == Fraction(2, len(given))
    assert result.uplift.method is Method.CONTROL
    assert result.uplift.visits == Fraction(2, len(given)) - Fraction(1, len(held))
    assert result.uplift.spend == (
        Fraction(totals[paid[0]] + totals[paid[1]], len(given))
        - Fraction(totals[paid[2]], len(held))
    )
    listed = till.campaigns.campaigns(manager(till))
    assert [r.facts.campaign_id for r in listed if r.facts.campaign_id] == [campaign_id]


def test_without_a_control_the_uplift_compares_members_of_the_same_tier_and_segment(
    till: Till, database_url: str
) -> None:
    gold_only = Offer(
        "GOLD-ONLY", "金卡专享", "Gold only", BenefitKind.PERCENT_OFF, 500,
        Conditions(tiers=frozenset({"GOLD"})),
    )  # fmt: skip
    till.loyalty_admin.save_targeted_offer(TargetedOfferSpec(gold_only), manager(till))
    started = till.campaigns.start("GOLD-ONLY", 0, staff=manager(till), seed=1)

    result = till.campaigns.campaign(started.campaign_id, manager(till))

    assert result.facts.held_back == 0
    # Every gold member is in the audience: nobody of their tier is left to compare with.
    assert result.uplift.method is Method.NONE
    assert result.uplift.unmatched == started.targeted > 0


def test_a_cashier_may_not_start_a_campaign_and_an_unknown_offer_is_refused(
    till: Till,
) -> None:
    with pytest.raises(CampaignRefused, match="manager"):
        till.campaigns.start("CPN-WELCOME-BACK", 0, staff=cashier(till))
    with pytest.raises(CampaignRefused, match="no offer NOPE"):
        till.campaigns.start("NOPE", 0, staff=manager(till))
    with pytest.raises(CampaignRefused, match="between 0 and 50"):
        till.campaigns.start("CPN-WELCOME-BACK", 6_000, staff=manager(till))


def test_the_what_if_replay_reproduces_the_orders_of_held_back_members(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    given, held = groups(database_url, start_ten_off(till, 2_500, seed=7))
    clock.advance(timedelta(minutes=5))
    for member_id in (held[0], given[0]):
        pay(till, draft_for(till, phone_of(database_url, member_id)))
    today = clock.now().date()

    result = what_if(database_url, read_live_rules(database_url), today, today)

    assert result.current.orders == 2
    assert result.not_reproduced == []


def test_coupons_given_by_hand_are_compared_with_members_of_the_same_tier_and_segment(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    sorry = Offer(
        "CPN-SORRY", "致歉券 减20元", "Apology: ¥20 off", BenefitKind.AMOUNT_OFF, 2_000,
        Conditions(), coupon_only=True,
    )  # fmt: skip
    till.loyalty_admin.save_targeted_offer(TargetedOfferSpec(sorry), manager(till))
    zhang = till.members.identify("13800138000").member
    assert zhang is not None
    till.adjustments.issue_coupon(zhang.member_id, "CPN-SORRY", 30, cashier(till),
                                  ReasonCode.GOODWILL, "cold soup",
                                  PinApproval("manager", "9999"))  # fmt: skip
    clock.advance(timedelta(minutes=5))
    draft = draft_for(till, "13800138000")
    coupon = next(c for c in draft.member.coupons if c.offer.code == "CPN-SORRY")  # type: ignore[union-attr]
    draft.toggle_coupon(coupon.coupon_id)
    first = pay(till, draft)
    second = pay(till, draft_for(till, "13800138000"))
    (stratum,) = rows(database_url, select(MemberRow.tier_id, MemberRow.segment).where(
        MemberRow.id == zhang.member_id))  # fmt: skip
    alike = rows(database_url, select(MemberRow.id).where(
        MemberRow.tier_id == stratum[0], MemberRow.segment == stratum[1],
        MemberRow.id != zhang.member_id, MemberRow.merged_into_id.is_(None)))  # fmt: skip
    totals = dict(rows(database_url, select(OrderRow.order_no, OrderRow.total_fen)))

    result = till.campaigns.coupons_by_hand("CPN-SORRY", manager(till))

    facts = result.facts
    assert facts.campaign_id is None and facts.coupon_offer
    assert (facts.targeted, facts.held_back, facts.coupons_issued) == (1, 0, 1)
    assert (facts.reached, facts.redeemed, facts.discount) == (1, 1, 2_000)
    assert facts.revenue == totals[first]
    assert result.uplift.method is Method.MATCHED
    assert result.uplift.compared_with == len(alike) > 0
    # Nobody else ordered since the coupon: two visits and both totals more per member.
    assert result.uplift.visits == 2
    assert result.uplift.spend == totals[first] + totals[second]
    listed = till.campaigns.campaigns(manager(till))
    assert "CPN-SORRY" in [r.facts.offer_code for r in listed if r.facts.campaign_id is None]

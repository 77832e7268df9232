"""The demo restaurant's targeted offers, holidays and a few personal coupons."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.context import ActionContext
from app.domain.offer_admin import TargetedOfferSpec
from db.audit_log import SqlAuditLog
from db.loyalty_rules import offer_from_row
from db.models import (
    MemberCouponRow,
    MemberRow,
    OfferCategoryRow,
    OfferRow,
    OfferTierRow,
    PublicHolidayRow,
    SettingRow,
)
from db.programme_rows import tier_rows

OFFER_SETTINGS = {"offers.stacking": "best_of", "offers.cap_bp": "3000"}

HOLIDAYS = (
    *((date(2026, 10, day), "国庆节 National Day") for day in range(1, 8)),
    *((date(2027, 1, day), "元旦 New Year") for day in range(1, 4)),
    *((date(2027, 2, day), "春节 Spring Festival") for day in range(6, 13)),
    *((date(2027, 5, day), "劳动节 Labour Day") for day in range(1, 6)),
)


def _offers(categories: dict[str, int], tiers: dict[str, int]) -> list[OfferRow]:
    return [
        OfferRow(
            code="AFTERNOON-TEA",
            name_zh="工作日下午茶 饮品凉菜85折",
            name_en="Weekday afternoon tea: 15% off drinks and cold dishes",
            kind="percent_off",
            value=1500,
            priority=10,
            weekdays="01234",
            holidays="not_on_holidays",
            starts_at=time(14),
            ends_at=time(17),
            categories=[OfferCategoryRow(category_id=categories[c]) for c in ("DRINK", "COLD")],
        ),
        OfferRow(
            code="FAMILY-4",
            name_zh="4人及以上堂食 满300减30",
            name_en="Table of 4 or more: ¥30 off ¥300",
            kind="amount_off",
            value=3000,
            priority=20,
            min_party_size=4,
            service_types="dine_in",
            min_spend_fen=30_000,
        ),
        OfferRow(
            code="MEMBER-TUESDAY",
            name_zh="周二会员日 金卡及以上再95折",
            name_en="Member Tuesday (Gold and up): another 5% off",
            kind="percent_off",
            value=500,
            priority=30,
            weekdays="1",
            uses_per_member=4,
            tiers=[OfferTierRow(tier_id=tiers[t]) for t in ("GOLD", "PLATINUM")],
        ),
        OfferRow(
            code="CPN-BIRTHDAY",
            name_zh="生日券 满200减50",
            name_en="Birthday coupon: ¥50 off ¥200",
            kind="amount_off",
            value=5000,
            priority=5,
            coupon_only=True,
            min_spend_fen=20_000,
        ),
        OfferRow(
            code="CPN-WELCOME-BACK",
            name_zh="回归券 满80减30",
            name_en="Welcome-back coupon: ¥30 off ¥80",
            kind="amount_off",
            value=3000,
            priority=5,
            coupon_only=True,
            min_spend_fen=8_000,
        ),
    ]


def seed_offers(session: Session, categories: dict[str, int], tiers: dict[str, int]) -> None:
    session.add_all(SettingRow(key=key, value=value) for key, value in OFFER_SETTINGS.items())
    session.add_all(PublicHolidayRow(day=day, name=name) for day, name in HOLIDAYS)
    session.add_all(_offers(categories, tiers))


# member no, coupon code, offer code, days valid
DEMO_COUPONS = (
    ("M0000002", "BD-2026-0002", "CPN-BIRTHDAY", 30),
    ("M0000003", "WB-2026-0003", "CPN-WELCOME-BACK", 60),
)
BIRTHDAY_THIS_MONTH = "M0000002"


def seed_coupons(session: Session, today: date, now: datetime) -> None:
    """Emily Chen has her birthday this month and its coupon; 李娜, lapsed, a welcome-back."""
    numbers = [number for number, *_ in DEMO_COUPONS]
    query = select(MemberRow.member_no, MemberRow.id).where(MemberRow.member_no.in_(numbers))
    members = {number: member_id for number, member_id in session.execute(query)}
    offers = {
        code: offer_id for code, offer_id in session.execute(select(OfferRow.code, OfferRow.id))
    }
    session.add_all(
        MemberCouponRow(
            code=code,
            member_id=members[number],
            offer_id=offers[offer],
            issued_at=now,
            expires_on=today + timedelta(days=days),
        )
        for number, code, offer, days in DEMO_COUPONS
        if number in members
    )
    session.execute(
        update(MemberRow)
        .where(MemberRow.member_no == BIRTHDAY_THIS_MONTH)
        .values(birthday=date(1990, today.month, min(today.day, 28)), birth_month=today.month)
    )


def record_offer_launch(session: Session, launched_at: datetime) -> None:
    """The offers' creation in the audit log, as the editor records it, at ``launched_at``
    (after the demo's past, which was sold without them: the what-if simulator's replay
    of that past reads this to price it without the offers)."""
    codes = {row.id: row.code for row in tier_rows(session)}
    audit = SqlAuditLog(session)
    action = ActionContext(None, "demo", launched_at)
    for row in session.scalars(select(OfferRow).order_by(OfferRow.id)):
        spec = TargetedOfferSpec(offer_from_row(row, codes), row.active)
        detail = {"before": None, "after": asdict(spec)}
        audit.record(action, "loyalty_rule_changed", f"offer:{row.code}", detail)

"""A till keeps the programme's tables between checkouts and reads them again as soon as
anyone changes them (``db/programme_version.py``), on both databases."""

from __future__ import annotations

from datetime import date

from sqlalchemy import create_engine, delete, select
from sqlalchemy.orm import Session

from app.bootstrap import Till, build_till
from app.domain.members import MemberSummary
from app.domain.offers import Offer
from app.till_config import TillConfig
from db.models import OfferRow, PublicHolidayRow, TierExcludedCategoryRow, TierRow, TopUpRuleRow
from tests.fakes import FakeClock
from tests.integration.test_checkout_statements import statements_of_this_thread

HOLIDAY = date(2026, 12, 25)
EMILY = "13912345678"  # a birthday coupon


def edit(database_url: str, change: object) -> None:
    """``change(session)`` committed by another process's session, as a manager's edit."""
    engine = create_engine(database_url)
    with Session(engine) as session, session.begin():
        change(session)  # type: ignore[operator]
    engine.dispose()


def test_an_edit_by_another_till_is_priced_with_at_the_next_checkout(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    other = build_till(TillConfig(database_url, till_id="T2"), clock)
    try:
        kept = other.loyalty.rules()
        assert kept == other.loyalty.rules()  # nothing changed: the same rules
        codes = {offer.code for offer in kept.offers}
        stopped = sorted(codes)[0]

        def stop_offer(session: Session) -> None:  # an attribute changed: a flush
            session.scalars(select(OfferRow).where(OfferRow.code == stopped)).one().active = False

        edit(database_url, stop_offer)
        assert {offer.code for offer in other.loyalty.rules().offers} == codes - {stopped}

        edit(database_url, lambda session: session.add(PublicHolidayRow(day=HOLIDAY)))
        assert HOLIDAY in other.loyalty.rules().holidays

        edit(database_url, lambda session: session.execute(delete(TopUpRuleRow)))
        assert other.loyalty.rules().top_up_rules == ()
        assert till.loyalty.rules() == other.loyalty.rules()
    finally:
        other.close()


def test_a_coupons_offer_is_the_kept_one_until_an_edit_replaces_it(
    till: Till, database_url: str
) -> None:
    emily = till.members.identify(EMILY).member
    assert emily is not None
    today = till.clock.now().date()
    till.loyalty.rules()  # the till keeps the programme's tables
    with statements_of_this_thread(till) as sent:
        kept = birthday_coupon(till.loyalty.personal(emily, today))
    assert [sql for sql in sent if sql.startswith("SELECT offers.")] == []  # not read again

    def double_it(session: Session) -> None:  # an attribute changed: a flush
        row = session.scalars(select(OfferRow).where(OfferRow.code == "CPN-BIRTHDAY")).one()
        row.value *= 2

    edit(database_url, double_it)
    assert birthday_coupon(till.loyalty.personal(emily, today)).value == 2 * kept.value
    till.loyalty.rules()  # the tables read again under the new token
    assert birthday_coupon(till.loyalty.personal(emily, today)).value == 2 * kept.value


def test_a_member_found_has_their_tier_as_last_edited_though_the_till_keeps_the_tiers(
    till: Till, database_url: str
) -> None:
    first = till.members.identify(EMILY).member
    assert first is not None
    assert till.members.identify(EMILY).member == first  # kept: the same tier
    tier_id = first.tier.tier_id
    halved = first.tier.discount_bp // 2 + 1

    def halve(session: Session) -> None:  # an attribute changed: a flush
        session.get_one(TierRow, tier_id).discount_bp = halved

    edit(database_url, halve)
    again = till.members.identify(EMILY).member
    assert again is not None and again.tier.discount_bp == halved
    category = next(item.category_id for item in till.catalog.load().items)

    def exclude(session: Session) -> None:
        session.add(TierExcludedCategoryRow(tier_id=tier_id, category_id=category))

    edit(database_url, exclude)
    last = till.members.identify(EMILY).member
    assert last is not None and category in last.tier.excluded_categories


def birthday_coupon(member: MemberSummary) -> Offer:
    return next(c.offer for c in member.coupons if c.offer.code == "CPN-BIRTHDAY")

"""Campaign control groups in the local copy: a member held back from a targeted offer
is priced, and sold, offline exactly as online (never offered it), one given it gets it;
the copy takes a campaign started after it was built at its next refresh, and a build
takes every campaign. On SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select

from app.bootstrap import Till
from app.domain.bill import Bill, build_bill
from app.domain.draft import OrderDraft
from app.domain.members import MemberId
from app.domain.offer_admin import TargetedOfferSpec
from app.domain.payment import PaymentMethod, Tender
from app.offline.cover import PrintedOffline
from app.offline.local_copy import LocalCopy
from app.offline.selling import OfflineSeller
from app.services.auth import AuthService
from app.services.catalog import CatalogService
from app.services.member_outlook import LoyaltyService
from db.local_copy.refresh import Refreshed
from db.models import CampaignMemberRow, CampaignRow
from tests.integration.test_campaigns import (
    TEN_OFF,
    draft_for,
    groups,
    phone_of,
    start_ten_off,
)
from tests.integration.test_local_copy import copy, server
from tests.integration.test_loyalty_admin import cashier, manager

__all__ = ["copy", "server"]  # fixtures shared with the local copy's tests


def offered(bill: Bill) -> list[str]:
    return [one.candidate.offer.code for one in bill.offers.applied]


def offline_draft(copy: LocalCopy, till: Till, phone: str) -> tuple[OrderDraft, Bill]:
    """The order for ``phone`` rung up over the copy, as the offline counter does."""
    loyalty = LoyaltyService(copy.units(), store_id=till.offline_place.store_id)
    members = copy.members()
    try:
        member = members.identify(phone).member
    finally:
        members.close()
    assert member is not None, phone
    draft = OrderDraft()
    items = CatalogService(copy.units()).load().items
    draft.add(next(item for item in items if item.code == "HOT-03"))
    draft.set_member(loyalty.personal(member, till.clock.now().date()))
    return draft, build_bill(draft, loyalty.rules(), till.clock.now())


def held_back_rows(engine: Engine) -> list[tuple[int, int, int, bool]]:
    query = (
        select(
            CampaignMemberRow.id,
            CampaignMemberRow.campaign_id,
            CampaignMemberRow.member_id,
            CampaignMemberRow.held_back,
        )
        .where(CampaignMemberRow.held_back.is_(True))
        .order_by(CampaignMemberRow.id)
    )
    with engine.connect() as connection:
        return [(a, b, c, bool(d)) for a, b, c, d in connection.execute(query)]


def test_a_member_held_back_is_never_offered_the_offer_offline_as_online(
    till: Till, database_url: str, server: Engine, copy: LocalCopy
) -> None:
    till.loyalty_admin.save_targeted_offer(TargetedOfferSpec(TEN_OFF), manager(till))
    copy.refresh()  # the offer reaches the copy by the feed
    started = till.campaigns.start("TEN-OFF", 2_500, staff=manager(till), seed=7)
    given, held = groups(database_url, started.campaign_id)
    kept_out, offered_to = phone_of(database_url, held[0]), phone_of(database_url, given[0])
    _draft, before = offline_draft(copy, till, kept_out)
    assert offered(before) == ["TEN-OFF"]  # not refreshed since: the copy holds no campaign

    done = copy.refresh()  # a campaign is not in the feed: each refresh looks for new ones

    assert isinstance(done, Refreshed) and done.campaigns == 1
    assert held_back_rows(copy.engine()) == held_back_rows(server)
    seller = OfflineSeller(
        copy.engine(), till.clock, till.offline_place, PrintedOffline(),
        AuthService(copy.units(), till.clock, "T1"),
    )  # fmt: skip
    for phone, codes in ((kept_out, []), (offered_to, ["TEN-OFF"])):
        online = build_bill(draft_for(till, phone), till.loyalty.rules(), till.clock.now())
        draft, offline = offline_draft(copy, till, phone)
        assert draft.member is not None
        assert draft.member.held_back == (("TEN-OFF",) if not codes else ())
        assert offered(online) == offered(offline) == codes
        assert offline.due == online.due
        sold = seller.check_out(draft, Tender(PaymentMethod.CASH, offline.due), cashier(till))
        assert offered(sold.bill) == codes and sold.settlement.amount == online.due


def test_a_build_copies_every_campaign_with_its_held_back_members_only(
    till: Till, database_url: str, server: Engine, tmp_path: Path
) -> None:
    _given, held = groups(database_url, start_ten_off(till, 1_000, seed=3))
    built = LocalCopy(server, tmp_path / "built" / "local-copy.db", till.clock)
    try:
        done = built.build()
        assert (done.rows["campaigns"], done.rows["campaign_members"]) == (1, len(held))
        assert held_back_rows(built.engine()) == held_back_rows(server)
        with built.engine().connect() as connection:
            campaigns = connection.execute(select(CampaignRow.id)).scalars().all()
        assert len(campaigns) == 1
        refreshed = built.refresh()
        assert isinstance(refreshed, Refreshed) and refreshed.campaigns == 0  # nothing new
        _draft, bill = offline_draft(built, till, phone_of(database_url, held[0]))
        assert offered(bill) == []
    finally:
        built.close()


def test_a_merge_moves_a_hold_back_in_the_copy_as_on_the_server(
    till: Till, database_url: str, server: Engine, copy: LocalCopy
) -> None:
    given, held = groups(database_url, start_ten_off(till, 2_000, seed=5))
    copy.refresh()
    survivor, absorbed = given[0], held[0]
    before = held_back_rows(copy.engine())
    assert any(row[2] == absorbed for row in before)

    till.merge.merge(manager(till), MemberId(survivor), MemberId(absorbed), "same guest")
    copy.refresh()  # the merge changed both members: the feed names them

    assert held_back_rows(copy.engine()) == held_back_rows(server) != before
    _draft, bill = offline_draft(copy, till, phone_of(database_url, survivor))
    online = build_bill(
        draft_for(till, phone_of(database_url, survivor)), till.loyalty.rules(), till.clock.now()
    )
    assert offered(bill) == offered(online)

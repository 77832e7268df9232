"""One contract for every unit of work: SQLAlchemy on SQLite and PostgreSQL, and the fake.

Service tests in the unit tier run on ``tests.fakes.FakeUnits``; these tests are what
keep that fake honest.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import partial

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.bootstrap import prepare_database
from app.context import ActionContext
from app.demo import DEMO_MANAGER_BADGE
from app.domain.approvals import ReasonCode
from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.enrolment import Gender, NewMember
from app.domain.loyalty import LoyaltyRules
from app.domain.loyalty_admin import OfferSpec, TierSpec, TopUpRuleSpec
from app.domain.manual_discount import (
    AppliedManualDiscount,
    DiscountKind,
    DiscountRequest,
    ManualDiscount,
)
from app.domain.member_filters import MemberFilter, SortKey, Status
from app.domain.member_list import Criteria
from app.domain.member_profile import Consents, changes
from app.domain.member_story import AbsenceKind, ComplaintCategory, NewComplaint, StoryLimits
from app.domain.members import MemberId, MemberSummary
from app.domain.membership_term import add_years
from app.domain.menu import Allergen, CategoryId, ItemId, MenuCategory, MenuItem
from app.domain.offer_admin import Holiday, OfferStacking, TargetedOfferSpec
from app.domain.offers import BenefitKind, Conditions, HolidayRule, Offer, StackingPolicy
from app.domain.offline import OfflineOverdraft
from app.domain.order_numbers import order_number
from app.domain.orders import NewRefund, PaidOrder, RefundsSoFar
from app.domain.payment import PaymentMethod, Tender, settle
from app.domain.points import LedgerEntry
from app.domain.print_jobs import JobStatus
from app.domain.qualification import Standing
from app.domain.renewal import OfferKind, RenewalOffer, RenewalQuote
from app.domain.request_keys import CommittedRequest, RequestKind
from app.domain.rfm import Activity, Segment
from app.domain.service_type import ServiceType
from app.domain.staff import (
    LOCKOUT,
    MAX_FAILED_ATTEMPTS,
    Role,
    StaffAccount,
    StaffId,
    StaffMember,
    StoredBadge,
    hash_badge,
)
from app.domain.storage import WriteConflict
from app.domain.tiers import Tier, TierChange, TierId
from app.unit_of_work import UnitOfWork, UnitOfWorkFactory
from db import queries
from db.engine import session_factory
from db.menu import item_from_row
from db.models import AuditEventRow, MemberRow, OfferRow, TierRow
from db.unit_of_work import SqlUnitOfWork
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeStore, FakeUnits

NOW = datetime(2026, 11, 22, 12, 30)
AuditSeen = tuple[str, str, dict[str, object], int | None, str]


@dataclass
class Backend:
    units: UnitOfWorkFactory
    member_id: MemberId
    other_tier: TierId
    coupon_offer: str
    not_a_coupon_offer: str
    audit_events: Callable[[], list[AuditSeen]]
    item: MenuItem
    other_member: MemberId


def sql_backend(url: str, demo_templates: DemoTemplates) -> Iterator[Backend]:
    demo_templates.fill(url, Demo(3, NOW.date()))  # a copy of the demo a new till seeds
    engine = prepare_database(url, demo_members_if_empty=3, today=NOW.date())
    sessions = session_factory(engine)
    with Session(engine) as session:
        member = session.scalars(select(MemberRow).where(MemberRow.member_no == "M0000001")).one()
        other_member = session.scalars(
            select(MemberRow.id).where(MemberRow.member_no == "M0000002")
        ).one()
        other = session.scalars(select(TierRow.id).where(TierRow.id != member.tier_id)).first()
        offers = {row.code: row.coupon_only for row in session.scalars(select(OfferRow))}
        item = item_from_row(queries.active_items(session)[0])

    def audit_events() -> list[AuditSeen]:
        with Session(engine) as session:
            rows = session.scalars(select(AuditEventRow).order_by(AuditEventRow.id)).all()
            return [
                (r.action, r.subject, json.loads(r.detail) if r.detail else {}, r.staff_id,
                 r.till_id)
                for r in rows
            ]  # fmt: skip

    assert other is not None
    yield Backend(
        partial(SqlUnitOfWork, sessions),
        MemberId(member.id),
        TierId(other),
        next(code for code, only in offers.items() if only),
        next(code for code, only in offers.items() if not only),
        audit_events,
        item,
        MemberId(other_member),
    )
    engine.dispose()


def _tier(tier_id: int, code: str) -> Tier:
    return Tier(TierId(tier_id), code, tier_id, code, code, 500 * tier_id,
                frozenset({CategoryId(9)}), 10_000, 0)  # fmt: skip


def fake_backend() -> Iterator[Backend]:
    silver, gold = _tier(1, "SILVER"), _tier(2, "GOLD")
    member = MemberSummary(MemberId(7), "M0000007", "张伟", "13800138000", silver,
                           date(2025, 1, 1), date(2027, 1, 1), 0, 0, "", "")  # fmt: skip
    sorry = Offer("CPN-SORRY", "致歉券", "Sorry", BenefitKind.AMOUNT_OFF, 500, Conditions(),
                  coupon_only=True)  # fmt: skip
    store = FakeStore(
        members={member.member_id: member},
        tiers={silver.tier_id: silver, gold.tier_id: gold},
        coupon_offers={"CPN-SORRY": 3},
        offers={3: sorry},
        categories=[MenuCategory(CategoryId(1), "HOT", "热菜", "Hot dishes")],
        default_store_name="川味小馆 Sichuan Bistro",  # as the demo names its store
    )

    def audit_events() -> list[AuditSeen]:
        return [(a, s, d, c.staff_id, c.till_id) for c, a, s, d in store.audit]

    noodles = MenuItem(ItemId(1), "HOT-01", "牛肉面", "Beef noodles", CategoryId(1), 3_800)
    store.items.append(noodles)
    twin = replace(member, member_id=MemberId(8), member_no="M0000008")
    store.members[twin.member_id] = twin
    store.cards["8800"] = (member.member_id, "active")
    store.staff_names[1] = "王芳"
    for staff_id, username, role, badge in [
        (1, "wangfang", Role.CASHIER, None),
        (2, "manager", Role.MANAGER, DEMO_MANAGER_BADGE),
    ]:
        staff = StaffMember(StaffId(staff_id), username, username, role)
        stored = None if badge is None else StoredBadge.of(badge)
        store.staff[staff_id] = StaffAccount(staff, "scrypt$...", badge=stored)
    store.member_card_numbers.add("8800000000000001")
    yield Backend(FakeUnits(store), member.member_id, gold.tier_id, "CPN-SORRY", "NOPE",
                  audit_events, noodles, twin.member_id)  # fmt: skip


@pytest.fixture(params=["sqlite", "postgresql", "fake"])
def backend(
    request: pytest.FixtureRequest, sqlite_url: str, demo_templates: DemoTemplates
) -> Iterator[Backend]:
    if request.param == "fake":
        yield from fake_backend()
        return
    url = sqlite_url
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres").create_database()
    yield from sql_backend(url, demo_templates)


def action(staff_id: int | None = 1) -> ActionContext:
    return ActionContext(staff_id=staff_id, till_id="T9", now=NOW)


def balances(backend: Backend) -> tuple[int, int, int]:
    with backend.units() as uow:
        held = uow.ledgers.stored_value(backend.member_id)
        return uow.ledgers.points_balance(backend.member_id), held.principal, held.bonus


def test_appended_entries_add_up_to_the_balances_inside_the_unit(backend: Backend) -> None:
    points, principal, bonus = balances(backend)
    member = backend.member_id
    with backend.units() as uow:
        uow.ledgers.append_points(member_id=member, delta=120, reason="earn", at=NOW)
        uow.ledgers.append_points(member_id=member, delta=-20, reason="redeem", at=NOW)
        uow.ledgers.append_stored_value(
            member_id=member, principal=10_000, bonus=1_000, reason="top_up", at=NOW
        )
        uow.ledgers.append_stored_value(
            member_id=member, principal=-300, bonus=-30, reason="payment", at=NOW
        )
        held = uow.ledgers.stored_value(member)
        assert uow.ledgers.points_balance(member) == points + 100
        assert (held.principal, held.bonus) == (principal + 9_700, bonus + 970)
        assert held.total == principal + bonus + 10_670
        assert uow.members.summary(member).points == points + 100


def test_nothing_is_kept_without_a_commit(backend: Backend) -> None:
    before = balances(backend)
    events = len(backend.audit_events())
    with backend.units() as uow:
        uow.members.lock(backend.member_id)
        uow.ledgers.append_points(member_id=backend.member_id, delta=5, reason="earn", at=NOW)
        uow.audit.record(action(), "points_adjusted", "member:x", {"points": 5})
    assert balances(backend) == before
    assert len(backend.audit_events()) == events


def test_an_error_in_the_unit_keeps_nothing(backend: Backend) -> None:
    before = balances(backend)
    with pytest.raises(ZeroDivisionError), backend.units() as uow:
        uow.ledgers.append_points(member_id=backend.member_id, delta=5, reason="earn", at=NOW)
        _ = 1 / 0
    assert balances(backend) == before


def test_a_commit_keeps_the_entries_and_the_audit_event(backend: Backend) -> None:
    points, _, _ = balances(backend)
    with backend.units() as uow:
        uow.members.lock(backend.member_id)
        uow.ledgers.append_points(member_id=backend.member_id, delta=7, reason="earn", at=NOW)
        uow.audit.record(action(3), "points_adjusted", "member:M1", {"points": 7, "note": "好"})
        uow.commit()
    assert balances(backend)[0] == points + 7
    assert backend.audit_events()[-1] == (
        "points_adjusted", "member:M1", {"note": "好", "points": 7}, 3, "T9"
    )  # fmt: skip


def test_an_event_without_detail_or_staff_is_kept_as_such(backend: Backend) -> None:
    with backend.units() as uow:
        uow.audit.record(action(None), "daily_job")
        uow.commit()
    assert backend.audit_events()[-1] == ("daily_job", "", {}, None, "T9")


def test_an_unknown_member_cannot_be_locked_or_read(backend: Backend) -> None:
    with backend.units() as uow:
        with pytest.raises(LookupError):
            uow.members.lock(MemberId(999_999))
        with pytest.raises(LookupError):
            uow.members.summary(MemberId(999_999))


def test_a_tier_change_moves_the_member(backend: Backend) -> None:
    change = TierChange(backend.other_tier, "override", NOW, staff_id=None, note="test")
    with backend.units() as uow:
        before = uow.members.lock(backend.member_id)
        uow.members.change_tier(backend.member_id, change)
        uow.commit()
    with backend.units() as uow:
        after = uow.members.summary(backend.member_id)
        assert after.tier == uow.tiers.get(backend.other_tier)
    assert before.tier.tier_id != backend.other_tier
    assert after.tier.tier_id == backend.other_tier
    assert (after.member_no, after.points) == (before.member_no, before.points)


def test_an_unknown_tier_is_none(backend: Backend) -> None:
    with backend.units() as uow:
        assert uow.tiers.get(TierId(999)) is None
        tier = uow.tiers.get(backend.other_tier)
        assert tier is not None and tier.tier_id == backend.other_tier


def test_only_active_coupon_offers_can_be_issued(backend: Backend) -> None:
    with backend.units() as uow:
        assert uow.coupons.issuable_offer(backend.not_a_coupon_offer) is None
        assert uow.coupons.issuable_offer("NO-SUCH-OFFER") is None
        offer = uow.coupons.issuable_offer(backend.coupon_offer)
        assert offer is not None
        issue = partial(
            uow.coupons.issue, member_id=backend.member_id, offer_id=offer, issued_at=NOW,
            issued_by=None, expires_on=date(2026, 12, 22),
        )  # fmt: skip
        first, second = issue(code="CP-TEST0001"), issue(code="CP-TEST0002")
        assert first != second
        uow.commit()


def test_a_unit_of_work_is_used_once(backend: Backend) -> None:
    uow = backend.units()
    with uow:
        pass
    with pytest.raises(RuntimeError), uow:
        pass


def test_a_request_key_is_claimed_once_and_kept_only_by_a_commit(backend: Backend) -> None:
    outcome = {"reference": "T9-20261122-0001", "split": [100, 0]}
    with backend.units() as uow:
        assert uow.request_keys.claim("k1", RequestKind.CHECKOUT, "f1", "T9", NOW, outcome)
    with backend.units() as uow:
        assert uow.request_keys.find("k1") is None  # rolled back
        assert uow.request_keys.claim("k1", RequestKind.CHECKOUT, "f1", "T9", NOW, outcome)
        uow.commit()
    with backend.units() as uow:
        assert uow.request_keys.find("k1") == CommittedRequest(RequestKind.CHECKOUT, "f1", outcome)
        assert not uow.request_keys.claim("k1", RequestKind.REFUND, "f2", "T9", NOW, {})
        assert uow.request_keys.find("k2") is None


def test_an_offline_overdraft_is_kept_listed_and_settled_once(backend: Backend) -> None:
    owed = OfflineOverdraft(backend.member_id, "k-off", 1_200, 30, "T9", NOW)
    with backend.units() as uow:
        uow.offline_overdrafts.add(owed)
        uow.commit()
    with backend.units() as uow:
        [listed] = uow.offline_overdrafts.listed(open_only=True)
        assert (listed.member_id, listed.request_key, listed.stored_value, listed.points) == (
            backend.member_id, "k-off", 1_200, 30,
        )  # fmt: skip
        assert uow.offline_overdrafts.owed_by(backend.member_id) == [listed]
        assert uow.offline_overdrafts.settle(listed.overdraft_id, NOW)
        assert not uow.offline_overdrafts.settle(listed.overdraft_id, NOW)
        uow.commit()
    with backend.units() as uow:
        assert uow.offline_overdrafts.listed(open_only=True) == []
        [settled] = uow.offline_overdrafts.listed(open_only=False)
        assert settled.settled_at == NOW


def paid_order(backend: Backend, till: str, sequence: int, spend: int, day: date) -> PaidOrder:
    draft = OrderDraft()
    draft.set_quantity(backend.item, 1)
    bill = build_bill(draft, LoyaltyRules(), NOW)
    return PaidOrder(
        order_no=order_number(till, day, sequence), till_id=till, business_day=day,
        sequence=sequence, staff_id=1, member_id=backend.member_id,
        service_type=ServiceType.TAKEAWAY, table_no="", party_size=1, bill=bill,
        settlement=settle(bill.due, Tender(PaymentMethod.CASH, bill.due)), points_earned=0,
        qualifying_spend=spend, created_at=NOW,
    )  # fmt: skip


def test_orders_are_numbered_per_till_and_day(backend: Backend) -> None:
    day = date(2026, 11, 23)
    with backend.units() as uow:
        assert uow.orders.next_sequence("T9", day) == 1
        uow.orders.add(paid_order(backend, "T9", 1, 0, day))
        assert uow.orders.next_sequence("T9", day) == 2
        assert uow.orders.next_sequence("T8", day) == 1
        assert uow.orders.next_sequence("T9", date(2026, 11, 24)) == 1


def test_offline_numbers_count_apart_from_the_servers(backend: Backend) -> None:
    """A replayed offline order (``L0002``: sequence -2) neither takes nor moves the
    server's next number, and the next offline number goes past it."""
    day = date(2026, 11, 23)
    with backend.units() as uow:
        assert uow.orders.next_offline_sequence("T9", day) == 1
        uow.orders.add(paid_order(backend, "T9", -2, 0, day))
        assert uow.orders.next_sequence("T9", day) == 1
        assert uow.orders.next_offline_sequence("T9", day) == 3
        uow.orders.add(paid_order(backend, "T9", 1, 0, day))
        assert uow.orders.next_sequence("T9", day) == 2
        assert uow.orders.next_offline_sequence("T9", day) == 3
        assert uow.orders.next_offline_sequence("T8", day) == 1
        uow.commit()
    with backend.units() as uow:
        assert uow.order_history.find("T9-20261123-L0002") is not None


def test_qualifying_spend_counts_the_members_orders_of_those_days(backend: Backend) -> None:
    day = date(2026, 11, 23)
    member = backend.member_id
    with backend.units() as uow:
        before = uow.orders.qualifying_spend(member, day, day)
        first = uow.orders.add(paid_order(backend, "T9", 1, 1_234, day))
        second = uow.orders.add(paid_order(backend, "T9", 2, 66, day))
        assert first != second
        assert uow.orders.qualifying_spend(member, day, day) == before + 1_300
        assert uow.orders.qualifying_spend(member, date(2026, 11, 24), date(2026, 12, 1)) == 0


def test_the_next_number_and_the_spend_are_read_together_as_they_are_apart(
    backend: Backend,
) -> None:
    day = date(2026, 11, 23)
    member = backend.member_id
    with backend.units() as uow:
        before = uow.orders.qualifying_spend(member, day, day)
        assert uow.orders.next_sequence_and_spend("T9", day, member, day, day) == (1, before)
        uow.orders.add(paid_order(backend, "T9", 1, 700, day))
        assert uow.orders.next_sequence_and_spend("T9", day, member, day, day) == (
            2,
            before + 700,
        )
        later = date(2026, 11, 24)
        assert uow.orders.next_sequence_and_spend("T9", later, member, later, later) == (1, 0)


def test_the_member_as_locked_is_written_and_read_alike_through_the_unit(
    backend: Backend,
) -> None:
    """The lock keeps the member's columns for the unit (``db.member_lock``): a visit, a
    renewal and a tier change written from them read back, in the unit and after it."""
    offer = RenewalOffer("EARLY-99", OfferKind.EARLY, 9_900, window_days=60)
    member = backend.member_id
    with backend.units() as uow:
        ranked = uow.tiers.ranked()
        locked = uow.members.lock(member)
        target = next(tier for tier in ranked if tier.tier_id != locked.tier.tier_id)
        order_id = uow.orders.add(paid_order(backend, "T9", 1, 0, NOW.date()))
        uow.members.count_visit(member, NOW.date(), 100)
        uow.members.renew(member, order_id, RenewalQuote(offer, 9_900, date(2030, 1, 1)))
        uow.members.change_tier(
            member, TierChange(target.tier_id, "upgrade_bought", NOW, 1, order_id=order_id)
        )
        inside = uow.members.summary(member)
        assert (inside.expires_on, inside.tier.tier_id) == (date(2030, 1, 1), target.tier_id)
        uow.commit()
    with backend.units() as uow:
        after = uow.members.lock(member)
        assert (after.expires_on, after.tier.tier_id) == (date(2030, 1, 1), target.tier_id)
        uow.members.change_tier(member, TierChange(locked.tier.tier_id, "override", NOW, 1))
        assert uow.members.summary(member).tier.tier_id == locked.tier.tier_id


def test_an_issued_coupon_is_the_members_until_an_order_uses_it(backend: Backend) -> None:
    today = NOW.date()
    with backend.units() as uow:
        offer = uow.coupons.issuable_offer(backend.coupon_offer)
        assert offer is not None
        coupon = uow.coupons.issue(
            member_id=backend.member_id, offer_id=offer, code="CP-CONTRACT", issued_at=NOW,
            issued_by=None, expires_on=date(2026, 12, 22),
        )  # fmt: skip
        member = uow.members.summary(backend.member_id)
        assert "CP-CONTRACT" in {c.code for c in uow.programme.personal(member, today).coupons}
        order_id = uow.orders.add(paid_order(backend, "T9", 1, 0, today))
        assert uow.orders.use_coupon(coupon, backend.member_id, order_id)
        assert not uow.orders.use_coupon(coupon, backend.member_id, order_id)
        assert "CP-CONTRACT" not in {c.code for c in uow.programme.personal(member, today).coupons}


def test_a_renewal_moves_the_expiry_to_the_new_one(backend: Backend) -> None:
    offer = RenewalOffer("EARLY-99", OfferKind.EARLY, 9_900, window_days=60)
    with backend.units() as uow:
        order_id = uow.orders.add(paid_order(backend, "T9", 1, 0, NOW.date()))
        uow.members.renew(backend.member_id, order_id, RenewalQuote(offer, 9_900, date(2030, 1, 1)))
        uow.members.count_visit(backend.member_id, NOW.date(), 100)
        assert uow.members.summary(backend.member_id).expires_on == date(2030, 1, 1)


def test_tiers_come_lowest_rank_first(backend: Backend) -> None:
    with backend.units() as uow:
        ranks = [tier.rank for tier in uow.tiers.ranked()]
        assert ranks == sorted(ranks) and len(ranks) >= 2


def test_print_jobs_are_queued_in_the_unit(backend: Backend) -> None:
    with backend.units() as uow:
        job = partial(
            uow.print_jobs.add, till_id="T9", printer_url="sim://", kind="receipt",
            document="{}", open_drawer=False, created_at=NOW,
        )  # fmt: skip
        assert job() != job()
        assert isinstance(uow.restaurant.settings(), dict)
        assert isinstance(uow.programme.rules(), LoyaltyRules)


def test_a_written_order_reads_back_with_its_lines_payments_and_entries(
    backend: Backend,
) -> None:
    day = NOW.date()
    with backend.units() as uow:
        assert uow.order_history.find("T9-20261122-0001") is None
        order_id = uow.orders.add(paid_order(backend, "T9", 1, 500, day))
        member = backend.member_id
        uow.ledgers.append_points(member_id=member, delta=38, reason="earn", at=NOW,
                                  order_id=order_id)  # fmt: skip
        uow.ledgers.append_points(member_id=member, delta=-38, reason="refund_earn", at=NOW,
                                  order_id=order_id, refund_id=None)  # fmt: skip
        found = uow.order_history.find("T9-20261122-0001")
        assert found is not None and found.order_id == order_id
        assert (found.status, found.member_id, found.qualifying_spend) == ("paid", member, 500)
        assert [(ln.position, ln.quantity, ln.refunded_quantity) for ln in found.lines] == [
            (1, 1, 0)
        ]
        assert found.payments == (("cash", found.due),)
        points, stored = uow.order_history.entries(order_id)
        assert [(e.reason, e.points) for e in points] == [("earn", 38), ("refund_earn", -38)]
        assert stored == []
        assert uow.order_history.renewal(order_id) is None
        assert uow.order_history.tier_change(order_id) is None
        assert uow.order_history.refunds_so_far(order_id) == RefundsSoFar()
        assert ("T9-20261122-0001", NOW, found.due) == uow.order_history.recent("T9", 5)[0][:3]


def test_a_refund_takes_units_back_and_the_completing_one_is_unique(backend: Backend) -> None:
    with backend.units() as uow:
        order_id = uow.orders.add(paid_order(backend, "T9", 1, 500, NOW.date()))
        order = uow.order_history.lock(order_id)
        line = order.lines[0]
        refund = NewRefund(
            order_id=order_id, completes=True, till_id="T9", staff_id=1, approver_id=1,
            reason_code="wrong_items", note="", method="cash", money_back=order.due,
            spend_back=500, renewal_back=0, upgrade_back=0, top_up_back=0, created_at=NOW,
            units=((line.line_id, 1, line.net),),
        )  # fmt: skip
        uow.order_history.add_refund(refund)
        assert uow.order_history.close(order_id, True, 500) == []
        after = uow.order_history.lock(order_id)
        assert (after.status, after.lines[0].refunded_quantity) == ("refunded", 1)
        assert uow.order_history.refunds_so_far(order_id) == RefundsSoFar(1, order.due, 0, 0)
        uow.commit()
    with pytest.raises(WriteConflict), backend.units() as uow:
        uow.order_history.add_refund(replace(refund, units=()))
        uow.commit()


def test_a_profile_text_changes_with_its_history_and_a_complaint_opens(backend: Backend) -> None:
    member = backend.member_id
    with backend.units() as uow:
        assert uow.members.find(MemberId(999_999)) is None
        assert uow.members.find(member) is not None
        uow.members.change_profile(member, "allergies", "花生 peanuts", NOW, 1)
        uow.members.change_profile(member, "notes", "window seat", NOW, 1)
        with pytest.raises(ValueError):
            uow.members.change_profile(member, "phone", "110", NOW, 1)
        complaint = NewComplaint(ComplaintCategory.FOOD, "cold soup", promised_on=NOW.date())
        first = uow.complaints.open(member, complaint, NOW, 1)
        assert uow.complaints.open(member, complaint, NOW, 1) != first
        uow.commit()
    with backend.units() as uow:
        found = uow.members.find(member)
        assert found is not None and found.allergies == "花生 peanuts"


def test_the_menu_lists_its_categories_and_the_items_on_sale(backend: Backend) -> None:
    with backend.units() as uow:
        categories = uow.menu.categories()
        items = uow.menu.items_on_sale()
    assert backend.item in items
    assert {item.category_id for item in items} <= {c.category_id for c in categories}


def test_menu_edits_read_back_in_the_tills_order_and_hidden_items_are_off_sale(
    backend: Backend,
) -> None:
    sold_out = date(2026, 11, 22)
    with backend.units() as uow:
        soups = uow.menu.add_category("ZZ", "汤", "Soups")
        first = uow.menu.add_item(
            MenuItem(ItemId(0), "ZZ-01", "蛋花汤", "Egg soup", soups, 1_200,
                     frozenset({Allergen.EGG}), "葱", sold_out)
        )  # fmt: skip
        second = uow.menu.add_item(MenuItem(ItemId(0), "ZZ-02", "鱼汤", "Fish soup", soups, 900))
        uow.menu.order_items([second, first])
        uow.menu.rename_category(soups, "汤类", "Soup")
        uow.menu.order_categories(
            [soups, *(c.category_id for c in uow.menu.categories() if c.category_id != soups)]
        )
        hidden = next(i for i in uow.menu.all_items() if i.item_id == second)
        uow.menu.update_item(replace(hidden, active=False, unit_price=950))
        uow.commit()
    with backend.units() as uow:
        categories = uow.menu.categories()
        everything = [i for i in uow.menu.all_items() if i.category_id == soups]
        on_sale = [i.item_id for i in uow.menu.items_on_sale()]
    assert (categories[0].category_id, categories[0].name_en) == (soups, "Soup")
    assert [i.item_id for i in everything] == [second, first]
    assert everything[0].unit_price == 950 and not everything[0].active
    egg = everything[1]
    assert (egg.allergens, egg.allergen_note, egg.sold_out_on) == (
        frozenset({Allergen.EGG}), "葱", sold_out,
    )  # fmt: skip
    assert first in on_sale and second not in on_sale


def test_a_manual_discount_grant_serves_one_order_as_approved(backend: Backend) -> None:
    request = DiscountRequest(
        DiscountKind.PERCENT, 1_000, ReasonCode.GOODWILL, backend.item.item_id
    )
    with backend.units() as uow:
        grant = uow.orders.grant_manual_discount(
            request, 380, requester_id=1, approver_id=1, till_id="T9", at=NOW
        )
        order_id = uow.orders.add(paid_order(backend, "T9", 1, 0, NOW.date()))
        applied = AppliedManualDiscount(ManualDiscount(request, 380, grant, "经理"), 380, (380,))
        too_much = AppliedManualDiscount(ManualDiscount(request, 380, grant, "经理"), 381, (381,))
        assert not uow.orders.use_manual_discount(applied, order_id, 2, "T9")  # someone else
        assert not uow.orders.use_manual_discount(applied, order_id, 1, "T8")  # another till
        assert not uow.orders.use_manual_discount(too_much, order_id, 1, "T9")
        assert uow.orders.use_manual_discount(applied, order_id, 1, "T9")
        assert not uow.orders.use_manual_discount(applied, order_id, 1, "T9")  # used once


def test_a_merge_moves_the_ledgers_and_marks_the_absorbed_record(backend: Backend) -> None:
    other = backend.other_member
    with backend.units() as uow:
        uow.ledgers.append_points(member_id=other, delta=40, reason="adjustment", at=NOW)
        mine, theirs = (
            uow.ledgers.points_balance(backend.member_id),
            uow.ledgers.points_balance(other),
        )
        survivor, absorbed = uow.merges.lock_pair(backend.member_id, other)
        assert (survivor.member_id, absorbed.member_id, absorbed.merged) == (
            backend.member_id, other, False,
        )  # fmt: skip
        moved = uow.merges.merge(absorbed, replace(survivor, notes="merged"), staff_id=1,
                                 approver_id=1, reason="dup", at=NOW, detail={})  # fmt: skip
        assert len(moved["points_ledger.member_id"]) >= 1
        assert uow.ledgers.points_balance(backend.member_id) == mine + theirs
        assert uow.ledgers.points_balance(other) == 0
        assert uow.members.find(other) is None
        assert uow.merges.lock_pair(backend.member_id, other)[1].merged
        with pytest.raises(LookupError):
            uow.merges.lock_pair(backend.member_id, 999_999)


# the daily jobs: watermarks, points expiry, the anniversary review, segments


def test_a_watermark_is_none_until_advanced_and_then_the_day(backend: Backend) -> None:
    with backend.units() as uow:
        assert uow.watermarks.claim("contract.job") is None
        assert uow.watermarks.peek("contract.job") is None
        uow.watermarks.advance("contract.job", date(2026, 11, 21))
        uow.commit()
    with backend.units() as uow:
        assert uow.watermarks.peek("contract.job") == date(2026, 11, 21)
        assert uow.watermarks.claim("contract.job") == date(2026, 11, 21)
        assert uow.watermarks.peek("contract.never") is None


def test_a_text_row_is_empty_until_written_and_then_reads_back(backend: Backend) -> None:
    with backend.units() as uow:
        assert uow.watermarks.claim_text("contract.job.lease") == ""
        assert uow.watermarks.peek_text("contract.job.position") == ""
        uow.watermarks.set_text("contract.job.lease", "T1|2026-11-22T12:32:00")
        uow.watermarks.set_text("contract.job.position", "2024-11-22|42")
        uow.commit()
    with backend.units() as uow:
        assert uow.watermarks.claim_text("contract.job.lease") == "T1|2026-11-22T12:32:00"
        assert uow.watermarks.peek_text("contract.job.position") == "2024-11-22|42"
        uow.watermarks.set_text("contract.job.position", "")
        uow.commit()
    with backend.units() as uow:
        assert uow.watermarks.peek_text("contract.job.position") == ""


def test_points_earned_in_a_span_name_their_members_with_whole_histories(
    backend: Backend,
) -> None:
    member, other = backend.member_id, backend.other_member
    with backend.units() as uow:
        uow.members.lock_many([other, member])
        uow.members.lock_many([])
        append = uow.ledgers.append_points
        append(member_id=member, delta=50, reason="earn", at=datetime(2020, 3, 1, 21, 0))
        append(member_id=other, delta=10, reason="earn", at=datetime(2020, 3, 2, 9, 0))
        append(member_id=member, delta=-20, reason="redeem", at=datetime(2020, 3, 5, 12, 0))
        earned = uow.ledgers.members_who_earned
        assert earned(after=date(2020, 2, 29), through=date(2020, 3, 1)) == [member]
        assert earned(after=date(2020, 2, 29), through=date(2020, 3, 9)) == sorted([member, other])
        assert earned(after=date(2020, 3, 1), through=date(2020, 3, 9)) == [other]
        assert member in earned(after=None, through=date(2020, 3, 1))
        histories = uow.ledgers.points_histories([member])
        assert set(histories) == {member}
        assert histories[member][:2] == [
            LedgerEntry(date(2020, 3, 1), 50),
            LedgerEntry(date(2020, 3, 5), -20),
        ]
        assert uow.ledgers.points_histories([MemberId(999_999)]) == {}


def test_an_anniversary_is_due_in_the_members_tier_until_an_override(backend: Backend) -> None:
    member = backend.member_id
    with backend.units() as uow:
        summary = uow.members.summary(member)
        anniversary = add_years(summary.joined_on, 1)
        tier = summary.tier.tier_id
        assert member in uow.anniversaries.due(anniversary, [tier])
        assert member not in uow.anniversaries.due(anniversary, [backend.other_tier])
        assert member not in uow.anniversaries.due(summary.joined_on, [tier])
        assert member not in uow.anniversaries.due(anniversary + timedelta(days=1), [tier])
        uow.members.lock_many([member])
        assert uow.anniversaries.standing([member, MemberId(999_999)]) == [
            Standing(member, tier, summary.joined_on)
        ]
        assert not uow.anniversaries.overridden_since(member, NOW.date())
        override = TierChange(backend.other_tier, "override", NOW, staff_id=1)
        uow.members.change_tier(member, override)
        assert uow.anniversaries.overridden_since(member, NOW.date())
        assert not uow.anniversaries.overridden_since(member, NOW.date() + timedelta(days=1))


def test_segments_see_the_windows_visits_and_change_only_when_different(
    backend: Backend,
) -> None:
    member, day = backend.member_id, date(2026, 11, 23)
    with backend.units() as uow:
        joined_on = uow.members.summary(member).joined_on
        uow.orders.add(paid_order(backend, "T9", 1, 1_234, day))
        uow.orders.add(paid_order(backend, "T9", 2, 66, day))
        assert uow.segments.activity(day, day) == {member: Activity(joined_on, day, 2, 1_300)}
        assert uow.segments.activity(day + timedelta(days=1), day + timedelta(days=9)) == {}
        found = {m.member_id: m for m in uow.segments.members()}
        assert found[member].joined_on == joined_on
        assert uow.segments.set_segment(Segment.LOST.value, [member]) == 1
        assert uow.segments.set_segment(Segment.LOST.value, [member]) == 0
        found = {m.member_id: m for m in uow.segments.members()}
        assert found[member].segment == Segment.LOST.value
        assert found[member].segmentable


def test_saved_filters_are_listed_by_name_and_each_name_is_taken_once(backend: Backend) -> None:
    lapsed = MemberFilter(status=Status.LAPSED, sort=SortKey.EXPIRES_ON)
    with backend.units() as uow:
        assert uow.saved_filters.listed() == [] and uow.saved_filters.names() == []
        zeta = uow.saved_filters.add("Zeta", MemberFilter(), 1, NOW)
        alpha = uow.saved_filters.add("Alpha", lapsed, 1, NOW)
        uow.commit()
    with backend.units() as uow:
        assert uow.saved_filters.listed() == [alpha, zeta]
        assert sorted(uow.saved_filters.names()) == ["Alpha", "Zeta"]
        assert alpha.filter == lapsed and alpha.filter_id != zeta.filter_id
    with pytest.raises(WriteConflict), backend.units() as uow:
        uow.saved_filters.add("Alpha", MemberFilter(), 1, NOW)  # another till's, meanwhile
    with backend.units() as uow:
        assert uow.saved_filters.delete(alpha.filter_id) == "Alpha"
        assert uow.saved_filters.delete(alpha.filter_id) is None
        assert uow.saved_filters.delete(999_999) is None
        uow.commit()
    with backend.units() as uow:
        assert uow.saved_filters.listed() == [zeta]


def test_contacts_are_marked_for_the_selected_members_still_on_the_books(
    backend: Backend,
) -> None:
    chosen = (backend.member_id, backend.other_member, 999_999)
    mark = partial(Criteria, member_ids=chosen)
    with backend.units() as uow:
        marked = partial(uow.member_contacts.mark, at=NOW, staff_id=1, channel="phone", note="")
        assert marked(mark()) == 2
        assert marked(Criteria(member_ids=())) == 0
        assert marked(mark(nothing=True)) == 0
        survivor, absorbed = uow.merges.lock_pair(backend.member_id, backend.other_member)
        uow.merges.merge(absorbed, survivor, staff_id=1, approver_id=1, reason="dup", at=NOW,
                         detail={})  # fmt: skip
        assert marked(mark()) == 1, "a merged-away member is not marked"
        uow.commit()


def test_an_erasure_blanks_the_person_and_keeps_the_accounts(backend: Backend) -> None:
    member, other = backend.member_id, backend.other_member
    with backend.units() as uow:
        assert uow.erasures.lock(999_999) is None and uow.erasures.find(999_999) is None
        subject = uow.erasures.lock(member)
        assert subject is not None and not (subject.erased or subject.merged)
        uow.ledgers.append_points(member_id=other, delta=40, reason="adjustment", at=NOW)
        uow.ledgers.append_stored_value(member_id=member, principal=100, bonus=20,
                                        reason="top_up", at=NOW)  # fmt: skip
        uow.orders.add(paid_order(backend, "T9", 1, 0, NOW.date()))
        uow.members.change_profile(member, "allergies", "花生", NOW, 1)
        uow.complaints.open(member, NewComplaint(ComplaintCategory.FOOD, "cold soup"), NOW, 1)
        survivor, absorbed = uow.merges.lock_pair(member, other)
        uow.merges.merge(absorbed, survivor, staff_id=1, approver_id=1, reason="dup", at=NOW,
                         detail={})  # fmt: skip
        assert uow.erasures.absorbed(member) == [other] and uow.erasures.absorbed(other) == []
        before = uow.erasures.kept([member, other])
        assert (before.orders, before.principal, before.bonus) >= (1, 100, 20)

        uow.erasures.pseudonymise(member, "已删除会员 #X", f"erased-{member}", NOW)
        uow.erasures.forget_search_keys([member, other])
        assert uow.erasures.block_cards([member, other]) >= 1
        assert uow.erasures.block_cards([member, other]) == 0
        assert uow.erasures.redact_history([member], ["allergies", "name"], "[erased]") >= 1
        assert uow.erasures.redact_notes([member], "[erased]") >= 1
        assert uow.erasures.redact_notes([member], "[erased]") == 0

        assert uow.erasures.kept([member, other]) == before
        found = uow.members.summary(member)
        assert (found.name, found.phone, found.allergies, found.birthday) == (
            "已删除会员 #X", f"erased-{member}", "", None,
        )  # fmt: skip
        assert uow.erasures.find(member) == replace(subject, erased=True)
        merged = uow.erasures.find(other)
        assert merged is not None and merged.merged


def test_a_members_data_reads_back_as_rows(backend: Backend) -> None:
    member = backend.member_id
    with backend.units() as uow:
        member_no = uow.members.summary(member).member_no
        uow.ledgers.append_points(member_id=member, delta=41, reason="adjustment", at=NOW)
        uow.audit.record(action(), "member_viewed", member_no)
        uow.audit.record(action(), "members_merged", f"M9->{member_no}")
        assert uow.member_data.member(999_999) is None
        row = uow.member_data.member(member)
        assert row is not None and (row["id"], row["member_no"]) == (member, member_no)
        history = {table: rows for table, _, rows in uow.member_data.history(member)}
        assert 41 in [entry["delta"] for entry in history["points_ledger"]]
        assert "orders" in history and "stored_value_ledger" in history
        events = [e["action"] for e in uow.member_data.audit_events(member_no)]
        assert events[-2:] == ["member_viewed", "members_merged"]
        assert uow.member_data.order_parts([])["lines"] == []


def test_a_story_reads_back_what_staff_recorded_and_a_complaint_resolves_once(
    backend: Backend,
) -> None:
    member, limits = backend.member_id, StoryLimits(ledger=5, orders=5, history=5)
    booked = datetime(2026, 11, 20, 19, 0)
    with backend.units() as uow:
        assert uow.stories.member_no(999_999) is None and uow.stories.profile(999_999) is None
        assert uow.stories.staff_exists(1) and not uow.stories.staff_exists(999_999)
        order_id = uow.orders.add(paid_order(backend, "T9", 1, 0, NOW.date()))
        assert uow.stories.order_of_member(member, order_id)
        assert not uow.stories.order_of_member(backend.other_member, order_id)
        uow.ledgers.append_points(member_id=member, delta=41, reason="adjustment", at=NOW,
                                  staff_id=1)  # fmt: skip
        complaint = NewComplaint(ComplaintCategory.FOOD, "cold soup", promised_on=NOW.date())
        complaint_id = uow.complaints.open(member, complaint, NOW, 1)
        uow.stories.add_feedback(member, None, 4, "good", NOW, 1)
        uow.stories.add_absence(member, AbsenceKind.NO_SHOW, booked, 4, "no call", NOW, 1)
        uow.commit()
    with backend.units() as uow:
        found = uow.complaints.lock(complaint_id)
        assert found is not None and (found.member_id, found.status) == (member, "open")
        assert uow.complaints.lock(999_999) is None
        uow.complaints.resolve(complaint_id, "apologised", NOW)
        uow.commit()
    with backend.units() as uow:
        resolved = uow.complaints.lock(complaint_id)
        assert resolved is not None and resolved.status == "resolved"
        profile = uow.stories.profile(member)
        assert profile is not None
        assert profile.member_no == uow.stories.member_no(member)
        assert profile.points == uow.ledgers.points_balance(member)
        story = uow.stories.records(member, date(2026, 11, 23), limits)
    assert (story.points[0].delta, story.points[0].staff) == (41, "王芳")
    shown = next(c for c in story.complaints if c.complaint_id == complaint_id)
    assert (shown.status, shown.outcome, shown.resolved_at, shown.overdue) == (
        "resolved", "apologised", NOW, False,
    )  # fmt: skip
    assert [(f.score, f.comment, f.staff) for f in story.feedback][:1] == [(4, "good", "王芳")]
    assert [(a.kind, a.booked_for, a.note) for a in story.absences][:1] == [
        ("no_show", booked, "no call"),
    ]


def new_member(backend: Backend, phone: str = "13700000123") -> NewMember:
    with backend.units() as uow:
        entry = uow.tiers.ranked()[0]
    return NewMember("王小明", phone, date(1991, 3, 4), Gender.MALE, entry.tier_id, NOW.date(),
                     date(2027, 11, 22), "靠窗", "芝麻", True, "new", 1, NOW)  # fmt: skip


def test_an_enrolled_member_is_numbered_and_found_by_phone_and_birthday(backend: Backend) -> None:
    new = new_member(backend)
    with backend.units() as uow:
        member_id = uow.members.add(new)
        member = uow.members.summary(member_id)
        holder = uow.members.by_phone(new.phone)
        same_day = uow.members.born_on(date(1991, 3, 4))
        assert uow.members.by_phone("13700000999") is None
        uow.commit()
    assert member.member_no == f"M{member_id:07d}"
    assert (member.name, member.phone, member.birthday, member.tier.tier_id) == (
        "王小明", new.phone, date(1991, 3, 4), new.tier_id,
    )  # fmt: skip
    assert (member.joined_on, member.expires_on, member.segment) == (
        NOW.date(), date(2027, 11, 22), "new",
    )  # fmt: skip
    assert (member.points, member.stored_value, member.allergies) == (0, 0, "芝麻")
    assert holder is not None and (holder.member_id, holder.name) == (member_id, "王小明")
    assert member_id in [c.member_id for c in same_day]
    with pytest.raises(WriteConflict), backend.units() as uow:
        uow.members.add(replace(new, name="别人"))  # the phone is taken


def test_an_issued_card_names_its_holder_and_each_number_is_issued_once(
    backend: Backend,
) -> None:
    member = backend.member_id
    with backend.units() as uow:
        assert uow.members.card_holder("7700000000000001") is None
        uow.members.issue_card(member, "7700000000000001", NOW, block_others=False)
        uow.members.issue_card(member, "7700000000000002", NOW, block_others=True)
        uow.commit()
    with backend.units() as uow:
        blocked, active = (uow.members.card_holder(f"770000000000000{n}") for n in (1, 2))
    assert blocked is not None and blocked.member_id == member  # a blocked card still counts
    assert active is not None and active.member_id == member
    with pytest.raises(WriteConflict), backend.units() as uow:
        uow.members.issue_card(backend.other_member, "7700000000000002", NOW, block_others=False)
        uow.commit()


def test_an_edited_profile_reads_back_and_the_member_leaves_their_segment(
    backend: Backend,
) -> None:
    member = backend.member_id
    with backend.units() as uow:
        assert uow.members.profile(MemberId(999_999)) is None
        stored = uow.members.profile(member)
        assert stored is not None and (stored.erased, stored.merged) == (False, False)
        consents = Consents(marketing=True, automated=False)
        after = replace(stored.values, name="张伟明", phone="13700000777", gender=Gender.MALE,
                        notes="window", consents=consents)  # fmt: skip
        uow.members.edit_profile(member, after, changes(stored.values, after), NOW, 1)
        uow.members.clear_profiling(member)
        uow.commit()
    with backend.units() as uow:
        edited = uow.members.profile(member)
        holder = uow.members.by_phone("13700000777")
        assert uow.members.summary(member).segment == ""
    assert edited is not None and edited.values == after
    assert edited.member_no == stored.member_no
    assert holder is not None and (holder.member_id, holder.name) == (member, "张伟明")


# The programme as a manager edits it (app.services.loyalty_admin, offer_admin).


def test_a_tier_saved_is_read_back_held_by_nobody_and_deleted(backend: Backend) -> None:
    category = backend.item.category_id
    spec = TierSpec("DIAMOND", 50, "钻石", "Diamond", 2_500, 20_000, 99_900, 800_000,
                    "生日礼", "Birthday gift", frozenset({category}))  # fmt: skip
    with backend.units() as uow:
        saved = uow.programme.save_tier(spec)
        uow.commit()
    assert saved.tier_id is not None and saved == replace(spec, tier_id=saved.tier_id)
    with backend.units() as uow:
        assert uow.programme.lock_tier(saved.tier_id) == saved
        assert uow.programme.tier_specs()[-1] == saved
        tier = uow.tiers.get(saved.tier_id)
        assert tier is not None and (tier.code, tier.excluded_categories) == ("DIAMOND", {category})
        changed = uow.programme.save_tier(
            replace(saved, discount_bp=3_000, excluded_categories=frozenset())
        )
        uow.commit()
    with backend.units() as uow:
        assert uow.programme.lock_tier(saved.tier_id) == changed
        assert changed.discount_bp == 3_000 and changed.excluded_categories == frozenset()
        member_tier = uow.members.summary(backend.member_id).tier.tier_id
        assert uow.programme.tier_holders(member_tier) >= 1
        assert uow.programme.tier_holders(saved.tier_id) == 0
        assert uow.programme.history_naming_tier(saved.tier_id) == []
        uow.programme.delete_tier(saved.tier_id)
        uow.commit()
    with backend.units() as uow:
        assert uow.programme.lock_tier(saved.tier_id) is None
        assert all(t.code != "DIAMOND" for t in uow.programme.tier_specs())


def test_renewal_offers_and_top_up_rules_saved_are_read_back(backend: Backend) -> None:
    offer = OfferSpec("TEST-EARLY", OfferKind.EARLY, fee=12_300, window_days=45,
                      valid_from=date(2026, 1, 1), valid_until=date(2026, 12, 31))  # fmt: skip
    rule = TopUpRuleSpec(123_400, 5_600)
    with backend.units() as uow:
        saved = uow.programme.save_renewal_offer(offer)
        saved_rule = uow.programme.save_top_up_rule(rule)
        uow.commit()
    assert saved.offer_id is not None and saved == replace(offer, offer_id=saved.offer_id)
    assert saved_rule.rule_id is not None and saved_rule == replace(
        rule, rule_id=saved_rule.rule_id
    )
    with backend.units() as uow:
        assert uow.programme.renewal_offer_with_code("TEST-EARLY") == saved.offer_id
        assert uow.programme.renewal_offer_with_code("NO-SUCH") is None
        assert uow.programme.renewal_offer_specs()[-1] == saved
        assert uow.programme.lock_renewal_offer(saved.offer_id) == saved
        assert not uow.programme.renewals_sold("TEST-EARLY")
        off = uow.programme.save_renewal_offer(replace(saved, active=False))
        assert uow.programme.lock_top_up_rule(saved_rule.rule_id) == saved_rule
        rules = uow.programme.top_up_rule_specs()
        assert saved_rule in rules and [r.minimum for r in rules] == sorted(
            r.minimum for r in rules
        )
        uow.programme.save_top_up_rule(replace(saved_rule, bonus=7_000, active=False))
        uow.commit()
    with backend.units() as uow:
        assert uow.programme.lock_renewal_offer(saved.offer_id) == off and not off.active
        assert uow.programme.lock_top_up_rule(saved_rule.rule_id) == replace(
            saved_rule, bonus=7_000, active=False
        )


def test_a_targeted_offer_saved_is_read_back_with_what_it_names(backend: Backend) -> None:
    with backend.units() as uow:
        tier = uow.tiers.get(backend.other_tier)
    assert tier is not None
    item = backend.item
    conditions = Conditions(
        valid_from=date(2026, 12, 1), weekdays=frozenset({0, 4}),
        holidays=HolidayRule.NOT_ON_HOLIDAYS, starts_at=time(11), ends_at=time(14),
        min_party_size=2,
        service_types=frozenset({ServiceType.DINE_IN}), categories=frozenset({item.category_id}),
        items=frozenset({item.item_id}), tiers=frozenset({tier.code}),
        segments=frozenset({"champions", "at_risk"}), uses_per_member=3, min_spend=8_800,
    )  # fmt: skip
    offer = Offer("TEST-LUNCH", "午市", "Lunch", BenefitKind.PERCENT_OFF, 1_500, conditions, 7)
    with backend.units() as uow:
        saved = uow.programme.save_targeted_offer(TargetedOfferSpec(offer))
        uow.commit()
    assert saved.offer_id is not None and saved == TargetedOfferSpec(offer, True, saved.offer_id)
    with backend.units() as uow:
        assert uow.programme.lock_targeted_offer(saved.offer_id) == saved
        assert saved in uow.programme.targeted_offer_specs()
        assert item.item_id in uow.programme.menu_item_ids()
        assert item in uow.programme.offer_items()
        plain = replace(offer, conditions=Conditions(items=frozenset({item.item_id})))
        changed = uow.programme.save_targeted_offer(TargetedOfferSpec(plain, False, saved.offer_id))
        uow.commit()
    with backend.units() as uow:
        assert uow.programme.lock_targeted_offer(saved.offer_id) == changed
        assert changed.offer == plain and not changed.active


def test_holidays_and_the_stacking_policy_saved_are_read_back(backend: Backend) -> None:
    new_year = Holiday(date(2031, 1, 1), "元旦")
    stacking = OfferStacking(StackingPolicy.ADDITIVE, 2_500)
    with backend.units() as uow:
        assert uow.programme.lock_holiday(new_year.day) is None
        uow.programme.add_holiday(new_year)
        uow.programme.save_stacking(stacking)
        uow.commit()
    with backend.units() as uow:
        assert uow.programme.lock_holiday(new_year.day) == new_year
        assert new_year in uow.programme.holidays()
        assert uow.programme.stacking() == stacking
        uow.programme.remove_holiday(new_year.day)
        uow.commit()
    with backend.units() as uow:
        assert uow.programme.lock_holiday(new_year.day) is None
        assert new_year not in uow.programme.holidays()


def test_a_tier_a_member_moved_to_is_named_by_history(backend: Backend) -> None:
    with backend.units() as uow:
        was = uow.members.lock(backend.member_id).tier.tier_id
        change = TierChange(backend.other_tier, "override", NOW, staff_id=None)
        uow.members.change_tier(backend.member_id, change)
        assert "tier_changes.to_tier_id" in uow.programme.history_naming_tier(backend.other_tier)
        assert "tier_changes.from_tier_id" in uow.programme.history_naming_tier(was)


def test_staff_are_found_by_id_sign_in_name_and_badge(backend: Backend) -> None:
    with backend.units() as uow:
        manager, cashier = uow.staff.by_username("manager"), uow.staff.by_username("wangfang")
        assert manager is not None and cashier is not None
        assert (manager.staff.role, cashier.staff.role) == (Role.MANAGER, Role.CASHIER)
        assert manager.pin_hash and manager.active and not manager.locked(NOW)
        assert uow.staff.by_username("nobody") is None
        assert uow.staff.find(manager.staff_id) == manager
        assert uow.staff.find(StaffId(999_999)) is None
        assert uow.staff.by_badge(hash_badge(DEMO_MANAGER_BADGE)) == manager
        assert uow.staff.by_badge(hash_badge("6600000000000000")) is None
        on_duty = uow.staff.active()
        assert {manager.staff, cashier.staff} <= set(on_duty)
        assert [s.staff_id for s in on_duty] == sorted(s.staff_id for s in on_duty)
        assert uow.staff.is_member_card("8800000000000001")
        assert not uow.staff.is_member_card(DEMO_MANAGER_BADGE)


def test_pin_attempts_are_counted_until_the_lockout_and_a_sign_in_clears_them(
    backend: Backend,
) -> None:
    with backend.units() as uow:
        cashier = uow.staff.by_username("wangfang")
        assert cashier is not None and cashier.failed_attempts == 0
        claimed = [uow.staff.claim_pin_attempt(cashier.staff_id, NOW) for _ in range(4)]
        uow.commit()
    assert claimed == [1, 2, 3, 4]
    with backend.units() as uow:
        assert uow.staff.find(cashier.staff_id) == replace(cashier, failed_attempts=4)
        assert uow.staff.claim_pin_attempt(cashier.staff_id, NOW) == MAX_FAILED_ATTEMPTS
        uow.commit()
    with backend.units() as uow:
        locked = uow.staff.by_username("wangfang")
        assert locked is not None and locked.locked_until == NOW + LOCKOUT
        assert uow.staff.claim_pin_attempt(cashier.staff_id, NOW + LOCKOUT / 2) is None
        assert uow.staff.find(cashier.staff_id) == locked  # nothing counted while locked
        assert uow.staff.claim_pin_attempt(cashier.staff_id, NOW + LOCKOUT) == 1
        uow.staff.record_sign_in(cashier.staff_id)
        uow.commit()
    with backend.units() as uow:
        assert uow.staff.find(cashier.staff_id) == cashier


def test_a_badge_has_one_holder(backend: Backend) -> None:
    badge = StoredBadge.of("6600000000001111")
    with backend.units() as uow:
        cashier = uow.staff.by_username("wangfang")
        assert cashier is not None
        uow.staff.set_badge(cashier.staff_id, badge)
        uow.commit()
    with backend.units() as uow:
        assert uow.staff.by_badge(hash_badge("6600000000001111")) == replace(cashier, badge=badge)
        uow.staff.set_badge(cashier.staff_id, None)
        uow.commit()
    with backend.units() as uow:
        assert uow.staff.find(cashier.staff_id) == cashier
        assert uow.staff.by_badge(badge.digest) is None
    with pytest.raises(WriteConflict), backend.units() as uow:
        uow.staff.set_badge(cashier.staff_id, StoredBadge.of(DEMO_MANAGER_BADGE))
        uow.commit()
    with backend.units() as uow:
        manager = uow.staff.by_badge(hash_badge(DEMO_MANAGER_BADGE))
        assert manager is not None and manager.staff.username == "manager"


def queue(uow: UnitOfWork) -> Callable[..., int]:
    return partial(
        uow.print_jobs.add, till_id="T9", printer_url="sim://a", kind="receipt",
        document='{"n": 1}', open_drawer=False, created_at=NOW,
    )  # fmt: skip


def test_a_printers_jobs_are_taken_in_order_and_marked_as_they_print(backend: Backend) -> None:
    retry_at = NOW + timedelta(seconds=5)
    with backend.units() as uow:
        add = queue(uow)
        first, second, elsewhere = add(), add(), add(printer_url="sim://b")
        add(till_id="T8")
        head = uow.print_jobs.head("T9", "sim://a")
        assert head is not None
        assert (head.job_id, head.status, head.attempts, head.document) == (
            first, JobStatus.QUEUED, 0, '{"n": 1}',
        )  # fmt: skip
        assert sorted(uow.print_jobs.pending_printers("T9")) == ["sim://a", "sim://b"]
        printing = uow.print_jobs.start_attempt(first)
        assert (printing.status, printing.attempts) == (JobStatus.PRINTING, 1)
        failed = uow.print_jobs.mark_failed(first, "offline", "no answer", retry_at)
        assert (failed.status, failed.fault, failed.last_error, failed.next_attempt_at) == (
            JobStatus.FAILED, "offline", "no answer", retry_at,
        )  # fmt: skip
        assert uow.print_jobs.head("T9", "sim://a") == failed  # it keeps its place
        uow.print_jobs.start_attempt(first)
        done = uow.print_jobs.mark_finished(first, JobStatus.PRINTED, NOW)
        assert (done.status, done.attempts, done.fault, done.last_error) == (
            JobStatus.PRINTED, 2, "", "",
        )  # fmt: skip
        assert (done.finished_at, done.next_attempt_at) == (NOW, None)
        after = uow.print_jobs.head("T9", "sim://a")
        assert after is not None and after.job_id == second
        uow.print_jobs.start_attempt(add())
        front = uow.print_jobs.front("T9", "sim://a", 2)
        assert [job.job_id for job in front] == [second, second + 3]  # the printing one too
        assert uow.print_jobs.front("T9", "sim://b", 2) == [uow.print_jobs.get(elsewhere)]
        uow.commit()
    with backend.units() as uow:
        assert uow.print_jobs.get(first) == done
        assert [job.job_id for job in uow.print_jobs.recent("T9", 2)] == [second + 3, elsewhere]


def test_interrupted_jobs_are_queued_again_and_a_job_can_change_printer(
    backend: Backend,
) -> None:
    with backend.units() as uow:
        job = queue(uow)()
        uow.print_jobs.start_attempt(job)
        uow.commit()
    with backend.units() as uow:
        assert uow.print_jobs.requeue_interrupted("T8") == 0
        assert uow.print_jobs.requeue_interrupted("T9") == 1
        requeued = uow.print_jobs.get(job)
        assert requeued is not None and requeued.status is JobStatus.QUEUED
        assert requeued.last_error.startswith("interrupted")
        uow.print_jobs.redirect(job, "sim://b")
        moved = uow.print_jobs.head("T9", "sim://b")
        assert moved is not None and (moved.job_id, moved.status) == (job, JobStatus.QUEUED)
        assert uow.print_jobs.head("T9", "sim://a") is None
        assert uow.print_jobs.get(999_999) is None


def test_a_reprint_finds_the_orders_first_receipt(backend: Backend) -> None:
    with backend.units() as uow:
        order_id = uow.orders.add(paid_order(backend, "T9", 1, 0, NOW.date()))
        assert uow.print_jobs.first_receipt("T9-20261122-0001") is None
        add = partial(queue(uow), order_id=order_id)
        first = add()
        add(document='{"n": 2}')
        add(kind="refund")
        found = uow.print_jobs.first_receipt("T9-20261122-0001")
        assert found is not None
        assert (found.job_id, found.order_id, found.kind) == (first, order_id, "receipt")


def test_staff_are_added_edited_disabled_and_given_a_pin_to_change(backend: Backend) -> None:
    with backend.units() as uow:
        assert uow.staff.username_taken("WANGFANG") and not uow.staff.username_taken("zhouli")
        new = uow.staff.add("zhouli", "周丽", Role.CASHIER, "scrypt$new")
        uow.staff.set_profile(new, "周丽丽", Role.TRAINEE)
        uow.staff.set_pin(new, "scrypt$reset", must_change=True)
        uow.commit()
    with backend.units() as uow:
        added = uow.staff.find(new)
        assert added is not None and uow.staff.username_taken("zhouli")
        assert (added.staff.display_name, added.staff.role, added.pin_hash) == (
            "周丽丽",
            Role.TRAINEE,
            "scrypt$reset",
        )
        assert added.must_change_pin and added.active and added.failed_attempts == 0
        assert [a.staff_id for a in uow.staff.everyone()][-1] == new
        uow.staff.set_active(new, False)
        uow.commit()
    with backend.units() as uow:
        assert uow.staff.by_username("zhouli") is None
        assert new in [a.staff_id for a in uow.staff.everyone()]
        managers = uow.staff.active_managers()
        manager = uow.staff.by_username("manager")
        assert manager is not None and manager.staff_id in managers
        assert all(
            (a.staff.role is Role.MANAGER and a.active) == (a.staff_id in managers)
            for a in uow.staff.everyone()
        )


def test_a_sign_in_name_has_one_holder(backend: Backend) -> None:
    with pytest.raises(WriteConflict), backend.units() as uow:
        uow.staff.add("wangfang", "王芳", Role.CASHIER, "scrypt$new")
        uow.commit()


def test_a_setting_is_added_and_changed(backend: Backend) -> None:
    with backend.units() as uow:
        uow.restaurant.set_setting("pin_min_length", "6")
        uow.commit()
    with backend.units() as uow:
        assert uow.restaurant.settings()["pin_min_length"] == "6"
        uow.restaurant.set_setting("pin_min_length", "4")
        uow.commit()
    with backend.units() as uow:
        assert uow.restaurant.settings()["pin_min_length"] == "4"


def test_a_store_named_already_keeps_its_name_when_the_restaurant_is_named(
    backend: Backend,
) -> None:
    with backend.units() as uow:
        assert uow.restaurant.name_default_store("蜀香阁", "成都市锦江区春熙路1号") is None
        uow.commit()

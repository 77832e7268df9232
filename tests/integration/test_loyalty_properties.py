"""Property test of the loyalty engine on a real database: for any sequence of sales,
top-ups, redemptions, stored-value payments, refunds and expiries, no balance ever goes
negative, a refused action changes nothing, and refunding every order (newest first, then
what was refused until nothing more can be) puts every balance back where it started."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.bootstrap import Till, TillConfig, build_till
from app.domain.approvals import ReasonCode
from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.members import MemberId
from app.domain.payment import PaymentMethod, Tender
from app.domain.staff import StaffMember
from app.errors import TillError
from db.engine import create_db_engine
from db.models import MemberRow, PointsLedgerRow, StoredValueLedgerRow, TierRow
from tests.conftest import examples
from tests.fakes import FakeClock

PHONES = itertools.count(17700000000)


@dataclass(frozen=True)
class Balances:
    points: int
    principal: int
    bonus: int
    expires_on: date | None
    tier_id: int


@dataclass
class World:
    till: Till
    clock: FakeClock
    url: str
    cashier: StaffMember


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    url = f"sqlite:///{Path(tmp_path_factory.mktemp('props')) / 'till.db'}"
    clock = FakeClock(datetime(2026, 11, 22, 12, 0))
    till = build_till(TillConfig(url, demo_members_if_empty=5), clock)
    yield World(till, clock, url, till.auth.log_in("manager", "9999"))
    till.close()


def new_member(world: World, points: int, stored: int, expires_in: int) -> MemberId:
    engine = create_db_engine(world.url)
    phone = str(next(PHONES))
    now = world.clock.now()
    with Session(engine) as session, session.begin():
        tier_id = session.scalar(select(TierRow.id).order_by(TierRow.rank))
        member = MemberRow(
            member_no=f"P{phone}",
            name="测试",
            phone=phone,
            phone_last4=phone[-4:],
            tier_id=tier_id,
            joined_on=now.date() - timedelta(days=300),
            expires_on=now.date() + timedelta(days=expires_in),
            created_at=now,
        )
        session.add(member)
        session.flush()
        if points:
            session.add(
                PointsLedgerRow(member_id=member.id, delta=points, reason="opening", created_at=now)
            )
        if stored:
            session.add(
                StoredValueLedgerRow(
                    member_id=member.id,
                    principal_delta_fen=stored,
                    bonus_delta_fen=0,
                    reason="opening",
                    created_at=now,
                )
            )
        member_id = MemberId(member.id)
    engine.dispose()
    return member_id


def balances(world: World, member_id: int) -> Balances:
    engine = create_db_engine(world.url)
    with Session(engine) as session:
        member = session.get(MemberRow, member_id)
        assert member is not None
        points = session.scalar(
            select(func.coalesce(func.sum(PointsLedgerRow.delta), 0)).where(
                PointsLedgerRow.member_id == member_id
            )
        )
        principal, bonus = session.execute(
            select(
                func.coalesce(func.sum(StoredValueLedgerRow.principal_delta_fen), 0),
                func.coalesce(func.sum(StoredValueLedgerRow.bonus_delta_fen), 0),
            ).where(StoredValueLedgerRow.member_id == member_id)
        ).one()
        result = Balances(int(points or 0), principal, bonus, member.expires_on, member.tier_id)
    engine.dispose()
    return result


sale = st.tuples(
    st.just("sale"),
    st.integers(1, 12),  # how many ¥88 fish
    st.booleans(),  # redeem points
    st.sampled_from([PaymentMethod.CASH, PaymentMethod.STORED_VALUE]),
    st.booleans(),  # renew if an offer applies
)
top_up = st.tuples(st.just("top_up"), st.sampled_from([10_000, 50_000, 100_000, 200_000]))
refund = st.tuples(st.just("refund"), st.integers(0, 10))
wait = st.tuples(st.just("wait"), st.integers(1, 400))
operations = st.lists(st.one_of(sale, top_up, refund, wait), min_size=1, max_size=12)


@settings(max_examples=examples(30), suppress_health_check=[HealthCheck.function_scoped_fixture])
# Found in CI: top-ups 1 and 2 refunded while the sale they paid for stands, so top-up 3's
# money is what that sale spent; newest first refuses top-up 3 until the sale is refunded.
@example(
    operations=[
        ("sale", 1, False, PaymentMethod.STORED_VALUE, False),
        ("top_up", 10_000),
        ("top_up", 10_000),
        ("sale", 1, False, PaymentMethod.STORED_VALUE, False),
        ("top_up", 10_000),
        ("refund", 1),
        ("refund", 0),
        ("top_up", 10_000),
    ],
    points=2445,
    stored=0,
    expires_in=-60,
)
@given(
    operations=operations,
    points=st.integers(0, 3_000),
    stored=st.sampled_from([0, 5_000, 50_000]),
    expires_in=st.integers(-60, 120),
)
def test_any_sequence_keeps_balances_whole_and_refunds_restore_them(
    world: World,
    operations: list[tuple[object, ...]],
    points: int,
    stored: int,
    expires_in: int,
) -> None:
    till, staff = world.till, world.cashier
    member_id = new_member(world, points, stored, expires_in)
    start = balances(world, member_id)
    fish = next(item for item in till.catalog.load().items if item.code == "HOT-03")
    paid: list[str] = []
    waited = False
    for operation in operations:
        before = balances(world, member_id)
        try:
            if operation[0] == "sale":
                _, quantity, redeem, method, renew = operation
                draft = OrderDraft()
                draft.set_quantity(fish, int(quantity))  # type: ignore[call-overload]
                member = till.members.load(member_id)
                draft.set_member(member)
                draft.redeem_points = bool(redeem)
                if renew:
                    rules = till.loyalty.rules()
                    outlook = till.loyalty.outlook(member, world.clock.now().date(), rules)
                    draft.renewal = outlook.renewal
                due = build_bill(draft, till.loyalty.rules(), world.clock.now()).due
                tender = Tender(method, due)  # type: ignore[arg-type]
                paid.append(till.checkout.check_out(draft, tender, staff).order_no)
            elif operation[0] == "top_up":
                draft = OrderDraft()
                draft.set_member(till.members.load(member_id))
                draft.top_up_amount = int(operation[1])  # type: ignore[call-overload]
                tender = Tender(PaymentMethod.CARD_TERMINAL, draft.top_up_amount)
                paid.append(till.checkout.check_out(draft, tender, staff).order_no)
            elif operation[0] == "refund" and paid:
                order_no = paid[int(operation[1]) % len(paid)]  # type: ignore[call-overload]
                till.refunds.refund(order_no, staff, ReasonCode.CORRECTION)
                paid.remove(order_no)
            elif operation[0] == "wait":
                waited = True
                world.clock.advance(timedelta(days=int(operation[1])))  # type: ignore[call-overload]
                till.points_expiry.run()
        except TillError:
            assert balances(world, member_id) == before, f"refused {operation} changed state"
        now = balances(world, member_id)
        assert min(now.points, now.principal, now.bonus) >= 0, (operation, now)

    # Newest first, then again for what was refused: a refund earlier in the sequence may
    # have taken back a top-up whose money a still-standing sale spent, so a later top-up's
    # money now stands in for it and can go back only once that sale has been refunded.
    left = list(reversed(paid))
    while left:
        refused = []
        for order_no in left:
            before = balances(world, member_id)
            try:
                till.refunds.refund(order_no, staff, ReasonCode.CORRECTION)
            except TillError:
                assert balances(world, member_id) == before, f"refused refund of {order_no}"
                refused.append(order_no)
        if len(refused) == len(left):
            break
        left = refused
    assert waited or not left, f"only expiry may make a refund impossible ({left})"
    if not waited:
        assert balances(world, member_id) == start

"""Merging two records of one guest: everything moves, every ledger still adds up."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.approvals import PinApproval
from app.domain.draft import OrderDraft
from app.domain.members import MemberSummary
from app.domain.payment import PaymentMethod, Tender
from app.domain.staff import StaffMember
from app.errors import LoginRefused
from app.services.member_merge import MergeProblem, MergeRefused
from app.services.members import IdentifyProblem
from db.member_merges import member_references
from db.models import AuditEventRow, MemberMergeRow, PointsLedgerRow, StoredValueLedgerRow


def staff(till: Till, username: str, pin: str) -> StaffMember:
    return till.auth.log_in(username, pin)


def member(till: Till, typed: str) -> MemberSummary:
    found = till.members.identify(typed).member
    assert found is not None
    return found


def buy(till: Till, who: MemberSummary, *codes: str) -> None:
    catalog = till.catalog.load()
    draft = OrderDraft()
    for code in codes:
        draft.add(next(item for item in catalog.items if item.code == code))
    draft.member = who
    till.checkout.check_out(
        draft, Tender(PaymentMethod.CASH, 100_000), staff(till, "wangfang", "1111")
    )


def ledger_totals(url: str) -> dict[str, dict[int, int]]:
    engine = create_engine(url)
    with Session(engine) as session:
        points = dict(
            session.execute(
                select(PointsLedgerRow.member_id, func.sum(PointsLedgerRow.delta)).group_by(
                    PointsLedgerRow.member_id
                )
            ).all()
        )
        stored = dict(
            session.execute(
                select(
                    StoredValueLedgerRow.member_id,
                    func.sum(
                        StoredValueLedgerRow.principal_delta_fen
                        + StoredValueLedgerRow.bonus_delta_fen
                    ),
                ).group_by(StoredValueLedgerRow.member_id)
            ).all()
        )
    engine.dispose()
    return {"points": points, "stored": stored}


def test_merge_moves_every_record_and_balances_are_the_sum_of_both(
    till: Till, database_url: str
) -> None:
    zhang, zeng = member(till, "M0000001"), member(till, "M0000005")
    buy(till, zhang, "HOT-01")
    buy(till, zeng, "HOT-02", "COLD-01")
    zhang, zeng = till.members.refresh(zhang), till.members.refresh(zeng)
    before = ledger_totals(database_url)

    result = till.merge.merge(
        staff(till, "manager", "9999"), zhang.member_id, zeng.member_id, "同一人两张卡"
    )

    survivor = result.survivor
    assert survivor.points == zhang.points + zeng.points
    assert survivor.stored_value == zhang.stored_value + zeng.stored_value == 70_000
    assert "花生" in survivor.allergies and survivor.tier.code == "GOLD"
    assert result.moved["orders.member_id"] == 1 and result.moved["cards.member_id"] == 1
    after = ledger_totals(database_url)
    for ledger in ("points", "stored"):  # every member's sum is unchanged but the two merged
        expected = dict(before[ledger])
        expected[zhang.member_id] = expected.get(zhang.member_id, 0) + expected.pop(
            zeng.member_id, 0
        )
        assert after[ledger] == {k: v for k, v in expected.items() if v or k in after[ledger]}
        assert sum(after[ledger].values()) == sum(before[ledger].values())

    engine = create_engine(database_url)
    with Session(engine) as session:
        for table, column in member_references():  # nothing is left on the absorbed record
            left = session.scalar(
                select(func.count()).select_from(table).where(column == zeng.member_id)
            )
            assert left == 0, f"{table.name}.{column.name}"
        merge = session.scalars(select(MemberMergeRow)).one()
        detail = json.loads(merge.detail)
        assert detail["before"]["stored_value"] == [50_000, 20_000]
        assert len(detail["moved"]["points_ledger.member_id"]) == 1
        audit = session.scalars(
            select(AuditEventRow).where(AuditEventRow.action == "members_merged")
        ).one()
        assert audit.subject == "M0000005->M0000001"
    engine.dispose()

    # The absorbed guest's card and phone still find them, as the survivor.
    assert member(till, "8800000000000005").member_no == "M0000001"
    assert member(till, "18600008000").member_no == "M0000001"
    assert "M0000005" not in {c.member_no for c in till.members.search("zxx").candidates}
    assert "M0000005" not in {c.member_no for c in till.members.search("8000").candidates}


def test_cashier_needs_a_managers_pin_and_both_are_recorded(till: Till, database_url: str) -> None:
    cashier = staff(till, "wangfang", "1111")
    zhang, shan = member(till, "M0000001"), member(till, "M0000004")
    assert till.merge.needs_approval(cashier)
    with pytest.raises(LoginRefused):
        till.merge.merge(
            cashier, zhang.member_id, shan.member_id, "dup", PinApproval("manager", "0000")
        )
    assert till.members.identify("M0000004").member == shan  # nothing happened
    till.merge.merge(
        cashier, zhang.member_id, shan.member_id, "dup", PinApproval("manager", "9999")
    )
    engine = create_engine(database_url)
    with Session(engine) as session:
        merge = session.scalars(select(MemberMergeRow)).one()
        manager = staff(till, "manager", "9999")
        assert (merge.staff_id, merge.approver_id) == (cashier.staff_id, manager.staff_id)
    engine.dispose()


@pytest.mark.parametrize(
    ("survivor", "absorbed", "reason", "problem"),
    [
        ("M0000001", "M0000001", "dup", MergeProblem.SAME_MEMBER),
        ("M0000001", "M0000004", "  ", MergeProblem.NO_REASON),
    ],
)
def test_refused_merges(
    till: Till, survivor: str, absorbed: str, reason: str, problem: MergeProblem
) -> None:
    manager = staff(till, "manager", "9999")
    with pytest.raises(MergeRefused) as refused:
        till.merge.merge(
            manager, member(till, survivor).member_id, member(till, absorbed).member_id, reason
        )
    assert refused.value.problem is problem


def test_a_record_is_merged_once(till: Till) -> None:
    manager = staff(till, "manager", "9999")
    zhang, shan, emily = (
        member(till, "M0000001"),
        member(till, "M0000004"),
        member(till, "M0000002"),
    )
    till.merge.merge(manager, zhang.member_id, shan.member_id, "dup")
    with pytest.raises(MergeRefused) as refused:
        till.merge.merge(manager, emily.member_id, shan.member_id, "dup")
    assert refused.value.problem is MergeProblem.ALREADY_MERGED
    assert till.members.identify("8899000000000002").problem is IdentifyProblem.CARD_BLOCKED

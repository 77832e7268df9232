"""A member's privacy rights on both databases: everything we hold about them in one
readable JSON file, and erasure by pseudonymisation that leaves every order, refund and
ledger total as it was, takes the member out of the till's search, needs a manager's
PIN or badge, and is refused while stored value is owed."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.demo import DEMO_MANAGER_BADGE
from app.domain.approvals import BadgeApproval, PinApproval
from app.domain.contacts import ContactChannel
from app.domain.member_filters import MemberFilter
from app.domain.member_profile import REDACTED, ProfileProblem
from app.domain.member_story import AbsenceKind
from app.domain.money import CNY
from app.errors import LoginRefused, PermissionDenied
from app.services.member_erasure import ErasureRefused
from app.services.member_profile import ProfileRefused
from app.services.members import IdentifyProblem
from db.models import (
    AuditEventRow,
    CardRow,
    MemberRow,
    OrderRow,
    PaymentRow,
    PointsLedgerRow,
    RefundRow,
    StaffRow,
    StoredValueLedgerRow,
)
from tests.fakes import FakeClock
from tests.integration.test_loyalty import cashier, order_for
from tests.integration.test_member_story import complaint, manager, member_id
from tests.integration.test_partial_refunds import refund
from tests.integration.test_refund_extras import pay

EMILY, ZHANG_WEI = "13912345678", "13800138000"  # M0000002 (no stored value), M0000001
EMILY_CARD = "8800000000000002"


def a_full_history(till: Till) -> tuple[int, list[str]]:
    """Emily Chen: two paid orders (one refunded), a complaint, feedback, a no-show, a
    contact and a profile edit; returns her id and the order numbers."""
    boss, emily = manager(till), member_id(till, EMILY)
    orders = [pay(till, order_for(till, EMILY, "HOT-03", "STAPLE-01")) for _ in range(2)]
    refund(till, orders[1], None)
    till.member_story.record_complaint(emily, complaint(description="鱼是凉的"), boss)
    till.member_story.record_feedback(emily, 4, "服务很好", boss)
    when = till.clock.now() - timedelta(days=2)
    till.member_story.record_absence(emily, AbsenceKind.NO_SHOW, when, 4, "没来", boss)
    till.member_lists.mark_contacted(
        boss, MemberFilter(), [emily], ContactChannel.PHONE, "续费提醒"
    )
    values = till.member_story.profile.values(emily, boss)
    till.member_story.profile.edit(emily, replace(values, notes="喜欢靠窗"), boss)
    return emily, orders


def sums(url: str) -> dict[str, int]:
    """Every total erasure must leave as it was, over all members."""
    engine = create_engine(url)
    try:
        with Session(engine) as session:

            def total(column: object) -> int:
                return int(session.scalar(select(func.coalesce(func.sum(column), 0))) or 0)

            return {
                "orders": total(OrderRow.total_fen),
                "due": total(OrderRow.due_fen),
                "payments": total(PaymentRow.amount_fen),
                "refunds": total(RefundRow.amount_fen),
                "points": total(PointsLedgerRow.delta),
                "principal": total(StoredValueLedgerRow.principal_delta_fen),
                "bonus": total(StoredValueLedgerRow.bonus_delta_fen),
                "order_rows": int(session.scalar(select(func.count(OrderRow.id))) or 0),
            }
    finally:
        engine.dispose()


def member(url: str, member_no: str) -> MemberRow:
    engine = create_engine(url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            row = session.scalar(select(MemberRow).where(MemberRow.member_no == member_no))
            assert row is not None
            session.expunge(row)
            return row
    finally:
        engine.dispose()


def events(url: str, action: str) -> list[AuditEventRow]:
    engine = create_engine(url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            rows = session.scalars(
                select(AuditEventRow).where(AuditEventRow.action == action)
            ).all()
            session.expunge_all()
            return list(rows)
    finally:
        engine.dispose()


# -- export -------------------------------------------------------------------------


def test_the_export_holds_every_section_with_its_rows_and_reads_as_chinese(
    till: Till, database_url: str, tmp_path: Path
) -> None:
    emily, orders = a_full_history(till)
    boss = manager(till)
    out = tmp_path / "exports" / "M0000002.json"
    result = till.member_story.data_export.export(emily, out, boss, CNY)

    text = out.read_text(encoding="utf-8")
    assert "鱼是凉的" in text and "服务很好" in text and "喜欢靠窗" in text  # not \\u escapes
    data = json.loads(text)
    assert data["profile"]["member_no"] == "M0000002"
    assert data["profile"]["phone"] == EMILY
    assert data["consents"]["marketing_consent"] in (True, False)
    assert [o["order_no"] for o in data["orders"]] == orders
    first = data["orders"][0]
    assert [line["name_en"] for line in first["lines"]] == ["Sichuan Boiled Fish", "Steamed Rice"]
    assert first["payments"][0]["amount_fen"] == first["due_fen"]
    assert first["total"] == f"¥{first['total_fen'] // 100:,}.{first['total_fen'] % 100:02d}"
    assert data["orders"][1]["status"] == "refunded"
    assert len(data["orders"][1]["refunds"]) == 1 and data["orders"][1]["refunds"][0]["lines"]
    assert datetime.fromisoformat(first["created_at"]) == till.clock.now()
    assert [c["description"] for c in data["complaints"]] == ["鱼是凉的"]
    assert data["complaints"][0]["opened_by_name"] == boss.display_name
    assert [f["comment"] for f in data["feedback"]] == ["服务很好"]
    assert [n["note"] for n in data["no_shows"]] == ["没来"]
    assert [c["note"] for c in data["contacts"]] == ["续费提醒"]
    assert [(c["field"], c["new_value"]) for c in data["changes"]] == [("notes", "喜欢靠窗")]
    assert {c["card_no"] for c in data["cards"]} >= {EMILY_CARD}
    points = sum(entry["delta"] for entry in data["points_ledger"])
    assert (
        points
        == data["balances"]["points"]
        == 5600 + sum(o["points_earned"] for o in data["orders"][:1])
    )
    assert data["balances"]["stored_value"] == "¥0.00"
    audited = {event["action"] for event in data["audit_events"]}
    assert {"complaint_recorded", "feedback_recorded", "member_profile_edited"} <= audited

    sections = ["cards", "orders", "points_ledger", "stored_value_ledger", "complaints"]
    sections += ["feedback", "no_shows", "contacts", "changes", "audit_events"]
    for section in sections:
        assert data["counts"][section] == len(data[section]), section
    assert data["counts"]["order_lines"] == 4 and data["counts"]["payments"] == 2
    assert result.counts == data["counts"]
    assert list(out.parent.iterdir()) == [out]  # no temporary file left beside it

    (event,) = events(database_url, "member_data_exported")
    assert (event.subject, event.staff_id) == ("M0000002", boss.staff_id)
    assert json.loads(event.detail)["counts"] == data["counts"]


def test_only_a_manager_exports_and_a_refused_export_writes_no_file(
    till: Till, database_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "out.json"
    with pytest.raises(PermissionDenied):
        till.member_story.data_export.export(member_id(till, EMILY), out, cashier(till), CNY)
    assert not out.exists()
    assert events(database_url, "member_data_exported") == []


# -- erasure ------------------------------------------------------------------------


def test_erasure_pseudonymises_the_profile_and_keeps_every_total(
    till: Till, database_url: str, clock: FakeClock
) -> None:
    emily, _orders = a_full_history(till)
    boss = manager(till)
    clock.advance(timedelta(days=1))
    till.segments.run()
    before = sums(database_url)
    story_before = till.member_story.story(emily, boss)

    done = till.member_story.erasure.erase(
        emily, " m0000002 ", PinApproval("manager", "9999"), boss
    )

    assert sums(database_url) == before
    assert (done.member_no, done.cards_blocked, done.records) == ("M0000002", 1, 1)
    row = member(database_url, "M0000002")
    assert row.name == "已删除会员 #M0000002"
    assert (row.birthday, row.gender, row.preferences, row.allergies, row.notes) == (
        None,
        "",
        "",
        "",
        "",
    )
    assert EMILY not in row.phone and row.phone_last4 == ""
    assert not any((row.marketing_consent, row.consent_third_party, row.consent_automated))
    assert (row.erased_at, row.consent_updated_at, row.segment) == (clock.now(), clock.now(), "")

    story = till.member_story.story(emily, boss)
    assert story.profile.erased_at == clock.now() and story.profile.phone == ""
    assert [o.order_no for o in story.orders] == [o.order_no for o in story_before.orders]
    assert story.profile.points == story_before.profile.points
    assert [c.status for c in story.cards] == ["blocked"] * len(story.cards)
    assert {(c.old_value, c.new_value) for c in story.changes} == {(REDACTED, REDACTED)}
    assert story.complaints[0].description == REDACTED
    assert story.complaints[0].compensation == 2_000  # amounts stay
    assert story.feedback[0].comment == REDACTED and story.feedback[0].score == 4
    assert story.absences[0].note == REDACTED and story.contacts[0].note == REDACTED

    # the till no longer finds her by phone, last four, name or card
    assert till.members.identify(EMILY).member is None
    assert "M0000002" not in [c.member_no for c in till.members.search("5678").candidates]
    for name in ("emily", "chen", "已删除"):
        assert "M0000002" not in [c.member_no for c in till.members.search(name).candidates]
    read = till.members.identify_read(EMILY_CARD)
    assert read.member is None and read.problem is IdentifyProblem.CARD_BLOCKED
    # nor by member number, typed or in her QR code
    assert till.members.identify("M0000002").member is None
    assert till.members.identify_read("member:M0000002").member is None

    (event,) = events(database_url, "member_erased")
    detail = json.loads(event.detail)
    assert (event.subject, event.staff_id) == ("M0000002", boss.staff_id)
    assert (detail["approver"], detail["approver_name"]) == (int(boss.staff_id), "李经理")
    assert detail["kept"]["orders"] == 2

    with pytest.raises(ErasureRefused) as again:
        till.member_story.erasure.erase(emily, "M0000002", PinApproval("manager", "9999"), boss)
    assert again.value.problems == [ProfileProblem.ERASED]
    with pytest.raises(ProfileRefused) as edit:
        till.member_story.profile.values(emily, boss)
    assert edit.value.problems == [ProfileProblem.ERASED]


def test_a_badge_swipe_approves_an_erasure(till: Till, database_url: str) -> None:
    emily = member_id(till, EMILY)
    till.member_story.erasure.erase(
        emily, "M0000002", BadgeApproval(DEMO_MANAGER_BADGE), manager(till)
    )
    assert member(database_url, "M0000002").erased_at is not None


def test_a_wrong_pin_or_a_mistyped_number_erases_nothing(till: Till, database_url: str) -> None:
    boss, emily = manager(till), member_id(till, EMILY)
    with pytest.raises(LoginRefused):
        till.member_story.erasure.erase(emily, "M0000002", PinApproval("manager", "0000"), boss)
    with pytest.raises(ErasureRefused) as mistyped:
        till.member_story.erasure.erase(emily, "M0000003", PinApproval("manager", "9999"), boss)
    assert mistyped.value.problems == [ProfileProblem.CONFIRMATION_MISMATCH]
    row = member(database_url, "M0000002")
    assert (row.name, row.phone, row.erased_at) == ("Emily Chen", EMILY, None)
    assert till.members.identify(EMILY).member is not None
    assert events(database_url, "member_erased") == []
    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            failed = session.scalar(
                select(StaffRow.failed_attempts).where(StaffRow.id == boss.staff_id)
            )
            assert failed == 1  # the wrong PIN counts towards the lockout
            # a mistyped number is refused before any approval is spent
            approvals = session.scalar(
                select(func.count(AuditEventRow.id)).where(AuditEventRow.action == "approval")
            )
            assert approvals == 0
    finally:
        engine.dispose()


def test_erasure_is_refused_while_stored_value_is_owed(till: Till, database_url: str) -> None:
    boss, zhang = manager(till), member_id(till, ZHANG_WEI)
    with pytest.raises(ErasureRefused) as owed:
        till.member_story.erasure.erase(zhang, "M0000001", PinApproval("manager", "9999"), boss)
    assert owed.value.problems == [ProfileProblem.STORED_VALUE_LEFT]
    assert owed.value.stored_value == 50_000
    assert member(database_url, "M0000001").erased_at is None
    assert member(database_url, "M0000001").name == "张伟"


def test_a_cashier_cannot_erase_even_with_a_managers_pin(till: Till, database_url: str) -> None:
    with pytest.raises(PermissionDenied):
        till.member_story.erasure.erase(
            member_id(till, EMILY), "M0000002", PinApproval("manager", "9999"), cashier(till)
        )
    assert member(database_url, "M0000002").erased_at is None


def test_erasure_also_pseudonymises_the_records_merged_into_the_member(
    till: Till, database_url: str
) -> None:
    """A duplicate merged into the member is the same guest: its phone would still lead
    the till to them."""
    boss = manager(till)
    li_na = member_id(till, "13698765432")
    emily = member_id(till, EMILY)
    till.merge.merge(boss, emily, li_na, "same guest")  # type: ignore[arg-type]
    assert till.members.identify("13698765432").member is not None
    done = till.member_story.erasure.erase(emily, "M0000002", PinApproval("manager", "9999"), boss)
    assert done.records == 2
    assert member(database_url, "M0000003").name == "已删除会员 #M0000003"
    assert till.members.identify("13698765432").member is None
    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            statuses = session.scalars(
                select(CardRow.status).where(CardRow.member_id.in_((emily, li_na)))
            ).all()
            assert set(statuses) == {"blocked"}
    finally:
        engine.dispose()


def test_an_erased_member_leaves_the_member_list_and_every_marketing_list(till: Till) -> None:
    boss, emily = manager(till), member_id(till, EMILY)

    def counted(member_filter: MemberFilter) -> int:
        return till.member_lists.exact_count(boss, till.member_lists.prepare(boss, member_filter))

    everyone, marketing = counted(MemberFilter()), counted(MemberFilter(marketing_only=True))
    assert member(till.config.database_url, "M0000002").marketing_consent  # she had agreed
    till.member_story.erasure.erase(emily, "M0000002", PinApproval("manager", "9999"), boss)
    assert counted(MemberFilter()) == everyone - 1
    assert counted(MemberFilter(marketing_only=True)) == marketing - 1
    assert counted(MemberFilter(include_erased=True)) == everyone

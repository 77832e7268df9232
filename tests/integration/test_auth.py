from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine, select, update
from sqlalchemy.orm import Session

from app.bootstrap import Till, prepare_database
from app.demo import DEMO_STAFF
from app.domain.approvals import BadgeApproval, ReasonCode
from app.domain.staff import MAX_FAILED_ATTEMPTS, Permission, Role
from app.errors import (
    BadgeProblem,
    BadgeRefused,
    LoginRefusal,
    LoginRefused,
    PermissionDenied,
)
from app.services.segments import AUDIT_ACTION as SEGMENTS_COMPUTED
from db.models import AuditEventRow, StaffRow
from tests.fakes import FakeClock


def audit_actions(till: Till) -> list[str]:
    """Every audited action but the daily segment job's, which runs at start-up."""
    assert till._engine is not None
    query = select(AuditEventRow.action).where(AuditEventRow.action != SEGMENTS_COMPUTED)
    with Session(till._engine) as session:
        return list(session.scalars(query.order_by(AuditEventRow.id)))


def test_sign_in_and_out_are_audited(till: Till) -> None:
    staff = till.auth.log_in("manager", "9999")
    assert (staff.display_name, staff.role) == ("李经理", Role.MANAGER)
    till.auth.log_out(staff)
    assert audit_actions(till) == ["login", "logout"]


def test_pins_are_stored_only_as_slow_salted_hashes(database_url: str) -> None:
    """The seed's own hashes: the suite's demo templates lower their cost for speed
    (``tests/demo_templates.py``), so this seeds a database of its own."""
    prepare_database(database_url, 5, date(2026, 12, 5)).dispose()
    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            hashes = list(session.scalars(select(StaffRow.pin_hash)))
    finally:
        engine.dispose()
    assert len(hashes) == len(DEMO_STAFF)
    assert all(h.startswith("scrypt$16384$8$1$") for h in hashes)
    # (the PIN never appears as a field; hex digests may contain "1111" by chance)
    assert not any(pin in h.split("$") for h in hashes for pin in ("1111", "9999", "2222"))
    salts = {h.split("$")[4] for h in hashes}
    assert len(salts) == len(hashes)  # salted: no two share a salt


def test_wrong_pins_lock_the_account_until_the_lockout_passes(till: Till, clock: FakeClock) -> None:
    for _ in range(MAX_FAILED_ATTEMPTS - 1):
        with pytest.raises(LoginRefused) as refused:
            till.auth.log_in("wangfang", "0000")
        assert refused.value.reason is LoginRefusal.WRONG_PIN
    with pytest.raises(LoginRefused) as refused:
        till.auth.log_in("wangfang", "0000")
    assert refused.value.reason is LoginRefusal.LOCKED_NOW
    with pytest.raises(LoginRefused) as refused:
        till.auth.log_in("wangfang", "1111")  # even the right PIN waits out the lockout
    assert refused.value.reason is LoginRefusal.LOCKED
    clock.advance(timedelta(minutes=5, seconds=1))
    assert till.auth.log_in("wangfang", "1111").username == "wangfang"
    actions = audit_actions(till)
    assert actions.count("login_failed") == MAX_FAILED_ATTEMPTS - 1
    assert actions[-3:] == ["login_locked_out", "login_refused_locked", "login"]


def test_a_good_sign_in_resets_the_failure_count(till: Till) -> None:
    for _ in range(MAX_FAILED_ATTEMPTS - 1):
        with pytest.raises(LoginRefused):
            till.auth.log_in("wangfang", "0000")
    till.auth.log_in("wangfang", "1111")
    with pytest.raises(LoginRefused) as refused:
        till.auth.log_in("wangfang", "0000")
    assert refused.value.reason is LoginRefusal.WRONG_PIN


def test_unknown_staff_is_refused(till: Till) -> None:
    with pytest.raises(LoginRefused) as refused:
        till.auth.log_in("nobody", "1111")
    assert refused.value.reason is LoginRefusal.UNKNOWN_STAFF


# Staff badges -------------------------------------------------------------------------

MANAGER_SWIPE = ";6600000000009999=2812?"  # the demo manager's badge, as a track-2 swipe
NEW_BADGE = ";6600000000001111=2812?"


def audit_rows(till: Till, *actions: str) -> list[tuple[str, int | None, dict[str, str]]]:
    assert till._engine is not None
    query = (
        select(AuditEventRow.action, AuditEventRow.staff_id, AuditEventRow.detail)
        .where(AuditEventRow.action.in_(actions))
        .order_by(AuditEventRow.id)
    )
    with Session(till._engine) as session:
        return [(a, s, json.loads(d) if d else {}) for a, s, d in session.execute(query)]


def staff_ids(till: Till) -> dict[str, int]:
    return {s.username: s.staff_id for s in till.auth.staff_on_duty()}


def test_a_managers_badge_swipe_approves_and_the_audit_says_it_was_by_badge(till: Till) -> None:
    approver = till.auth.approve_by_badge(MANAGER_SWIPE, Permission.REFUND)
    assert (approver.username, approver.role) == ("manager", Role.MANAGER)
    till.auth.approve("manager", "9999", Permission.REFUND)
    manager = staff_ids(till)["manager"]
    assert audit_rows(till, "approval") == [
        ("approval", manager, {"by": "badge", "permission": "refund"}),
        ("approval", manager, {"by": "pin", "permission": "refund"}),
    ]


@pytest.mark.parametrize(
    "raw",
    [
        "6600000000009999",
        "\x02 6600000000009999 \r\n",  # framing and stray whitespace from the reader
        ";6600000000009999=2812101?\r\n",
        "%B6600000000009999^LI/JING^2812?;6600000000009999=2812?",  # tracks 1 and 2
        "%b6600000000009999^LI/JING^2812?",  # a keyboard-wedge reader with Caps Lock on
        "６６００００００００００９９９９",  # full-width digits from an input method
    ],
)
def test_noisy_reader_data_names_the_same_badge(till: Till, raw: str) -> None:
    assert till.auth.approve_by_badge(raw, Permission.OPEN_DRAWER).username == "manager"


def test_an_unknown_badge_is_refused_and_audited_with_its_last_four_digits(till: Till) -> None:
    with pytest.raises(LoginRefused) as refused:
        till.auth.approve_by_badge(";6600000000004321=2812?", Permission.REFUND)
    assert refused.value.reason is LoginRefusal.UNKNOWN_BADGE
    assert audit_rows(till, "approval", "approval_refused") == [
        (
            "approval_refused",
            None,
            {"by": "badge", "permission": "refund", "refused": "unknown_badge", "badge": "4321"},
        )
    ]


@pytest.mark.parametrize("raw", [";660000000", "member:M0000001", "\x00\xff\x13", ""])
def test_a_line_that_names_no_badge_asks_for_another_swipe(till: Till, raw: str) -> None:
    with pytest.raises(LoginRefused) as refused:
        till.auth.approve_by_badge(raw, Permission.REFUND)
    assert refused.value.reason is LoginRefusal.UNREADABLE_BADGE
    with pytest.raises(BadgeRefused) as not_registered:
        till.auth.register_badge(till.auth.log_in("wangfang", "1111"), "1111", raw)
    assert not_registered.value.problem is BadgeProblem.UNREADABLE


def test_a_cashiers_badge_is_refused_for_a_managers_action_and_it_is_audited(
    till: Till,
) -> None:
    cashier = till.auth.log_in("wangfang", "1111")
    assert till.auth.register_badge(cashier, "1111", NEW_BADGE) == "1111"
    assert till.auth.badge_last4(cashier) == "1111"
    with pytest.raises(PermissionDenied):
        till.auth.approve_by_badge(NEW_BADGE, Permission.REFUND)
    assert till.auth.approve_by_badge(NEW_BADGE, Permission.ENROL_MEMBERS) == cashier
    assert audit_rows(till, "approval", "approval_refused") == [
        (
            "approval_refused",
            cashier.staff_id,
            {"by": "badge", "permission": "refund", "refused": "permission"},
        ),
        ("approval", cashier.staff_id, {"by": "badge", "permission": "enrol_members"}),
    ]


def test_a_cashiers_pin_is_refused_for_a_managers_action_and_not_audited_as_an_approval(
    till: Till,
) -> None:
    with pytest.raises(PermissionDenied):
        till.auth.approve("wangfang", "1111", Permission.REFUND)
    assert [action for action, _, _ in audit_rows(till, "approval", "approval_refused")] == [
        "approval_refused"
    ]


def test_a_badge_registered_to_someone_else_is_refused_and_stays_theirs(till: Till) -> None:
    cashier = till.auth.log_in("wangfang", "1111")
    with pytest.raises(BadgeRefused) as refused:
        till.auth.register_badge(cashier, "1111", MANAGER_SWIPE)
    assert refused.value.problem is BadgeProblem.TAKEN
    assert till.auth.badge_last4(cashier) is None
    assert till.auth.approve_by_badge(MANAGER_SWIPE, Permission.REFUND).username == "manager"
    assert audit_rows(till, "badge_refused", "badge_registered") == [
        ("badge_refused", cashier.staff_id, {"badge": "9999", "refused": "taken"})
    ]


def test_a_members_card_cannot_be_registered_as_a_badge(till: Till) -> None:
    manager = till.auth.log_in("manager", "9999")
    with pytest.raises(BadgeRefused) as refused:
        till.auth.register_badge(manager, "9999", ";8800000000000001=2712?")  # 张伟's card
    assert refused.value.problem is BadgeProblem.MEMBER_CARD
    assert till.auth.badge_last4(manager) == "9999"


def test_registering_a_new_badge_replaces_the_old_one(till: Till) -> None:
    manager = till.auth.log_in("manager", "9999")
    assert till.auth.register_badge(manager, "9999", NEW_BADGE) == "1111"
    with pytest.raises(LoginRefused) as refused:
        till.auth.approve_by_badge(MANAGER_SWIPE, Permission.REFUND)
    assert refused.value.reason is LoginRefusal.UNKNOWN_BADGE
    assert till.auth.approve_by_badge(NEW_BADGE, Permission.REFUND) == manager
    assert till.auth.register_badge(manager, "9999", NEW_BADGE) == "1111"  # the same again
    assert audit_rows(till, "badge_registered") == [
        ("badge_registered", manager.staff_id, {"badge": "1111", "replaced": "9999"}),
        ("badge_registered", manager.staff_id, {"badge": "1111", "replaced": "1111"}),
    ]


def test_a_wrong_pin_registers_nothing_and_counts_towards_the_lockout(till: Till) -> None:
    cashier = till.auth.log_in("wangfang", "1111")
    with pytest.raises(LoginRefused) as refused:
        till.auth.register_badge(cashier, "0000", NEW_BADGE)
    assert refused.value.reason is LoginRefusal.WRONG_PIN
    assert till.auth.badge_last4(cashier) is None
    assert audit_actions(till)[-1] == "login_failed"


def test_a_lost_badge_is_removed_with_the_pin_and_then_approves_nothing(till: Till) -> None:
    manager = till.auth.log_in("manager", "9999")
    with pytest.raises(LoginRefused):
        till.auth.remove_badge(manager, "0000")
    assert till.auth.badge_last4(manager) == "9999"
    till.auth.remove_badge(manager, "9999")
    assert till.auth.badge_last4(manager) is None
    with pytest.raises(LoginRefused) as refused:
        till.auth.approve_by_badge(MANAGER_SWIPE, Permission.REFUND)
    assert refused.value.reason is LoginRefusal.UNKNOWN_BADGE
    with pytest.raises(BadgeRefused) as none_left:
        till.auth.remove_badge(manager, "9999")
    assert none_left.value.problem is BadgeProblem.NOT_REGISTERED
    assert audit_rows(till, "badge_removed") == [
        ("badge_removed", manager.staff_id, {"badge": "9999"})
    ]


def test_a_locked_out_managers_badge_is_refused_until_the_lockout_passes(
    till: Till, clock: FakeClock
) -> None:
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(LoginRefused):
            till.auth.log_in("manager", "0000")
    with pytest.raises(LoginRefused) as refused:
        till.auth.approve_by_badge(MANAGER_SWIPE, Permission.REFUND)
    assert refused.value.reason is LoginRefusal.LOCKED
    clock.advance(timedelta(minutes=5, seconds=1))
    assert till.auth.approve_by_badge(MANAGER_SWIPE, Permission.REFUND).username == "manager"
    refusals = audit_rows(till, "approval_refused")
    assert [detail["refused"] for _, _, detail in refusals] == ["locked"]


def test_the_badge_of_a_staff_member_who_left_is_refused(till: Till) -> None:
    assert till._engine is not None
    with Session(till._engine) as session, session.begin():
        session.execute(update(StaffRow).where(StaffRow.username == "manager").values(active=False))
    with pytest.raises(LoginRefused) as refused:
        till.auth.approve_by_badge(MANAGER_SWIPE, Permission.REFUND)
    assert refused.value.reason is LoginRefusal.INACTIVE
    refusals = audit_rows(till, "approval_refused")
    assert [detail["refused"] for _, _, detail in refusals] == ["inactive"]


def test_a_points_correction_approved_by_a_badge_names_the_manager(till: Till) -> None:
    cashier = till.auth.log_in("wangfang", "1111")
    zhang = till.members.identify("13800138000").member
    assert zhang is not None
    after = till.adjustments.adjust_points(
        zhang.member_id, 10, cashier, ReasonCode.GOODWILL, "cold soup", BadgeApproval(MANAGER_SWIPE)
    )
    assert after.points == zhang.points + 10
    ((_, _, detail),) = audit_rows(till, "points_adjusted")
    assert (detail["requested_by"], detail["approved_by"]) == (
        cashier.staff_id,
        staff_ids(till)["manager"],
    )
    with pytest.raises(LoginRefused):
        till.adjustments.adjust_points(
            zhang.member_id, 10, cashier, ReasonCode.GOODWILL, "again", BadgeApproval(NEW_BADGE)
        )

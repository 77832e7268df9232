"""The loyalty engine at the till, driven through the real widgets: a renewal in one tap,
a top-up with bonus, points, a stored-value payment and a refund approved by a manager."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.domain.members import MemberId
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.ui.conftest import (
    click,
    on_next_modal,
    open_cashier,
    pay_exact_cash,
    save_screenshot,
    settle,
    wait_paid,
)
from ui.app import TillApp
from ui.cashier.slip_view import SlipView
from ui.cashier.window import CashierWindow


def label(parent: QWidget, name: str) -> str:
    widget = parent.findChild(QLabel, name)
    assert widget is not None, name
    return widget.text()


def button(parent: QWidget, name: str) -> QPushButton:
    widget = parent.findChild(QPushButton, name)
    assert widget is not None, name
    return widget


def find_member(qtbot: QtBot, window: CashierWindow, text: str) -> None:
    search = window.findChild(QLineEdit, "memberSearch")
    qtbot.keyClicks(search, text)
    settle(search)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    settle(search)


def rows(window: CashierWindow) -> list[list[str]]:
    table = window.findChild(QTableWidget, "orderTable")
    assert table is not None
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def last_slip(qtbot: QtBot, window: CashierWindow, marker: str) -> str:
    preview = window.findChild(SlipView, "receiptPreview")
    qtbot.waitUntil(lambda: marker in preview.toPlainText(), timeout=5000)
    return preview.toPlainText()


def test_the_renewal_offer_shows_for_an_expiring_member_and_one_tap_adds_it(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)
    find_member(qtbot, window, "13912345678")  # Emily Chen, expires in 30 days
    offer = button(window, "renewalOfferButton")
    assert offer.isVisible()
    assert offer.text() == "Renew early: ¥99.00, valid until 2027-12-22"
    click(qtbot, window, "renewalOfferButton")
    assert rows(window) == [["Membership renewal", "1", "¥99.00", "until 2027-12-22", "¥99.00"]]
    assert label(window, "totalLabel") == "¥99.00"
    assert offer.text() == "✓ Renewal on the order (tap to take it off)"
    save_screenshot(window, "renewal-offer-en")

    def terminal(dialog: QWidget) -> None:
        click(qtbot, dialog, "confirmPaymentButton")

    on_next_modal(terminal)
    click(qtbot, window, "payCardButton")
    wait_paid(qtbot, window)
    slip = last_slip(qtbot, window, "Membership renewal")
    assert "valid until 2027-12-22" in slip
    till = till_app.till
    assert till is not None
    emily = till.members.identify("13912345678").member
    assert emily is not None and str(emily.expires_on) == "2027-12-22"


def test_top_up_with_bonus_then_points_and_stored_value_pay_for_dinner(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("zh")
    window = open_cashier(qtbot, till_app)
    find_member(qtbot, window, "13800138000")  # 张伟: Gold, 1280 points, ¥500 stored value
    assert "再消费" in label(window, "memberLoyaltyHint")  # spend more for Platinum

    def top_up_1000(dialog: QWidget) -> None:
        click(qtbot, dialog, "topUp1000")
        assert label(dialog, "topUpBonusLabel") == "¥100.00"
        click(qtbot, dialog, "confirmTopUpButton")

    on_next_modal(top_up_1000)
    click(qtbot, window, "topUpButton")
    assert rows(window)[-1] == ["储值充值", "1", "¥1,000.00", "赠送 ¥100.00", "¥1,000.00"]
    assert not button(window, "payStoredValueButton").isEnabled()  # a top-up is paid in money

    def exact_cash(dialog: QWidget) -> None:
        click(qtbot, dialog, "tenderExact")
        click(qtbot, dialog, "confirmPaymentButton")

    on_next_modal(exact_cash)
    click(qtbot, window, "payCashButton")
    wait_paid(qtbot, window)
    assert "储值充值" in last_slip(qtbot, window, "储值充值")

    find_member(qtbot, window, "13800138000")
    assert label(window, "memberStoredValue") == "¥1,600.00"
    click(qtbot, window, "item_HOT-03")  # 水煮鱼 ¥88, Gold ¥79.20
    points = button(window, "redeemPointsButton")
    assert points.text() == "使用 1,280 积分（−\u2060¥12.80）"  # the amount in one piece
    click(qtbot, window, "redeemPointsButton")  # all 1280: under half of ¥79.20
    assert label(window, "pointsRedeemedLabel") == "-¥12.80 (1,280 积分)"
    assert label(window, "totalLabel") == "¥66.40"
    save_screenshot(window, "points-and-top-up-zh")

    def pay_stored(dialog: QWidget) -> None:
        click(qtbot, dialog, "confirmPaymentButton")

    on_next_modal(pay_stored)
    click(qtbot, window, "payStoredValueButton")
    wait_paid(qtbot, window)
    slip = last_slip(qtbot, window, "储值支付")
    assert "其中赠送金额" in slip  # proportional: part of it came from the bonus
    till = till_app.till
    assert till is not None
    member = till.members.load(MemberId(1))
    # ¥66.40 taken 15:1 from ¥1,500 principal and ¥100 bonus: ¥62.25 + ¥4.15. Points are
    # earned on ¥79.20 less ¥12.80 in points and ¥4.15 of bonus, at 1.5 per yuan.
    assert member.stored_value == 160_000 - 6_640
    assert member.points == (7_920 - 1_280 - 415) * 15 // 1_000


def test_a_cashier_refunds_an_order_with_a_managers_pin(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)
    till = till_app.till
    assert till is not None
    find_member(qtbot, window, "13800138000")
    points_before = till.members.load(MemberId(1)).points
    click(qtbot, window, "item_HOT-01")

    def exact_cash(dialog: QWidget) -> None:
        click(qtbot, dialog, "tenderExact")
        click(qtbot, dialog, "confirmPaymentButton")

    on_next_modal(exact_cash)
    click(qtbot, window, "payCashButton")
    wait_paid(qtbot, window)
    last_slip(qtbot, window, "T1-20261122-0001")
    assert till.members.load(MemberId(1)).points == points_before + 51

    seen: list[str] = []

    def approve(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "approverPinEdit").setText("1234")
        click(qtbot, dialog, "approveButton")
        settle(dialog)
        seen.append(label(dialog, "approvalError"))
        dialog.findChild(QLineEdit, "approverPinEdit").setText("9999")
        click(qtbot, dialog, "approveButton")

    def refund(dialog: QWidget) -> None:
        table = dialog.findChild(QTableWidget, "recentOrdersTable")
        assert table.item(0, 0).text() == "T1-20261122-0001"
        table.selectRow(0)
        settle(dialog)
        preview = label(dialog, "refundPreview")
        assert "Give back ¥34.20." in preview and "Points -51." in preview
        save_screenshot(dialog, "refund-dialog-en")
        on_next_modal(approve)
        click(qtbot, dialog, "confirmRefundButton")

    on_next_modal(refund)
    click(qtbot, window, "refundButton")
    settle(window)  # the member is read again off the GUI thread
    assert seen == ["Wrong PIN, or the account is locked."]
    assert label(window, "orderStatus") == "Order T1-20261122-0001 refunded: give back ¥34.20."
    assert till.members.load(MemberId(1)).points == points_before
    assert "REFUND" in last_slip(qtbot, window, "REFUND")


def test_a_till_left_open_past_midnight_runs_points_expiry_for_the_new_day(
    qtbot: QtBot,
    make_app: Callable[[str], TillApp],
    clock: FakeClock,
    demo_templates: DemoTemplates,
    tmp_path: Path,
) -> None:
    """On the demo as the till seeds it, before its first day's jobs (``make_app``'s
    database has them done)."""
    demo_templates.fill(f"sqlite:///{tmp_path / 'till.db'}", Demo(DEMO_MEMBERS, clock.now().date()))
    till_app = make_app("en")
    jobs, till = till_app.daily_jobs, till_app.till
    assert jobs is not None and till is not None
    qtbot.waitUntil(lambda: len(jobs.segments_changed) == 1, timeout=10_000)
    assert jobs.segments_changed[0] == 40  # scored in the background as the till opened
    assert jobs.expired_points == [0]  # and today's expiry ran there too: nothing due
    zhang = till.members.load(MemberId(1))
    assert zhang.points == 1280  # opening points from the demo, given today
    jobs.tick()
    assert jobs.expired_points == [0]  # same day: nothing to do
    clock.advance(timedelta(days=730))
    jobs.tick()
    qtbot.waitUntil(lambda: len(jobs.expired_points) == 2, timeout=10_000)
    assert jobs.expired_points[1] > 0
    assert till.members.load(MemberId(1)).points == 0


def test_a_points_correction_needs_a_note_and_a_managers_pin(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)
    find_member(qtbot, window, "13800138000")
    assert label(window, "memberPoints") == "1,280"
    errors: list[str] = []

    def approve(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "approverPinEdit").setText("9999")
        click(qtbot, dialog, "approveButton")

    def adjust(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "adjustAmountEdit").setText("+200")
        click(qtbot, dialog, "confirmAdjustButton")  # no note: refused before any PIN
        errors.append(label(dialog, "adjustError"))
        dialog.findChild(QLineEdit, "adjustNoteEdit").setText("points missed on T1-0042")
        on_next_modal(approve)
        click(qtbot, dialog, "confirmAdjustButton")

    on_next_modal(adjust)
    click(qtbot, window, "adjustButton")
    settle(window)  # the member is read again off the GUI thread
    assert errors == ["Say why in the note: it goes in the audit log."]
    assert label(window, "memberPoints") == "1,480"
    assert label(window, "memberMessage") == "Adjustment recorded."


def test_one_dish_of_three_is_refunded_and_the_rest_later(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)
    till = till_app.till
    assert till is not None
    for _ in range(3):
        click(qtbot, window, "item_HOT-01")  # ¥38 each, a guest
    pay_exact_cash(qtbot, window)
    last_slip(qtbot, window, "T1-20261122-0001")
    previews: list[str] = []

    def manager_approves(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "approverPinEdit").setText("9999")
        click(qtbot, dialog, "approveButton")

    def refund_one(dialog: QWidget) -> None:
        dialog.findChild(QTableWidget, "recentOrdersTable").selectRow(0)
        settle(dialog)
        units = dialog.findChild(QSpinBox, "refundUnits1")
        assert (units.maximum(), units.value()) == (3, 3)
        units.setValue(1)
        settle(dialog)
        previews.append(label(dialog, "refundPreview"))
        save_screenshot(dialog, "refund-one-line-en")
        on_next_modal(manager_approves)
        click(qtbot, dialog, "confirmRefundButton")

    on_next_modal(refund_one)
    click(qtbot, window, "refundButton")
    settle(window)  # the member is read again off the GUI thread
    assert "Part of the order: 1 item(s)." in previews[0] and "Give back ¥38.00." in previews[0]
    assert label(window, "orderStatus") == "Order T1-20261122-0001 refunded: give back ¥38.00."

    def refund_rest(dialog: QWidget) -> None:
        table = dialog.findChild(QTableWidget, "recentOrdersTable")
        assert table.item(0, 4).text() == "partly refunded"
        table.selectRow(0)
        settle(dialog)
        units = dialog.findChild(QSpinBox, "refundUnits1")
        assert (units.maximum(), units.value()) == (2, 2)
        previews.append(label(dialog, "refundPreview"))
        on_next_modal(manager_approves)
        click(qtbot, dialog, "confirmRefundButton")

    on_next_modal(refund_rest)
    click(qtbot, window, "refundButton")
    settle(window)  # the member is read again off the GUI thread
    assert "Give back ¥76.00." in previews[1]
    assert till.refunds.recent()[0].status == "refunded"


def test_a_renewal_is_refunded_on_its_own_and_the_dish_kept(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)
    till = till_app.till
    assert till is not None
    click(qtbot, window, "item_HOT-01")
    find_member(qtbot, window, "13912345678")  # Emily: expires in 30 days
    click(qtbot, window, "renewalOfferButton")
    pay_exact_cash(qtbot, window)
    previews: list[str] = []

    def manager_approves(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "approverPinEdit").setText("9999")
        click(qtbot, dialog, "approveButton")

    def renewal_only(dialog: QWidget) -> None:
        dialog.findChild(QTableWidget, "recentOrdersTable").selectRow(0)
        settle(dialog)
        renewal = dialog.findChild(QCheckBox, "refundExtra_renewal")
        assert renewal.isVisible() and renewal.isChecked()
        assert dialog.findChild(QCheckBox, "refundExtra_top_up").isHidden()
        dialog.findChild(QSpinBox, "refundUnits1").setValue(0)
        settle(dialog)
        previews.append(label(dialog, "refundPreview"))
        save_screenshot(dialog, "refund-renewal-only-en")
        on_next_modal(manager_approves)
        click(qtbot, dialog, "confirmRefundButton")

    on_next_modal(renewal_only)
    click(qtbot, window, "refundButton")
    settle(window)  # the member is read again off the GUI thread
    assert "Renewal fee ¥99.00 back." in previews[0]
    assert "Give back ¥99.00." in previews[0]
    assert "The renewal is undone: valid until 2026-12-22 again." in previews[0]
    assert till.refunds.recent()[0].status == "part_refunded"
    assert till.members.identify("13912345678").member.expires_on.isoformat() == "2026-12-22"  # type: ignore[union-attr]

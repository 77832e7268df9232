"""Coupons and offers at the till through the real widgets: tap a member's coupon, see the
price and the reason, pay, and find it on the receipt."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QSpinBox, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import (
    click,
    on_next_modal,
    open_cashier,
    pay_exact_cash,
    save_screenshot,
    settle,
)
from tests.ui.test_loyalty_at_till import button, find_member, label, last_slip, rows
from ui.app import TillApp


def test_a_birthday_coupon_in_one_tap_explained_paid_and_printed(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)
    click(qtbot, window, "category_SET")
    click(qtbot, window, "item_SET-03")  # Family set ¥328: Platinum gives no discount on sets
    find_member(qtbot, window, "13912345678")  # Emily Chen: birthday month, birthday coupon
    coupon = button(window, "coupon_BD-2026-0002")
    assert coupon.isVisible() and not coupon.isChecked()
    assert coupon.text().startswith("Coupon: Birthday coupon: ¥50 off ¥200 · until ")
    assert "Birthday month: Double points on the birthday" in label(window, "memberLoyaltyHint")
    assert label(window, "totalLabel") == "¥328.00"

    click(qtbot, window, "coupon_BD-2026-0002")

    assert label(window, "totalLabel") == "¥278.00"
    assert label(window, "discountLabel") == "-¥50.00"
    assert button(window, "coupon_BD-2026-0002").text() == (
        "✓ Birthday coupon: ¥50 off ¥200 −\u2060¥50.00"  # the amount in one piece
    )
    assert rows(window)[0][3] == "offer -¥50.00"
    save_screenshot(window, "coupon-applied-en")

    explained: list[str] = []

    def read(dialog: QWidget) -> None:
        text = dialog.findChild(QTextBrowser, "whyPriceText")
        assert text is not None
        explained.append(text.toPlainText())
        save_screenshot(dialog, "why-price-offers-en")
        click(qtbot, dialog, "closeWhyButton")

    on_next_modal(read)
    click(qtbot, window, "whyPriceButton")
    assert "Offers: best of — only the offer that saves most, on top of the tier." in explained[0]
    assert "Offers together take at most 30% of the order." in explained[0]
    assert "✓ coupon Birthday coupon: ¥50 off ¥200 (BD-2026-0002): −¥50.00" in explained[0]
    assert "✗ Table of 4 or more: ¥30 off ¥300: needs 4 or more guests" in explained[0]

    pay_exact_cash(qtbot, window)
    slip = last_slip(qtbot, window, "Birthday coupon")
    assert "-¥50.00" in slip
    find_member(qtbot, window, "13912345678")
    assert (
        window.findChild(QWidget, "coupon_BD-2026-0002") is None
        or not button(window, "coupon_BD-2026-0002").isVisible()
    )


def test_a_cashier_gives_a_goodwill_coupon_with_a_managers_pin(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)
    find_member(qtbot, window, "13800138000")  # 张伟: no coupons yet
    assert window.findChild(QWidget, "couponBar").isHidden()

    def approve(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "approverPinEdit").setText("9999")
        click(qtbot, dialog, "approveButton")

    def give(dialog: QWidget) -> None:
        kind = dialog.findChild(QComboBox, "adjustKindCombo")
        kind.setCurrentIndex(kind.findData("coupon"))
        coupon = dialog.findChild(QComboBox, "adjustCouponCombo")
        assert (
            coupon.isVisible() and not dialog.findChild(QLineEdit, "adjustAmountEdit").isVisible()
        )
        coupon.setCurrentIndex(coupon.findData("CPN-WELCOME-BACK"))
        dialog.findChild(QSpinBox, "adjustCouponDays").setValue(14)
        dialog.findChild(QLineEdit, "adjustNoteEdit").setText("soup served cold")
        save_screenshot(dialog, "give-coupon-en")
        on_next_modal(approve)
        click(qtbot, dialog, "confirmAdjustButton")

    on_next_modal(give)
    click(qtbot, window, "adjustButton")
    settle(window)  # the member is read again off the GUI thread
    assert label(window, "memberMessage") == "Adjustment recorded."
    bar = window.findChild(QWidget, "couponBar")
    assert not bar.isHidden()
    (coupon,) = [
        b for b in bar.findChildren(QPushButton) if b.objectName().startswith("coupon_CP-")
    ]
    assert coupon.text() == "Coupon: Welcome-back coupon: ¥30 off ¥80 · until 12-06"


def test_one_tap_upgrades_a_gold_member_for_the_fee_difference(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    window = open_cashier(qtbot, till_app)
    click(qtbot, window, "item_HOT-01")  # ¥38
    find_member(qtbot, window, "13800138000")  # 张伟, Gold
    upgrade = button(window, "upgradeOfferButton")
    assert upgrade.text() == "Upgrade to Platinum now for ¥300.00 (fee difference)"
    click(qtbot, window, "upgradeOfferButton")
    assert upgrade.text() == "✓ Upgrade on the order (tap to take it off)"
    assert rows(window)[1] == ["Upgrade to Platinum", "1", "¥300.00", "fee difference", "¥300.00"]
    assert label(window, "totalLabel") == "¥332.30"  # Platinum's 15% on the dish at once
    assert "for Platinum" not in label(window, "memberLoyaltyHint")
    save_screenshot(window, "upgrade-offer-en")
    pay_exact_cash(qtbot, window)
    assert "Upgrade to Platinum" in last_slip(qtbot, window, "Upgrade to Platinum")

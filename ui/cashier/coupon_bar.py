"""The member's personal coupons as buttons: tap one to use it on this order."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from app.domain.money import Currency, format_money
from app.domain.offers import Coupon
from ui.fit import WrapButton, unbroken

MAX_SHOWN = 4


class CouponBar(QWidget):
    """Signals: ``coupon_toggled(int)`` with the coupon's id."""

    coupon_toggled = Signal(int)

    def __init__(self, currency: Currency, language: str) -> None:
        super().__init__(objectName="couponBar")
        self._currency, self._language = currency, language
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QPushButton] = []

    def show_coupons(
        self, coupons: tuple[Coupon, ...], chosen: frozenset[int], applied: Mapping[int, int]
    ) -> None:
        """``applied``: coupon id -> what it took off this order."""
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.setParent(None)  # out of the widget tree now, not at the next loop turn
            button.deleteLater()
        self.buttons = []
        for coupon in coupons[:MAX_SHOWN]:
            button = WrapButton(objectName=f"coupon_{coupon.code}")
            button.setCheckable(True)
            button.setChecked(coupon.coupon_id in chosen)
            button.setText(self._label(coupon, chosen, applied))
            button.setToolTip(
                self.tr("Coupon %1, valid until %2")
                .replace("%1", coupon.code)
                .replace("%2", coupon.expires_on.isoformat())
            )
            button.clicked.connect(
                lambda _checked=False, cid=coupon.coupon_id: self.coupon_toggled.emit(cid)
            )
            self._layout.addWidget(button)
            self.buttons.append(button)
        self.setVisible(bool(coupons))

    def _label(self, coupon: Coupon, chosen: frozenset[int], applied: Mapping[int, int]) -> str:
        offer = coupon.offer
        name = offer.name_zh if self._language == "zh" else offer.name_en
        if coupon.coupon_id not in chosen:
            return (
                self.tr("Coupon: %1 · until %2")
                .replace("%1", name)
                .replace("%2", f"{coupon.expires_on:%m-%d}")
            )
        if coupon.coupon_id in applied:
            saved = unbroken(format_money(applied[coupon.coupon_id], self._currency))
            return self.tr("✓ %1 −%2").replace("%1", name).replace("%2", saved)
        return self.tr("✓ %1 (does not apply: see Why this price?)").replace("%1", name)

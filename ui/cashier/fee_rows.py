"""The fees on the order (renewal, upgrade, top-up) as rows of their own in the totals, so
subtotal − discounts − points + fees = To pay can be checked by eye."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout, QLabel

from app.domain.bill import Bill
from app.domain.money import Currency, format_money


class FeeRows:
    def __init__(self, totals: QFormLayout, at_row: int, currency: Currency) -> None:
        translate = QCoreApplication.translate
        self._totals, self._currency = totals, currency
        self.labels: dict[str, QLabel] = {}
        for offset, (name, text) in enumerate(
            (
                ("renewalFeeLabel", translate("FeeRows", "Membership renewal")),
                ("upgradeFeeLabel", translate("FeeRows", "Tier upgrade")),
                ("topUpFeeLabel", translate("FeeRows", "Stored-value top-up")),
            )
        ):
            label = QLabel(objectName=name)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            totals.insertRow(at_row + offset, text, label)
            self.labels[name] = label

    def show(self, bill: Bill) -> None:
        for name, fee in (
            ("renewalFeeLabel", bill.renewal_fee if bill.renewal else None),
            ("upgradeFeeLabel", bill.upgrade_fee if bill.upgrade else None),
            ("topUpFeeLabel", bill.top_up_amount if bill.top_up else None),
        ):
            label = self.labels[name]
            label.setText("" if fee is None else "+" + format_money(fee, self._currency))
            self._totals.setRowVisible(label, fee is not None)

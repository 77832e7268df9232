"""A manual discount on a line or the whole order, with a reason and a manager's approval."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.domain.approvals import ReasonCode
from app.domain.manual_discount import (
    DiscountKind,
    DiscountRequest,
    ManualDiscount,
    ManualDiscountRejected,
    check_request,
    parse_percent_off,
)
from app.domain.menu import ItemId, MenuItem
from app.domain.money import Currency, discount_label_percent, format_money, parse_money
from app.domain.request_keys import new_request_key
from ui.cashier.approval_dialog import Approvers
from ui.cashier.approval_jobs import run_approved
from ui.cashier.presenter import CashierPresenter
from ui.cashier.reason_text import reason_text
from ui.cashier.server_work import ServerWork
from ui.numeric_keypad import NumericKeypad
from ui.widgets import confirm_buttons, error_label

REASONS = (
    ReasonCode.GUEST_COMPLAINT,
    ReasonCode.GOODWILL,
    ReasonCode.CORRECTION,
    ReasonCode.OTHER,
)


class ManualDiscountDialog(QDialog):
    def __init__(
        self,
        presenter: CashierPresenter,
        approvers: Approvers,
        currency: Currency,
        selected: MenuItem | None,
        language: str,
        work: ServerWork,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("manualDiscountDialog")
        self.setWindowTitle(self.tr("Manual discount"))
        self._presenter, self._language = presenter, language
        self._approvers, self._currency, self._work = approvers, currency, work
        self._granting = False
        self._request_key = new_request_key()  # a retry of this grant records it once
        self.scope = QComboBox(objectName="manualDiscountScope")
        self.scope.addItem(self.tr("Whole order"), None)
        for line in presenter.draft.lines():
            item = line.item
            name = item.name_zh if language == "zh" else item.name_en
            self.scope.addItem(f"{name} ×{line.quantity}", item.item_id)
        if selected is not None:
            self.scope.setCurrentIndex(max(self.scope.findData(selected.item_id), 0))
        self.kind = QComboBox(objectName="manualDiscountKind")
        self.kind.addItem(self.tr("Percent off (10, 12.5% or 9折)"), DiscountKind.PERCENT)
        self.kind.addItem(self.tr("Amount off"), DiscountKind.AMOUNT)
        self.value = QLineEdit(objectName="manualDiscountValue")
        self.reason = QComboBox(objectName="manualDiscountReason")
        for reason in REASONS:
            self.reason.addItem(reason_text(reason), reason)
        self.note = QLineEdit(objectName="manualDiscountNote")
        self.note.setPlaceholderText(self.tr("What happened (kept in the audit log)"))
        self.current = QLabel(objectName="manualDiscountCurrent")
        self.remove_button = QPushButton(
            self.tr("Remove this discount"), objectName="manualDiscountRemoveButton"
        )
        self.remove_button.clicked.connect(self._remove)
        self.preview = QLabel(objectName="manualDiscountPreview")
        self.error = error_label("manualDiscountError")
        form = QFormLayout()
        layout = QHBoxLayout(self)  # the keypad beside the form: a 768 px screen is low
        layout.addLayout(form, 1)
        keypad = NumericKeypad(self.value, "manualDiscount", decimal=True)
        layout.addWidget(keypad, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(self.tr("On"), self.scope)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Discount"), self.value)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.current, self.remove_button)
        form.addRow(self.preview)
        form.addRow(self.error)
        form.addRow(
            confirm_buttons(self, "manualDiscountApplyButton", self._apply, self.tr("Apply"))
        )
        for combo in (self.scope, self.kind):
            combo.currentIndexChanged.connect(self._update)
        self.value.textChanged.connect(self._update)
        self._update()

    def _item_id(self) -> ItemId | None:
        data = self.scope.currentData()
        return None if data is None else ItemId(data)

    def _money(self, amount: int) -> str:
        return format_money(amount, self._currency)

    def _request(self) -> DiscountRequest:
        kind: DiscountKind = self.kind.currentData()
        text = self.value.text()
        try:
            value = parse_percent_off(text) if kind is DiscountKind.PERCENT else parse_money(text)
        except ValueError as error:  # ManualDiscountRejected is a ValueError too
            raise ManualDiscountRejected(str(error)) from error
        reason: ReasonCode = self.reason.currentData()
        return check_request(
            DiscountRequest(kind, value, reason, self._item_id(), self.note.text())
        )

    def _existing(self) -> ManualDiscount | None:
        item_id = self._item_id()
        found = (d for d in self._presenter.draft.manual_discounts if d.request.item_id == item_id)
        return next(found, None)

    def _update(self) -> None:
        existing = self._existing()
        self.remove_button.setVisible(existing is not None)
        self.current.setText(self._describe(existing) if existing else "")
        if not self.value.text().strip():
            self.preview.setText("")
            return
        try:
            request = self._request()
        except ManualDiscountRejected:
            self.preview.setText(self.tr("Enter a percentage or an amount."))
            return
        amount = self._presenter.manual_discount_amount(request)
        self.preview.setText(self.tr("Takes %1 off.").replace("%1", self._money(amount)))

    def _describe(self, discount: ManualDiscount) -> str:
        request = discount.request
        if request.kind is DiscountKind.PERCENT:
            given = discount_label_percent(request.value)
        else:
            given = self.tr("%1 off").replace("%1", self._money(request.value))
        text = self.tr("Now: %1, approved by %2")
        return text.replace("%1", given).replace("%2", discount.approver_name)

    def _remove(self) -> None:
        self._presenter.draft.drop_manual_discount(self._item_id())
        self.accept()

    def _apply(self) -> None:
        if self._granting:
            return
        try:
            request = self._request()
        except ManualDiscountRejected as error:
            self.error.setText(self.tr("Not a discount: %1").replace("%1", str(error)))
            return
        amount = self._presenter.manual_discount_amount(request)
        if amount <= 0:
            self.error.setText(self.tr("Nothing is left to discount there."))
            return
        presenter, key = self._presenter, self._request_key
        action = self.tr("Manual discount of %1 (%2)").replace("%1", self._money(amount))
        self._granting = True
        run_approved(
            presenter.manual_discount_needs_approval(amount),
            action.replace("%2", reason_text(request.reason)),
            self._approvers,
            lambda approval: presenter.manual_discount_job(request, approval, key),
            self._work,
            self,
            self._granted,
            self._not_granted,
        )

    @property
    def waiting(self) -> bool:
        return self._work.busy

    def reject(self) -> None:
        if not self._granting:  # a grant in flight must be seen, or it is lost
            super().reject()

    def _granted(self, discount: ManualDiscount) -> None:
        self._granting = False
        self._presenter.draft.add_manual_discount(discount)
        self.accept()

    def _not_granted(self, why: str) -> None:
        self._granting = False
        self.error.setText(why)

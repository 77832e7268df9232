"""Correct a member's points, stored value or tier by hand, or give a goodwill coupon:
reason, note, manager approval. The amount is typed or tapped on the keypad, with Add or
Take away for its sign."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.approvals import Approval, ReasonCode
from app.domain.loyalty import LoyaltyRules
from app.domain.members import MemberSummary
from app.domain.money import Currency, parse_money
from app.domain.request_keys import new_request_key
from app.domain.staff import Permission, StaffMember
from app.domain.tiers import Tier
from app.services.adjustments import AdjustmentService
from ui.cashier.approval_dialog import Approvers
from ui.cashier.approval_jobs import run_approved
from ui.cashier.server_work import ServerWork
from ui.fit import TOUCH
from ui.numeric_keypad import POINT, NumericKeypad
from ui.widgets import Standard, confirm_buttons, error_label

POINTS, PRINCIPAL, BONUS, TIER, COUPON = "points", "principal", "bonus", "tier", "coupon"
DEFAULT_COUPON_DAYS = 30
SIGNED_AMOUNT = r"\s*[+\-−]?\s*[0-9][0-9,]{0,11}([.][0-9]{0,2})?\s*|\s*[+\-−]?\s*"
"""What the amount field takes as typed: a sign, digits with commas, two decimals."""


class AdjustDialog(QDialog):
    """``member`` holds the member as corrected when accepted."""

    def __init__(
        self,
        adjustments: AdjustmentService,
        tiers: Sequence[Tier],
        rules: LoyaltyRules,
        approvers: Approvers,
        currency: Currency,
        staff: StaffMember,
        member: MemberSummary,
        language: str,
        work: ServerWork,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("adjustDialog")
        self.setWindowTitle(self.tr("Adjust %1").replace("%1", member.name))
        self._adjustments, self._approvers, self._currency = adjustments, approvers, currency
        self._staff, self._original, self._work = staff, member, work
        self._adjusting = False
        self._request_key = new_request_key()  # a retry of this correction commits it once
        self.member: MemberSummary | None = None
        self.kind_combo = QComboBox(objectName="adjustKindCombo")
        for key, text in (
            (POINTS, self.tr("Points")),
            (PRINCIPAL, self.tr("Stored value (principal)")),
            (BONUS, self.tr("Stored value (bonus)")),
            (TIER, self.tr("Tier")),
            (COUPON, self.tr("Give a coupon")),
        ):
            self.kind_combo.addItem(text, key)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.amount_edit = QLineEdit(objectName="adjustAmountEdit")
        self.amount_edit.setPlaceholderText(self.tr("+100 to add, -100 to take away"))
        self.amount_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(SIGNED_AMOUNT), self.amount_edit)
        )
        self.amount_edit.textChanged.connect(self._show_sign)
        self.add_button = QPushButton(self.tr("Add"), objectName="adjustAddButton")
        self.take_button = QPushButton(self.tr("Take away"), objectName="adjustTakeButton")
        self._signs = QButtonGroup(self)
        for button in (self.add_button, self.take_button):
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setMinimumSize(2 * TOUCH, TOUCH)
            self._signs.addButton(button)
        self.add_button.setChecked(True)
        self.add_button.clicked.connect(lambda: self._set_sign(""))
        self.take_button.clicked.connect(lambda: self._set_sign("-"))
        self.keypad = NumericKeypad(self.amount_edit, "adjust", decimal=True)
        self._amount_box = QWidget(objectName="adjustAmountBox")
        signs = QHBoxLayout()
        signs.addWidget(self.add_button)
        signs.addWidget(self.take_button)
        amount_box = QVBoxLayout(self._amount_box)
        amount_box.setContentsMargins(0, 0, 0, 0)
        amount_box.addWidget(self.amount_edit)
        amount_box.addLayout(signs)
        self.tier_combo = QComboBox(objectName="adjustTierCombo")
        for tier in tiers:
            self.tier_combo.addItem(
                tier.name_zh if language == "zh" else tier.name_en, tier.tier_id
            )
        self.coupon_combo = QComboBox(objectName="adjustCouponCombo")
        for offer in rules.offers:
            if offer.coupon_only:
                name = offer.name_zh if language == "zh" else offer.name_en
                self.coupon_combo.addItem(name, offer.code)
        self.days_spin = QSpinBox(objectName="adjustCouponDays")
        self.days_spin.setRange(1, 366)
        self.days_spin.setValue(DEFAULT_COUPON_DAYS)
        self.days_spin.setSuffix(self.tr(" days"))
        self.reason_combo = QComboBox(objectName="adjustReasonCombo")
        for code, text in (
            (ReasonCode.CORRECTION, self.tr("Correction of a mistake")),
            (ReasonCode.GOODWILL, self.tr("Goodwill gesture")),
            (ReasonCode.GUEST_COMPLAINT, self.tr("Guest complaint")),
            (ReasonCode.OTHER, self.tr("Other")),
        ):
            self.reason_combo.addItem(text, code)
        self.note_edit = QLineEdit(objectName="adjustNoteEdit")
        self.note_edit.setPlaceholderText(self.tr("Why (goes in the audit log)"))
        self.error = error_label("adjustError")
        self.form = QFormLayout()
        layout = QHBoxLayout(self)  # the keypad beside the form: a 768 px screen is low
        layout.addLayout(self.form, 1)
        layout.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
        self.form.addRow(QLabel(f"{member.name} · {member.member_no}"))
        self.form.addRow(self.tr("What"), self.kind_combo)
        self.form.addRow(self.tr("Amount"), self._amount_box)
        self.form.addRow(self.tr("New tier"), self.tier_combo)
        self.form.addRow(self.tr("Coupon"), self.coupon_combo)
        self.form.addRow(self.tr("Valid for"), self.days_spin)
        self.form.addRow(self.tr("Reason"), self.reason_combo)
        self.form.addRow(self.tr("Note"), self.note_edit)
        self.form.addRow(self.error)
        buttons = confirm_buttons(self, "confirmAdjustButton", self._confirm)
        self.confirm = buttons.button(Standard.Ok)
        self.form.addRow(buttons)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind_combo.currentData()
        self.form.setRowVisible(self._amount_box, kind not in (TIER, COUPON))
        self.keypad.setVisible(kind not in (TIER, COUPON))
        self.keypad.keys[POINT].setEnabled(kind != POINTS)  # points are whole; money has fen
        self.form.setRowVisible(self.tier_combo, kind == TIER)
        self.form.setRowVisible(self.coupon_combo, kind == COUPON)
        self.form.setRowVisible(self.days_spin, kind == COUPON)

    def _set_sign(self, sign: str) -> None:
        """Add or Take away tapped: the amount keeps its digits and gets this sign."""
        digits = self.amount_edit.text().strip().lstrip("+-−").strip()
        self.amount_edit.setText(sign + digits if digits else sign)
        self.amount_edit.setFocus()

    def _show_sign(self, text: str) -> None:
        taking = text.strip().startswith(("-", "−"))
        (self.take_button if taking else self.add_button).setChecked(True)

    def _action(self) -> tuple[Permission, Callable[[Approval | None], MemberSummary]]:
        kind, reason, note = (
            self.kind_combo.currentData(),
            self.reason_combo.currentData(),
            self.note_edit.text(),
        )
        service, staff, member_id = self._adjustments, self._staff, self._original.member_id
        key = self._request_key
        if kind == TIER:
            tier_id = self.tier_combo.currentData()
            return Permission.OVERRIDE_TIER, lambda approval: service.override_tier(
                member_id, tier_id, staff, reason, note, approval, key
            )
        if kind == COUPON:
            code, days = self.coupon_combo.currentData(), self.days_spin.value()
            if code is None:
                raise ValueError("no coupon offers")
            return Permission.ISSUE_COUPONS, lambda approval: service.issue_coupon(
                member_id, code, days, staff, reason, note, approval, key
            )
        text = self.amount_edit.text().strip().replace("−", "-")
        if kind == POINTS:
            points = int(text.replace("+", "").replace(",", ""))
            return Permission.ADJUST_BALANCE, lambda approval: service.adjust_points(
                member_id, points, staff, reason, note, approval, key
            )
        amount = parse_money(text.replace("+", ""), self._currency)
        principal, bonus = (amount, 0) if kind == PRINCIPAL else (0, amount)
        return Permission.ADJUST_BALANCE, lambda approval: service.adjust_stored_value(
            member_id, principal, bonus, staff, reason, note, approval, key
        )

    def _confirm(self) -> None:
        if self._adjusting:
            return
        if not self.note_edit.text().strip():
            self.error.setText(self.tr("Say why in the note: it goes in the audit log."))
            return
        try:
            permission, apply = self._action()
        except ValueError:
            if self.kind_combo.currentData() == COUPON:
                self.error.setText(self.tr("There is no coupon offer to give: add one first."))
            else:
                self.error.setText(self.tr("Enter the amount as a number, e.g. +100 or -50."))
            return

        action = self.tr("Adjust %1 for %2").replace("%1", self.kind_combo.currentText())
        self._set_adjusting(True)
        run_approved(
            self._adjustments.needs_approval(self._staff, permission),
            action.replace("%2", self._original.name),
            self._approvers,
            lambda approval: lambda: apply(approval),  # one request key for every try
            self._work,
            self,
            self._adjusted,
            self._not_adjusted,
        )

    @property
    def waiting(self) -> bool:
        return self._work.busy

    def reject(self) -> None:
        if not self._adjusting:  # a correction in flight may commit: its result must be seen
            super().reject()

    def _set_adjusting(self, adjusting: bool) -> None:
        self._adjusting = adjusting
        self.confirm.setEnabled(not adjusting)

    def _adjusted(self, member: MemberSummary) -> None:
        self._set_adjusting(False)
        self.member = member
        self.accept()

    def _not_adjusted(self, why: str) -> None:
        self._set_adjusting(False)
        self.error.setText(why)

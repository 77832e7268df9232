"""Correct a member's points, stored value or tier by hand, or give a goodwill coupon:
reason, note, manager approval."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
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
from ui.cashier.approval_dialog import Approvers, run_with_approval
from ui.widgets import confirm_buttons, error_label

POINTS, PRINCIPAL, BONUS, TIER, COUPON = "points", "principal", "bonus", "tier", "coupon"
DEFAULT_COUPON_DAYS = 30


class TiersAndOffers(Protocol):
    """Where the tier list and the coupon offers come from (``LoyaltyService``)."""

    def tiers(self) -> list[Tier]: ...

    def rules(self) -> LoyaltyRules: ...


class AdjustDialog(QDialog):
    """``member`` holds the member as corrected when accepted."""

    def __init__(
        self,
        adjustments: AdjustmentService,
        loyalty: TiersAndOffers,
        approvers: Approvers,
        currency: Currency,
        staff: StaffMember,
        member: MemberSummary,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("adjustDialog")
        self.setWindowTitle(self.tr("Adjust %1").replace("%1", member.name))
        self._adjustments, self._approvers, self._currency = adjustments, approvers, currency
        self._staff, self._original = staff, member
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
        self.tier_combo = QComboBox(objectName="adjustTierCombo")
        for tier in loyalty.tiers():
            self.tier_combo.addItem(
                tier.name_zh if language == "zh" else tier.name_en, tier.tier_id
            )
        self.coupon_combo = QComboBox(objectName="adjustCouponCombo")
        for offer in loyalty.rules().offers:
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
        self.form = QFormLayout(self)
        self.form.addRow(QLabel(f"{member.name} · {member.member_no}"))
        self.form.addRow(self.tr("What"), self.kind_combo)
        self.form.addRow(self.tr("Amount"), self.amount_edit)
        self.form.addRow(self.tr("New tier"), self.tier_combo)
        self.form.addRow(self.tr("Coupon"), self.coupon_combo)
        self.form.addRow(self.tr("Valid for"), self.days_spin)
        self.form.addRow(self.tr("Reason"), self.reason_combo)
        self.form.addRow(self.tr("Note"), self.note_edit)
        self.form.addRow(self.error)
        self.form.addRow(confirm_buttons(self, "confirmAdjustButton", self._confirm))
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind_combo.currentData()
        self.form.setRowVisible(self.amount_edit, kind not in (TIER, COUPON))
        self.form.setRowVisible(self.tier_combo, kind == TIER)
        self.form.setRowVisible(self.coupon_combo, kind == COUPON)
        self.form.setRowVisible(self.days_spin, kind == COUPON)

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
        text = self.amount_edit.text().strip()
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

        def attempt(approval: Approval | None) -> None:
            self.member = apply(approval)

        action = self.tr("Adjust %1 for %2").replace("%1", self.kind_combo.currentText())
        if run_with_approval(
            self._adjustments.needs_approval(self._staff, permission),
            action.replace("%2", self._original.name),
            self._approvers,
            attempt,
            self.error.setText,
            self,
        ):
            self.accept()

"""Refund a paid order: pick it, see exactly what will be reversed, give a reason, approve."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Till
from app.domain.approvals import ReasonCode
from app.domain.money import format_money
from app.domain.staff import StaffMember
from app.errors import TillError
from app.services.refunds import RefundPreview
from ui.cashier.approval_dialog import run_with_approval
from ui.errors import describe_error
from ui.widgets import Standard, confirm_buttons, error_label


class RefundDialog(QDialog):
    """``refunded`` holds the refund when accepted."""

    def __init__(self, till: Till, staff: StaffMember, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refundDialog")
        self.setWindowTitle(self.tr("Refund an order"))
        self.resize(720, 560)
        self._till, self._staff = till, staff
        self.refunded: RefundPreview | None = None
        self._preview: RefundPreview | None = None
        self.orders = QTableWidget(0, 5, objectName="recentOrdersTable")
        self.orders.setHorizontalHeaderLabels(
            [
                self.tr("Order"),
                self.tr("Time"),
                self.tr("Paid"),
                self.tr("Member"),
                self.tr("Status"),
            ]
        )
        self.orders.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.orders.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.orders.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.orders.verticalHeader().setVisible(False)
        self.orders.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.orders.itemSelectionChanged.connect(self._picked)
        self.order_edit = QLineEdit(objectName="refundOrderEdit")
        self.order_edit.setPlaceholderText(self.tr("Order number, e.g. T1-20261122-0001"))
        self.order_edit.editingFinished.connect(self._show_preview)
        self.preview_label = QLabel(objectName="refundPreview")
        self.preview_label.setWordWrap(True)
        self.reason_combo = QComboBox(objectName="refundReasonCombo")
        for code, text in self._reasons():
            self.reason_combo.addItem(text, code)
        self.note_edit = QLineEdit(objectName="refundNoteEdit")
        self.error = error_label("refundError")
        buttons = confirm_buttons(self, "confirmRefundButton", self._refund, self.tr("Refund"))
        self.confirm = buttons.button(Standard.Ok)
        form = QFormLayout()
        form.addRow(self.tr("Order"), self.order_edit)
        form.addRow(self.tr("Reason"), self.reason_combo)
        form.addRow(self.tr("Note"), self.note_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Latest orders at this till")))
        layout.addWidget(self.orders, 1)
        layout.addLayout(form)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._load_orders()
        self._show_preview()

    def _reasons(self) -> list[tuple[ReasonCode, str]]:
        return [
            (ReasonCode.WRONG_ITEMS, self.tr("Wrong items rung up")),
            (ReasonCode.GUEST_COMPLAINT, self.tr("Guest complaint")),
            (ReasonCode.DUPLICATE_CHARGE, self.tr("Charged twice")),
            (ReasonCode.GUEST_CHANGED_MIND, self.tr("Guest changed their mind")),
            (ReasonCode.OTHER, self.tr("Other (say why in the note)")),
        ]

    def _money(self, amount: int) -> str:
        return format_money(amount, self._till.currency)

    def _load_orders(self) -> None:
        recent = self._till.refunds.recent()
        self.orders.setRowCount(len(recent))
        for row, order in enumerate(recent):
            status = self.tr("refunded") if order.status == "refunded" else self.tr("paid")
            cells = [
                order.order_no,
                f"{order.created_at:%H:%M}",
                self._money(order.due),
                order.member_name,
                status,
            ]
            for column, text in enumerate(cells):
                self.orders.setItem(row, column, QTableWidgetItem(text))

    def _picked(self) -> None:
        rows = self.orders.selectionModel().selectedRows()
        if rows:
            self.order_edit.setText(self.orders.item(rows[0].row(), 0).text())
            self._show_preview()

    def _show_preview(self) -> None:
        order_no = self.order_edit.text().strip()
        self._preview = None
        self.confirm.setEnabled(False)
        if not order_no:
            self.preview_label.setText(self.tr("Pick the order to refund."))
            return
        try:
            preview = self._till.refunds.preview(order_no)
        except TillError as error:
            self.preview_label.setText(describe_error(error))
            return
        self._preview = preview
        self.confirm.setEnabled(True)
        self.preview_label.setText("\n".join(self._describe(preview)))

    def _describe(self, preview: RefundPreview) -> list[str]:
        money = self._money
        lines = [
            self.tr("Order %1, paid %2.")
            .replace("%1", preview.order_no)
            .replace("%2", money(preview.due))
        ]
        if preview.money_back:
            lines.append(self.tr("Give back %1.").replace("%1", money(preview.money_back)))
        if preview.member_no:
            who = f"{preview.member_name} ({preview.member_no})"
            lines.append(self.tr("Member: %1").replace("%1", who))
        if preview.stored_value_back.total:
            text = self.tr("Stored value %1 (principal %2, bonus %3).")
            lines.append(
                text.replace("%1", money(preview.stored_value_back.total))
                .replace("%2", money(preview.stored_value_back.principal))
                .replace("%3", money(preview.stored_value_back.bonus))
            )
        if preview.points_back:
            lines.append(self.tr("Points %1.").replace("%1", f"{preview.points_back:+,}"))
        if preview.renewal_reverted:
            until = preview.restores_expiry.isoformat() if preview.restores_expiry else "—"
            lines.append(
                self.tr("The renewal is undone: valid until %1 again.").replace("%1", until)
            )
        if preview.tier_reverted:
            lines.append(self.tr("The tier this order earned is taken back."))
        return lines

    def _refund(self) -> None:
        preview = self._preview
        if preview is None:
            return
        reason = self.reason_combo.currentData()
        note = self.note_edit.text()
        refunds = self._till.refunds

        def attempt(username: str | None, pin: str | None) -> None:
            assert preview is not None
            self.refunded = refunds.refund(
                preview.order_no, self._staff, reason, note, username, pin
            )

        action = self.tr("Refund order %1 (%2)").replace("%1", preview.order_no)
        if run_with_approval(
            refunds.needs_approval(self._staff, preview.due),
            action.replace("%2", self._money(preview.due)),
            self._till.auth.staff_on_duty,
            attempt,
            self.error.setText,
            self,
        ):
            self.accept()

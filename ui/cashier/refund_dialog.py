"""Refund a paid order: pick it, see exactly what will be reversed, give a reason, approve.
How many of a line to refund is typed, tapped on the keypad or stepped with the arrows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.approvals import Approval, ReasonCode
from app.domain.money import Currency, format_money
from app.domain.request_keys import new_request_key
from app.domain.staff import StaffMember
from app.services.refunds import Extra, RecentOrder, RefundLine, RefundPreview, Refunds
from ui.cashier.approval_dialog import Approvers
from ui.cashier.approval_jobs import run_approved
from ui.cashier.offline_text import offline_refusal
from ui.cashier.reason_text import reason_text
from ui.cashier.screen import CashierScreen
from ui.cashier.server_work import ServerWork, failure_text
from ui.fit import TOUCH
from ui.needs_server import refused_offline
from ui.numeric_keypad import NumericKeypad
from ui.widgets import Standard, confirm_buttons, error_label

REFUND_REASONS = (
    ReasonCode.WRONG_ITEMS,
    ReasonCode.GUEST_COMPLAINT,
    ReasonCode.DUPLICATE_CHARGE,
    ReasonCode.GUEST_CHANGED_MIND,
    ReasonCode.OTHER,
)


class RefundDialog(QDialog):
    """``refunded`` holds the refund when accepted."""

    def __init__(
        self,
        refunds: Refunds,
        approvers: Approvers,
        currency: Currency,
        staff: StaffMember,
        language: str,
        work: ServerWork,
        parent: QWidget | None = None,
        offline: bool = False,
    ) -> None:
        """``offline``: the counter sells on the local copy, where only this outage's
        offline sales can be refunded (``work`` runs on the copy)."""
        super().__init__(parent)
        self.setObjectName("refundDialog")
        self.setWindowTitle(self.tr("Refund an order"))
        self.resize(760, 720)
        self._refunds, self._approvers, self._currency = refunds, approvers, currency
        self._staff, self._language, self._work = staff, language, work
        self._ticket, self._refunding = 0, False
        self.refunded: RefundPreview | None = None
        self._preview: RefundPreview | None = None
        self._request_key = new_request_key()  # a retry of this refund commits it once
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
        self.orders.verticalHeader().setDefaultSectionSize(TOUCH)  # a row is tapped
        self.orders.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.orders.itemSelectionChanged.connect(self._picked)
        self.order_edit = QLineEdit(objectName="refundOrderEdit")
        self.order_edit.setPlaceholderText(self.tr("Order number, e.g. T1-20261122-0001"))
        self.order_edit.editingFinished.connect(self._show_preview)
        self.lines = QTableWidget(0, 4, objectName="refundLinesTable")
        self.lines.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("Sold"), self.tr("Refunded"), self.tr("Refund now")]
        )
        self.lines.verticalHeader().setVisible(False)
        self.lines.verticalHeader().setDefaultSectionSize(TOUCH + 4)  # room for a 44 px field
        self.lines.currentCellChanged.connect(lambda row, *_: self._type_into_row(row))
        self.keypad = NumericKeypad(None, "refund", key_size=(TOUCH + 12, TOUCH))
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self._spins: dict[int, QSpinBox] = {}
        self._lines_of = ""
        self._extra_boxes: dict[Extra, QCheckBox] = {}
        extras = QHBoxLayout()
        for extra, text in (
            (Extra.RENEWAL, self.tr("Membership renewal")),
            (Extra.UPGRADE, self.tr("Tier upgrade")),
            (Extra.TOP_UP, self.tr("Stored-value top-up")),
        ):
            box = QCheckBox(text, objectName=f"refundExtra_{extra.value}")
            box.toggled.connect(self._show_preview)
            box.hide()
            extras.addWidget(box)
            self._extra_boxes[extra] = box
        extras.addStretch(1)
        self.preview_label = QLabel(objectName="refundPreview")
        self.preview_label.setWordWrap(True)
        self.reason_combo = QComboBox(objectName="refundReasonCombo")
        for code in REFUND_REASONS:
            self.reason_combo.addItem(reason_text(code), code)
        self.note_edit = QLineEdit(objectName="refundNoteEdit")
        self.error = error_label("refundError")
        buttons = confirm_buttons(self, "confirmRefundButton", self._refund, self.tr("Refund"))
        self.confirm = buttons.button(Standard.Ok)
        form = QFormLayout()
        form.addRow(self.tr("Order"), self.order_edit)
        form.addRow(self.tr("Reason"), self.reason_combo)
        form.addRow(self.tr("Note"), self.note_edit)
        layout = QVBoxLayout(self)
        if offline:
            note = QLabel(
                self.tr(
                    "Offline: only the orders this till sold since the server went can be"
                    " refunded now; the refund goes to the server with them."
                ),
                objectName="refundOfflineNote",
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(QLabel(self.tr("Latest orders at this till")))
        layout.addWidget(self.orders, 1)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Items to refund (all that is left, or fewer)")))
        lines = QHBoxLayout()
        lines.addWidget(self.lines, 1)
        lines.addWidget(self.keypad)
        layout.addLayout(lines, 1)
        layout.addLayout(extras)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._orders_read, self._preview_failed, self._said = False, False, ""
        work.when_back(self, self._read_again)
        self._load_orders()
        self._show_preview()

    def _money(self, amount: int) -> str:
        return format_money(amount, self._currency)

    @property
    def waiting(self) -> bool:
        """The orders, a preview or the refund have not come back yet."""
        return self._work.busy

    def reject(self) -> None:
        if not self._refunding:  # a refund in flight may commit: its result must be seen
            super().reject()

    def _load_orders(self) -> None:
        self._work.run(self, self._refunds.recent, self._show_orders, self._failed)

    def _read_again(self) -> None:
        """The server answers again: what could not be read is read now."""
        if not self._orders_read:
            self._load_orders()
        if self._preview_failed and not self._refunding:
            self._show_preview()

    def _failed(self, error: Exception) -> None:
        self._said = self._why(error)
        self.error.setText(self._said)

    def _why(self, error: Exception) -> str:
        """One sentence; a refusal of the local copy's in the cashier's language."""
        return offline_refusal(error, self._currency) or failure_text(error)

    def _show_orders(self, recent: list[RecentOrder]) -> None:
        self._orders_read = True
        if self.error.text() == self._said:  # why the list was missing: it is here now
            self.error.setText("")
        self.orders.setRowCount(len(recent))
        for row, order in enumerate(recent):
            status = {
                "refunded": self.tr("refunded"),
                "part_refunded": self.tr("partly refunded"),
            }.get(order.status, self.tr("paid"))
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

    def _everything(self) -> bool:
        return all(spin.value() == spin.maximum() for spin in self._spins.values()) and all(
            box.isChecked() for box in self._extra_boxes.values() if not box.isHidden()
        )

    def units(self) -> dict[int, int] | None:
        """Units chosen per line position; ``None`` when all that is left is chosen."""
        if self._everything():
            return None
        return {position: spin.value() for position, spin in self._spins.items()}

    def extras(self) -> set[Extra] | None:
        """The renewal, upgrade and top-up chosen; ``None`` when all that is left is."""
        if self._everything():
            return None
        return {e for e, box in self._extra_boxes.items() if not box.isHidden() and box.isChecked()}

    def _show_extras(self, left: tuple[Extra, ...]) -> None:
        for extra, box in self._extra_boxes.items():
            box.blockSignals(True)
            box.setChecked(extra in left)
            box.setVisible(extra in left)
            box.blockSignals(False)

    def _type_into_row(self, row: int) -> None:
        spins = list(self._spins.values())
        if 0 <= row < len(spins):
            self._type_into(spins[row])

    def _type_into(self, spin: QSpinBox) -> None:
        """The keypad types this line's units from now on; its first key replaces them."""
        edit = spin.findChild(QLineEdit)
        self.keypad.set_target(edit)
        if edit is not None:
            edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QSpinBox) and event.type() == QEvent.Type.FocusIn:
            self._type_into(watched)  # a tap or Tab into a line's units
        return super().eventFilter(watched, event)

    def _show_lines(self, lines: tuple[RefundLine, ...]) -> None:
        self._spins = {}
        self.keypad.set_target(None)
        self.lines.setRowCount(len(lines))
        for row, line in enumerate(lines):
            name = line.name_zh if self._language == "zh" else line.name_en
            for column, text in enumerate((name, str(line.quantity), str(line.refunded))):
                self.lines.setItem(row, column, QTableWidgetItem(text))
            spin = QSpinBox(objectName=f"refundUnits{line.position}")
            spin.setRange(0, line.refundable)
            spin.setValue(line.refundable)
            spin.valueChanged.connect(self._show_preview)
            spin.installEventFilter(self)
            self.lines.setCellWidget(row, 3, spin)
            self._spins[line.position] = spin
        if lines:
            self._type_into_row(0)

    def _show_preview(self) -> None:
        order_no = self.order_edit.text().strip()
        self._preview, self._ticket = None, self._ticket + 1
        self._preview_failed = False
        self.confirm.setEnabled(False)
        if not order_no:
            self.preview_label.setText(self.tr("Pick the order to refund."))
            self.lines.setRowCount(0)
            self._spins, self._lines_of = {}, ""
            self.keypad.set_target(None)
            self._show_extras(())
            return
        ticket, refunds, new = self._ticket, self._refunds, order_no != self._lines_of
        units, extras = (None, None) if new else (self.units(), self.extras())
        self._work.run(
            self,
            lambda: refunds.preview(order_no, units, extras),  # for a new order: all of it
            lambda preview: self._previewed(ticket, new, preview),
            lambda error: self._not_previewed(ticket, error),
        )

    def _previewed(self, ticket: int, new: bool, preview: RefundPreview) -> None:
        if ticket != self._ticket:  # the cashier changed the refund since: a newer one comes
            return
        if new:
            self._lines_of = preview.order_no
            self._show_lines(preview.lines)
            self._show_extras(preview.extras_left)
        self._preview = preview
        self.confirm.setEnabled(not self._refunding)
        self.preview_label.setText("\n".join(self._describe(preview)))

    def _not_previewed(self, ticket: int, error: Exception) -> None:
        if ticket == self._ticket:
            self._preview_failed = True
            self.preview_label.setText(self._why(error))

    def _describe(self, preview: RefundPreview) -> list[str]:
        money = self._money
        lines = [
            self.tr("Order %1, paid %2.")
            .replace("%1", preview.order_no)
            .replace("%2", money(preview.due))
        ]
        units = sum(n for _, n in preview.units)
        if not preview.completes and units:
            lines.append(self.tr("Part of the order: %1 item(s).").replace("%1", str(units)))
        fees = preview.fees_back
        for amount, text in (
            (fees.renewal, self.tr("Renewal fee %1 back.")),
            (fees.upgrade, self.tr("Upgrade fee %1 back.")),
            (fees.top_up, self.tr("Top-up %1 back: it leaves the stored-value balance.")),
        ):
            if amount:
                lines.append(text.replace("%1", money(amount)))
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
        if preview is None or self._refunding:
            return
        reason = self.reason_combo.currentData()
        note = self.note_edit.text()
        refunds, staff, key, order_no = (
            self._refunds,
            self._staff,
            self._request_key,
            preview.order_no,
        )
        units, extras = self.units(), self.extras()

        def attempt(approval: Approval | None) -> Callable[[], RefundPreview]:
            return lambda: refunds.refund(
                order_no, staff, reason, note, approval, units, extras, request_key=key
            )  # the same key on every try: a retry after an unknown outcome refunds once

        action = self.tr("Refund order %1 (%2)").replace("%1", order_no)
        self._set_refunding(True)
        run_approved(
            refunds.needs_approval(staff, preview.value),
            action.replace("%2", self._money(preview.value)),
            self._approvers,
            attempt,
            self._work,
            self,
            self._refunded,
            self._not_refunded,
        )

    def _set_refunding(self, refunding: bool) -> None:
        self._refunding = refunding
        self.confirm.setEnabled(not refunding and self._preview is not None)

    def _refunded(self, refunded: RefundPreview) -> None:
        self._set_refunding(False)
        self.refunded = refunded
        self.accept()

    def _not_refunded(self, why: str) -> None:
        self._set_refunding(False)
        self.error.setText(why)


def refund_at_counter(
    screen: CashierScreen, staff: StaffMember, language: str, work: ServerWork, parent: QWidget
) -> str:
    """Open the refund dialog; what the cashier is told of the refund made (empty: none)."""
    title = QCoreApplication.translate("RefundDialog", "Refund an order")
    offline = work.selling_offline  # this outage's offline sales are refunded on the copy
    if not offline and refused_offline(parent, title):  # the others are on the server
        return ""
    currency, on = screen.currency, work.on_copy() if offline else work
    dialog = RefundDialog(
        screen.refunds, screen.approvers, currency, staff, language, on, parent, offline
    )
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.refunded is None:
        return ""
    done = dialog.refunded
    text = QCoreApplication.translate("CashierWindow", "Order %1 refunded: give back %2.")
    return text.replace("%1", done.order_no).replace("%2", format_money(done.money_back, currency))

"""The order lines with discounts line by line, quantity buttons and the totals."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.bill import Bill
from app.domain.menu import MenuItem
from app.domain.money import Currency, discount_label_percent, discount_label_zhe, format_money
from app.domain.pricing import DiscountRule, PricedLine
from ui.cashier.fee_rows import FeeRows
from ui.fit import fit_button

QUANTITY_COLUMN = 1


class OrderPanel(QWidget):
    """Signals:
    quantity_change_requested(MenuItem, int): plus or minus on the selected line.
    remove_requested(MenuItem): the selected line should go.
    manual_discount_requested(object): a discount by hand on the selected line (or None).
    quantity_entry_requested(MenuItem, int): the cashier tapped a line's quantity, to type
        a new one (the current one given).
    """

    quantity_change_requested = Signal(object, int)
    remove_requested = Signal(object)
    manual_discount_requested = Signal(object)
    quantity_entry_requested = Signal(object, int)

    def __init__(self, currency: Currency, language: str) -> None:
        super().__init__(objectName="orderPanel")
        self._currency, self._language = currency, language
        self._items: list[MenuItem] = []
        self._quantities: list[int] = []
        self.table: QTableWidget = QTableWidget(0, 5, objectName="orderTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Item"),
                self.tr("Qty"),
                self.tr("Price"),
                self.tr("Discount"),
                self.tr("Amount"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, it never walks its cells
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(44)  # rows a finger can pick
        self.table.cellClicked.connect(self._cell_tapped)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        buttons = QHBoxLayout()
        for name, text, handler in (
            ("qtyPlusButton", "+1", lambda: self._request(+1)),
            ("qtyMinusButton", "−1", lambda: self._request(-1)),
            ("removeLineButton", self.tr("Remove"), self._request_remove),
            (
                "manualDiscountButton",
                self.tr("Discount…"),
                lambda: self.manual_discount_requested.emit(self.selected_item()),
            ),
        ):
            button = QPushButton(text, objectName=name)
            fit_button(button, 48)
            button.clicked.connect(handler)
            buttons.addWidget(button)

        self.subtotal_label = QLabel(objectName="subtotalLabel")
        self.discount_label = QLabel(objectName="discountLabel")
        self.points_label = QLabel(objectName="pointsRedeemedLabel")
        self.total_label = QLabel(objectName="totalLabel")
        self.total_label.setStyleSheet("font-size: 22pt; font-weight: bold;")
        totals = QFormLayout()
        totals.addRow(self.tr("Subtotal"), self.subtotal_label)
        totals.addRow(self.tr("Discounts"), self.discount_label)
        totals.addRow(self.tr("Points"), self.points_label)
        totals.addRow(self.tr("To pay"), self.total_label)
        self.fee_rows = FeeRows(totals, 3, currency)
        for label in (
            self.subtotal_label,
            self.discount_label,
            self.points_label,
            self.total_label,
        ):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(totals)

    def show_order(self, bill: Bill, focus: MenuItem | None = None) -> None:
        """Show the lines; select ``focus`` (the item just tapped) or keep the selection.

        A renewal and a top-up follow the menu lines as rows of their own.
        """
        priced = bill.priced
        selected = focus or self.selected_item()
        self._items = [line.item for line in priced.lines]
        self._quantities = [line.quantity for line in priced.lines]
        extras = self._extra_rows(bill)
        self.table.setRowCount(len(priced.lines) + len(extras))
        for row, line in enumerate(priced.lines):
            self._fill_row(row, line)
        for offset, (name, detail, amount) in enumerate(extras):
            self._fill_cells(len(priced.lines) + offset, [name, "1", amount, detail, amount])
        if selected in self._items:
            self.table.selectRow(self._items.index(selected))
        elif self._items:
            self.table.selectRow(len(self._items) - 1)
        money = self._money
        self.subtotal_label.setText(money(priced.subtotal))
        discounts = priced.all_discounts
        self.discount_label.setText(money(-discounts) if discounts else money(0))
        points = self.tr("%1 points").replace("%1", f"{bill.points_redeemed:,}")
        self.points_label.setText(
            f"{money(-bill.points_value)} ({points})" if bill.points_redeemed else money(0)
        )
        self.total_label.setText(money(bill.due))
        self.fee_rows.show(bill)

    def _extra_rows(self, bill: Bill) -> list[tuple[str, str, str]]:
        rows = []
        if bill.renewal is not None:
            until = self.tr("until %1").replace("%1", bill.renewal.new_expiry.isoformat())
            rows.append((self.tr("Membership renewal"), until, self._money(bill.renewal.fee)))
        if bill.upgrade is not None:
            tier = bill.upgrade.tier
            name = tier.name_zh if self._language == "zh" else tier.name_en
            rows.append(
                (
                    self.tr("Upgrade to %1").replace("%1", name),
                    self.tr("fee difference"),
                    self._money(bill.upgrade.fee),
                )
            )
        if bill.top_up is not None:
            bonus = self.tr("+%1 bonus").replace("%1", self._money(bill.top_up.bonus))
            rows.append((self.tr("Stored-value top-up"), bonus, self._money(bill.top_up.amount)))
        return rows

    def selected_item(self) -> MenuItem | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._items):
            return None
        return self._items[rows[0].row()]

    def _cell_tapped(self, row: int, column: int) -> None:
        if column == QUANTITY_COLUMN and row < len(self._items):
            item = self._items[row]
            self.quantity_entry_requested.emit(item, self._quantities[row])

    def _fill_row(self, row: int, line: PricedLine) -> None:
        name = line.item.name_zh if self._language == "zh" else line.item.name_en
        cells = [
            name,
            str(line.quantity),
            self._money(line.item.unit_price),
            self._discount_text(line),
            self._money(line.net),
        ]
        self._fill_cells(row, cells)
        quantity_cell = self.table.item(row, QUANTITY_COLUMN)
        if quantity_cell is not None:
            quantity_cell.setToolTip(self.tr("Tap to type the quantity"))
        if line.rule is DiscountRule.CATEGORY_EXCLUDED:
            tip = self.tr("This category is excluded from the tier discount")
            discount_cell = self.table.item(row, 3)  # set by _fill_cells just before
            if discount_cell is not None:
                discount_cell.setToolTip(tip)

    def _fill_cells(self, row: int, cells: list[str]) -> None:
        for column, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            if column:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, cell)

    def _discount_text(self, line: PricedLine) -> str:
        parts = []
        if line.discount:
            rate = (
                discount_label_zhe(line.discount_bp)
                if self._language == "zh"
                else discount_label_percent(line.discount_bp)
            )
            parts.append(f"{rate} {self._money(-line.discount)}")
        if line.offer_discount:
            parts.append(self.tr("offer %1").replace("%1", self._money(-line.offer_discount)))
        if line.manual_discount:
            text = self.tr("staff discount %1")
            parts.append(text.replace("%1", self._money(-line.manual_discount)))
        if parts:
            return " · ".join(parts)
        if line.rule is DiscountRule.CATEGORY_EXCLUDED:
            return self.tr("excluded")
        if line.rule is DiscountRule.MEMBERSHIP_EXPIRED:
            return self.tr("expired")
        return ""

    def _money(self, amount: int) -> str:
        return format_money(amount, self._currency)

    def _request(self, delta: int) -> None:
        item = self.selected_item()
        if item is not None:
            self.quantity_change_requested.emit(item, delta)

    def _request_remove(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.remove_requested.emit(item)

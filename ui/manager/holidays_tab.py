"""The loyalty editor's tab for public holidays and for how offers stack on one order."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.loyalty_admin import format_fixed, parse_fixed
from app.domain.offer_admin import Holiday, OfferStacking
from app.domain.offers import StackingPolicy
from ui.cashier.offer_text import WEEKDAYS_EN, WEEKDAYS_ZH
from ui.fit import TOUCH
from ui.manager.loyalty_rule_forms import PERCENT_DIGITS, InputProblem
from ui.manager.rules_tab import ID_ROLE
from ui.widgets import picked_date


class HolidaysTab(QWidget):
    """Holidays on the left, the stacking policy and cap on the right; a thin view whose
    owner calls the service.

    Signals:
    add_holiday_requested(): add the day and name typed in (``new_holiday()``).
    remove_holiday_requested(): remove the selected day (``selected_day()``).
    save_stacking_requested(): save the policy and cap as edited (``stacking()``).
    """

    add_holiday_requested = Signal()
    remove_holiday_requested = Signal()
    save_stacking_requested = Signal()

    def __init__(self, language: str) -> None:
        super().__init__()
        self._language = language
        self._loaded = OfferStacking()
        self.holidays_table = QTableWidget(0, 3, objectName="holidaysTable")
        self.holidays_table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Day"), self.tr("Name")]
        )
        self.holidays_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.holidays_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.holidays_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.holidays_table.verticalHeader().setVisible(False)
        self.holidays_table.verticalHeader().setDefaultSectionSize(TOUCH)  # a row is tapped
        header = self.holidays_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.holidays_table.itemSelectionChanged.connect(self._selection_changed)
        self.day_edit = QDateEdit(QDate.currentDate(), objectName="holidayDateEdit")
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.setCalendarPopup(True)
        self.name_edit = QLineEdit(objectName="holidayNameEdit")
        self.name_edit.setPlaceholderText(self.tr("e.g. National Day"))
        self.add_button = QPushButton(self.tr("Add"), objectName="addHolidayButton")
        self.remove_button = QPushButton(self.tr("Remove"), objectName="removeHolidayButton")
        for button in (self.add_button, self.remove_button):
            button.setMinimumHeight(44)
        self.add_button.clicked.connect(self.add_holiday_requested)
        self.remove_button.clicked.connect(self.remove_holiday_requested)
        add_row = QHBoxLayout()
        add_row.addWidget(self.day_edit)
        add_row.addWidget(self.name_edit, 1)
        add_row.addWidget(self.add_button)
        holidays = QVBoxLayout()
        holidays.addWidget(
            _note(self.tr("Offers can be limited to public holidays or kept off them."))
        )
        holidays.addWidget(self.holidays_table, 1)
        holidays.addLayout(add_row)
        holidays.addLayout(_left(self.remove_button))

        self.policy_combo = QComboBox(objectName="stackingPolicyCombo")
        names = {
            StackingPolicy.BEST_OF: self.tr("Best of"),
            StackingPolicy.ADDITIVE: self.tr("Additive"),
            StackingPolicy.EXCLUSIVE: self.tr("Exclusive"),
        }
        for policy, name in names.items():
            self.policy_combo.addItem(name, policy.value)
        explanations = {
            StackingPolicy.BEST_OF: self.tr(
                "The tier discount stays; of the offers that apply, only the one that saves most."
            ),
            StackingPolicy.ADDITIVE: self.tr(
                "The tier discount stays and every offer that applies is added, in priority order."
            ),
            StackingPolicy.EXCLUSIVE: self.tr(
                "Nothing combines: the tier discount or the single best offer, "
                "whichever saves more."
            ),
        }
        self._explanations = {
            policy: _note(
                self.tr("%1: %2").replace("%1", names[policy]).replace("%2", text),
                f"stackingExplanation_{policy.value}",
            )
            for policy, text in explanations.items()
        }
        self.cap_edit = QLineEdit(objectName="offerCapEdit")
        self.cap_edit.setMaximumWidth(90)
        cap_row = QHBoxLayout()
        cap_row.addWidget(self.cap_edit)
        cap_row.addWidget(QLabel("%"))
        cap_row.addStretch(1)
        self.save_button = QPushButton(self.tr("Save"), objectName="saveStackingButton")
        self.save_button.setMinimumHeight(44)
        self.save_button.clicked.connect(self.save_stacking_requested)
        self.policy_combo.currentIndexChanged.connect(self._stacking_edited)
        self.cap_edit.textChanged.connect(self._stacking_edited)
        stacking = QFormLayout()
        stacking.addRow(self.tr("Policy"), self.policy_combo)
        for label in self._explanations.values():
            stacking.addRow(label)
        stacking.addRow(self.tr("Per-order cap"), cap_row)
        stacking.addRow(
            _note(
                self.tr(
                    "Offers together take at most this share of the order's items after "
                    "the tier discount; 100 means no cap."
                )
            )
        )
        stacking.addRow(_left(self.save_button))

        layout = QHBoxLayout(self)
        layout.addWidget(_group(self.tr("Public holidays"), holidays), 1)
        layout.addWidget(_group(self.tr("How offers combine"), stacking), 1)
        self._selection_changed()

    def fill_holidays(self, holidays: Sequence[Holiday], select: date | None = None) -> None:
        names = WEEKDAYS_ZH if self._language == "zh" else WEEKDAYS_EN
        self.holidays_table.clearSelection()
        self.holidays_table.setRowCount(len(holidays))
        for index, holiday in enumerate(holidays):
            texts = (holiday.day.isoformat(), names[holiday.day.weekday()], holiday.name)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, holiday.day.isoformat())
                self.holidays_table.setItem(index, column, item)
            if holiday.day == select:
                self.holidays_table.selectRow(index)
        self._selection_changed()

    def selected_day(self) -> date | None:
        items = self.holidays_table.selectedItems()
        return date.fromisoformat(items[0].data(ID_ROLE)) if items else None

    def new_holiday(self) -> Holiday:
        return Holiday(picked_date(self.day_edit), self.name_edit.text())

    def holiday_added(self) -> None:
        """Ready for the next day: the one after, the same name (holidays come in runs)."""
        self.day_edit.setDate(self.day_edit.date().addDays(1))

    def set_stacking(self, stacking: OfferStacking) -> None:
        self._loaded = stacking
        self.policy_combo.setCurrentIndex(self.policy_combo.findData(stacking.policy.value))
        self.cap_edit.setText(format_fixed(stacking.cap_bp, PERCENT_DIGITS))
        self._stacking_edited()

    def stacking(self) -> OfferStacking:
        """The policy and cap as edited; raises ``InputProblem`` if the cap is no number."""
        policy = StackingPolicy(self.policy_combo.currentData())
        try:
            cap = parse_fixed(self.cap_edit.text(), PERCENT_DIGITS)
        except ValueError as exc:
            raise InputProblem(self.tr("Enter the cap in percent, e.g. 30 or 100.")) from exc
        return OfferStacking(policy, cap)

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(self.selected_day() is not None)

    def _stacking_edited(self) -> None:
        chosen = StackingPolicy(self.policy_combo.currentData())
        for policy, label in self._explanations.items():
            font = label.font()
            font.setBold(policy is chosen)
            label.setFont(font)
        try:
            changed = self.stacking() != self._loaded
        except InputProblem:
            changed = True  # saving says what is wrong
        self.save_button.setEnabled(changed)


def _left(button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch(1)
    return row


def _note(text: str, name: str = "") -> QLabel:
    label = QLabel(text, objectName=name) if name else QLabel(text)
    label.setWordWrap(True)
    return label


def _group(title: str, layout: QVBoxLayout | QFormLayout) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(layout)
    return box

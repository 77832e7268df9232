"""The member list's filter bar: search text, tiers, status, segments, last visit, spend,
birthday this month and marketing consent, read into a ``MemberFilter`` and back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.member_filters import (
    DEFAULT_EXPIRING_DAYS,
    MAX_EXPIRING_DAYS,
    FilterProblem,
    MemberFilter,
    Status,
    parse_spend,
)
from app.domain.money import format_money
from app.domain.rfm import Segment
from app.domain.tiers import Tier
from ui.widgets import picked_date


def segment_names() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        Segment.CHAMPIONS.value: translate("MemberFilterBar", "Champions"),
        Segment.LOYAL.value: translate("MemberFilterBar", "Loyal"),
        Segment.POTENTIAL.value: translate("MemberFilterBar", "Potential"),
        Segment.NEW.value: translate("MemberFilterBar", "New"),
        Segment.NEED_ATTENTION.value: translate("MemberFilterBar", "Need attention"),
        Segment.AT_RISK.value: translate("MemberFilterBar", "At risk"),
        Segment.HIBERNATING.value: translate("MemberFilterBar", "Hibernating"),
        Segment.LOST.value: translate("MemberFilterBar", "Lost"),
    }


def problem_text(problem: FilterProblem) -> str:
    """Why a filter was refused, in the user's language."""
    translate = QCoreApplication.translate
    return {
        FilterProblem.EXPIRING_DAYS: translate(
            "MemberFilterBar", "Enter 0 to 3660 days for 'expiring within'."
        ),
        FilterProblem.VISIT_RANGE_EMPTY: translate(
            "MemberFilterBar", "No day is both after and before the last-visit dates."
        ),
        FilterProblem.SPEND_NEGATIVE: translate("MemberFilterBar", "Spend cannot be negative."),
        FilterProblem.SPEND_RANGE_EMPTY: translate(
            "MemberFilterBar", "The lowest spend is above the highest."
        ),
        FilterProblem.SPEND_UNREADABLE: translate(
            "MemberFilterBar", "Enter spend as an amount, e.g. 500 or 1,200.50."
        ),
        FilterProblem.TEXT_UNREADABLE: translate(
            "MemberFilterBar",
            "Search by phone (at least 4 digits), member number, name or pinyin initials.",
        ),
        FilterProblem.BAD_CODE: translate("MemberFilterBar", "A tier or segment is not valid."),
        FilterProblem.BAD_SPEC: translate("MemberFilterBar", "This saved filter cannot be read."),
        FilterProblem.NEWER_SPEC: translate(
            "MemberFilterBar", "This saved filter was saved by a newer version of the till."
        ),
    }[problem]


class MemberFilterBar(QWidget):
    """Thin: widgets in, a ``MemberFilter`` out (``member_filter()``).

    Signals:
        apply_requested(): the manager pressed Apply or Enter in the search box.
    """

    apply_requested = Signal()

    def __init__(self, tiers: Sequence[Tier], language: str, today: date) -> None:
        super().__init__()
        self._today = today
        self.text_edit = QLineEdit(objectName="memberSearchEdit")
        self.text_edit.setPlaceholderText(
            self.tr("Phone, last 4 digits, member no, name or pinyin initials")
        )
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.returnPressed.connect(self.apply_requested)
        self.tier_checks: dict[str, QCheckBox] = {}
        for tier in tiers:
            name = tier.name_zh if language == "zh" else tier.name_en
            self.tier_checks[tier.code] = QCheckBox(name, objectName=f"tierCheck_{tier.code}")
        self.status_combo = QComboBox(objectName="statusCombo")
        for status, text in (
            (Status.ANY, self.tr("Any status")),
            (Status.ACTIVE, self.tr("Active")),
            (Status.EXPIRING, self.tr("Expiring within")),
            (Status.IN_GRACE, self.tr("In grace")),
            (Status.LAPSED, self.tr("Lapsed")),
        ):
            self.status_combo.addItem(text, status.value)
        self.days_spin = QSpinBox(objectName="expiringDaysSpin")
        self.days_spin.setRange(0, MAX_EXPIRING_DAYS)
        self.days_spin.setValue(DEFAULT_EXPIRING_DAYS)
        self.days_spin.setSuffix(self.tr(" days"))
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        self.segment_button = QToolButton(objectName="segmentButton")
        self.segment_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.segment_menu = QMenu(self.segment_button)
        self.segment_actions: dict[str, QAction] = {}
        for code, text in segment_names().items():
            action = self.segment_menu.addAction(text)
            action.setCheckable(True)
            action.toggled.connect(self._segments_changed)
            self.segment_actions[code] = action
        self.segment_button.setMenu(self.segment_menu)
        self.after_check = QCheckBox(self.tr("Last visit after"), objectName="visitAfterCheck")
        self.after_edit = _date_edit("visitAfterEdit", today - timedelta(days=365))
        self.before_check = QCheckBox(self.tr("before"), objectName="visitBeforeCheck")
        self.before_edit = _date_edit("visitBeforeEdit", today - timedelta(days=90))
        self.min_spend_edit = _amount_edit("minSpendEdit", self.tr("min"))
        self.max_spend_edit = _amount_edit("maxSpendEdit", self.tr("max"))
        self.birthday_check = QCheckBox(self.tr("Birthday this month"), objectName="birthdayCheck")
        self.consent_check = QCheckBox(self.tr("Marketing consent only"), objectName="consentCheck")
        self.apply_button = QPushButton(self.tr("Apply"), objectName="applyFilterButton")
        self.clear_button = QPushButton(self.tr("Clear"), objectName="clearFilterButton")
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self.apply_requested)
        self.clear_button.clicked.connect(self._clear)

        # Three short rows rather than two long ones: the workspace fits a 1024 px screen.
        first = QHBoxLayout()
        first.addWidget(self.text_edit, 2)
        first.addWidget(self.status_combo)
        first.addWidget(self.days_spin)
        first.addWidget(self.segment_button)
        middle = QHBoxLayout()
        for check in self.tier_checks.values():
            middle.addWidget(check)
        middle.addSpacing(12)
        middle.addWidget(self.birthday_check)
        middle.addWidget(self.consent_check)
        middle.addStretch(1)
        second = QHBoxLayout()
        for widget in (self.after_check, self.after_edit, self.before_check, self.before_edit):
            second.addWidget(widget)
        second.addSpacing(12)
        second.addWidget(QLabel(self.tr("Spend ¥")))
        second.addWidget(self.min_spend_edit)
        second.addWidget(QLabel("–"))
        second.addWidget(self.max_spend_edit)
        second.addStretch(1)
        second.addWidget(self.clear_button)
        second.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first)
        layout.addLayout(middle)
        layout.addLayout(second)
        self._status_changed()
        self._segments_changed()

    def member_filter(self, sorted_like: MemberFilter | None = None) -> MemberFilter:
        """What the widgets say, with the sort of ``sorted_like``; raises ``InvalidFilter``
        for a spend that is no amount (``validate`` checks the rest)."""
        base = sorted_like or MemberFilter()
        after = picked_date(self.after_edit) if self.after_check.isChecked() else None
        before = picked_date(self.before_edit) if self.before_check.isChecked() else None
        return replace(
            base,
            tiers=frozenset(code for code, check in self.tier_checks.items() if check.isChecked()),
            status=Status(self.status_combo.currentData()),
            expiring_days=self.days_spin.value(),
            segments=frozenset(
                code for code, action in self.segment_actions.items() if action.isChecked()
            ),
            last_visit_after=after,
            last_visit_before=before,
            min_spend=parse_spend(self.min_spend_edit.text()),
            max_spend=parse_spend(self.max_spend_edit.text()),
            birthday_this_month=self.birthday_check.isChecked(),
            marketing_only=self.consent_check.isChecked(),
            text=self.text_edit.text(),
        )

    def set_filter(self, f: MemberFilter) -> None:
        self.text_edit.setText(f.text)
        for code, check in self.tier_checks.items():
            check.setChecked(code in f.tiers)
        self.status_combo.setCurrentIndex(self.status_combo.findData(f.status.value))
        self.days_spin.setValue(f.expiring_days)
        for code, action in self.segment_actions.items():
            action.setChecked(code in f.segments)
        _set_day(self.after_check, self.after_edit, f.last_visit_after)
        _set_day(self.before_check, self.before_edit, f.last_visit_before)
        self.min_spend_edit.setText(_amount(f.min_spend))
        self.max_spend_edit.setText(_amount(f.max_spend))
        self.birthday_check.setChecked(f.birthday_this_month)
        self.consent_check.setChecked(f.marketing_only)

    def _clear(self) -> None:
        self.set_filter(MemberFilter())
        self.apply_requested.emit()

    def _status_changed(self) -> None:
        self.days_spin.setEnabled(self.status_combo.currentData() == Status.EXPIRING.value)

    def _segments_changed(self) -> None:
        chosen = [action.text() for action in self.segment_actions.values() if action.isChecked()]
        if not chosen:
            self.segment_button.setText(self.tr("All segments"))
        elif len(chosen) == 1:
            self.segment_button.setText(chosen[0])
        else:
            self.segment_button.setText(self.tr("{count} segments").format(count=len(chosen)))


def _date_edit(name: str, day: date) -> QDateEdit:
    edit: QDateEdit = QDateEdit(QDate(day.year, day.month, day.day), objectName=name)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    return edit


def _amount_edit(name: str, placeholder: str) -> QLineEdit:
    edit: QLineEdit = QLineEdit(objectName=name)
    edit.setPlaceholderText(placeholder)
    edit.setMaximumWidth(90)
    return edit


def _set_day(check: QCheckBox, edit: QDateEdit, day: date | None) -> None:
    check.setChecked(day is not None)
    if day is not None:
        edit.setDate(QDate(day.year, day.month, day.day))


def _amount(amount: int | None) -> str:
    return "" if amount is None else format_money(amount).lstrip("¥")

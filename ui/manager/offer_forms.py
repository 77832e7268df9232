"""The form a manager fills in for one targeted offer: what it gives, when it applies, to
whom, and which lines of the order it covers.

Like the other rule forms it hands the value to its ``save`` callable (the service) and
closes only once the value is saved. A percentage is typed like ``15`` or ``12.5`` and
read exactly as basis points; an amount in major units (``30`` or ``12.50``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import time
from typing import Any

from PySide6.QtCore import QSize, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.campaigns import MAX_HOLDOUT_BP
from app.domain.loyalty_admin import TierSpec, format_fixed, parse_fixed
from app.domain.menu import CategoryId, ItemId, MenuCategory, MenuItem
from app.domain.money import Currency, parse_money
from app.domain.offer_admin import (
    MAX_PARTY_SIZE,
    MAX_PRIORITY,
    MAX_USES_PER_MEMBER,
    TargetedOfferSpec,
    split_segments,
)
from app.domain.offers import BenefitKind, Conditions, HolidayRule, Offer
from app.domain.service_type import ServiceType
from ui.cashier.offer_text import WEEKDAYS_EN, WEEKDAYS_ZH
from ui.manager.loyalty_rule_forms import (
    PERCENT_DIGITS,
    InputProblem,
    MoneyEdit,
    OptionalDate,
    RuleForm,
    discount_text,
    plain_amount,
)
from ui.segment_names import SegmentNames

KEY_ROLE = Qt.ItemDataRole.UserRole


class OptionalTime(QWidget):
    """A time of day that may be left out: a check box and an ``HH:mm`` field."""

    def __init__(self, name: str, label: str, value: time | None) -> None:
        super().__init__(objectName=f"{name}Row")
        self.check = QCheckBox(label, objectName=f"{name}Check")
        self.edit = QTimeEdit(objectName=f"{name}Edit")
        self.edit.setDisplayFormat("HH:mm")
        moment = value or time(0, 0)
        self.edit.setTime(QTime(moment.hour, moment.minute))
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.check.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)

    def value(self) -> time | None:
        if not self.check.isChecked():
            return None
        picked = self.edit.time()
        return time(picked.hour(), picked.minute())


class CheckList(QListWidget):
    """Choices with check boxes; ``checked()`` gives the keys of the ticked ones."""

    def __init__(
        self, name: str, choices: Sequence[tuple[Any, str]], chosen: Collection[Any]
    ) -> None:
        super().__init__(objectName=name)
        for key, text in choices:
            item = QListWidgetItem(text, self)
            item.setData(KEY_ROLE, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = key in chosen
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def checked(self) -> list[Any]:
        return [
            item.data(KEY_ROLE)
            for item in map(self.item, range(self.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]


class TargetedOfferForm(RuleForm):
    def __init__(
        self,
        save: Callable[[TargetedOfferSpec], TargetedOfferSpec],
        spec: TargetedOfferSpec | None,
        choices: tuple[Sequence[MenuCategory], Sequence[MenuItem], Sequence[TierSpec]],
        currency: Currency,
        language: str,
        parent: QWidget | None = None,
        start_campaign: Callable[[str, int], tuple[bool, str]] | None = None,
    ) -> None:
        """``choices``: the categories, items and tiers the offer may name.
        ``start_campaign(code, hold-back in basis points)``: for a new offer, starts its
        campaign once saved and says whether it started and how (``campaign_note``); it
        runs where the save runs (off the GUI thread)."""
        super().__init__("targetedOfferForm", lambda spec: self._store(spec), parent)
        self._save_offer, self._start_campaign = save, start_campaign
        self._holdout_bp = 0
        self.campaign_note: tuple[bool, str] = (True, "")
        title = self.tr("New offer") if spec is None else self.tr("Edit offer %1")
        self.setWindowTitle(title.replace("%1", spec.offer.code if spec else ""))
        self._original, self._currency = spec, currency
        offer = spec.offer if spec else Offer("", "", "", BenefitKind.PERCENT_OFF, 0)
        rule = offer.conditions
        zh = language == "zh"
        categories, items, tiers = choices

        self.code_edit = QLineEdit(offer.code, objectName="targetedCodeEdit")
        self.code_edit.setPlaceholderText(self.tr("e.g. AFTERNOON-TEA"))
        self.name_zh_edit = QLineEdit(offer.name_zh, objectName="targetedNameZhEdit")
        self.name_en_edit = QLineEdit(offer.name_en, objectName="targetedNameEnEdit")
        self.kind_combo = QComboBox(objectName="targetedKindCombo")
        self.kind_combo.addItem(self.tr("Percentage off"), BenefitKind.PERCENT_OFF.value)
        self.kind_combo.addItem(self.tr("Amount off"), BenefitKind.AMOUNT_OFF.value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(offer.kind.value))
        self.value_edit = QLineEdit(objectName="targetedValueEdit")
        if offer.value:
            percent = offer.kind is BenefitKind.PERCENT_OFF
            self.value_edit.setText(
                format_fixed(offer.value, PERCENT_DIGITS)
                if percent
                else plain_amount(offer.value, currency)
            )
        self.value_unit = QLabel(objectName="targetedValueUnit")
        self.value_hint = QLabel(objectName="targetedValueHint")
        self.kind_combo.currentIndexChanged.connect(self._show_value)
        self.value_edit.textChanged.connect(self._show_value)
        self.value_edit.setFixedWidth(90)
        value_row = QHBoxLayout()
        value_row.addWidget(self.value_edit)
        value_row.addWidget(self.value_unit)
        value_row.addWidget(self.value_hint, 1)
        self.priority_spin = QSpinBox(objectName="targetedPrioritySpin")
        self.priority_spin.setRange(0, MAX_PRIORITY)
        self.priority_spin.setValue(offer.priority)
        self.priority_spin.setToolTip(
            self.tr("Lower first: the order offers add up in, and which wins a tie.")
        )
        self.min_spend_edit = MoneyEdit("targetedMinSpendEdit", rule.min_spend, currency)
        self.uses_spin = QSpinBox(objectName="targetedUsesSpin")
        self.uses_spin.setRange(0, MAX_USES_PER_MEMBER)
        self.uses_spin.setSpecialValueText(self.tr("No limit"))
        self.uses_spin.setValue(rule.uses_per_member or 0)
        self.valid_from = OptionalDate("targetedValidFrom", self.tr("From"), rule.valid_from)
        self.valid_until = OptionalDate("targetedValidUntil", self.tr("Until"), rule.valid_until)
        self.coupon_only_check = QCheckBox(
            self.tr("Coupon only (applies only with a member's coupon)"),
            objectName="targetedCouponOnlyCheck",
        )
        self.coupon_only_check.setChecked(offer.coupon_only)
        self.active_check = QCheckBox(self.tr("Active"), objectName="targetedActiveCheck")
        self.active_check.setChecked(spec.active if spec else True)

        names = QFormLayout()
        names.addRow(self.tr("Code"), self.code_edit)
        names.addRow(self.tr("Name (Chinese)"), self.name_zh_edit)
        names.addRow(self.tr("Name (English)"), self.name_en_edit)
        gives = QFormLayout()
        gives.addRow(self.tr("Gives"), self.kind_combo)
        gives.addRow(self.tr("Value"), value_row)
        gives.addRow(self.tr("Priority"), self.priority_spin)
        gives.addRow(self.tr("Minimum spend on its items"), self.min_spend_edit)
        gives.addRow(self.tr("Uses per member"), self.uses_spin)
        gives.addRow(self.tr("Valid"), self.valid_from)
        gives.addRow("", self.valid_until)
        gives.addRow(self.coupon_only_check)
        gives.addRow(self.active_check)
        self.holdout_spin: QSpinBox | None = None
        if spec is None and start_campaign is not None:
            self.holdout_spin = QSpinBox(objectName="targetedHoldoutSpin", suffix=" %")
            self.holdout_spin.setRange(0, MAX_HOLDOUT_BP // 100)
            self.holdout_spin.setSpecialValueText(self.tr("No control group"))
            self.holdout_spin.setToolTip(
                self.tr(
                    "Starts the offer's campaign when it is saved: this share of its "
                    "audience, drawn at random, never gets the offer, so the Campaigns tab "
                    "measures what the offer changed against them."
                )
            )
            gives.addRow(self.tr("Hold back as a control group"), self.holdout_spin)

        self.weekday_checks = [
            QCheckBox(name, objectName=f"targetedWeekday{day}")
            for day, name in enumerate(WEEKDAYS_ZH if zh else WEEKDAYS_EN)
        ]
        days_row = QHBoxLayout()
        for day, check in enumerate(self.weekday_checks):
            check.setChecked(day in rule.weekdays)
            days_row.addWidget(check)
        days_row.addStretch(1)
        self.holidays_combo = QComboBox(objectName="targetedHolidaysCombo")
        for holiday_rule, text in (
            (HolidayRule.ANY_DAY, self.tr("Holidays or not")),
            (HolidayRule.NOT_ON_HOLIDAYS, self.tr("Not on public holidays")),
            (HolidayRule.HOLIDAYS_ONLY, self.tr("Public holidays only")),
        ):
            self.holidays_combo.addItem(text, holiday_rule.value)
        self.holidays_combo.setCurrentIndex(self.holidays_combo.findData(rule.holidays.value))
        self.starts = OptionalTime("targetedStarts", self.tr("From"), rule.starts_at)
        self.ends = OptionalTime("targetedEnds", self.tr("Until"), rule.ends_at)
        self.ends.setToolTip(self.tr("An end before the start runs past midnight (22:00–02:00)."))
        self.party_spin = QSpinBox(objectName="targetedPartySpin")
        self.party_spin.setRange(1, MAX_PARTY_SIZE)
        self.party_spin.setValue(rule.min_party_size)
        self.dine_in_check = QCheckBox(self.tr("Dine-in"), objectName="targetedDineInCheck")
        self.takeaway_check = QCheckBox(self.tr("Takeaway"), objectName="targetedTakeawayCheck")
        self.dine_in_check.setChecked(ServiceType.DINE_IN in rule.service_types)
        self.takeaway_check.setChecked(ServiceType.TAKEAWAY in rule.service_types)
        service_row = QHBoxLayout()
        service_row.addWidget(self.dine_in_check)
        service_row.addWidget(self.takeaway_check)
        service_row.addStretch(1)
        self.members_only_check = QCheckBox(
            self.tr("Members only (current members)"), objectName="targetedMembersOnlyCheck"
        )
        self.members_only_check.setChecked(rule.members_only)
        self.tiers_list = CheckList(
            "targetedTiersList",
            [(t.code, t.name_zh if zh else t.name_en) for t in tiers],
            rule.tiers,
        )
        self.tiers_list.setMaximumHeight(80)
        rfm_segments = SegmentNames(self).choices()
        self.segments_list = _in_columns(
            CheckList("targetedSegmentsList", rfm_segments, rule.segments), rows=4
        )
        self.segments_list.setToolTip(
            self.tr(
                "Worked out once a day from each member's last visit, visits and spend "
                "over 12 months (RFM)."
            )
        )
        others = sorted(rule.segments - {value for value, _ in rfm_segments})
        self.segments_edit = QLineEdit(", ".join(others), objectName="targetedSegmentsEdit")
        self.segments_edit.setPlaceholderText(self.tr("Names, comma-separated"))

        when = QFormLayout()
        when.addRow(self.tr("Days (none ticked: every day)"), days_row)
        when.addRow(self.tr("Public holidays"), self.holidays_combo)
        when.addRow(self.tr("Time of day"), self.starts)
        when.addRow("", self.ends)
        when.addRow(self.tr("Smallest party (guests)"), self.party_spin)
        when.addRow(self.tr("Service (none ticked: any)"), service_row)
        when.addRow(self.members_only_check)
        when.addRow(self.tr("Tiers (none ticked: all)"), self.tiers_list)
        when.addRow(self.tr("Segments (none ticked: all)"), self.segments_list)
        when.addRow(self.tr("Other segments"), self.segments_edit)

        self.categories_list = CheckList(
            "targetedCategoriesList",
            [(c.category_id, c.name_zh if zh else c.name_en) for c in categories],
            rule.categories,
        )
        self.items_list = CheckList(
            "targetedItemsList",
            [(i.item_id, f"{i.code}  {i.name_zh if zh else i.name_en}") for i in items],
            rule.items,
        )
        covers = QHBoxLayout()
        for label, check_list in (
            (self.tr("Categories"), self.categories_list),
            (self.tr("Items"), self.items_list),
        ):
            column = QVBoxLayout()
            column.addWidget(QLabel(label))
            column.addWidget(check_list)
            check_list.setMinimumHeight(120)
            covers.addLayout(column, 1)

        columns = QHBoxLayout()
        columns.addWidget(_group(self.tr("What it gives"), gives), 1)
        columns.addWidget(_group(self.tr("When and for whom"), when), 1)
        self.form.addRow(names)
        self.form.addRow(columns)
        self.form.addRow(
            _group(self.tr("Lines it covers (none ticked: every line of the order)"), covers)
        )
        self.finish("saveTargetedOfferButton", self.build)
        self._show_value()

    def _kind(self) -> BenefitKind:
        return BenefitKind(self.kind_combo.currentData())

    def _show_value(self) -> None:
        percent = self._kind() is BenefitKind.PERCENT_OFF
        self.value_unit.setText("%" if percent else self._currency.symbol)
        try:
            self.value_hint.setText(discount_text(self._value()) if percent else "")
        except InputProblem:
            self.value_hint.setText("")

    def _value(self) -> int:
        text = self.value_edit.text()
        if self._kind() is BenefitKind.PERCENT_OFF:
            try:
                return parse_fixed(text, PERCENT_DIGITS)
            except ValueError as exc:
                raise InputProblem(self.tr("Enter the percentage off, e.g. 15 or 12.5.")) from exc
        try:
            return parse_money(text, self._currency)
        except ValueError as exc:
            raise InputProblem(self.tr("Enter the amount off, e.g. 30 or 12.50.")) from exc

    def build(self) -> TargetedOfferSpec:
        services = {
            ServiceType.DINE_IN: self.dine_in_check,
            ServiceType.TAKEAWAY: self.takeaway_check,
        }
        conditions = Conditions(
            valid_from=self.valid_from.value(),
            valid_until=self.valid_until.value(),
            weekdays=frozenset(d for d, c in enumerate(self.weekday_checks) if c.isChecked()),
            holidays=HolidayRule(self.holidays_combo.currentData()),
            starts_at=self.starts.value(),
            ends_at=self.ends.value(),
            min_party_size=self.party_spin.value(),
            service_types=frozenset(s for s, check in services.items() if check.isChecked()),
            categories=frozenset(CategoryId(k) for k in self.categories_list.checked()),
            items=frozenset(ItemId(k) for k in self.items_list.checked()),
            members_only=self.members_only_check.isChecked(),
            tiers=frozenset(self.tiers_list.checked()),
            segments=frozenset(self.segments_list.checked())
            | split_segments(self.segments_edit.text()),
            uses_per_member=self.uses_spin.value() or None,
            min_spend=self.min_spend_edit.amount(self.tr("Minimum spend on its items")),
        )
        offer = Offer(
            code=self.code_edit.text(),
            name_zh=self.name_zh_edit.text(),
            name_en=self.name_en_edit.text(),
            kind=self._kind(),
            value=self._value(),
            conditions=conditions,
            priority=self.priority_spin.value(),
            coupon_only=self.coupon_only_check.isChecked(),
        )
        if self.holdout_spin is not None:
            self._holdout_bp = self.holdout_spin.value() * 100
        return TargetedOfferSpec(
            offer,
            active=self.active_check.isChecked(),
            offer_id=self._original.offer_id if self._original else None,
        )

    def _store(self, spec: TargetedOfferSpec) -> TargetedOfferSpec:
        saved = self._save_offer(spec)
        if self._start_campaign is not None and self._holdout_bp:
            self.campaign_note = self._start_campaign(saved.offer.code, self._holdout_bp)
        return saved


def _in_columns(choices: CheckList, rows: int) -> CheckList:
    """``choices`` laid out row by row in columns as wide as the longest, ``rows`` high."""
    choices.setFlow(QListView.Flow.LeftToRight)
    choices.setWrapping(True)
    metrics = choices.fontMetrics()
    texts = [choices.item(row).text() for row in range(choices.count())]
    widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
    row_height = metrics.height() + 6
    choices.setGridSize(QSize(widest + 32, row_height))  # 32: the check box and a gap
    choices.setFixedHeight(rows * row_height + 6)
    return choices


def _group(title: str, layout: QFormLayout | QHBoxLayout) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(layout)
    return box

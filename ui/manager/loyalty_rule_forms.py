"""The small forms a manager fills in for one tier, renewal offer or top-up rule.

Each form builds the value, hands it to its ``save`` callable (the service) and closes
only when the value was saved; a refusal stays in the form, next to the user's input.
Money is typed in major units (``199`` or ``199.00``) and read exactly by
``parse_money``; percentages and multipliers by ``parse_fixed``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from app.domain.loyalty_admin import (
    MAX_RANK,
    MAX_WINDOW_DAYS,
    OfferSpec,
    TierSpec,
    TopUpRuleSpec,
    format_fixed,
    parse_fixed,
)
from app.domain.menu import CategoryId, MenuCategory
from app.domain.money import (
    Currency,
    discount_label_percent,
    discount_label_zhe,
    format_money,
    parse_money,
)
from app.domain.renewal import OfferKind
from app.errors import TillError
from ui.errors import describe_error, headline
from ui.jobs import Jobs
from ui.widgets import confirm_buttons, error_label, picked_date

PERCENT_DIGITS, MULTIPLIER_DIGITS = 2, 4  # basis points: 1% = 100, 1x = 10000


class InputProblem(ValueError):
    """A field that does not read as a number; ``str()`` is already translated."""


def kind_text(kind: OfferKind) -> str:
    translate = QCoreApplication.translate
    return {
        OfferKind.EARLY: translate("LoyaltyRules", "Early renewal"),
        OfferKind.GRACE: translate("LoyaltyRules", "Grace renewal"),
        OfferKind.WIN_BACK: translate("LoyaltyRules", "Win-back"),
        OfferKind.FREE_BY_SPEND: translate("LoyaltyRules", "Free renewal earned by spend"),
    }[kind]


def discount_text(basis_points: int) -> str:
    """``10% off · 9折``: both ways of naming a discount."""
    if basis_points == 0:
        return QCoreApplication.translate("LoyaltyRules", "No discount")
    percent = discount_label_percent(basis_points).removesuffix(" off")
    both = QCoreApplication.translate("LoyaltyRules", "%1 off · %2")
    return both.replace("%1", percent).replace("%2", discount_label_zhe(basis_points))


def plain_amount(amount: int, currency: Currency) -> str:
    """``199900`` -> ``1,999.00``: what a money field shows for editing."""
    return format_money(amount, replace(currency, symbol=""))


class MoneyEdit(QLineEdit):
    """An amount in major units; zero shows as an empty field (its placeholder)."""

    def __init__(self, name: str, amount: int, currency: Currency) -> None:
        super().__init__(plain_amount(amount, currency) if amount else "", objectName=name)
        self._currency = currency
        self.setPlaceholderText(plain_amount(0, currency))

    def amount(self, what: str) -> int:
        """Minor units; an empty field is zero. Raises ``InputProblem`` naming ``what``."""
        text = self.text().strip()
        try:
            return parse_money(text, self._currency) if text else 0
        except ValueError as exc:
            message = QCoreApplication.translate(
                "LoyaltyRules", "%1: enter an amount such as 199 or 199.50."
            )
            raise InputProblem(message.replace("%1", what)) from exc


class OptionalDate(QWidget):
    """A date that may be left out: a check box and a date field."""

    def __init__(self, name: str, label: str, value: date | None) -> None:
        super().__init__(objectName=f"{name}Row")
        self.check = QCheckBox(label, objectName=f"{name}Check")
        self.edit = QDateEdit(objectName=f"{name}Edit")
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setCalendarPopup(True)
        self.edit.setDate(
            QDate(value.year, value.month, value.day) if value else QDate.currentDate()
        )
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.check.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)

    def value(self) -> date | None:
        if not self.check.isChecked():
            return None
        return picked_date(self.edit)


class RuleForm(QDialog):
    """Shared by the three forms: ``saved`` is the value as stored once accepted. With
    ``jobs`` set, the save runs off the GUI thread (Save and Cancel wait for it)."""

    def __init__(self, name: str, save: Callable[[Any], Any], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._save = save
        self.saved: Any = None
        self.jobs: Jobs | None = None
        self._saving = False
        self.form = QFormLayout(self)
        self.error = error_label(f"{name}Error")

    def finish(self, confirm_name: str, build: Callable[[], Any]) -> None:
        """Add the error line and the buttons; Save stores what ``build`` reads."""
        self._build = build
        self.form.addRow(self.error)
        save = QCoreApplication.translate("LoyaltyRules", "Save")  # one context for all forms
        self.form.addRow(confirm_buttons(self, confirm_name, self._confirm, save))

    @property
    def waiting(self) -> bool:
        return self._saving

    def reject(self) -> None:
        if not self._saving:  # a save in flight may commit: its result must be seen
            super().reject()

    def _confirm(self) -> None:
        if self._saving:
            return
        try:
            spec = self._build()
        except InputProblem as problem:
            self.error.setText(str(problem))
            return
        save = self._save
        if self.jobs is None:
            try:
                self._saved(save(spec))
            except (InputProblem, TillError) as error:
                self._failed(error)
            return
        self._saving = True
        self.error.setText("")
        self.jobs.run(self, lambda: save(spec), self._saved, self._failed)

    def _saved(self, saved: Any) -> None:
        self._saving = False
        self.saved = saved
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._saving = False
        if isinstance(error, InputProblem):
            self.error.setText(str(error))
        elif isinstance(error, TillError):
            self.error.setText(describe_error(error))
        else:
            self.error.setText(headline(error))


class TierForm(RuleForm):
    def __init__(
        self,
        save: Callable[[TierSpec], TierSpec],
        tier: TierSpec | None,
        categories: Sequence[MenuCategory],
        currency: Currency,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("tierForm", save, parent)
        title = self.tr("New tier") if tier is None else self.tr("Edit tier %1")
        self.setWindowTitle(title.replace("%1", tier.code if tier else ""))
        self._original = tier
        tier = tier or TierSpec("", 1, "", "", 0)
        self.code_edit = QLineEdit(tier.code, objectName="tierCodeEdit")
        self.code_edit.setPlaceholderText(self.tr("e.g. GOLD (letters A-Z, digits, - and _)"))
        self.rank_spin = QSpinBox(objectName="tierRankSpin")
        self.rank_spin.setRange(1, MAX_RANK)
        self.rank_spin.setValue(tier.rank)
        self.name_zh_edit = QLineEdit(tier.name_zh, objectName="tierNameZhEdit")
        self.name_en_edit = QLineEdit(tier.name_en, objectName="tierNameEnEdit")
        self.discount_edit = QLineEdit(
            format_fixed(tier.discount_bp, PERCENT_DIGITS), objectName="tierDiscountEdit"
        )
        self.discount_hint = QLabel(objectName="tierDiscountHint")
        self.discount_edit.textChanged.connect(self._show_discount)
        self.multiplier_edit = QLineEdit(
            format_fixed(tier.points_multiplier_bp, MULTIPLIER_DIGITS),
            objectName="tierMultiplierEdit",
        )
        self.fee_edit = MoneyEdit("tierFeeEdit", tier.annual_fee, currency)
        self.spend_edit = MoneyEdit("tierQualifySpendEdit", tier.qualify_spend, currency)
        self.birthday_zh_edit = QLineEdit(tier.birthday_benefit_zh, objectName="tierBirthdayZhEdit")
        self.birthday_en_edit = QLineEdit(tier.birthday_benefit_en, objectName="tierBirthdayEnEdit")
        self.excluded_list = QListWidget(objectName="tierExcludedList")
        for category in categories:
            name = category.name_zh if language == "zh" else category.name_en
            item = QListWidgetItem(name, self.excluded_list)
            item.setData(Qt.ItemDataRole.UserRole, category.category_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = category.category_id in tier.excluded_categories
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        discount_row = QHBoxLayout()
        discount_row.addWidget(self.discount_edit)
        discount_row.addWidget(QLabel("%"))
        discount_row.addWidget(self.discount_hint, 1)
        self.form.addRow(self.tr("Code"), self.code_edit)
        self.form.addRow(self.tr("Rank (higher is better)"), self.rank_spin)
        self.form.addRow(self.tr("Name (Chinese)"), self.name_zh_edit)
        self.form.addRow(self.tr("Name (English)"), self.name_en_edit)
        self.form.addRow(self.tr("Discount"), discount_row)
        self.form.addRow(self.tr("Points multiplier (×)"), self.multiplier_edit)
        self.form.addRow(self.tr("Annual fee"), self.fee_edit)
        self.form.addRow(self.tr("Qualifying spend"), self.spend_edit)
        self.form.addRow(self.tr("Birthday benefit (Chinese)"), self.birthday_zh_edit)
        self.form.addRow(self.tr("Birthday benefit (English)"), self.birthday_en_edit)
        self.form.addRow(self.tr("No discount on"), self.excluded_list)
        self.finish("saveTierButton", self.build)
        self._show_discount()

    def _show_discount(self) -> None:
        try:
            self.discount_hint.setText(discount_text(self._discount()))
        except InputProblem:
            self.discount_hint.setText("")

    def _discount(self) -> int:
        try:
            return parse_fixed(self.discount_edit.text(), PERCENT_DIGITS)
        except ValueError as exc:
            raise InputProblem(self.tr("Enter the discount in percent, e.g. 10 or 12.5.")) from exc

    def build(self) -> TierSpec:
        try:
            multiplier = parse_fixed(self.multiplier_edit.text(), MULTIPLIER_DIGITS)
        except ValueError as exc:
            raise InputProblem(self.tr("Enter the points multiplier, e.g. 1 or 1.5.")) from exc
        excluded = frozenset(
            CategoryId(item.data(Qt.ItemDataRole.UserRole))
            for item in map(self.excluded_list.item, range(self.excluded_list.count()))
            if item.checkState() == Qt.CheckState.Checked
        )
        return TierSpec(
            code=self.code_edit.text(),
            rank=self.rank_spin.value(),
            name_zh=self.name_zh_edit.text(),
            name_en=self.name_en_edit.text(),
            discount_bp=self._discount(),
            points_multiplier_bp=multiplier,
            annual_fee=self.fee_edit.amount(self.tr("Annual fee")),
            qualify_spend=self.spend_edit.amount(self.tr("Qualifying spend")),
            birthday_benefit_zh=self.birthday_zh_edit.text(),
            birthday_benefit_en=self.birthday_en_edit.text(),
            excluded_categories=excluded,
            tier_id=self._original.tier_id if self._original else None,
        )


class OfferForm(RuleForm):
    def __init__(
        self,
        save: Callable[[OfferSpec], OfferSpec],
        offer: OfferSpec | None,
        currency: Currency,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("offerForm", save, parent)
        title = self.tr("New renewal offer") if offer is None else self.tr("Edit offer %1")
        self.setWindowTitle(title.replace("%1", offer.code if offer else ""))
        self._original = offer
        offer = offer or OfferSpec("", OfferKind.EARLY)
        self.code_edit = QLineEdit(offer.code, objectName="offerCodeEdit")
        self.code_edit.setPlaceholderText(self.tr("e.g. EARLY-90"))
        self.kind_combo = QComboBox(objectName="offerKindCombo")
        for kind in OfferKind:
            self.kind_combo.addItem(kind_text(kind), kind.value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(offer.kind.value))
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.fee_edit = MoneyEdit("offerFeeEdit", offer.fee, currency)
        self.window_spin = QSpinBox(objectName="offerWindowSpin")
        self.window_spin.setRange(0, MAX_WINDOW_DAYS)
        self.window_spin.setValue(offer.window_days)
        self.window_spin.setSuffix(self.tr(" days"))
        self.min_spend_edit = MoneyEdit("offerMinSpendEdit", offer.min_spend, currency)
        self.valid_from = OptionalDate("offerValidFrom", self.tr("From"), offer.valid_from)
        self.valid_until = OptionalDate("offerValidUntil", self.tr("Until"), offer.valid_until)
        self.active_check = QCheckBox(self.tr("Active"), objectName="offerActiveCheck")
        self.active_check.setChecked(offer.active)
        self.form.addRow(self.tr("Code"), self.code_edit)
        self.form.addRow(self.tr("Kind"), self.kind_combo)
        self.form.addRow(self.tr("Fee"), self.fee_edit)
        self.form.addRow(self.tr("Window"), self.window_spin)
        self.form.addRow(self.tr("Spend in the term for a free renewal"), self.min_spend_edit)
        self.form.addRow(self.tr("Valid"), self.valid_from)
        self.form.addRow("", self.valid_until)
        self.form.addRow(self.active_check)
        self.finish("saveOfferButton", self.build)
        self._kind_changed()

    def _kind(self) -> OfferKind:
        return OfferKind(self.kind_combo.currentData())

    def _kind_changed(self) -> None:
        kind = self._kind()
        self.form.setRowVisible(self.fee_edit, kind is not OfferKind.FREE_BY_SPEND)
        self.form.setRowVisible(self.window_spin, kind in (OfferKind.EARLY, OfferKind.GRACE))
        self.form.setRowVisible(self.min_spend_edit, kind is OfferKind.FREE_BY_SPEND)
        tips = {
            OfferKind.EARLY: self.tr("Days before expiry in which renewing costs this fee."),
            OfferKind.GRACE: self.tr("Days after expiry in which renewing costs this fee."),
            OfferKind.WIN_BACK: self.tr(
                "For members lapsed longer than the grace window; never cheaper than renewing."
            ),
            OfferKind.FREE_BY_SPEND: self.tr(
                "Renewal is free in the early or grace window for whoever spent this much."
            ),
        }
        self.kind_combo.setToolTip(tips[kind])

    def build(self) -> OfferSpec:
        return OfferSpec(
            code=self.code_edit.text(),
            kind=self._kind(),
            fee=self.fee_edit.amount(self.tr("Fee")),
            window_days=self.window_spin.value(),
            min_spend=self.min_spend_edit.amount(self.tr("Spend in the term for a free renewal")),
            valid_from=self.valid_from.value(),
            valid_until=self.valid_until.value(),
            active=self.active_check.isChecked(),
            offer_id=self._original.offer_id if self._original else None,
        )


class TopUpRuleForm(RuleForm):
    def __init__(
        self,
        save: Callable[[TopUpRuleSpec], TopUpRuleSpec],
        rule: TopUpRuleSpec | None,
        currency: Currency,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("topUpRuleForm", save, parent)
        title = self.tr("New top-up bonus") if rule is None else self.tr("Edit top-up bonus")
        self.setWindowTitle(title)
        self._original = rule
        rule = rule or TopUpRuleSpec(0, 0)
        self.minimum_edit = MoneyEdit("topUpMinimumEdit", rule.minimum, currency)
        self.bonus_edit = MoneyEdit("topUpBonusEdit", rule.bonus, currency)
        self.active_check = QCheckBox(self.tr("Active"), objectName="topUpActiveCheck")
        self.active_check.setChecked(rule.active)
        self.form.addRow(self.tr("Top up at least"), self.minimum_edit)
        self.form.addRow(self.tr("Bonus"), self.bonus_edit)
        self.form.addRow(self.active_check)
        self.finish("saveTopUpButton", self.build)

    def build(self) -> TopUpRuleSpec:
        return TopUpRuleSpec(
            minimum=self.minimum_edit.amount(self.tr("Top up at least")),
            bonus=self.bonus_edit.amount(self.tr("Bonus")),
            active=self.active_check.isChecked(),
            rule_id=self._original.rule_id if self._original else None,
        )

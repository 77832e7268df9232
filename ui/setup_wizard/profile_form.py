"""The restaurant profile form (name, address, receipt text, currency, business day) with
its receipt preview at 58 and 80 mm: the set-up wizard's pages and the Restaurant tab."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import CURRENCIES
from app.receipt_text import Language
from app.restaurant_profile.preview import paper_columns, receipt_preview
from app.restaurant_profile.profile import (
    CUTOFF_HOURS,
    MAX_NAME,
    MAX_TEXT,
    ProfileProblem,
    RestaurantProfile,
)
from ui.setup_wizard.receipt_preview import PaperPreview

FIELD_WIDTH = 340


def profile_problem_text(problem: ProfileProblem) -> str:
    """Why a profile is refused, in the interface language."""
    translate = QCoreApplication.translate
    return {
        ProfileProblem.NO_NAME: translate("Profile", "Enter the restaurant's name."),
        ProfileProblem.NAME_TOO_LONG: translate(
            "Profile", "The restaurant's name is at most %1 characters."
        ).replace("%1", str(MAX_NAME)),
        ProfileProblem.TEXT_TOO_LONG: translate(
            "Profile", "The address, phone, tax line, header and footer are at most %1 characters."
        ).replace("%1", str(MAX_TEXT)),
        ProfileProblem.UNKNOWN_CURRENCY: translate("Profile", "Choose one of the currencies."),
        ProfileProblem.BAD_CUTOFF: translate(
            "Profile", "The business day starts at an hour from 0 to 11."
        ),
        ProfileProblem.CURRENCY_FIXED: translate(
            "Profile", "The currency is chosen at set-up and cannot change later."
        ),
    }[problem]


def _text_box(name: str, text: str, rows: int) -> QPlainTextEdit:
    box: QPlainTextEdit = QPlainTextEdit(text, objectName=name)
    box.setTabChangesFocus(True)  # Tab moves on, as in the other fields
    box.setFixedHeight(box.fontMetrics().lineSpacing() * rows + 14)
    return box


class ProfileDetailsForm(QWidget):
    """Name, address, phone, tax line, receipt header and footer, beside the previews.

    Signals:
        changed(): a field was edited (the previews have been redrawn).
    """

    changed = Signal()

    def __init__(self, profile: RestaurantProfile, language: Language) -> None:
        super().__init__(objectName="profileDetailsForm")
        self._language = language
        self.name_edit = QLineEdit(profile.name, objectName="restaurantNameEdit")
        self.address_edit = QLineEdit(profile.address, objectName="restaurantAddressEdit")
        self.phone_edit = QLineEdit(profile.phone, objectName="restaurantPhoneEdit")
        self.tax_edit = QLineEdit(profile.tax_line, objectName="restaurantTaxLineEdit")
        self.tax_edit.setPlaceholderText(self.tr("e.g. tax or business registration number"))
        self.header_edit = _text_box("receiptHeaderEdit", profile.receipt_header or "", 3)
        self.header_edit.setPlaceholderText(self.tr("Empty: the address and the phone"))
        self.footer_edit = _text_box("receiptFooterEdit", profile.receipt_footer, 2)
        self.footer_edit.setPlaceholderText(self.tr("Empty: the till's thanks"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, field in (
            (self.tr("Restaurant name"), self.name_edit),
            (self.tr("Address"), self.address_edit),
            (self.tr("Phone"), self.phone_edit),
            (self.tr("Tax/registration line"), self.tax_edit),
            (self.tr("Receipt header"), self.header_edit),
            (self.tr("Receipt footer"), self.footer_edit),
        ):
            field.setMinimumWidth(FIELD_WIDTH)
            form.addRow(label, field)
        self.preview_58 = PaperPreview(paper_columns(58), "preview58")
        self.preview_80 = PaperPreview(paper_columns(80), "preview80")
        previews = QVBoxLayout()
        for title, preview in (
            (self.tr("Receipt at 58 mm"), self.preview_58),
            (self.tr("Receipt at 80 mm"), self.preview_80),
        ):
            previews.addWidget(QLabel(title))
            previews.addWidget(preview)
        previews.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        fields = QVBoxLayout()
        fields.addLayout(form)
        fields.addStretch(1)
        row.addLayout(fields, 1)
        row.addLayout(previews)
        for edit in (self.name_edit, self.address_edit, self.phone_edit, self.tax_edit):
            edit.textChanged.connect(self._edited)
        for box in (self.header_edit, self.footer_edit):
            box.textChanged.connect(self._edited)
        self._base = profile
        self._redraw()

    def profile(self, base: RestaurantProfile | None = None) -> RestaurantProfile:
        """``base`` (currency, business day) with this form's fields; an empty header
        means the address and phone."""
        header = self.header_edit.toPlainText()
        return replace(
            base or self._base,
            name=self.name_edit.text(),
            address=self.address_edit.text(),
            phone=self.phone_edit.text(),
            tax_line=self.tax_edit.text(),
            receipt_header=header if header.strip() else None,
            receipt_footer=self.footer_edit.toPlainText().strip(),
        )

    def _edited(self) -> None:
        self._redraw()
        self.changed.emit()

    def _redraw(self) -> None:
        profile = self.profile()
        self.preview_58.set_preview(receipt_preview(profile, 58, self._language))
        self.preview_80.set_preview(receipt_preview(profile, 80, self._language))


class BusinessDayForm(QWidget):
    """The currency and the hour the business day starts."""

    def __init__(self, profile: RestaurantProfile, currency_fixed: bool = False) -> None:
        super().__init__(objectName="businessDayForm")
        self.currency_combo = QComboBox(objectName="currencyCombo")
        for code, currency in CURRENCIES.items():
            self.currency_combo.addItem(f"{code} ({currency.symbol})", code)
        self.currency_combo.setCurrentIndex(max(0, self.currency_combo.findData(profile.currency)))
        self.currency_combo.setEnabled(not currency_fixed)
        if currency_fixed:
            self.currency_combo.setToolTip(self.tr("The currency is chosen at set-up."))
        self.cutoff_spin = QSpinBox(objectName="cutoffHourSpin")
        self.cutoff_spin.setRange(CUTOFF_HOURS.start, CUTOFF_HOURS.stop - 1)
        self.cutoff_spin.setValue(profile.cutoff_hour)
        self.cutoff_spin.setSuffix(":00")
        explain = QLabel(
            self.tr(
                "Orders paid before this hour count for the day before, so a late night's "
                "sales stay on that night's report. The currency cannot change once the "
                "till is in use."
            )
        )
        explain.setMinimumWidth(FIELD_WIDTH)
        explain.setWordWrap(True)
        self.currency_combo.setMinimumWidth(160)
        self.cutoff_spin.setMinimumWidth(100)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Currency"), self.currency_combo)
        form.addRow(self.tr("Business day starts at"), self.cutoff_spin)
        form.addRow("", explain)

    def profile(self, base: RestaurantProfile) -> RestaurantProfile:
        return replace(
            base,
            currency=str(self.currency_combo.currentData()),
            cutoff_hour=self.cutoff_spin.value(),
        )

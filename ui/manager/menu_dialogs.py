"""The menu page's dialogs: a category's names, and an item's names, price, category and
allergens. ``save`` does the change through the page's jobs (off the GUI thread at the
counter); its refusals, or a server that did not answer, are shown in the dialog."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QWidget,
)

from app.domain.menu import Allergen, CategoryId, MenuCategory, MenuItem
from app.domain.money import Currency, format_money, parse_money
from app.errors import MenuProblem, MenuRefused, TillError
from app.menu_admin.service import ItemDetails
from ui.errors import headline
from ui.jobs import Jobs
from ui.menu_text import allergen_label, menu_refusal
from ui.new_pin_dialog import TOUCH
from ui.saving_dialog import SavingDialog
from ui.widgets import confirm_buttons, error_label


def _line(name: str, text: str = "") -> QLineEdit:
    edit: QLineEdit = QLineEdit(text, objectName=name)
    edit.setMinimumHeight(TOUCH)
    return edit


def _touch(buttons: QDialogButtonBox) -> QDialogButtonBox:
    """Cancel as easy to hit on a touch screen as the confirm button."""
    for button in buttons.buttons():
        button.setMinimumHeight(TOUCH)
    return buttons


def refusal_text(error: Exception) -> str:
    """A menu refusal in the interface language, in one sentence."""
    if isinstance(error, MenuRefused):
        return menu_refusal(error.problem)
    if isinstance(error, TillError):
        return headline(error)
    if isinstance(error, ValueError):  # parse_money's
        return menu_refusal(MenuProblem.BAD_PRICE)
    return headline(error)  # the server did not answer: nothing was saved


class CategoryDialog(SavingDialog):
    """Adding (``current`` None) or renaming a category; ``save(name_zh, name_en)``."""

    def __init__(
        self,
        save: Callable[[str, str], object],
        current: MenuCategory | None = None,
        parent: QWidget | None = None,
        jobs: Jobs | None = None,
    ) -> None:
        super().__init__(parent, jobs)
        self.setObjectName("menuCategoryDialog")
        adding = current is None
        self.setWindowTitle(self.tr("Add a category") if adding else self.tr("Rename category"))
        self._save = save
        self.name_zh = _line("categoryNameZhEdit", "" if current is None else current.name_zh)
        self.name_en = _line("categoryNameEnEdit", "" if current is None else current.name_en)
        self.error = error_label("menuCategoryError")
        form = QFormLayout(self)
        form.addRow(self.tr("Chinese name"), self.name_zh)
        form.addRow(self.tr("English name"), self.name_en)
        form.addRow(self.error)
        form.addRow(_touch(confirm_buttons(self, "menuCategoryConfirm", self.confirm)))
        self.setMinimumWidth(420)
        self.name_zh.setFocus()

    def confirm(self) -> None:
        save, name_zh, name_en = self._save, self.name_zh.text(), self.name_en.text()
        self.save_with(lambda: save(name_zh, name_en))

    def failed(self, error: Exception) -> None:
        self.error.setText(refusal_text(error))


class ItemDialog(SavingDialog):
    """Adding (``current`` None) or editing a menu item; ``save(details)``."""

    def __init__(
        self,
        save: Callable[[ItemDetails], object],
        categories: Sequence[MenuCategory],
        language: str,
        currency: Currency,
        category: CategoryId | None = None,
        current: MenuItem | None = None,
        parent: QWidget | None = None,
        jobs: Jobs | None = None,
    ) -> None:
        super().__init__(parent, jobs)
        self.setObjectName("menuItemDialog")
        self.setWindowTitle(self.tr("Add an item") if current is None else self.tr("Edit item"))
        self._save, self._currency = save, currency
        self.name_zh = _line("itemNameZhEdit", "" if current is None else current.name_zh)
        self.name_en = _line("itemNameEnEdit", "" if current is None else current.name_en)
        price = "" if current is None else format_money(current.unit_price, currency)
        self.price = _line("itemPriceEdit", price.replace(currency.symbol, ""))
        self.category = QComboBox(objectName="itemCategoryCombo")
        self.category.setMinimumHeight(TOUCH)
        for c in categories:
            self.category.addItem(c.name_zh if language == "zh" else c.name_en, c.category_id)
        chosen = current.category_id if current is not None else category
        if chosen is not None:
            self.category.setCurrentIndex(self.category.findData(chosen))
        self.allergens: dict[Allergen, QCheckBox] = {}
        grid = QGridLayout()
        for index, allergen in enumerate(Allergen):
            box = QCheckBox(allergen_label(allergen), objectName=f"allergen_{allergen.value}")
            box.setMinimumHeight(TOUCH)
            box.setChecked(current is not None and allergen in current.allergens)
            self.allergens[allergen] = box
            grid.addWidget(box, index // 3, index % 3)
        note = "" if current is None else current.allergen_note
        self.note = _line("itemAllergenNoteEdit", note)
        self.note.setPlaceholderText(self.tr("e.g. contains alcohol; cooked in lard"))
        self.error = error_label("menuItemError")
        form = QFormLayout(self)
        form.addRow(self.tr("Chinese name"), self.name_zh)
        form.addRow(self.tr("English name"), self.name_en)
        form.addRow(self.tr("Price"), self.price)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Allergens"), grid)
        form.addRow(self.tr("Other allergens"), self.note)
        form.addRow(self.error)
        form.addRow(_touch(confirm_buttons(self, "menuItemConfirm", self.confirm)))
        self.setMinimumWidth(560)
        self.name_zh.setFocus()

    def details(self) -> ItemDetails:
        """What is typed; ``ValueError`` for a price that is not an amount."""
        return ItemDetails(
            self.category.currentData(),
            self.name_zh.text(),
            self.name_en.text(),
            parse_money(self.price.text(), self._currency),
            frozenset(a for a, box in self.allergens.items() if box.isChecked()),
            self.note.text(),
        )

    def confirm(self) -> None:
        try:
            details = self.details()
        except ValueError as refused:
            self.error.setText(refusal_text(refused))
            return
        save = self._save
        self.save_with(lambda: save(details))

    def failed(self, error: Exception) -> None:
        self.error.setText(refusal_text(error))

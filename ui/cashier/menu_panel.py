"""Category buttons and a grid of big item buttons (touch friendly); an item sold out
today is greyed with a tooltip, and an item's allergens show in its tooltip (⚠)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.menu import CategoryId, MenuItem
from app.domain.money import Currency, format_money
from app.services.catalog import Catalog
from ui.fit import fit_button
from ui.menu_text import allergen_labels

ITEM_COLUMNS = 3
ITEM_WIDTH = 120
"""Room for a dish's button: the grid has as many columns as fit, two at least."""
CATEGORY_COLUMNS = 3
TOUCH_HEIGHT = 64


def two_lines(name: str, limit: int = 14) -> str:
    """Break a long (Latin) item name at the space nearest its middle, for narrow buttons."""
    if len(name) <= limit or " " not in name:
        return name
    middle = len(name) // 2
    cut = min((i for i, c in enumerate(name) if c == " "), key=lambda i: abs(i - middle))
    return f"{name[:cut]}\n{name[cut + 1 :]}"


class MenuPanel(QWidget):
    """Signals:
    item_chosen(MenuItem): the cashier tapped an item.
    """

    item_chosen = Signal(object)

    def __init__(
        self,
        catalog: Catalog,
        currency: Currency,
        language: str,
        today: Callable[[], date],
    ) -> None:
        super().__init__(objectName="menuPanel")
        self._catalog, self._currency, self._language = catalog, currency, language
        self._today = today
        self._shown: CategoryId | None = None
        self._buttons: list[tuple[QPushButton, MenuItem]] = []
        self._categories = QButtonGroup(self)
        self._categories.setExclusive(True)
        self._tabs = QGridLayout()
        self._columns = ITEM_COLUMNS
        self._grid_host = QWidget(objectName="itemGrid")
        self._grid = QGridLayout(self._grid_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._grid_host)
        layout = QVBoxLayout(self)
        layout.addLayout(self._tabs)
        layout.addWidget(scroll, 1)
        self._build_tabs()

    def _build_tabs(self) -> None:
        """One button per category; the one shown before stays chosen if still there."""
        for old in self._categories.buttons():
            self._categories.removeButton(old)
            old.hide()
            old.deleteLater()
        categories = self._catalog.categories
        for index, category in enumerate(categories):
            name = category.name_zh if self._language == "zh" else category.name_en
            button = QPushButton(name, objectName=f"category_{category.code}")
            button.setCheckable(True)
            fit_button(button, TOUCH_HEIGHT - 16)
            button.clicked.connect(
                lambda _checked=False, cid=category.category_id: self.show_category(cid)
            )
            self._categories.addButton(button)
            self._tabs.addWidget(button, index // CATEGORY_COLUMNS, index % CATEGORY_COLUMNS)
        ids = [c.category_id for c in categories]
        if ids:
            shown = self._shown if self._shown in ids else ids[0]
            self._categories.buttons()[ids.index(shown)].setChecked(True)
            self.show_category(shown)

    def show_catalog(self, catalog: Catalog) -> None:
        """The menu as the till sells it now (reread after an order or a back-office
        change); whether each item is sold out is checked against today."""
        if catalog is not self._catalog:
            changed = catalog.categories != self._catalog.categories
            self._catalog = catalog
            if changed:
                self._build_tabs()
            elif self._shown is not None:
                self.show_category(self._shown)
            return
        for button, item in self._buttons:
            self._show_availability(button, item)

    def show_category(self, category_id: CategoryId) -> None:
        self._shown = category_id
        self._buttons = []
        while self._grid.count():
            taken = self._grid.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()  # deleteLater alone leaves it painted until the loop turns
                widget.deleteLater()
        columns = self._columns
        for index, item in enumerate(self._catalog.items_in(category_id)):
            self._grid.addWidget(self._item_button(item), index // columns, index % columns)
        self._grid.setRowStretch(self._grid.rowCount(), 1)

    def _item_button(self, item: MenuItem) -> QPushButton:
        button = QPushButton()
        button.setObjectName(f"item_{item.code}")
        fit_button(button, TOUCH_HEIGHT + 16)
        button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        button.clicked.connect(lambda _checked=False, chosen=item: self.item_chosen.emit(chosen))
        self._buttons.append((button, item))
        self._show_availability(button, item)
        return button

    def resizeEvent(self, event: QResizeEvent) -> None:
        """As many columns of dishes as the panel's width holds, two at least."""
        super().resizeEvent(event)
        columns = max(2, min(ITEM_COLUMNS + 1, event.size().width() // ITEM_WIDTH))
        if columns != self._columns:
            self._columns = columns
            if self._shown is not None:
                self.show_category(self._shown)

    def _show_availability(self, button: QPushButton, item: MenuItem) -> None:
        name = item.name_zh if self._language == "zh" else item.name_en
        allergens = allergen_labels(item.allergens, item.allergen_note)
        if item.sold_out(self._today()):
            button.setEnabled(False)
            sold_out = self.tr("Sold out today")
            button.setText(f"{two_lines(name)}\n{sold_out}")
            button.setToolTip(self.tr("%1 is sold out today.").replace("%1", name))
            return
        price = format_money(item.unit_price, self._currency)
        button.setEnabled(True)
        button.setText(f"{two_lines(name)}\n{price}" + (" ⚠" if allergens else ""))
        button.setToolTip(self.tr("Allergens: %1").replace("%1", allergens) if allergens else "")

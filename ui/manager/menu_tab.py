"""The back office's Menu page: the categories, and the items of the one chosen with
their price, availability and allergens; what a manager does about them (add, edit,
sold out today, hide, move on the till). Every action goes through ``MenuAdmin``, which
checks the manager's stored role.

Each save, and the menu read again once it came back, runs through the workspace's jobs
(off the GUI thread at the counter, at once where there is none): meanwhile the page's
buttons are off, and a failure is said on the page in one sentence.

Keys: Enter edits the chosen item (or renames the chosen category), Ctrl+N adds an item,
Ctrl+Up / Ctrl+Down move it on the till.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.menu import CategoryId, MenuCategory, MenuItem
from app.domain.money import Currency, format_money
from app.domain.staff import StaffMember
from app.errors import TillError
from app.menu_admin.order import one_step
from app.menu_admin.service import ItemDetails, MenuAdmin, MenuListing
from ui.jobs import InlineJobs, Jobs
from ui.manager.list_reread import ListReread
from ui.manager.menu_dialogs import CategoryDialog, ItemDialog, refusal_text
from ui.menu_text import allergen_labels
from ui.new_pin_dialog import TOUCH
from ui.widgets import error_label

CATEGORY_COLUMN_WIDTH = 230


class MenuTab(QWidget):
    """Signals:
    menu_changed(): the menu was changed here; the till should sell from it as it is now.
    """

    menu_changed = Signal()

    def __init__(
        self,
        admin: MenuAdmin,
        manager: StaffMember,
        language: str,
        currency: Currency,
        parent: QWidget | None = None,
        start: MenuListing | Exception | None = None,
        jobs: Jobs | None = None,
    ) -> None:
        """``start``: the menu read off the GUI thread as the workspace opened; else read
        here. ``jobs``: where saves and reads run (the counter's; else at once)."""
        super().__init__(parent)
        self.setObjectName("menuTab")
        self._admin, self._manager = admin, manager
        self._jobs: Jobs = jobs or InlineJobs()
        self._busy = False  # a save, or the read after it, is out
        self._language, self._currency = language, currency
        self._listing: MenuListing | None = None
        self._items: list[MenuItem] = []
        self.buttons: dict[str, QPushButton] = {}

        self.categories = QListWidget(objectName="menuCategoryList")
        self.categories.setFixedWidth(CATEGORY_COLUMN_WIDTH)
        self.categories.setStyleSheet(f"QListWidget::item {{ min-height: {TOUCH}px; }}")
        self.categories.currentRowChanged.connect(lambda _row: self._show_items())
        self.categories.activated.connect(lambda _index: self.rename_category())
        self.table = QTableWidget(0, 4, objectName="menuItemTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("Price"), self.tr("Availability"), self.tr("Allergens")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setDefaultSectionSize(TOUCH)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.activated.connect(lambda _index: self.edit_item())
        self.error = error_label("menuError")

        layout = QHBoxLayout(self)
        layout.addLayout(self._category_column())
        layout.addLayout(self._item_column(), 1)
        QShortcut(QKeySequence("Ctrl+N"), self, self.add_item)
        self.table.installEventFilter(self)
        self.refresh(start)
        admin, manager = self._admin, self._manager
        self._reads = ListReread(
            self, self._jobs, lambda: admin.listed(manager), self.refresh, (TillError,),
            self.error, self._set_busy, lambda: self._busy,
        )  # fmt: skip

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Up / Ctrl+Down in the items table move the chosen item on the till."""
        if watched is self.table and isinstance(event, QKeyEvent):
            steps = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}
            control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if event.type() == QEvent.Type.KeyPress and control and event.key() in steps:
                self.move_item(steps[Qt.Key(event.key())])
                return True
        return super().eventFilter(watched, event)

    def _category_column(self) -> QVBoxLayout:
        grid = QGridLayout()
        for index, (name, text, act) in enumerate(
            (
                ("addCategoryButton", self.tr("Add…"), self.add_category),
                ("renameCategoryButton", self.tr("Rename…"), self.rename_category),
                ("categoryUpButton", self.tr("Move up"), lambda: self.move_category(-1)),
                ("categoryDownButton", self.tr("Move down"), lambda: self.move_category(1)),
            )
        ):
            grid.addWidget(self._button(name, text, act), index // 2, index % 2)
        column = QVBoxLayout()
        title = QLabel(self.tr("Categories"))
        title.setBuddy(self.categories)
        column.addWidget(title)
        column.addWidget(self.categories, 1)
        column.addLayout(grid)
        return column

    def _item_column(self) -> QVBoxLayout:
        grid = QGridLayout()  # two rows of three: the page fits a 1024-pixel screen
        for index, (name, text, act) in enumerate(
            (
                ("addItemButton", self.tr("Add item…"), self.add_item),
                ("editItemButton", self.tr("Edit…"), self.edit_item),
                ("soldOutButton", self.tr("Sold out today"), self.toggle_sold_out),
                ("hideItemButton", self.tr("Hide"), self.toggle_hidden),
                ("itemUpButton", self.tr("Move up"), lambda: self.move_item(-1)),
                ("itemDownButton", self.tr("Move down"), lambda: self.move_item(1)),
            )
        ):
            grid.addWidget(self._button(name, text, act), index // 3, index % 3)
        column = QVBoxLayout()
        column.addWidget(self.table, 1)
        column.addWidget(self.error)
        column.addLayout(grid)
        return column

    def _button(self, name: str, text: str, act: Callable[[], None]) -> QPushButton:
        button: QPushButton = QPushButton(text, objectName=name)
        button.setMinimumHeight(TOUCH)
        button.clicked.connect(act)
        self.buttons[name] = button
        return button

    # what is shown ------------------------------------------------------------------

    def refresh(self, read: MenuListing | Exception | None = None) -> None:
        chosen_category, chosen_item = self.category(), self.selected()
        try:
            if isinstance(read, Exception):
                raise read
            self._listing = self._admin.listed(self._manager) if read is None else read
        except TillError as refused:
            self.error.setText(refusal_text(refused))
            self._listing = None
        categories = () if self._listing is None else self._listing.categories
        self.categories.blockSignals(True)
        self.categories.clear()
        for category in categories:
            self.categories.addItem(self._name(category))
        row = next(
            (i for i, c in enumerate(categories) if c == chosen_category), 0 if categories else -1
        )
        self.categories.setCurrentRow(row)
        self.categories.blockSignals(False)
        self._show_items(None if chosen_item is None else chosen_item.item_id)

    def _show_items(self, keep: int | None = None) -> None:
        category = self.category()
        listing = self._listing
        self._items = (
            [] if listing is None or category is None else listing.items_in(category.category_id)
        )
        self.table.setRowCount(len(self._items))
        for row, item in enumerate(self._items):
            other = item.name_en if self._language == "zh" else item.name_zh
            cells = (
                self._name(item),
                format_money(item.unit_price, self._currency),
                self._availability(item),
                allergen_labels(item.allergens, item.allergen_note),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(other if column == 0 else text)
                self.table.setItem(row, column, cell)
            if item.item_id == keep:
                self.table.selectRow(row)
        self._selection_changed()

    def _availability(self, item: MenuItem) -> str:
        if not item.active:
            return self.tr("Hidden")
        if self._listing is not None and item.sold_out(self._listing.today):
            return self.tr("Sold out today")
        return self.tr("On sale")

    def _name(self, thing: MenuCategory | MenuItem) -> str:
        return thing.name_zh if self._language == "zh" else thing.name_en

    def category(self) -> MenuCategory | None:
        row = self.categories.currentRow()
        listing = self._listing
        if listing is None or not 0 <= row < len(listing.categories):
            return None
        return listing.categories[row]

    def selected(self) -> MenuItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self._items[rows[0].row()] if rows and self._items else None

    def select_item(self, name: str) -> None:
        for row, item in enumerate(self._items):
            if name in (item.name_zh, item.name_en):
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        item = None if self._busy else self.selected()
        chosen = item is not None
        for name in ("editItemButton", "soldOutButton", "hideItemButton", "itemUpButton",
                     "itemDownButton"):  # fmt: skip
            self.buttons[name].setEnabled(chosen)
        has_category = not self._busy and self.category() is not None
        self.buttons["addCategoryButton"].setEnabled(not self._busy)
        for name in ("addItemButton", "renameCategoryButton", "categoryUpButton",
                     "categoryDownButton"):  # fmt: skip
            self.buttons[name].setEnabled(has_category)
        sold_out = (
            item is not None and self._listing is not None and item.sold_out(self._listing.today)
        )
        sold_out_text = self.tr("Back on sale") if sold_out else self.tr("Sold out today")
        self.buttons["soldOutButton"].setText(sold_out_text)
        hidden = item is not None and not item.active
        self.buttons["hideItemButton"].setText(self.tr("Show") if hidden else self.tr("Hide"))

    # what a manager does: each save through the jobs, then the menu read again -------

    def add_category(self) -> None:
        if self._busy:
            return
        admin, manager = self._admin, self._manager

        def save(name_zh: str, name_en: str) -> None:
            admin.add_category(manager, name_zh, name_en)

        if CategoryDialog(save, None, self, self._jobs).exec() == QDialog.DialogCode.Accepted:
            self._changed(lambda: self.categories.setCurrentRow(self.categories.count() - 1))

    def rename_category(self) -> None:
        category, admin, manager = self.category(), self._admin, self._manager
        if category is None or self._busy:
            return

        def save(name_zh: str, name_en: str) -> None:
            admin.rename_category(manager, category.category_id, name_zh, name_en)

        dialog = CategoryDialog(save, category, self, self._jobs)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._changed(lambda: self._go_to(category.category_id))

    def move_category(self, step: int) -> None:
        """One place earlier (``-1``) or later (``+1``): sent as the place it ends up in
        the list shown, so a second tap after a lost reply (the list is kept) does not
        move it again."""
        category, listing = self.category(), self._listing
        admin, manager = self._admin, self._manager
        if category is None or listing is None:
            return
        ids = [c.category_id for c in listing.categories]
        to = one_step(ids, category.category_id, step)
        if to is not None:
            self._act(lambda: admin.place_category(manager, category.category_id, to))

    def add_item(self) -> None:
        category, admin, manager = self.category(), self._admin, self._manager
        if category is None or self._listing is None or self._busy:
            return

        def save(details: ItemDetails) -> None:
            admin.add_item(manager, details)

        dialog = ItemDialog(save, self._listing.categories, self._language, self._currency,
                            category.category_id, None, self, self._jobs)  # fmt: skip
        if dialog.exec() == QDialog.DialogCode.Accepted:
            chosen = dialog.category.currentData()
            name = dialog.name_zh.text().strip() or dialog.name_en.text().strip()

            def show_it() -> None:
                self._go_to(chosen)
                self.select_item(name)

            self._changed(show_it)

    def edit_item(self) -> None:
        item, admin, manager = self.selected(), self._admin, self._manager
        if item is None or self._listing is None or self._busy:
            return

        def save(details: ItemDetails) -> None:
            admin.edit_item(manager, item.item_id, details)

        dialog = ItemDialog(save, self._listing.categories, self._language, self._currency,
                            None, item, self, self._jobs)  # fmt: skip
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._changed()

    def toggle_sold_out(self) -> None:
        item, listing, admin, manager = self.selected(), self._listing, self._admin, self._manager
        if item is not None and listing is not None:
            sold_out = not item.sold_out(listing.today)
            self._act(lambda: admin.set_sold_out(manager, item.item_id, sold_out))

    def toggle_hidden(self) -> None:
        item, admin, manager = self.selected(), self._admin, self._manager
        if item is not None:
            self._act(lambda: admin.set_hidden(manager, item.item_id, item.active))

    def move_item(self, step: int) -> None:
        """As ``move_category``, within the item's category (hidden items counted)."""
        item, listing, admin, manager = self.selected(), self._listing, self._admin, self._manager
        if item is None or listing is None:
            return
        to = one_step([i.item_id for i in listing.items_in(item.category_id)], item.item_id, step)
        if to is not None:
            self._act(lambda: admin.place_item(manager, item.item_id, to))

    def _go_to(self, category_id: CategoryId) -> None:
        listing = self._listing
        if listing is not None:
            ids = [c.category_id for c in listing.categories]
            if category_id in ids:
                self.categories.setCurrentRow(ids.index(category_id))

    def _act(self, action: Callable[[], object]) -> None:
        """Do it through the jobs; a refusal is shown in the interface language and the
        menu is read again; a server that did not answer is said, and nothing changes."""
        if self._busy:
            return
        self._set_busy(True)
        self._jobs.run(self, action, lambda _done: self._changed(), self._not_changed)

    def _changed(self, then: Callable[[], None] = lambda: None) -> None:
        self.error.clear()
        self.menu_changed.emit()
        self._reads.reread(then, saved=True)

    def _not_changed(self, error: Exception) -> None:
        self._set_busy(False)
        self.error.setText(refusal_text(error))
        if isinstance(error, TillError):  # refused: the menu may have moved on
            self._reads.reread(lambda: self.error.setText(refusal_text(error)))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._selection_changed()

"""One list of rules in the loyalty editor, with the buttons that act on the selected one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.fit import TOUCH

ID_ROLE = Qt.ItemDataRole.UserRole
INACTIVE = "#9e9e9e"  # the grey of an inactive rule


class RulesTab(QWidget):
    """One list of rules and the buttons that act on the selected one.

    Signals:
    add_requested(): a new rule.
    edit_requested(int), remove_requested(int): the selected rule, by id; removing is
    deactivating (offers, top-up rules) or deleting (tiers).
    """

    add_requested = Signal()
    edit_requested = Signal(int)
    remove_requested = Signal(int)

    def __init__(
        self,
        table_name: str,
        button_names: Sequence[str],
        headers: Sequence[str],
        labels: Sequence[str],
        wrap_width: int = 0,
        stretch_column: int = 0,
    ) -> None:
        """``button_names`` and ``labels``: add, edit and remove, in that order.

        ``wrap_width``: if set, no column is wider than this many pixels; longer texts
        wrap onto more lines (and show whole as a tooltip), and ``stretch_column`` takes
        the width left over.
        """
        super().__init__()
        self._wrap_width = wrap_width
        self.table = QTableWidget(0, len(headers), objectName=table_name)
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(TOUCH)  # a row is tapped
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive
            if wrap_width
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setStretchLastSection(not wrap_width)
        if wrap_width:
            header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
            rows = self.table.verticalHeader()
            rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            rows.setMinimumSectionSize(TOUCH)  # a finger's height, as in the other tables
        self.table.setWordWrap(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.cellDoubleClicked.connect(lambda _row, _col: self._emit(self.edit_requested))
        row = QHBoxLayout()
        self.add_button, self.edit_button, self.remove_button = (
            QPushButton(text, objectName=name)
            for name, text in zip(button_names, labels, strict=True)
        )
        for button in (self.add_button, self.edit_button, self.remove_button):
            button.setMinimumHeight(44)
            row.addWidget(button)
        row.addStretch(1)
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(lambda: self._emit(self.edit_requested))
        self.remove_button.clicked.connect(lambda: self._emit(self.remove_requested))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self._removable: dict[int, bool] = {}
        self._selection_changed()

    def fill(self, rows: Sequence[tuple[int, bool, Sequence[str]]], select: int | None) -> None:
        """``rows``: (id, active, cell texts); inactive rows are greyed out."""
        self.table.clearSelection()
        self.table.setRowCount(len(rows))
        self._removable = {}
        for index, (row_id, active, cells) in enumerate(rows):
            self._removable[row_id] = active
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, row_id)
                if not active:
                    item.setForeground(QBrush(QColor(INACTIVE)))
                if self._wrap_width:
                    item.setToolTip(text)
                self.table.setItem(index, column, item)
            if row_id == select:
                self.table.selectRow(index)
        if self._wrap_width:
            self._fit()
        self._selection_changed()

    def _fit(self) -> None:
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount()):
            if self.table.columnWidth(column) > self._wrap_width:
                self.table.setColumnWidth(column, self._wrap_width)

    def selected_id(self) -> int | None:
        items = self.table.selectedItems()
        return int(items[0].data(ID_ROLE)) if items else None

    def _selection_changed(self) -> None:
        chosen = self.selected_id()
        self.edit_button.setEnabled(chosen is not None)
        self.remove_button.setEnabled(chosen is not None and self._removable.get(chosen, False))

    def _emit(self, signal: SignalInstance) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            signal.emit(chosen)

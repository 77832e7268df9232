"""F1: the till's keys, read from the key map, in the cashier's language."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.cashier.key_map import KEYS, OTHER_KEYS, key_name, translated


class KeyMapDialog(QDialog):
    """Every key of the cashier window and what it does; Esc or Enter closes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyMapDialog")
        self.setWindowTitle(self.tr("Keys"))
        rows = [(key_name(key), translated(key.what)) for key in KEYS]
        rows += [(translated(keys), translated(what)) for keys, what in OTHER_KEYS]
        table: QTableWidget = QTableWidget(len(rows), 2, objectName="keyMapTable")
        table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("What it does")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setWordWrap(True)
        for row, (keys, what) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(what))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setObjectName("closeKeyMapButton")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table, 1)
        layout.addWidget(close)
        self.resize(620, 480)

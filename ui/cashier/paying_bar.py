"""The status bar's sign that the order is being saved (or read back): the till is working."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget


def paying_bar() -> QWidget:
    """Shown while a checkout is saved: the cashier sees the till is working."""
    bar = QWidget(objectName="payingBusy")
    layout = QHBoxLayout(bar)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(QLabel(QCoreApplication.translate("CashierWindow", "Saving the order…")))
    spinner = QProgressBar()
    spinner.setRange(0, 0)  # busy, no percentage
    spinner.setMaximumWidth(120)
    layout.addWidget(spinner)
    bar.setVisible(False)
    return bar

"""Throwing work away asks first: a new order over one with lines, Esc in a filled form."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_discard(parent: QWidget, question: str, discard_text: str) -> bool:
    """``question`` with "keep" as the default (Enter or Esc keep the work)."""
    translate = QCoreApplication.translate
    box = QMessageBox(QMessageBox.Icon.Warning, parent.windowTitle(), question, parent=parent)
    box.setObjectName("discardConfirm")
    discard = box.addButton(discard_text, QMessageBox.ButtonRole.DestructiveRole)
    discard.setObjectName("discardYes")
    keep = box.addButton(translate("Discard", "Keep it"), QMessageBox.ButtonRole.RejectRole)
    keep.setObjectName("discardNo")
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    for button in (discard, keep):
        button.setMinimumHeight(44)
    box.exec()
    return box.clickedButton() is discard


def confirm_new_order(parent: QWidget, lines: int, due: str) -> bool:
    translate = QCoreApplication.translate
    question = translate("Discard", "Throw away this order (%1 lines, %2) and start a new one?")
    return confirm_discard(
        parent,
        question.replace("%1", str(lines)).replace("%2", due),
        translate("Discard", "Throw it away"),
    )


def confirm_drop_form(parent: QWidget) -> bool:
    translate = QCoreApplication.translate
    return confirm_discard(
        parent,
        translate("Discard", "Close the form and lose what was typed?"),
        translate("Discard", "Close and lose it"),
    )

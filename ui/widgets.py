"""Small widget builders shared by the dialogs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtWidgets import QDateTimeEdit, QDialog, QDialogButtonBox, QLabel

Standard = QDialogButtonBox.StandardButton


def confirm_buttons(
    dialog: QDialog,
    confirm_name: str,
    on_confirm: Callable[[], None],
    confirm_text: str = "",
    confirm: Standard = Standard.Ok,
) -> QDialogButtonBox:
    """Confirm and Cancel; the confirm button gets ``confirm_name`` as its objectName."""
    buttons = QDialogButtonBox(confirm | Standard.Cancel)
    button = buttons.button(confirm)
    button.setObjectName(confirm_name)
    for each in buttons.buttons():
        each.setMinimumSize(88, 48)  # a touch target, Cancel as much as the main button
    if confirm_text:
        button.setText(confirm_text)
    buttons.accepted.connect(on_confirm)
    buttons.rejected.connect(dialog.reject)
    return buttons


def error_label(name: str) -> QLabel:
    label: QLabel = QLabel(objectName=name)
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    return label


def picked_date(edit: QDateTimeEdit) -> date:
    """The edit's date; ``QDate.toPython()`` gives a ``date``, though typed ``object``."""
    picked = edit.date().toPython()
    assert isinstance(picked, date)
    return picked


def picked_datetime(edit: QDateTimeEdit) -> datetime:
    """The edit's date and time; ``QDateTime.toPython()`` is typed ``object`` too."""
    picked = edit.dateTime().toPython()
    assert isinstance(picked, datetime)
    return picked

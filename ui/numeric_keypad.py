"""A numeric keypad for touch screens: digits, clear and backspace (and a decimal point
for money) typed into one text field. The sign-in's and a manager's PIN, cash, top-up,
adjustment, discount and quantity fields use it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget

from ui.fit import TOUCH

CLEAR, BACKSPACE, POINT = "C", "⌫", "."


class NumericKeypad(QWidget):
    """Keys ``1``–``9``, then ``C`` (or ``.`` with ``decimal``), ``0``, ``⌫``, feeding
    ``target`` (none yet: the keys do nothing). The keys never take the focus, so the
    field keeps its cursor and Enter.

    Keys are named ``{prefix}Key{digit}``, ``{prefix}Clear``, ``{prefix}Backspace`` and
    ``{prefix}Point``.

    Signals:
    key_pressed(str): after the key changed the field.
    """

    key_pressed = Signal(str)

    def __init__(
        self,
        target: QLineEdit | None,
        prefix: str,
        decimal: bool = False,
        key_size: tuple[int, int] = (TOUCH + 20, TOUCH + 8),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{prefix}Keypad")
        self._target = target
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        keys = [*"123456789", POINT if decimal else CLEAR, "0", BACKSPACE]
        self.keys: dict[str, QPushButton] = {}
        """Each key's button by the key it types (``"7"``, ``POINT``, ``BACKSPACE``)."""
        names = {CLEAR: "Clear", BACKSPACE: "Backspace", POINT: "Point"}
        for index, key in enumerate(keys):
            name = f"{prefix}{names[key]}" if key in names else f"{prefix}Key{key}"
            button = QPushButton(key, objectName=name)
            button.setMinimumSize(*key_size)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoDefault(False)  # Enter stays with the dialog's main button
            button.clicked.connect(lambda _checked=False, k=key: self.press(k))
            grid.addWidget(button, index // 3, index % 3)
            self.keys[key] = button

    def set_target(self, target: QLineEdit | None) -> None:
        """Type into ``target`` from now on (the refund's units of the line picked)."""
        self._target = target

    def press(self, key: str) -> None:
        target = self._target
        if target is None:
            return
        if key == CLEAR:
            target.clear()
        elif key == BACKSPACE:
            target.backspace()
        else:
            target.insert(key)  # the field's validator still refuses what does not fit
        self.key_pressed.emit(key)

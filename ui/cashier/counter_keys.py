"""The cashier window's keyboard: the key map's shortcuts, typing that goes to member
search from anywhere, and Enter on the focused button."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from ui.cashier.key_map import KEYS, key_name, translated, with_key

_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def install_shortcuts(
    window: QWidget, handlers: Mapping[str, Callable[[], None]]
) -> list[QShortcut]:
    """One window shortcut per key of the key map. A key with a button presses it (so a
    disabled button stays disabled) unless ``handlers`` has its own action; the button's
    label and tooltip show the key."""
    shortcuts = []
    for key in KEYS:
        button = window.findChild(QPushButton, key.button) if key.button else None
        handler = handlers.get(key.action) or (button.click if button is not None else None)
        if handler is None:
            raise LookupError(f"nothing handles the key {key.sequence} ({key.action})")
        shortcut = QShortcut(QKeySequence(key.sequence), window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(handler)
        shortcuts.append(shortcut)
        if button is not None:
            if key.on_label:
                button.setText(with_key(button.text(), key))
            button.setToolTip(f"{translated(key.what)}  {key_name(key)}")
    return shortcuts


def is_text_field(widget: QWidget | None) -> bool:
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox))


class CounterKeys(QObject):
    """Key presses in one window, before any widget sees them.

    A letter or digit typed while no text field has focus goes to ``search``: the box
    takes the focus and the character. Enter on a focused button presses it; Enter with
    nothing focused runs ``default_action`` (the window's: pay cash, when it may). The filter
    sits on the application, installed after the keyboard-wedge filter so it sees a key
    first: the character it redirects is sent again to the search box, where the wedge
    filter still hears a card reader's burst as one read.
    """

    def __init__(
        self,
        window: QWidget,
        search: QLineEdit,
        default_action: Callable[[], None] | None = None,
    ) -> None:
        app = QCoreApplication.instance()
        super().__init__(window)
        self._window, self._search = window, search
        self._default_action = default_action
        self._app = app
        if app is not None:
            app.installEventFilter(self)

    def remove(self) -> None:
        if self._app is not None:
            self._app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        focus = QApplication.focusWidget()
        # The first delivery only (an ignored press goes on to the parents), in this window.
        if not isinstance(watched, QWidget) or watched is not (focus or self._window):
            return False
        if watched.window() is not self._window or is_text_field(watched):
            return False
        if event.modifiers() & _COMMAND_MODIFIERS:
            return False
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if isinstance(watched, QAbstractButton) and watched.isEnabled():
                watched.click()
                return True
            if focus is None and self._default_action is not None:
                self._default_action()
                return True
            return False
        text = event.text()
        if len(text) != 1 or not text.isalnum() or not self._search.isEnabled():
            return False
        self._search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        again = QKeyEvent(QEvent.Type.KeyPress, event.key(), event.modifiers(), text)
        QCoreApplication.sendEvent(self._search, again)
        return True

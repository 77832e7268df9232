"""The till's keys in one table: the window binds them, the buttons show them, the F1 key
map lists them and the tests press them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate reads
    """Marks ``text`` for the catalogue; ``translated`` looks it up when shown."""
    return text


@dataclass(frozen=True)
class Key:
    """One shortcut of the cashier window.

    ``button`` is the objectName of the button the key presses (its label then shows the
    key when ``on_label``: after the text, or on a line of its own when ``below``, so the
    big pay buttons keep their width); a key without a button runs the window's handler
    ``action``.
    """

    action: str
    sequence: str
    what: str
    button: str = ""
    on_label: bool = True
    below: bool = False


KEYS: tuple[Key, ...] = (
    Key("key_map", "F1", QT_TRANSLATE_NOOP("KeyMap", "Show this key map")),
    Key(
        "find_member",
        "F2",
        QT_TRANSLATE_NOOP("KeyMap", "Find member: go to the search box"),
        "identifyButton",
    ),
    Key("cash", "F4", QT_TRANSLATE_NOOP("KeyMap", "Pay cash"), "payCashButton", below=True),
    Key(
        "card",
        "F5",
        QT_TRANSLATE_NOOP("KeyMap", "Pay on the card terminal"),
        "payCardButton",
        below=True,
    ),
    Key(
        "stored_value",
        "F6",
        QT_TRANSLATE_NOOP("KeyMap", "Pay with stored value"),
        "payStoredValueButton",
        below=True,
    ),
    Key("why_price", "F8", QT_TRANSLATE_NOOP("KeyMap", "Why this price?"), "whyPriceButton"),
    Key("new_order", "F9", QT_TRANSLATE_NOOP("KeyMap", "New order"), "newOrderButton"),
    Key(
        "more",
        "+",
        QT_TRANSLATE_NOOP("KeyMap", "One more of the selected line"),
        "qtyPlusButton",
        on_label=False,
    ),
    Key(
        "fewer",
        "-",
        QT_TRANSLATE_NOOP("KeyMap", "One fewer of the selected line"),
        "qtyMinusButton",
        on_label=False,
    ),
    Key(
        "remove_line",
        "Del",
        QT_TRANSLATE_NOOP("KeyMap", "Remove the selected line"),
        "removeLineButton",
    ),
    Key("clear_search", "Esc", QT_TRANSLATE_NOOP("KeyMap", "Clear the search; close a dialog")),
)

# Keys Qt and the window's key filter handle themselves, listed so the cashier knows them.
OTHER_KEYS: tuple[tuple[str, str], ...] = (
    (
        QT_TRANSLATE_NOOP("KeyMap", "Enter"),
        QT_TRANSLATE_NOOP(
            "KeyMap",
            "Confirm: a dialog's main button (in the cash dialog: take the payment), "
            "the focused button, or find the member typed; with nothing focused: pay cash",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("KeyMap", "0–9, A–Z"),
        QT_TRANSLATE_NOOP("KeyMap", "Typed outside a text field: goes to member search"),
    ),
    (
        QT_TRANSLATE_NOOP("KeyMap", "↑ ↓"),
        QT_TRANSLATE_NOOP("KeyMap", "Move through the members found"),
    ),
    (
        QT_TRANSLATE_NOOP("KeyMap", "Tab, Shift+Tab"),
        QT_TRANSLATE_NOOP("KeyMap", "Next or previous control, in screen order"),
    ),
)


def translated(text: str) -> str:
    return QCoreApplication.translate("KeyMap", text)


def key_name(key: Key) -> str:
    """The key as printed on the keyboard: F4, Del, Esc, +."""
    return QKeySequence(key.sequence).toString(QKeySequence.SequenceFormat.NativeText)


def with_key(text: str, key: Key) -> str:
    """A button's label with its key: "Remove  Del", or "Cash" over "F4"."""
    return f"{text}\n{key_name(key)}" if key.below else f"{text}  {key_name(key)}"


def key_for(action: str) -> Key:
    return next(key for key in KEYS if key.action == action)

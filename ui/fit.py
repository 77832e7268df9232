"""Widgets that fit small touch screens: buttons that wrap or give up width (keeping their
whole text in a tooltip), labels that elide with a tooltip, and the 44 px touch minimum."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

TOUCH = 44
"""The smallest target a finger hits reliably, in pixels, both ways."""
WORD_JOINER = "\u2060"
"""Invisible; no line may break next to it (Unicode line breaking, which Qt follows)."""
DIALOG_TOUCH_STYLE = (
    "QDialog QLineEdit, QDialog QComboBox, QDialog QAbstractSpinBox, QDialog QPushButton"
    f" {{ min-height: {TOUCH - 6}px; }}"
    f" QDialog QCheckBox {{ min-height: {TOUCH}px; }}"
    " QDialog QCheckBox::indicator { width: 24px; height: 24px; }"
    f" QDialog QTabBar::tab {{ min-height: {TOUCH}px; padding: 0 12px; }}"
)
"""For a window's dialogs: fields, buttons and tick boxes big enough for a finger (a
field's frame and padding bring the 38 px of room inside it to 44 px)."""
WORKSPACE_TOUCH_STYLE = (
    "QLineEdit, QComboBox, QAbstractSpinBox, QPushButton, QToolButton"
    f" {{ min-height: {TOUCH - 6}px; }}"
    f" QCheckBox, QRadioButton {{ min-height: {TOUCH}px; }}"
    " QCheckBox::indicator, QRadioButton::indicator { width: 24px; height: 24px; }"
    f" QTabBar::tab {{ min-height: {TOUCH}px; padding: 0 12px; }}"
)
"""For the manager's workspace and its dialogs: the same touch sizes everywhere."""
SMALLEST_SCREEN = QSize(1024, 768)
"""The smallest till screen the layout is made for (``tests/ui/test_till_fits.py``)."""


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """``width``×``height``, or less on a screen with less room (a 1024×768 till), leaving
    room for the window's frame and title bar."""
    room = window.screen().availableGeometry().size()
    window.resize(min(width, room.width() - 16), min(height, room.height() - 48))


def text_fits(widget: QWidget, text: str, room: int) -> bool:
    metrics = widget.fontMetrics()
    return all(metrics.horizontalAdvance(line) <= room for line in text.split("\n"))


class _WholeTextTip(QObject):
    """Keeps a button's tooltip showing its whole text while the text does not fit.

    A tooltip the code set on purpose (the key map's) is left alone. Checked when the
    button paints, which it does after every change of text or size.
    """

    def __init__(self, button: QAbstractButton) -> None:
        super().__init__(button)
        self._button = button
        self._ours = ""
        button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._button and event.type() == QEvent.Type.Paint:
            button = self._button
            text = button.text().replace("&&", "&")
            room = button.contentsRect().width() - 12
            mine = button.toolTip() in ("", self._ours)
            if mine:
                self._ours = "" if text_fits(button, text, room) else text.replace("\n", " ")
                if button.toolTip() != self._ours:
                    button.setToolTip(self._ours)
        return False


def unbroken(amount: str) -> str:
    """An amount that stays on one line with what comes before it in a wrapping text: the
    "−" of "−¥12.80" is a place to break for Qt (a minus and a currency sign may end and
    start lines), so a narrow button showed "(−" at a line's end and "¥12.80)" below."""
    return WORD_JOINER + amount.replace(" ", "\u00a0")


def fit_button(button: QAbstractButton, height: int = TOUCH) -> QAbstractButton:
    """A touch target that never widens its column: at least ``height`` px high and
    ``TOUCH`` wide, narrower than its text when it must, with the text in its tooltip."""
    button.setMinimumSize(TOUCH, height)
    policy = button.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
    button.setSizePolicy(policy)
    _WholeTextTip(button)
    return button


class WrapButton(QPushButton):
    """A push button whose text wraps onto as many lines as its width needs (a renewal
    offer, "Join now and save …"): it never widens the window and never cuts a word."""

    def __init__(self, text: str = "", parent: QWidget | None = None, objectName: str = "") -> None:
        super().__init__(parent)
        if objectName:
            self.setObjectName(objectName)
        self.label = QLabel(text, self)
        self.label.setObjectName(f"{objectName}Text" if objectName else "")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(self.label)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumHeight(TOUCH)

    def setText(self, text: str) -> None:
        self.label.setText(text)
        self.updateGeometry()

    def text(self) -> str:
        return self.label.text()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self.minimumHeight(), self.label.heightForWidth(width - 20) + 8)

    def sizeHint(self) -> QSize:
        return QSize(TOUCH, self.heightForWidth(max(self.width(), 200)))

    def minimumSizeHint(self) -> QSize:
        return QSize(TOUCH, self.minimumHeight())


class ElidedLabel(QLabel):
    """One line of text that ends in "…" when it has no room, its whole text then in the
    tooltip. ``text()`` is always the whole text."""

    def __init__(self, text: str = "", parent: QWidget | None = None, objectName: str = "") -> None:
        super().__init__(parent)
        if objectName:
            self.setObjectName(objectName)
        self._whole = ""
        self.setText(text)

    def setText(self, text: str) -> None:
        self._whole = text
        self._elide()
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._whole) + 2
        return QSize(width + margins.left() + margins.right(), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self.sizeHint().width(), 4 * TOUCH), super().minimumSizeHint().height())

    def text(self) -> str:
        return self._whole

    def shown_text(self) -> str:
        return super().text()

    def resizeEvent(self, event: object) -> None:
        self._elide()

    def _elide(self) -> None:
        room = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self._whole, Qt.TextElideMode.ElideRight, room)
        super().setText(shown)
        self.setToolTip("" if shown == self._whole else self._whole)


def show_on_screen(window: QWidget, full_screen: bool) -> None:
    """Full screen when the till's settings ask for it; else maximised on a screen of the
    size the till is laid out for (1024×768 and up). A smaller screen (the test
    platform's 800×800) gets a normal window at the size it was given."""
    available = window.screen().availableGeometry()
    screen = available.size()
    if full_screen:
        window.setGeometry(window.screen().geometry())  # for a session with no window manager
        window.showFullScreen()
    elif screen.width() >= SMALLEST_SCREEN.width() and screen.height() >= SMALLEST_SCREEN.height():
        # Maximising is a request to the window manager; a kiosk session without one would
        # leave the window at its own size, wider than a 1024×768 screen. Fit it first.
        window.setGeometry(available)
        window.showMaximized()
    else:
        window.show()

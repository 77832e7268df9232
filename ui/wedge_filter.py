"""Hears a keyboard-wedge card reader in the application's key presses."""

from __future__ import annotations

import logging
import math
from collections import deque

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.devices import Action, Read, ReaderState, Release
from app.ports import KeyboardWedge

logger = logging.getLogger(__name__)

_MODIFIER_KEYS = {
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_NumLock,
}
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class _ReleasedKey(QKeyEvent):
    """A held key press sent on to its widget; the filter lets it through."""


class WedgeFilter(QObject):
    """Takes card reads out of the key presses on their way to the focused widget.

    Each key press meant for the focused widget is shown to the reader's detector. Keys
    it holds are swallowed; keys it releases are posted again, in order, to the widget
    that had focus when they were typed; a completed burst goes to the reader as one
    read and none of its keys reach a widget. Presses with Ctrl, Alt or Meta, modifier
    keys, auto-repeats and input-method text are not the reader's and pass untouched
    (behind any released keys still on their way, so nothing overtakes them).
    """

    def __init__(self, app: QCoreApplication, reader: KeyboardWedge) -> None:
        super().__init__(app)
        self._app = app
        self._reader = reader
        self._detector = reader.detector
        # One entry per key the detector holds: a copy of the press and its widget.
        self._held: deque[tuple[QWidget, _ReleasedKey]] = deque()
        # Released presses posted but not yet seen arriving, by id.
        self._in_flight: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._flush)
        app.installEventFilter(self)

    def remove(self) -> None:
        """Stop filtering; keys still held go on to their widgets."""
        self._app.removeEventFilter(self)
        self._timer.stop()
        self._apply(self._detector.release_all())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if isinstance(event, _ReleasedKey):
            self._in_flight.discard(id(event))
            return False
        # Skip the window a press reaches first and the parents an ignored press goes on to.
        if not isinstance(watched, QWidget) or watched is not QApplication.focusWidget():
            return False
        if event.key() in _MODIFIER_KEYS:
            return False  # a reader holds Shift for capitals: that must not end a burst
        char = self._reader_char(event)
        if char is None:
            if not self._held and not self._in_flight:
                return False
            self._apply(self._detector.release_all())
            self._post(watched, _ReleasedKey(event))
            return True
        self._held.append((watched, _ReleasedKey(event)))
        self._apply(self._detector.key(char))
        self._schedule_flush()
        return True

    def _reader_char(self, event: QKeyEvent) -> str | None:
        """The character the detector should see, or None for a key that is not the reader's."""
        if self._reader.state is not ReaderState.CONNECTED or event.isAutoRepeat():
            return None
        if event.modifiers() & _COMMAND_MODIFIERS:
            return None
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return "\r"
        text = event.text()
        return text if len(text) == 1 else None

    def _apply(self, actions: list[Action]) -> None:
        for action in actions:
            if isinstance(action, Release):
                for _ in action.chars:
                    self._post(*self._held.popleft())
            elif isinstance(action, Read):
                self._held.clear()
                self._reader.deliver(action.text)

    def _post(self, target: QWidget, press: _ReleasedKey) -> None:
        if not shiboken6.isValid(target):
            logger.debug("dropped a released key: its widget is gone")
            return
        self._in_flight.add(id(press))
        QCoreApplication.postEvent(target, press)

    def _schedule_flush(self) -> None:
        due = self._detector.due_in()
        if due is None:
            self._timer.stop()
        else:
            self._timer.start(max(1, math.ceil(due * 1000)))

    def _flush(self) -> None:
        self._apply(self._detector.flush_due())
        self._schedule_flush()


def install_wedge_filter(app: QCoreApplication, reader: KeyboardWedge) -> WedgeFilter:
    """Start hearing ``reader`` in ``app``'s key presses; ``remove()`` the filter to stop."""
    return WedgeFilter(app, reader)

"""Keyboard-wedge card readers: telling a reader's burst of keys from a person typing."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from hardware.readers.pushed import PushedCardReader
from hardware.readers.state import Translate, as_sent


@dataclass(frozen=True)
class Release:
    """Pass these held keys on to where they were typed, oldest first."""

    chars: str


@dataclass(frozen=True)
class Read:
    """A card was read; ``text`` is the burst without prefix and suffix.

    Every key still held, including the one just fed, belongs to it and is swallowed.
    """

    text: str


Action = Release | Read


class WedgeDetector:
    """Decides, key by key, whether keys come from a person or from a card reader.

    Feed each typed character to ``key``; a key named in no returned action is *held*.
    Every key ends up in exactly one ``Release`` or ``Read``, in the order typed, so a
    person's typing is delayed (by at most about ``gap_ms``) but never lost or reordered.
    A read is a burst of keys, each at most ``gap_ms`` after the one before, made of
    ``prefix``, at least ``min_length`` characters, then ``suffix``. With a prefix, keys
    that do not continue it are released at once.

    Keys that are not characters (arrows, function keys) call for ``release_all``. While
    keys are held, call ``flush_due`` once ``due_in()`` seconds have passed: a burst
    that went quiet before its suffix was typed by a person after all.
    """

    def __init__(
        self,
        prefix: str = "",
        suffix: str = "\r",
        gap_ms: int = 50,
        min_length: int = 6,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not suffix:
            raise ValueError("a wedge reader's suffix must not be empty")
        self.prefix = prefix
        self.suffix = suffix
        self.gap_ms = gap_ms
        self.min_length = min_length
        self._clock = clock
        self._held: list[str] = []
        self._last = 0.0

    @property
    def held(self) -> str:
        return "".join(self._held)

    def key(self, char: str) -> list[Action]:
        """Take one typed character (Enter is ``"\\r"``)."""
        if len(char) != 1:
            raise ValueError(f"one character at a time, not {char!r}")
        now = self._clock()
        actions = self.flush_due(now)
        if not (char.isprintable() or char in self.prefix or char in self.suffix):
            return _merged([*actions, *self.release_all(), Release(char)])
        self._held.append(char)
        self._last = now
        return _merged(actions + self._settle())

    def release_all(self) -> list[Action]:
        held, self._held = self.held, []
        return [Release(held)] if held else []

    def flush_due(self, now: float | None = None) -> list[Action]:
        """Release the held keys if the burst has gone quiet for more than ``gap_ms``."""
        if now is None:
            now = self._clock()
        if self._held and now - self._last > self.gap_ms / 1000:
            return self.release_all()
        return []

    def due_in(self) -> float | None:
        """Seconds until ``flush_due`` could release something; None when nothing is held."""
        if not self._held:
            return None
        return max(0.0, self._last + self.gap_ms / 1000 - self._clock())

    def _settle(self) -> list[Action]:
        text = self.held
        if not text.startswith(self.prefix[: len(text)]):
            # Not the prefix after all; the newest key may start it afresh.
            newest = self._held.pop()
            actions = self.release_all()
            if self.prefix.startswith(newest):
                self._held = [newest]
                return actions
            return [*actions, Release(newest)]
        if len(text) < len(self.prefix) + len(self.suffix) or not text.endswith(self.suffix):
            return []
        self._held = []
        body = text[len(self.prefix) : len(text) - len(self.suffix)]
        return [Read(body)] if len(body) >= self.min_length else [Release(text)]


def _merged(actions: list[Action]) -> list[Action]:
    merged: list[Action] = []
    for action in actions:
        previous = merged[-1] if merged else None
        if isinstance(action, Release) and isinstance(previous, Release):
            merged[-1] = Release(previous.chars + action.chars)
        else:
            merged.append(action)
    return merged


class WedgeCardReader(PushedCardReader):
    """The card reader for ``wedge://``: it types into the till like a keyboard.

    The UI feeds key presses to ``detector`` and hands each read to ``deliver``; reads
    arrive on the GUI thread.
    """

    def __init__(
        self,
        prefix: str = "",
        suffix: str = "\r",
        gap_ms: int = 50,
        min_length: int = 6,
        *,
        clock: Callable[[], float] = time.monotonic,
        translate: Translate = as_sent,
    ) -> None:
        super().__init__(translate)
        self.detector = WedgeDetector(prefix, suffix, gap_ms, min_length, clock)

    def describe(self) -> str:
        return f"keyboard card reader (keys at most {self.detector.gap_ms} ms apart)"

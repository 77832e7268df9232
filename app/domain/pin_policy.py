"""Which new PINs the till accepts: digits only, 4 to 8 of them by default (6 to 8 when the
restaurant asks for longer PINs), and none of the PINs people guess first.

``PinPolicy.problems(pin)`` says every reason a PIN is refused, as ``PinProblem`` members
the set-up, the back office and the CLI turn into words (``describe`` gives the English
sentence); ``check(pin)`` raises ``PinRejected`` with them.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

DIGITS = "0123456789"
MAX_PIN_LENGTH = 8

SETTING = "pin_min_length"
"""The setting that holds the policy: the fewest digits a PIN may have (4 or 6)."""

ALLOWED_MINIMUMS = (4, 6)


class PinProblem(enum.Enum):
    NOT_DIGITS = "not_digits"  # anything but 0-9, including full-width digits
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    ALL_SAME = "all_same"  # 0000, 777777
    SEQUENCE = "sequence"  # 1234, 4321, 345678: each digit one up or one down


class PinRejected(ValueError):
    """A new PIN the policy refuses; ``problems`` says why, in the policy's order."""

    def __init__(self, policy: PinPolicy, problems: tuple[PinProblem, ...]) -> None:
        super().__init__(" ".join(policy.describe(problem) for problem in problems))
        self.policy, self.problems = policy, problems


@dataclass(frozen=True)
class PinPolicy:
    min_length: int = 4
    max_length: int = MAX_PIN_LENGTH

    def __post_init__(self) -> None:
        if self.min_length not in ALLOWED_MINIMUMS:
            raise ValueError(f"a PIN's minimum length is one of {ALLOWED_MINIMUMS}")

    @classmethod
    def from_settings(cls, settings: Mapping[str, str]) -> PinPolicy:
        """The policy a restaurant's settings name; the default when they name none.

        A value that is not an allowed minimum is a ``ValueError`` (a setting the till
        cannot honour must not silently weaken the policy)."""
        raw = settings.get(SETTING, "").strip()
        if not raw:
            return cls()
        if not raw.isdecimal() or int(raw) not in ALLOWED_MINIMUMS:
            raise ValueError(f"the setting {SETTING} is one of {ALLOWED_MINIMUMS}, not {raw!r}")
        return cls(min_length=int(raw))

    def setting(self) -> dict[str, str]:
        """This policy as the setting ``from_settings`` reads back."""
        return {SETTING: str(self.min_length)}

    def problems(self, pin: str) -> tuple[PinProblem, ...]:
        """Every reason ``pin`` is refused; empty when it is accepted."""
        if not pin or any(c not in DIGITS for c in pin):
            return (PinProblem.NOT_DIGITS,)
        found: list[PinProblem] = []
        if len(pin) < self.min_length:
            found.append(PinProblem.TOO_SHORT)
        if len(pin) > self.max_length:
            found.append(PinProblem.TOO_LONG)
        if len(pin) > 1 and len(set(pin)) == 1:
            found.append(PinProblem.ALL_SAME)
        elif _is_sequence(pin):
            found.append(PinProblem.SEQUENCE)
        return tuple(found)

    def check(self, pin: str) -> None:
        """``PinRejected`` unless the policy accepts ``pin``."""
        found = self.problems(pin)
        if found:
            raise PinRejected(self, found)

    def describe(self, problem: PinProblem) -> str:
        """One English sentence for ``problem``, for the CLI and logs."""
        return {
            PinProblem.NOT_DIGITS: "A PIN is digits 0-9 only.",
            PinProblem.TOO_SHORT: f"A PIN has at least {self.min_length} digits.",
            PinProblem.TOO_LONG: f"A PIN has at most {self.max_length} digits.",
            PinProblem.ALL_SAME: "A PIN of one digit repeated is too easy to guess.",
            PinProblem.SEQUENCE: "A PIN of digits in a row (like 1234) is too easy to guess.",
        }[problem]


def _is_sequence(pin: str) -> bool:
    if len(pin) < 3:
        return False
    steps = {int(b) - int(a) for a, b in pairwise(pin)}
    return steps in ({1}, {-1})

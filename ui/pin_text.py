"""Why a new PIN is refused, in the interface language (``app.domain.pin_policy``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.pin_policy import PinPolicy, PinProblem


def pin_problem_text(policy: PinPolicy, problem: PinProblem) -> str:
    translate = QCoreApplication.translate
    if problem is PinProblem.NOT_DIGITS:
        return translate("PinPolicy", "A PIN is digits 0-9 only.")
    if problem is PinProblem.TOO_SHORT:
        text = translate("PinPolicy", "A PIN has at least %1 digits.")
        return text.replace("%1", str(policy.min_length))
    if problem is PinProblem.TOO_LONG:
        text = translate("PinPolicy", "A PIN has at most %1 digits.")
        return text.replace("%1", str(policy.max_length))
    if problem is PinProblem.ALL_SAME:
        return translate("PinPolicy", "A PIN of one digit repeated is too easy to guess.")
    return translate("PinPolicy", "A PIN of digits in a row (like 1234) is too easy to guess.")


def pin_refusal_text(policy: PinPolicy, problems: tuple[PinProblem, ...]) -> str:
    return " ".join(pin_problem_text(policy, problem) for problem in problems)

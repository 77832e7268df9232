"""Why a member lookup at the counter found no one, in the cashier's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services.members import IdentifyProblem


def problem_text(problem: IdentifyProblem | None) -> str:
    translate = QCoreApplication.translate
    if problem is IdentifyProblem.CARD_BLOCKED:
        return translate(
            "CashierWindow",
            "This card is blocked (reported lost). Find the member by phone or name, "
            "then give them a new card with “New card…”.",
        )
    if problem is IdentifyProblem.CARD_UNREADABLE:
        return translate("CashierWindow", "Card not read: swipe it again.")
    if problem is IdentifyProblem.EMPTY:
        return translate("CashierWindow", "Type a phone number, member number or card number.")
    if problem is IdentifyProblem.TOO_SHORT:
        return translate("CashierWindow", "Type at least 4 digits of the phone number.")
    return translate("CashierWindow", "No member found. Check the number, or continue as a guest.")

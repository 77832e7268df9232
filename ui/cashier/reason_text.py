"""Reason codes in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.approvals import ReasonCode


def reason_text(reason: ReasonCode) -> str:
    translate = QCoreApplication.translate
    names = {
        ReasonCode.WRONG_ITEMS: translate("ReasonText", "Wrong items rung up"),
        ReasonCode.GUEST_COMPLAINT: translate("ReasonText", "Guest complaint"),
        ReasonCode.DUPLICATE_CHARGE: translate("ReasonText", "Charged twice"),
        ReasonCode.GUEST_CHANGED_MIND: translate("ReasonText", "Guest changed their mind"),
        ReasonCode.CORRECTION: translate("ReasonText", "Correction of a mistake"),
        ReasonCode.GOODWILL: translate("ReasonText", "Goodwill gesture"),
        ReasonCode.OTHER: translate("ReasonText", "Other (say why in the note)"),
    }
    return names[reason]

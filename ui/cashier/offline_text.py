"""What the counter says, in the cashier's language, when a sale cannot be made on the
local copy (``OfflineRefused``: past the member's offline allowance, or needing the
server)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.money import Currency, format_money
from app.offline.selling import OfflineRefused


def offline_refusal(error: Exception, currency: Currency) -> str | None:
    """One sentence for an offline refusal; ``None`` for any other error."""
    if not isinstance(error, OfflineRefused):
        return None
    translate = QCoreApplication.translate
    if error.reason == "stored_value":
        return translate(
            "Offline",
            "Offline, this member may pay at most %1 from stored value until the server is"
            " back: take the rest in cash or by card.",
        ).replace("%1", format_money(error.room, currency))
    if error.reason == "points":
        return translate(
            "Offline",
            "Offline, this member may redeem at most %1 points until the server is back:"
            " take the order without redeeming.",
        ).replace("%1", f"{error.room:,}")
    if error.reason == "renewal":
        return translate(
            "Offline", "Renewals and upgrades need the server: take them off the order for now."
        )
    if error.reason == "discounts":
        return translate(
            "Offline",
            "Coupons and manual discounts need the server: take them off the order for now.",
        )
    if error.reason == "refund":
        return translate(
            "Offline",
            "Offline, only the orders this till sold since the server went can be refunded:"
            " this one's refund needs the server.",
        )
    if error.reason == "top_up":
        return translate("Offline", "Offline, a top-up is taken in cash only.")
    return translate("Offline", "This needs the server: try again when it is back.")

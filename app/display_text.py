"""What the customer display says, as two 20-column lines (pure; the device folds to ASCII)."""

from __future__ import annotations

from app.domain.members import MemberSummary
from app.domain.money import discount_label_percent

WIDTH = 20
Lines = tuple[str, str]


def amount(minor: int) -> str:
    """``8340`` -> ``83.40``: no currency sign, the display's font has none."""
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(minor), 100)
    return f"{sign}{whole}.{cents:02d}"


def two_sides(left: str, right: str) -> str:
    room = WIDTH - len(right) - 1
    return f"{left[:room]:<{room}} {right}" if room > 0 else right[-WIDTH:]


def item_added(name_en: str, quantity: int, due: int) -> Lines:
    """The line just rung up, and the running total."""
    return (two_sides(name_en, f"x{quantity}"), two_sides("TOTAL", amount(due)))


def member_greeting(member: MemberSummary, current: bool = True) -> Lines:
    """``current``: the tier discount applies today (a lapsed member past any grace gets
    none, and the display must not promise it)."""
    if not current:
        return ("Welcome back!", "Membership ended")
    tier = member.tier
    offer = discount_label_percent(tier.discount_bp) if tier.discount_bp else "member"
    return ("Welcome back!", f"{tier.name_en} {offer}")


def total_due(saved: int, due: int) -> Lines:
    return (f"SAVED {amount(saved)}" if saved else "", two_sides("TOTAL", amount(due)))


def paid(tendered: int, change: int) -> Lines:
    return (two_sides("PAID", amount(tendered)), two_sides("CHANGE", amount(change)))


def idle() -> Lines:
    return ("Welcome", "")

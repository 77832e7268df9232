"""Build the receipt document for a paid order: pure, in the till's language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import resources
from app.domain.menu import Allergen
from app.domain.money import Currency, discount_label_percent, discount_label_zhe, format_money
from app.domain.pricing import DiscountRule, PricedLine
from app.domain.service_type import ServiceType
from app.domain.staff import StaffMember
from app.menu_admin.allergens import mentioned_in
from app.receipt_text import Language, text
from app.services.checkout_types import CompletedOrder
from app.services.refunds import RefundPreview
from hardware.printing.document import ReceiptDocument, ReceiptItem, ReceiptTotal


def build_receipt(
    order: CompletedOrder,
    settings: dict[str, str],
    language: Language,
    currency: Currency,
    offline: bool = False,
) -> ReceiptDocument:
    """The customer's slip. The phone is masked: a full phone number never goes on paper.
    ``offline``: sold on the till's local copy while the server was gone, said discreetly
    beside the till's id."""

    def money(amount: int) -> str:
        return format_money(amount, currency)

    def label(key: str) -> str:
        return text(key, language)

    facts = [
        (label("order"), order.order_no),
        (label("time"), f"{order.created_at:%Y-%m-%d %H:%M}"),
        (label("till"), f"{order.till_id} · {label('offline')}" if offline else order.till_id),
        (label("cashier"), order.cashier.display_name),
    ]
    if order.service_type is ServiceType.DINE_IN:
        facts += [(label("table"), order.table_no), (label("guests"), str(order.party_size))]
    else:
        facts.append((label("service"), label("takeaway")))

    bill = order.bill
    priced = bill.priced
    allergic = mentioned_in(order.member.allergies) if order.member is not None else frozenset()
    items = [
        _with_allergy(_item(line, language, money), line.item.allergens & allergic, language)
        for line in priced.lines
    ]
    if bill.renewal is not None:
        detail = label("renewal_detail").format(date=bill.renewal.new_expiry.isoformat())
        items.append(ReceiptItem(label("renewal"), money(bill.renewal.fee), detail))
    if bill.upgrade is not None:
        tier = bill.upgrade.tier
        name = label("upgrade").format(tier=tier.name_zh if language == "zh" else tier.name_en)
        items.append(ReceiptItem(name, money(bill.upgrade.fee), label("upgrade_detail")))
    if bill.top_up is not None:
        bonus = bill.top_up.bonus
        detail = label("top_up_bonus").format(bonus=money(bonus)) if bonus else ""
        items.append(ReceiptItem(label("top_up"), money(bill.top_up.amount), detail))
    # The subtotal is the dishes' (what discounts apply to): none on a slip without dishes,
    # such as a top-up alone, whose total says what was paid.
    totals = [ReceiptTotal(label("subtotal"), money(priced.subtotal))] if priced.lines else []
    if priced.discount:
        totals.append(ReceiptTotal(label("discount"), money(-priced.discount)))
    for applied in bill.offers.applied:
        offer = applied.candidate.offer
        name = offer.name_zh if language == "zh" else offer.name_en
        totals.append(ReceiptTotal(name, money(-applied.amount)))
    if priced.manual_discount:
        totals.append(ReceiptTotal(label("manual_discount"), money(-priced.manual_discount)))
    if bill.points_redeemed:
        points = label("points_used").format(points=bill.points_redeemed)
        totals.append(ReceiptTotal(f"{label('points')} ({points})", money(-bill.points_value)))
    totals.append(ReceiptTotal(label("total"), money(bill.due), emphasised=True))

    settlement = order.settlement
    payments = [(label(settlement.method.value), money(settlement.tendered))]
    if order.stored_value_split is not None and order.stored_value_split.bonus:
        payments.append((label("of_which_bonus"), money(order.stored_value_split.bonus)))
    if settlement.change:
        payments.append((label("change"), money(settlement.change)))
    if settlement.reference:
        payments.append((label("reference"), settlement.reference))

    member_facts: list[tuple[str, str]] = []
    if order.member is not None:
        member = order.member
        tier_name = member.tier.name_zh if language == "zh" else member.tier.name_en
        member_facts = [
            (label("member"), member.member_no),
            (label("phone"), member.masked_phone),
            (label("tier"), tier_name),
            (label("points_earned"), str(order.points_earned)),
            (label("points_balance"), str(member.points)),
            (label("stored_value_balance"), money(member.stored_value)),
        ]
        if member.expires_on is not None:
            key = "expired" if order.created_at.date() > member.expires_on else "expires"
            member_facts.append((label(key), f"{member.expires_on:%Y-%m-%d}"))

    return ReceiptDocument(
        logo=logo_path(settings.get("receipt_logo", "")),
        extra=_upgrade(order, language) + _renewal_reminder(order, language),
        title=settings.get("restaurant_name", ""),
        header=header_lines(settings),
        facts=tuple(facts),
        items=tuple(items),
        totals=tuple(totals),
        payments=tuple(payments),
        member=tuple(member_facts),
        footer=(settings.get("receipt_footer") or label("thanks"),),
        reference=order.order_no,
    )


RESOURCES = Path(resources.__file__).parent


def header_lines(settings: dict[str, str]) -> tuple[str, ...]:
    """The lines under the restaurant's name: the receipt header, then the tax line."""
    lines = [line for line in settings.get("receipt_header", "").splitlines() if line.strip()]
    tax_line = settings.get("restaurant_tax_line", "").strip()
    return (*lines, tax_line) if tax_line else tuple(lines)


def logo_path(setting: str) -> str:
    """The ``receipt_logo`` setting as a file path: absolute, or shipped in resources/."""
    if not setting:
        return ""
    path = Path(setting)
    return str(path if path.is_absolute() else RESOURCES / path)


RENEWAL_REMINDER_DAYS = 30


def _upgrade(order: CompletedOrder, language: Language) -> tuple[str, ...]:
    tier = order.upgraded_to
    if tier is None:
        return ()
    return (
        text("upgraded", language).format(tier=tier.name_zh if language == "zh" else tier.name_en),
    )


def _renewal_reminder(order: CompletedOrder, language: Language) -> tuple[str, ...]:
    """A line asking the member to renew, from 30 days before expiry on."""
    member = order.member
    if member is None or member.expires_on is None or order.bill.renewal is not None:
        return ()
    today = order.created_at.date()
    if today > member.expires_on:
        key = "renew_lapsed"
    elif (member.expires_on - today).days <= RENEWAL_REMINDER_DAYS:
        key = "renew_soon"
    else:
        return ()
    return (text(key, language).format(date=member.expires_on.isoformat()),)


def _item(line: PricedLine, language: Language, money: Callable[[int], str]) -> ReceiptItem:
    name = line.item.name_zh if language == "zh" else line.item.name_en
    detail = f"{line.quantity} x {money(line.item.unit_price)}"
    if line.discount:
        rate = (
            discount_label_zhe(line.discount_bp)
            if language == "zh"
            else discount_label_percent(line.discount_bp)
        )
        detail += f"  {rate} {money(-line.discount)}"
    elif line.rule is DiscountRule.CATEGORY_EXCLUDED:
        detail += f"  ({text('excluded', language)})"
    return ReceiptItem(name=name, amount=money(line.net), detail=detail)


def _with_allergy(item: ReceiptItem, clash: frozenset[Allergen], language: Language) -> ReceiptItem:
    """The line with the member's allergy under it, for the guest and the kitchen."""
    if not clash:
        return item
    names = "、" if language == "zh" else ", "
    allergens = names.join(text(f"allergen_{a.value}", language) for a in Allergen if a in clash)
    return replace(item, note=text("allergy_note", language).format(allergens=allergens))


def build_refund_slip(
    refund: RefundPreview,
    staff: StaffMember,
    approver: StaffMember,
    at: datetime,
    till_id: str,
    settings: dict[str, str],
    language: Language,
    currency: Currency,
) -> ReceiptDocument:
    """The slip kept with the till's cash: what went back to whom, who approved it."""

    def money(amount: int) -> str:
        return format_money(amount, currency)

    def label(key: str) -> str:
        return text(key, language)

    facts = [
        (label("refund_of"), refund.order_no),
        (label("time"), f"{at:%Y-%m-%d %H:%M}"),
        (label("till"), till_id),
        (label("cashier"), staff.display_name),
        (label("approved_by"), approver.display_name),
    ]
    totals = _refund_totals(refund, label, money)
    member: list[tuple[str, str]] = []
    if refund.member_no:
        member.append((label("member"), refund.member_no))
        if refund.points_back:
            member.append((label("points_change"), f"{refund.points_back:+d}"))
        if refund.stored_value_back.total:
            member.append((label("stored_value_change"), money(refund.stored_value_back.total)))
        if refund.renewal_reverted and refund.restores_expiry is not None:
            member.append((label("expiry_restored"), refund.restores_expiry.isoformat()))
    names = {
        line.position: line.name_zh if language == "zh" else line.name_en for line in refund.lines
    }
    items = tuple(
        ReceiptItem(names[pos], f"×{units}") for pos, units in refund.units if pos in names
    )
    return ReceiptDocument(
        title=settings.get("restaurant_name", ""),
        header=(label("refund_title"),),
        facts=tuple(facts),
        items=items,
        totals=totals,
        member=tuple(member),
        reference=f"R-{refund.order_no}",
    )


def _refund_totals(
    refund: RefundPreview, label: Callable[[str], str], money: Callable[[int], str]
) -> tuple[ReceiptTotal, ...]:
    """What went back: money (and how), and stored value put back on the member's card.

    A stored-value payment comes back as stored value, not as money: its slip says so
    rather than ``退还 ¥0.00``.
    """
    totals: list[ReceiptTotal] = []
    stored = refund.stored_value_back.total
    if refund.money_back or stored <= 0:
        how = f"{label('money_back')} ({label(refund.method.value)})"
        totals.append(ReceiptTotal(how, money(refund.money_back), emphasised=True))
    if stored > 0:
        totals.append(ReceiptTotal(label("stored_value_back"), money(stored), emphasised=True))
    return tuple(totals)

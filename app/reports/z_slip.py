"""The Z report as a slip for the receipt printer: the same figures as the PDF."""

from __future__ import annotations

from datetime import datetime

from app.domain.money import Currency, format_money
from app.exports.model import Language
from app.reports.eod import ZFigures, ledger_lines, method_lines, subtitle, summary_lines
from app.reports.text import maybe_text, text
from hardware.printing.document import ReceiptDocument, ReceiptItem, ReceiptTotal


def build_z_slip(
    figures: ZFigures,
    settings: dict[str, str],
    language: Language,
    currency: Currency,
    printed_at: datetime,
    printed_by: str,
) -> ReceiptDocument:
    def t(key: str) -> str:
        return text(key, language)

    def money(amount: int) -> str:
        return format_money(amount, currency)

    def heading(key: str) -> ReceiptItem:
        return ReceiptItem(f"【{t(key)}】", "")

    facts = (
        (t("till"), figures.till or t("all_tills")),
        (t("day"), figures.day.isoformat()),
        (t("z_generated"), f"{printed_at:%Y-%m-%d %H:%M}"),
        (t("staff"), printed_by),
    )
    totals = []
    for label, count, amount in summary_lines(figures, language):
        if amount is None:
            totals.append(ReceiptTotal(label, str(count)))
            continue
        named = f"{label} ({count})" if count else label
        totals.append(ReceiptTotal(named, money(amount), emphasised=label == t("net_taken")))
    payments = tuple(
        (f"{maybe_text(method, language)} ({count})", money(taken - back))
        for method, count, taken, back in method_lines(figures)
    )
    ledger = tuple(
        (label, money(value) if section == t("stored_value_section") else f"{value:,}")
        for section, label, value in ledger_lines(figures, language)
    )
    items: list[ReceiptItem] = [heading("by_tier")]
    for line in figures.by_tier:
        name = (line.tier_zh if language == "zh" else line.tier_en) or t("non_member")
        detail = (
            f"{t('offer_discount')} {money(-line.offer_discount)}  "
            f"{t('manual_discount')} {money(-line.manual_discount)}"
        )
        items.append(ReceiptItem(f"{name} ({line.orders})", money(-line.tier_discount), detail))
    if figures.renewals:
        items.append(heading("renewals_section"))
    for renewal in figures.renewals:
        kind = maybe_text(f"kind_{renewal.kind}", language, renewal.kind)
        detail = f"{renewal.member_no} {kind} → {renewal.new_expiry.isoformat()}"
        if renewal.refunded:
            detail += t("later_refunded")
        items.append(ReceiptItem(renewal.order_no, money(renewal.fee), detail))
    if figures.refunds:
        items.append(heading("refunds_section"))
    for refund in figures.refunds:
        detail = (
            f"{refund.at:%H:%M} {maybe_text(refund.method, language)} "
            f"{maybe_text(f'reason_{refund.reason}', language, refund.reason)} · "
            f"{refund.staff} · {t('approver')} {refund.approver}"
        )
        items.append(ReceiptItem(refund.order_no, money(-refund.amount), detail))
    if figures.voids:
        items.append(heading("voids_section"))
    for void in figures.voids:
        subject = void.subject.replace("guest", t("guest"))
        items.append(ReceiptItem(f"{void.at:%H:%M} {void.staff}", "", subject))
    return ReceiptDocument(
        title=t("eod_title"),
        header=tuple(
            h for h in (settings.get("restaurant_name", ""), subtitle(figures, language)) if h
        ),
        facts=facts,
        items=tuple(items),
        totals=tuple(totals),
        payments=payments,
        member=ledger,
        extra=(t("liability_note"),),
        reference=f"Z-{figures.till or 'ALL'}-{figures.day:%Y%m%d}",
    )

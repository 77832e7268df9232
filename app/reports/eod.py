"""The end-of-day (Z) report: one till's (or every till's) business day, in sections.

The figures are read once (``z_figures``) and then shown as tables (PDF, CSV, the
manager's preview) or as a slip for the receipt printer (``app.reports.z_slip``), so
paper and file always agree. Reconciles: what the tenders took (every payment but
points) equals the orders' ``due``; less the refunds, that is the net taken.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session

from app.domain.business_day import day_window
from app.exports import Cell, Column, ColumnKind, Table
from app.exports.model import Language
from app.reports.model import (
    ALL_TILLS,
    ParamKind,
    ParamValue,
    ReportContext,
    ReportParam,
    ReportSpec,
    as_date,
)
from app.reports.scope import REGION, STORE, scope_line, scope_names, store_ids
from app.reports.text import maybe_text, text
from db.reports import eod as store


@dataclass(frozen=True)
class ZFigures:
    till: str | None
    day: date
    totals: store.OrderTotals
    by_tier: tuple[store.TierLine, ...]
    payments: tuple[store.MethodLine, ...]
    refunds_by_method: tuple[store.MethodLine, ...]
    ledger: store.LedgerFigures
    renewals: tuple[store.RenewalLine, ...]
    voids: tuple[store.VoidLine, ...]
    refunds: tuple[store.RefundLine, ...]
    store_name: str = ""
    region: str = ""
    """The store or region the figures cover (``app.reports.scope.scope_names``); both
    empty: the whole chain."""

    @property
    def refunded(self) -> int:
        return sum(line.amount for line in self.refunds_by_method)

    @property
    def tendered(self) -> int:
        """What the tenders took: every payment line except points (not a tender)."""
        return sum(line.amount for line in self.payments if line.method != "points")


def z_figures(
    session: Session,
    till: str | None,
    day: date,
    cutoff_hour: int = 0,
    stores: tuple[int, ...] | None = None,
) -> ZFigures:
    """Refunds, voids and ledger entries count from ``day``'s cut-off to the next one;
    ``stores`` narrows to those stores (``None``: the whole chain)."""
    start, end = day_window(day, cutoff_hour)
    scope = store.DayScope(till, day, start, end, stores)
    return ZFigures(
        till,
        day,
        store.order_totals(session, scope),
        tuple(store.discounts_by_tier(session, scope)),
        tuple(store.payments_by_method(session, scope)),
        tuple(store.refunds_by_method(session, scope)),
        store.ledger_figures(session, scope),
        tuple(store.renewals(session, scope)),
        tuple(store.voids(session, scope)),
        tuple(store.refunds(session, scope)),
    )


def till_of(values: Mapping[str, ParamValue]) -> str | None:
    till = str(values["till"]).strip()
    return None if till.lower() in (ALL_TILLS, "*", "") else till


def subtitle(figures: ZFigures, language: Language) -> str:
    till = figures.till or text("all_tills", language)
    where = scope_line(figures.store_name, figures.region, language)
    day = f"{text('day', language)} {figures.day.isoformat()}"
    return f"{where} · {text('till', language)} {till} · {day}"


def summary_lines(
    figures: ZFigures, language: Language
) -> list[tuple[str, int | None, int | None]]:
    """(label, count, amount in fen): the sales summary, top to bottom (``None``: blank)."""
    t, z = figures.totals, figures
    return [
        (text("orders", language), t.orders, None),
        (text("guests", language), t.guests, None),
        (text("subtotal", language), None, t.subtotal),
        (text("tier_discount", language), None, -t.tier_discount),
        (text("offer_discount", language), None, -t.offer_discount),
        (text("manual_discount", language), None, -t.manual_discount),
        (text("net_sales", language), None, t.total),
        (text("points_value", language), None, -t.points_value),
        (text("renewals", language), t.renewals, t.renewal),
        (text("upgrades", language), t.upgrades, t.upgrade),
        (text("top_ups", language), t.top_ups, t.top_up),
        (text("due", language), None, t.due),
        (text("refunds", language), len(z.refunds), -z.refunded),
        (text("net_taken", language), None, t.due - z.refunded),
    ]


def method_lines(figures: ZFigures) -> list[tuple[str, int, int, int]]:
    """(method, payments, taken, refunded) for every tender seen today.

    Points are left out: they are not a tender (the summary shows their value), so
    the nets here add up to the summary's net taken."""
    taken = {line.method: line for line in figures.payments if line.method != "points"}
    back = {line.method: line.amount for line in figures.refunds_by_method}
    return [
        (
            m,
            taken[m].count if m in taken else 0,
            taken[m].amount if m in taken else 0,
            back.get(m, 0),
        )
        for m in sorted(set(taken) | set(back))
    ]


def ledger_lines(figures: ZFigures, language: Language) -> list[tuple[str, str, int]]:
    """(section, label, value): stored value in fen, points as a count."""
    ledger, t = figures.ledger, figures.totals
    sv, pts = text("stored_value_section", language), text("points_section", language)
    return [
        (sv, text("top_ups", language), t.top_up),
        (sv, text("top_up_bonus", language), ledger.top_up_bonus),
        (sv, text("liability_principal", language), ledger.principal_liability),
        (sv, text("liability_bonus", language), ledger.bonus_liability),
        (pts, text("points_issued", language), ledger.points_issued),
        (pts, text("points_redeemed", language), ledger.points_redeemed),
        (pts, text("points_reversed", language), ledger.points_reversed),
    ]


def z_tables(figures: ZFigures, language: Language) -> list[Table]:
    def t(key: str) -> str:
        return text(key, language)

    def table(key: str, columns: Sequence[Column], rows: Sequence[Sequence[Cell]]) -> Table:
        return Table(t(key), columns, rows, expected_rows=len(rows), language=language)

    item, amount = (
        Column("item", t("item"), width=3),
        Column("amount", t("amount"), ColumnKind.MONEY),
    )
    count = Column("count", t("count"), ColumnKind.INTEGER)
    sv_lines = [(label, value) for _s, label, value in ledger_lines(figures, language)]
    return [
        replace(
            table("summary", (item, count, amount), summary_lines(figures, language)),
            subtitle=subtitle(figures, language),  # the store or scope, on the PDF too
        ),
        table(
            "by_tier",
            (
                Column("tier", t("tier"), width=2),
                Column("orders", t("orders"), ColumnKind.INTEGER),
                Column("subtotal", t("subtotal"), ColumnKind.MONEY),
                Column("tier_discount", t("tier_discount"), ColumnKind.MONEY),
                Column("offers", t("offer_discount"), ColumnKind.MONEY),
                Column("manual", t("manual_discount"), ColumnKind.MONEY),
            ),
            [
                (
                    (line.tier_zh if language == "zh" else line.tier_en) or t("non_member"),
                    line.orders,
                    line.subtotal,
                    line.tier_discount,
                    line.offer_discount,
                    line.manual_discount,
                )
                for line in figures.by_tier
            ],
        ),
        table(
            "payments",
            (
                Column("method", t("method"), width=2),
                count,
                Column("taken", t("taken"), ColumnKind.MONEY),
                Column("refunded", t("refunded"), ColumnKind.MONEY),
                Column("net", t("net"), ColumnKind.MONEY),
            ),
            [(maybe_text(m, language), n, a, -r, a - r) for m, n, a, r in method_lines(figures)],
        ),
        replace(
            table(
                "stored_value_section",
                (item, Column("value", t("amount"), ColumnKind.MONEY)),
                sv_lines[:4],
            ),
            subtitle=t("liability_note"),
        ),
        table(
            "points_section",
            (item, Column("points", t("points_section"), ColumnKind.INTEGER)),
            sv_lines[4:],
        ),
        table(
            "renewals_section",
            (
                Column("order", t("order_no"), width=2),
                Column("member", t("member_no"), width=1.3),
                Column("kind", t("kind"), width=1.3),
                Column("offer", t("offer"), width=1.3),
                Column("fee", t("fee"), ColumnKind.MONEY),
                Column("expiry", t("new_expiry"), ColumnKind.DATE),
            ),
            [
                (
                    r.order_no + (t("later_refunded") if r.refunded else ""),
                    r.member_no,
                    maybe_text(f"kind_{r.kind}", language, r.kind),
                    r.offer_code,
                    r.fee,
                    r.new_expiry,
                )
                for r in figures.renewals
            ],
        ),
        table(
            "voids_section",
            (
                Column("at", t("time"), ColumnKind.DATETIME),
                Column("staff", t("staff")),
                Column("subject", t("subject")),
            ),
            [(v.at, v.staff, v.subject.replace("guest", t("guest"))) for v in figures.voids],
        ),
        table(
            "refunds_section",
            (
                Column("at", t("time"), ColumnKind.DATETIME),
                Column("order", t("order_no"), width=2),
                Column("method", t("method"), width=1),
                Column("amount", t("amount"), ColumnKind.MONEY),
                Column("reason", t("reason"), width=1.5),
                Column("staff", t("staff"), width=1),
                Column("approver", t("approver"), width=1),
            ),
            [
                (
                    r.at,
                    r.order_no,
                    maybe_text(r.method, language),
                    r.amount,
                    maybe_text(f"reason_{r.reason}", language, r.reason),
                    r.staff,
                    r.approver,
                )
                for r in figures.refunds
            ],
        ),
    ]


def build(
    session: Session, values: Mapping[str, ParamValue], context: ReportContext
) -> Sequence[Table]:
    day, stores = as_date(values["day"]), store_ids(session, values)
    figures = z_figures(session, till_of(values), day, context.cutoff_hour, stores)
    store_name, region = scope_names(session, values)
    return z_tables(replace(figures, store_name=store_name, region=region), context.language)


PARAMS = (
    ReportParam("day", text("day", "zh"), text("day", "en"), ParamKind.DATE, lambda c: c.today),
    ReportParam(
        "till",
        text("till", "zh"),
        text("till", "en"),
        ParamKind.TEXT,
        lambda c: c.till_id or ALL_TILLS,
    ),
    STORE,
    REGION,
)

EOD = ReportSpec(
    name="eod",
    title_zh=text("eod_title", "zh"),
    title_en=text("eod_title", "en"),
    params=PARAMS,
    build=build,
    printable=True,
)

"""The KPI report: the floor manager's figures per day, week or month of a date range.

``kpi_figures`` reads the counts once (``db.reports.kpi``) and adds them up per period
(``app.domain.kpi``); the tables (PDF, CSV, the Reports tab) and the KPI tab's charts
both show those figures, so file and screen agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.domain import kpi as domain
from app.domain.kpi import KpiRow, Period, PeriodKind, StaffLine
from app.domain.store_scope import target_setting
from app.exports import Cell, Column, ColumnKind, Table
from app.exports.model import Language
from app.reports.eod import till_of
from app.reports.model import (
    ALL_TILLS,
    ParamKind,
    ParamValue,
    ReportContext,
    ReportParam,
    ReportParamError,
    ReportSpec,
    as_date,
    fixed_param,
)
from app.reports.scope import REGION, STORE, scope_in, store_ids
from app.reports.text import text
from db import queries
from db import stores as store_rows
from db.reports import kpi as store


@dataclass(frozen=True)
class TierTitle:
    tier_id: int
    name_zh: str
    name_en: str

    def name(self, language: Language) -> str:
        return self.name_zh if language == "zh" else self.name_en


@dataclass(frozen=True)
class StaffFigure:
    name: str
    """The staff member's name; empty for sign-ups nobody is named for."""
    line: StaffLine


@dataclass(frozen=True)
class KpiFigures:
    first: date
    last: date
    kind: PeriodKind
    till: str | None
    target: int
    """Sign-ups per staff member per working day, in hundredths."""
    tiers: tuple[TierTitle, ...]
    rows: tuple[KpiRow, ...]
    staff: tuple[StaffFigure, ...]


def kpi_figures(session: Session, values: Mapping[str, ParamValue]) -> KpiFigures:
    first, last = as_date(values["from"]), as_date(values["to"])
    kind = PeriodKind(str(values["period"]))
    try:
        spans = domain.periods(first, last, kind)
    except ValueError as exc:
        raise ReportParamError(f"--from/--to: {exc}") from exc
    scope = store.KpiScope(first, last, till_of(values), store_ids(session, values))
    counts = store.membership_counts(session, scope)
    tiers = tuple(TierTitle(t.tier_id, t.name_zh, t.name_en) for t in store.tiers(session))
    staff_days = domain.staff_days(store.worked_days(session, scope), store.signups(session, scope))
    inputs = domain.KpiInputs(
        membership=domain.Membership(
            domain.Cumulative(counts.joined),
            domain.Cumulative(counts.expires),
            tuple(domain.Renewals(*row) for row in store.renewals(session, scope)),
        ),
        orders=tuple(domain.OrderDay(*row) for row in store.order_days(session, scope)),
        staff_days=staff_days,
        complaints=tuple(domain.Complaints(*row) for row in store.complaints(session, scope)),
        scores=tuple(store.scores(session, scope)),
        tier_ids=tuple(t.tier_id for t in tiers),
    )
    target = domain.signup_target(
        target_setting(queries.settings(session), scope_in(values), store_rows.stores(session))
    )
    names = store.staff_names(session)
    staff = tuple(
        StaffFigure(names.get(line.staff_id, "") if line.staff_id is not None else "", line)
        for line in domain.staff_lines(staff_days, target)
    )
    rows = domain.kpi_rows(spans, inputs)
    return KpiFigures(first, last, kind, scope.till, target, tiers, rows, staff)


def period_label(period: Period, kind: PeriodKind) -> str:
    """``2026-11-22``, ``2026-11-16~11-22`` (a week, cut to the range) or ``2026-11``."""
    if kind is PeriodKind.DAY or period.start == period.end:
        return period.start.isoformat()
    whole_month = period.start.day == 1 and (period.end + domain.ONE_DAY).day == 1
    if kind is PeriodKind.MONTH and whole_month:
        return period.start.strftime("%Y-%m")
    return f"{period.start.isoformat()}~{period.end.strftime('%m-%d')}"


def kpi_tables(figures: KpiFigures, language: Language) -> list[Table]:
    def t(key: str) -> str:
        return text(key, language)

    def col(key: str, kind: ColumnKind = ColumnKind.INTEGER) -> Column:
        # Rates and ratios are text ("83.33%"): as narrow as the numbers beside them.
        return Column(key, t(key), kind, 0.9 if kind is ColumnKind.TEXT else 0.0)

    def table(key: str, columns: Sequence[Column], rows: Sequence[Sequence[Cell]]) -> Table:
        return Table(t(key), columns, rows, expected_rows=len(rows), language=language)

    pct, num = domain.percent_text, domain.hundredths_text
    label = [period_label(row.period, figures.kind) for row in figures.rows]
    period = Column("period", t("period"), width=1.6)
    tier_columns = [
        Column(f"tier_{tier.tier_id}", tier.name(language), ColumnKind.MONEY)
        for tier in figures.tiers
    ]
    target = num(figures.target)
    return [
        table(
            "kpi_membership",
            (
                period,
                col("active_members"),
                col("signups"),
                col("staff_days"),
                col("per_staff_day", ColumnKind.TEXT),
                col("renewals_sold"),
                col("renewals_due"),
                col("renewed_of_due"),
                col("renewal_rate", ColumnKind.TEXT),
                col("active_at_start"),
                col("lapsed_count"),
                col("retention", ColumnKind.TEXT),
                col("churn", ColumnKind.TEXT),
            ),
            [
                (
                    label[i],
                    r.active_end,
                    r.signups,
                    r.staff_days,
                    num(r.signups_per_staff_day),
                    r.renewals_sold,
                    r.renewals_due,
                    r.renewed_of_due,
                    pct(r.renewal_rate_bp),
                    r.active_start,
                    r.lapsed,
                    pct(r.retention_bp),
                    pct(r.churn_bp),
                )
                for i, r in enumerate(figures.rows)
            ],
        ),
        table(
            "kpi_sales",
            (
                period,
                col("member_visits"),
                col("guest_visits"),
                col("member_avg_spend", ColumnKind.MONEY),
                col("guest_avg_spend", ColumnKind.MONEY),
                *tier_columns,
                col("tier_discount", ColumnKind.MONEY),
            ),
            [
                (
                    label[i],
                    r.member_visits,
                    r.guest_visits,
                    r.member_avg_spend,
                    r.guest_avg_spend,
                    *r.tier_discounts,
                    r.tier_discount_total,
                )
                for i, r in enumerate(figures.rows)
            ],
        ),
        table(
            "kpi_service",
            (
                period,
                col("complaints"),
                col("overdue"),
                col("feedback_count"),
                col("satisfaction", ColumnKind.TEXT),
            ),
            [
                (label[i], r.complaints, r.overdue, r.feedback, num(r.satisfaction))
                for i, r in enumerate(figures.rows)
            ],
        ),
        table(
            "kpi_staff",
            (
                Column("staff", t("staff"), width=1.5),
                col("signups"),
                col("days_worked"),
                col("per_staff_day", ColumnKind.TEXT),
                col("target", ColumnKind.TEXT),
                col("of_target", ColumnKind.TEXT),
            ),
            [
                (
                    s.name or t("not_named"),
                    s.line.signups,
                    s.line.days,
                    num(s.line.per_day) if s.line.staff_id is not None else "",
                    target if s.line.staff_id is not None else "",
                    pct(s.line.of_target_bp) if s.line.staff_id is not None else "",
                )
                for s in figures.staff
            ],
        ),
    ]


def build(
    session: Session, values: Mapping[str, ParamValue], context: ReportContext
) -> Sequence[Table]:
    return kpi_tables(kpi_figures(session, values), context.language)


PARAMS = (
    ReportParam(
        "from",
        text("from", "zh"),
        text("from", "en"),
        ParamKind.DATE,
        lambda c: domain.default_range(c.today)[0],
    ),
    ReportParam("to", text("to", "zh"), text("to", "en"), ParamKind.DATE, lambda c: c.today),
    fixed_param(
        "period",
        ParamKind.CHOICE,
        PeriodKind.WEEK.value,
        choices=tuple(kind.value for kind in PeriodKind),
    ),
    fixed_param("till", ParamKind.TEXT, ALL_TILLS),
    STORE,
    REGION,
)

KPI = ReportSpec(
    name="kpi",
    title_zh=text("kpi_title", "zh"),
    title_en=text("kpi_title", "en"),
    params=PARAMS,
    build=build,
)

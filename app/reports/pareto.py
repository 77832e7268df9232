"""The Pareto view: how much of the members' revenue the top 20% of members bring, the
concentration by decile, and members' against guests' revenue.

The population is the members who bought in the window (revenue as
``db.reports.pareto`` counts it). "The top 20%" is the ``ceil(n / 5)`` highest-spending
members: at least one, so a handful of members still has a top; with 3 members it is
the best one. It is exactly deciles 1 and 2 (``decile_of``), so the headline and the
decile table's cumulative share at decile 2 always agree. Shares are basis points of
the members' revenue, rounded half-up; cumulative shares are taken from cumulative
revenue (never by adding rounded shares), so the last one is 100.0%.

``pareto_figures`` gives the figures as numbers (``ParetoFigures``: counts, minor units,
basis points); the report's tables format them (``tables``) and the Reports tab's chart
plots the same figures (``ReportService.pareto``), so nothing reads display text back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.domain.behaviour import divide_half_up
from app.domain.rfm import window
from app.exports import Cell, Column, ColumnKind, Table
from app.reports.model import (
    ParamKind,
    ParamValue,
    ReportContext,
    ReportParam,
    ReportParamError,
    ReportSpec,
    as_date,
    listed_table,
)
from app.reports.text import text
from db.reports import pareto as store

DECILES = tuple(range(1, 11))
TOP_DECILES = 2
"""Deciles 1 and 2: the top 20%."""


def decile_of(rank: int, members: int) -> int:
    """The decile (1..10) of the member ranked ``rank`` (1 = highest) of ``members``."""
    return 10 * (rank - 1) // members + 1


@dataclass(frozen=True)
class DecileLine:
    decile: int
    members: int
    revenue: int
    share_bp: int
    cumulative_bp: int


@dataclass(frozen=True)
class Concentration:
    members: int
    revenue: int
    top_members: int
    top_revenue: int
    deciles: tuple[DecileLine, ...]

    @property
    def top_share_bp(self) -> int:
        return share_bp(self.top_revenue, self.revenue)

    @property
    def rest_members(self) -> int:
        """The other 80%: everyone below the top."""
        return self.members - self.top_members

    @property
    def rest_revenue(self) -> int:
        return self.revenue - self.top_revenue

    @property
    def rest_share_bp(self) -> int:
        return share_bp(self.rest_revenue, self.revenue)

    @property
    def whole_share_bp(self) -> int:
        """All members' share of their own revenue: 100% when there is any."""
        return 10_000 if self.revenue > 0 else 0


@dataclass(frozen=True)
class SplitLine:
    """Members' (``member``) or non-members' orders in the window."""

    member: bool
    orders: int
    revenue: int
    share_bp: int
    """Of members' and non-members' revenue together."""
    per_order: int
    """Revenue per order in minor units, half-up; 0 without orders."""


@dataclass(frozen=True)
class ParetoFigures:
    """The Pareto view as numbers, for the tables and the chart alike."""

    first: date
    last: date
    concentration: Concentration
    split: tuple[SplitLine, SplitLine]
    """Members, then non-members."""


def share_bp(part: int, whole: int) -> int:
    """``part`` as basis points of ``whole``, rounded half-up; 0 when ``whole`` <= 0."""
    return divide_half_up(10_000 * part, whole) if whole > 0 else 0


def concentration(rows: Sequence[tuple[int, int, int]]) -> Concentration:
    """All ten deciles from ``(decile, members, revenue)`` rows (missing ones empty)."""
    found = {decile: (members, revenue) for decile, members, revenue in rows}
    total = sum(revenue for _members, revenue in found.values())
    lines, running = [], 0
    for decile in DECILES:
        members, revenue = found.get(decile, (0, 0))
        running += revenue
        lines.append(
            DecileLine(decile, members, revenue, share_bp(revenue, total), share_bp(running, total))
        )
    top = lines[:TOP_DECILES]
    return Concentration(
        members=sum(line.members for line in lines),
        revenue=total,
        top_members=sum(line.members for line in top),
        top_revenue=sum(line.revenue for line in top),
        deciles=tuple(lines),
    )


def concentration_of(revenues: Sequence[int]) -> Concentration:
    """The same figures from each member's revenue, ranked here (the definition the
    database's ranking must agree with)."""
    ranked = sorted(revenues, reverse=True)
    totals: dict[int, tuple[int, int]] = {}
    for rank, revenue in enumerate(ranked, start=1):
        members, sum_ = totals.get(decile_of(rank, len(ranked)), (0, 0))
        totals[decile_of(rank, len(ranked))] = (members + 1, sum_ + revenue)
    return concentration([(d, m, r) for d, (m, r) in totals.items()])


def percent(bp: int) -> str:
    """Basis points as a percentage with one decimal, half-up: ``6253`` -> ``62.5%``."""
    tenths = divide_half_up(bp, 10)
    return f"{tenths // 10}.{tenths % 10}%"


def _date_param(name: str, pick: int) -> ReportParam:
    return ReportParam(
        name,
        text(f"pareto_{name}", "zh"),
        text(f"pareto_{name}", "en"),
        ParamKind.DATE,
        lambda context: window(context.today)[pick],
    )


PARAMS = (_date_param("from", 0), _date_param("to", 1))


def pareto_figures(session: Session, values: Mapping[str, ParamValue]) -> ParetoFigures:
    """The figures for the window ``values`` name (``from``, ``to``)."""
    first, last = as_date(values["from"]), as_date(values["to"])
    if first > last:
        raise ReportParamError(f"--from {first} is after --to {last}")
    figures = concentration(
        [(r.decile, r.members, r.revenue) for r in store.deciles(session, first, last)]
    )
    return ParetoFigures(
        first, last, figures, split_lines(store.member_split(session, first, last))
    )


def split_lines(split: Sequence[store.SplitRow]) -> tuple[SplitLine, SplitLine]:
    """Members' and non-members' lines (an absent side: zeros), shares of their sum."""
    found = {row.member: row for row in split}
    whole = sum(row.revenue for row in split)

    def line(member: bool) -> SplitLine:
        row = found.get(member, store.SplitRow(member, 0, 0))
        return SplitLine(
            member,
            row.orders,
            row.revenue,
            share_bp(row.revenue, whole),
            divide_half_up(row.revenue, row.orders),
        )

    return line(True), line(False)


def build(
    session: Session, values: Mapping[str, ParamValue], context: ReportContext
) -> Sequence[Table]:
    return tables(pareto_figures(session, values), context)


def tables(pareto: ParetoFigures, context: ReportContext) -> tuple[Table, ...]:
    """The three tables, every cell formatted from ``pareto``."""
    figures = pareto.concentration
    language = context.language

    def t(key: str) -> str:
        return text(key, language)

    def table(key: str, columns: Sequence[Column], rows: list[Sequence[Cell]]) -> Table:
        return listed_table(t(key), columns, rows, context)

    members = Column("members", t("pareto_members"), ColumnKind.INTEGER)
    revenue = Column("revenue", t("pareto_revenue"), ColumnKind.MONEY)
    share = Column("share", t("pareto_share"), ColumnKind.TEXT, width=0.8)
    return (
        table(
            "pareto_top_title",
            (Column("group", t("pareto_group"), width=2.0), members, revenue, share),
            [
                (
                    t("pareto_top20"),
                    figures.top_members,
                    figures.top_revenue,
                    percent(figures.top_share_bp),
                ),
                (
                    t("pareto_rest80"),
                    figures.rest_members,
                    figures.rest_revenue,
                    percent(figures.rest_share_bp),
                ),
                (
                    t("pareto_all_buyers"),
                    figures.members,
                    figures.revenue,
                    percent(figures.whole_share_bp),
                ),
            ],
        ),
        table(
            "pareto_deciles_title",
            (
                Column("decile", t("pareto_decile"), ColumnKind.INTEGER),
                members,
                revenue,
                share,
                Column("cumulative", t("pareto_cumulative"), ColumnKind.TEXT, width=0.8),
            ),
            [
                (d.decile, d.members, d.revenue, percent(d.share_bp), percent(d.cumulative_bp))
                for d in figures.deciles
            ],
        ),
        table(
            "pareto_split_title",
            (
                Column("kind", t("pareto_kind"), width=1.5),
                Column("orders", t("orders"), ColumnKind.INTEGER),
                revenue,
                share,
                Column("per_order", t("pareto_per_order"), ColumnKind.MONEY),
            ),
            [
                (
                    t("pareto_members_kind" if line.member else "non_member"),
                    line.orders,
                    line.revenue,
                    percent(line.share_bp),
                    line.per_order,
                )
                for line in pareto.split
            ],
        ),
    )


PARETO = ReportSpec(
    name="pareto",
    title_zh=text("pareto_title", "zh"),
    title_en=text("pareto_title", "en"),
    params=PARAMS,
    build=build,
)

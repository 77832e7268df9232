"""The member value report: spend, visits, tenure and the lifetime-value estimate of
``app.domain.member_value``, per segment or tier, and the members worth the most.

By segment, members who declined automated decisions form one row and are never ranked
by name (ranking members by value is profiling); by tier, every member counts in their
tier. The members table lists the ``top`` members by value (ties: more spend, then the
lower member id), with the phone masked.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.domain.behaviour import divide_half_up
from app.domain.member_value import DAYS_A_YEAR, HORIZON_YEARS, MemberValue, value_of
from app.domain.phone import mask_phone
from app.domain.rfm import Segment
from app.exports import Cell, Column, ColumnKind, Table
from app.reports.dishes import segment_text
from app.reports.model import (
    ParamKind,
    ParamValue,
    ReportContext,
    ReportParam,
    ReportSpec,
    as_date,
    as_int,
    fixed_param,
    listed_table,
)
from app.reports.pareto import percent, share_bp
from app.reports.text import text
from db.reports import dishes as dish_store
from db.reports import member_value as store

BY_SEGMENT, BY_TIER = "segment", "tier"
NOT_PROFILED = "not_profiled"

PARAMS = (
    ReportParam(
        "as_of", text("as_of", "zh"), text("as_of", "en"), ParamKind.DATE, lambda c: c.today
    ),
    fixed_param("by", ParamKind.CHOICE, BY_SEGMENT, "dish_by", choices=(BY_SEGMENT, BY_TIER)),
    fixed_param("top", ParamKind.INTEGER, 100, "value_top", minimum=1),
)


@dataclass
class GroupTotals:
    members: int = 0
    visits: int = 0
    spend: int = 0
    tenure_days: int = 0
    pace: int = 0
    value: int = 0

    def add(self, visits: int, spend: int, value: MemberValue) -> None:
        self.members += 1
        self.visits += visits
        self.spend += spend
        self.tenure_days += value.tenure_days
        self.pace += value.pace
        self.value += value.lifetime_value


Ranked = tuple[store.ValueRow, MemberValue]


def group_totals(
    rows: Iterable[store.ValueRow], by: str, today: date, top: int
) -> tuple[dict[str, GroupTotals], list[Ranked]]:
    """Totals per group and the ``top`` profiled members by value (best first), in one
    pass over ``rows``."""
    groups: dict[str, GroupTotals] = {}

    def profiled() -> Iterator[Ranked]:
        for row in rows:
            value = value_of(row.spend, row.joined_on, row.last_visit_on, today)
            if by == BY_TIER:
                group = str(row.tier_id)
            else:
                group = (row.segment or "none") if row.profiled else NOT_PROFILED
            groups.setdefault(group, GroupTotals()).add(row.visits, row.spend, value)
            if row.profiled:
                yield row, value

    best = heapq.nlargest(top, profiled(), key=lambda r: (r[1].lifetime_value, r[0].spend))
    return groups, best


def build(
    session: Session, values: Mapping[str, ParamValue], context: ReportContext
) -> Sequence[Table]:
    today, by, top = as_date(values["as_of"]), str(values["by"]), as_int(values["top"])
    language = context.language
    groups, best = group_totals(store.value_rows(session), by, today, top)
    tiers = {
        str(tier_id): (en or zh if language == "en" else zh)
        for tier_id, zh, en in dish_store.tier_names(session)
    }
    order = list(tiers) if by == BY_TIER else [s.value for s in Segment] + ["none", NOT_PROFILED]
    whole = sum(group.value for group in groups.values())

    def t(key: str) -> str:
        return text(key, language)

    def name(group: str) -> str:
        return tiers.get(group, group) if by == BY_TIER else segment_text(group, language)

    def average(total: int, members: int) -> int:
        return divide_half_up(total, members)

    def tenths(total: int, members: int) -> str:
        value = divide_half_up(10 * total, members)
        return f"{value // 10}.{value % 10}"

    group_rows: list[Sequence[Cell]] = [
        (
            name(key),
            g.members,
            tenths(g.visits, g.members),
            average(g.spend, g.members),
            tenths(g.tenure_days, g.members * DAYS_A_YEAR),
            average(g.pace, g.members),
            average(g.value, g.members),
            g.value,
            percent(share_bp(g.value, whole)),
        )
        for key, g in sorted(
            groups.items(),
            key=lambda item: (order.index(item[0]) if item[0] in order else len(order), item[0]),
        )
    ]
    member_rows: list[Sequence[Cell]] = [
        (
            row.member_no,
            row.name,
            mask_phone(row.phone),
            tiers.get(str(row.tier_id), ""),
            segment_text(row.segment or "none", language),
            row.visits,
            row.spend,
            tenths(value.tenure_days, DAYS_A_YEAR),
            value.pace,
            value.lifetime_value,
        )
        for row, value in best
    ]
    money = ColumnKind.MONEY
    return (
        listed_table(
            t("value_groups_title"),
            (
                Column("group", t("dish_group"), width=1.5),
                Column("members", t("pareto_members"), ColumnKind.INTEGER),
                Column("visits", t("value_avg_visits"), width=0.8),
                Column("spend", t("value_avg_spend"), money),
                Column("tenure", t("value_avg_tenure"), width=0.8),
                Column("pace", t("value_avg_pace"), money),
                Column("value", t("value_avg_value"), money),
                Column("total", t("value_total_value"), money, width=1.2),
                Column("share", t("pareto_share"), width=0.7),
            ),
            group_rows,
            context,
            subtitle=t("value_note").replace("{years}", str(HORIZON_YEARS)),
        ),
        listed_table(
            t("value_members_title"),
            (
                Column("member_no", t("member_no"), width=1.1),
                Column("name", t("name"), width=1.1),
                Column("phone", t("phone"), width=1.1),
                Column("tier", t("tier"), width=0.9),
                Column("segment", t("segment"), width=1.0),
                Column("visits", t("beh_visits"), ColumnKind.INTEGER, width=0.7),
                Column("spend", t("spend"), money),
                Column("tenure", t("value_tenure"), width=0.7),
                Column("pace", t("value_pace"), money),
                Column("value", t("value_value"), money),
            ),
            member_rows,
            context,
        ),
    )


MEMBER_VALUE = ReportSpec(
    name="value",
    title_zh=text("value_title", "zh"),
    title_en=text("value_title", "en"),
    params=PARAMS,
    build=build,
    member_data=True,
)

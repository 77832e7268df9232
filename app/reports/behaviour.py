"""The behaviour report: members grouped by when they come, with how many and how much
they spend (``app.domain.behaviour``), each group with a suggested offer.

Two sections: a summary per cluster over every member (those with no visit in the
window too; members who declined automated decisions are counted on a row of their own
and never clustered, ``db.reports.behaviour``), and the members of the chosen cluster.
With ``cluster=all`` the members list holds everyone who came; members with no visit are
listed only when that cluster is asked for by name (at a million members it is most of
them).

The database is read twice, both times as one aggregated, streamed query
(``db.reports.behaviour``): once to count the clusters (the summary, and the members
list's row count), once to stream the members list. With ``anonymise`` the members
list shows a pseudonym instead of member number, name and phone: a keyed hash (HMAC)
of the member number under a random key made for this run, so a row cannot be traced
back by hashing member numbers, and two runs cannot be joined.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import secrets
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta

from sqlalchemy.orm import Session

from app.domain.behaviour import (
    SUGGESTED_ACTION,
    Cluster,
    ClusterTotals,
    DayKind,
    SlotVisits,
    VisitProfile,
    cluster_of,
    daypart_starts,
    summarise,
)
from app.domain.member_story import Daypart
from app.domain.people_bands import GENDERS, age_band, band_order, gender_of
from app.domain.phone import mask_phone
from app.domain.tenure import add_months
from app.exports import Cell, Column, ColumnKind, Table
from app.exports.model import Language
from app.reports.model import (
    ParamKind,
    ParamValue,
    ReportContext,
    ReportParam,
    ReportSpec,
    as_date,
    as_int,
    fixed_param,
)
from app.reports.pareto import percent, share_bp
from app.reports.text import text
from db.reports import behaviour as store

ALL = "all"
WINDOW_MONTHS = 12


PARAMS = (
    ReportParam(
        "as_of",
        text("as_of", "zh"),
        text("as_of", "en"),
        ParamKind.DATE,
        lambda context: context.today,
    ),
    fixed_param("window_months", ParamKind.INTEGER, WINDOW_MONTHS, "beh_window_months", minimum=1),
    fixed_param(
        "cluster",
        ParamKind.CHOICE,
        ALL,
        "beh_cluster",
        choices=(ALL, *(cluster.value for cluster in Cluster)),
    ),
    fixed_param("anonymise", ParamKind.FLAG, False, "beh_anonymise"),
    fixed_param("people", ParamKind.FLAG, False, "beh_people"),
)


def window_of(as_of: date, months: int) -> tuple[date, date]:
    """The ``months`` that end on ``as_of`` (inclusive), as ``app.domain.rfm`` counts 12."""
    return add_months(as_of, -months) + timedelta(days=1), as_of


def profiles(rows: Iterable[store.SlotRow]) -> Iterator[tuple[store.SlotRow, VisitProfile]]:
    """Each member's first row (for names) and visit profile, from rows in member order."""
    for _member, group in itertools.groupby(rows, key=lambda row: row.member_id):
        slots = list(group)
        yield (
            slots[0],
            VisitProfile(
                {
                    (Daypart(row.daypart), DayKind(row.day_kind)): SlotVisits(
                        row.visits, row.party_total, row.spend
                    )
                    for row in slots
                }
            ),
        )


def build(
    session: Session, values: Mapping[str, ParamValue], context: ReportContext
) -> Sequence[Table]:
    first, last = window_of(as_date(values["as_of"]), as_int(values["window_months"]))
    starts = [(start.strftime("%H:%M:%S"), part.value) for start, part in daypart_starts()]
    split = bool(values.get("people", False))
    seen = list(profiles(store.slot_rows(session, first, last, starts, with_people=split)))
    totals = summarise(profile for _row, profile in seen)
    everyone, profiled = store.member_counts(session)
    totals[Cluster.NO_VISITS].members = profiled - sum(t.members for t in totals.values())
    chosen = str(values["cluster"])
    wanted = (
        frozenset(c for c in Cluster if c is not Cluster.NO_VISITS)
        if chosen == ALL
        else frozenset({Cluster(chosen)})
    )
    language, anonymise = context.language, bool(values["anonymise"])
    key = secrets.token_bytes(32)

    def rows() -> Iterator[Sequence[Cell]]:
        def who(member_no: str, name: str, phone: str) -> tuple[Cell, ...]:
            if anonymise:
                digest = hmac.new(key, member_no.encode(), hashlib.sha256).hexdigest()
                return (f"P-{digest[:12]}",)
            return (member_no, name, mask_phone(phone))

        named = store.slot_rows(session, first, last, starts, with_names=True)
        for row, profile in profiles(named):
            cluster = cluster_of(profile)
            if cluster in wanted:
                name = text(cluster.value, language)
                yield (
                    *who(row.member_no, row.name, row.phone),
                    name,
                    profile.visits,
                    profile.spend,
                )
        if Cluster.NO_VISITS in wanted:
            none = text(Cluster.NO_VISITS.value, language)
            for member_no, name, phone in store.members_without_visits(session, first, last):
                yield (*who(member_no, name, phone), none, 0, 0)

    people: tuple[Table, ...] = ()
    if split:
        people = (
            Table(
                text("beh_people_title", language),
                people_columns(language),
                people_rows(seen, last, language),
                subtitle=text("beh_people_note", language),
                currency=context.currency,
                language=language,
            ),
        )
    return (
        Table(
            text("beh_summary_title", language),
            summary_columns(language),
            summary_rows(totals, everyone, everyone - profiled, language),
            subtitle=f"{first.isoformat()} – {last.isoformat()}",
            expected_rows=len(Cluster) + 1,
            currency=context.currency,
            language=language,
        ),
        Table(
            text("beh_members_title", language),
            member_columns(language, anonymise),
            rows(),
            subtitle=text("beh_members_note" if chosen == ALL else chosen, language),
            expected_rows=sum(totals[c].members for c in wanted),
            currency=context.currency,
            language=language,
        ),
        *people,
    )


def people_rows(
    seen: Iterable[tuple[store.SlotRow, VisitProfile]], as_of: date, language: Language
) -> list[Sequence[Cell]]:
    """One row per cluster, age band and gender with members, of the members who agreed
    to sensitive data being used (their age on ``as_of``); then how many did not."""
    groups: dict[tuple[Cluster, str, str], ClusterTotals] = defaultdict(ClusterTotals)
    without = 0
    for row, profile in seen:
        if not row.sensitive:
            without += 1
            continue
        key = (cluster_of(profile), age_band(row.birthday, as_of), gender_of(row.gender))
        groups[key].add(profile)
    clusters, bands = list(Cluster), band_order()
    rows: list[Sequence[Cell]] = [
        (
            text(cluster.value, language),
            text(band, language),
            text(gender, language),
            t.members,
            t.visits,
            t.spend_per_visit,
            text(SUGGESTED_ACTION[cluster], language),
        )
        for (cluster, band, gender), t in sorted(
            groups.items(),
            key=lambda item: (
                clusters.index(item[0][0]),
                bands.index(item[0][1]),
                GENDERS.index(item[0][2]),
            ),
        )
    ]
    rows.append((text("beh_people_without", language), "", "", without, None, None, ""))
    return rows


def people_columns(language: Language) -> tuple[Column, ...]:
    def t(key: str) -> str:
        return text(key, language)

    return (
        Column("cluster", t("beh_cluster"), width=1.7),
        Column("age_band", t("beh_age_band"), width=0.9),
        Column("gender", t("beh_gender"), width=0.6),
        Column("members", t("pareto_members"), ColumnKind.INTEGER, width=0.8),
        Column("visits", t("beh_visits"), ColumnKind.INTEGER, width=0.7),
        Column("spend_per_visit", t("beh_spend_per_visit"), ColumnKind.MONEY, width=0.9),
        Column("action", t("action"), width=3.0),
    )


def summary_rows(
    totals: Mapping[Cluster, ClusterTotals], everyone: int, declined: int, language: Language
) -> list[Sequence[Cell]]:
    """One row per cluster, in ``Cluster`` order, then the members not profiled; shares of
    ``everyone``, the party size with one decimal."""
    rows: list[Sequence[Cell]] = [
        (
            text(cluster.value, language),
            t.members,
            percent(share_bp(t.members, everyone)),
            t.visits,
            t.spend_per_visit if t.visits else None,
            f"{t.party_tenths // 10}.{t.party_tenths % 10}" if t.visits else "",
            text(SUGGESTED_ACTION[cluster], language),
        )
        for cluster, t in totals.items()
    ]
    rows.append(
        (
            text("beh_not_profiled", language),
            declined,
            percent(share_bp(declined, everyone)),
            None,
            None,
            "",
            text("beh_not_profiled_action", language),
        )
    )
    return rows


def summary_columns(language: Language) -> tuple[Column, ...]:
    def t(key: str) -> str:
        return text(key, language)

    return (
        Column("cluster", t("beh_cluster"), width=1.7),
        Column("members", t("pareto_members"), ColumnKind.INTEGER, width=0.8),
        Column("share", t("pareto_share"), width=0.7),
        Column("visits", t("beh_visits"), ColumnKind.INTEGER, width=0.7),
        Column("spend_per_visit", t("beh_spend_per_visit"), ColumnKind.MONEY, width=0.9),
        Column("party", t("beh_party"), width=0.8),
        Column("action", t("action"), width=3.0),
    )


def member_columns(language: Language, anonymise: bool) -> tuple[Column, ...]:
    def t(key: str) -> str:
        return text(key, language)

    who = (
        (Column("pseudonym", t("beh_pseudonym"), width=1.2),)
        if anonymise
        else (
            Column("member_no", t("member_no"), width=1.1),
            Column("name", t("name"), width=1.2),
            Column("phone", t("phone"), width=1.2),
        )
    )
    return (
        *who,
        Column("cluster", t("beh_cluster"), width=1.4),
        Column("visits", t("beh_visits"), ColumnKind.INTEGER, width=0.7),
        Column("spend", t("beh_spend"), ColumnKind.MONEY, width=1.0),
    )


BEHAVIOUR = ReportSpec(
    name="behaviour",
    title_zh=text("beh_title", "zh"),
    title_en=text("beh_title", "en"),
    params=PARAMS,
    build=build,
    member_data=True,
)

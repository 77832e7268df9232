"""Shared data for the member-list tests: the demo members given visit figures, ties and
boundary days, and a plain-Python oracle of what each filter and sort should show."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, create_engine, select, update

from app.bootstrap import Till
from app.domain.member_filters import MemberFilter, SortKey, Status
from app.domain.staff import StaffMember
from db.models import MemberRow, TierRow

TODAY = date(2026, 11, 22)  # the conftest clock's day
GRACE = 30  # the demo's grace renewal offer
SEGMENTS = ("champions", "at_risk", "lost", "")


def manager(till: Till) -> StaffMember:
    return till.auth.log_in("manager", "9999")


def cashier(till: Till) -> StaffMember:
    return till.auth.log_in("wangfang", "1111")


@contextmanager
def connected(url: str) -> Iterator[Connection]:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            yield connection
    finally:
        engine.dispose()


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


# member no -> expiry: each status's boundary days, and never
BOUNDARIES = {
    "M0000006": days(0),
    "M0000007": days(90),
    "M0000008": days(91),
    "M0000009": days(-1),
    "M0000010": days(-GRACE),
    "M0000011": days(-GRACE - 1),
    "M0000012": None,
}
MERGED, SURVIVOR, ERASED = "M0000020", "M0000021", "M0000022"


def arrange(url: str) -> None:
    """Visits, spend, segments with many ties; boundary expiries; one merged and one
    erased member. Deterministic."""
    rng = random.Random(6)
    valuing = random.Random(20)  # its own draws: the other columns stay as they were
    with connected(url) as connection:
        rows = connection.execute(select(MemberRow.id, MemberRow.member_no).order_by(MemberRow.id))
        for member_id, member_no in rows.all():
            visits = rng.choice((0, 0, 1, 3, 3, 7))
            values: dict[str, object] = {
                "visits": visits,
                "spend_fen": rng.choice((0, 10_000, 10_000, 50_000, 123_400)) if visits else 0,
                "last_visit_on": rng.choice((days(-5), days(-100), days(-400))) if visits else None,
                "segment": rng.choice(SEGMENTS),
                "expires_on": rng.choice((days(30), days(30), days(-200), days(200))),
            }
            values["value_fen"] = valuing.choice((None, 0, 30_000, 30_000, 370_200))
            if member_no in BOUNDARIES:
                values["expires_on"] = BOUNDARIES[member_no]
            if member_no == "M0000013":
                values["birthday"] = date(1990, TODAY.month, 1)
            connection.execute(update(MemberRow).where(MemberRow.id == member_id).values(values))
        survivor = connection.scalar(select(MemberRow.id).where(MemberRow.member_no == SURVIVOR))
        connection.execute(
            update(MemberRow).where(MemberRow.member_no == MERGED).values(merged_into_id=survivor)
        )
        connection.execute(
            update(MemberRow)
            .where(MemberRow.member_no == ERASED)
            .values(erased_at=datetime(2026, 11, 1), name="已删除", phone="erased-22")
        )
    # birth_month follows birthday through the ORM event; Core updates must set it too
    with connected(url) as connection:
        for member_id, birthday in connection.execute(select(MemberRow.id, MemberRow.birthday)):
            month = birthday.month if birthday else None
            connection.execute(
                update(MemberRow).where(MemberRow.id == member_id).values(birth_month=month)
            )


@dataclass(frozen=True)
class Plain:
    """A member as a plain query reads them, for the oracle."""

    member_id: int
    member_no: str
    tier_code: str
    tier_rank: int
    expires_on: date | None
    joined_on: date
    last_visit_on: date | None
    spend: int
    segment: str
    birth_month: int | None
    consent: bool
    merged: bool
    erased: bool
    value: int | None


def plain_members(url: str) -> list[Plain]:
    with connected(url) as connection:
        query = select(
            MemberRow.id,
            MemberRow.member_no,
            TierRow.code,
            TierRow.rank,
            MemberRow.expires_on,
            MemberRow.joined_on,
            MemberRow.last_visit_on,
            MemberRow.spend_fen,
            MemberRow.segment,
            MemberRow.birth_month,
            MemberRow.marketing_consent,
            MemberRow.merged_into_id.is_not(None),
            MemberRow.erased_at.is_not(None),
            MemberRow.value_fen,
        ).join(TierRow, TierRow.id == MemberRow.tier_id)
        return [Plain(*row) for row in connection.execute(query)]


def matches(f: MemberFilter, m: Plain) -> bool:
    """The filter's meaning, written independently of the SQL."""
    if m.merged or (m.erased and not f.include_erased):
        return False
    if f.tiers and m.tier_code not in f.tiers:
        return False
    e = m.expires_on
    if f.status is Status.ACTIVE and not (e is None or e >= TODAY):
        return False
    if f.status is Status.EXPIRING and not (e and TODAY <= e <= days(f.expiring_days)):
        return False
    if f.status is Status.IN_GRACE and not (e and days(-GRACE) <= e < TODAY):
        return False
    if f.status is Status.LAPSED and not (e and e < days(-GRACE)):
        return False
    if f.segments and m.segment not in f.segments:
        return False
    v = m.last_visit_on
    if f.last_visit_before and not (v and v < f.last_visit_before):
        return False
    if f.last_visit_after and not (v and v > f.last_visit_after):
        return False
    if f.min_spend is not None and m.spend < f.min_spend:
        return False
    if f.max_spend is not None and m.spend > f.max_spend:
        return False
    if f.birthday_this_month and m.birth_month != TODAY.month:
        return False
    return not (f.marketing_only and not m.consent)


def plain_order(f: MemberFilter, members: list[Plain]) -> list[int]:
    """The documented order: by the key (nulls last both ways; tiers by rank), then id."""
    chosen = [m for m in members if matches(f, m)]
    key = {
        SortKey.MEMBER_NO: lambda m: m.member_no,
        SortKey.TIER: lambda m: m.tier_rank,
        SortKey.JOINED_ON: lambda m: m.joined_on,
        SortKey.EXPIRES_ON: lambda m: m.expires_on,
        SortKey.LAST_VISIT: lambda m: m.last_visit_on,
        SortKey.SPEND: lambda m: m.spend,
        SortKey.VALUE: lambda m: m.value,
    }[f.sort]
    valued = sorted((m for m in chosen if key(m) is not None), key=lambda m: (key(m), m.member_id))
    nulls = sorted((m for m in chosen if key(m) is None), key=lambda m: m.member_id)
    if f.descending:
        valued.reverse()
        nulls.reverse()
    return [m.member_id for m in valued + nulls]

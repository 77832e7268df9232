"""The member value report on both databases: members' figures set by hand, every value
worked out by hand from ``app.domain.member_value``'s rule."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from sqlalchemy import create_engine, update
from sqlalchemy.orm import Session

from app.bootstrap import Till, TillConfig, build_till
from app.services.reports import CommandLine, ReportPreview
from db.models import MemberRow
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock

AS_OF = date(2026, 12, 4)
FIGURES = {
    # member: (segment, visits, spend, joined, last visit, automated decisions allowed)
    "M0000001": ("champions", 20, 730_000, date(2024, 12, 4), date(2026, 12, 1), True),
    "M0000002": ("champions", 4, 10_000, date(2026, 11, 4), date(2026, 11, 30), True),
    "M0000003": ("lost", 9, 500_000, date(2022, 12, 5), date(2025, 12, 3), True),
    "M0000004": ("champions", 50, 9_000_000, date(2025, 12, 4), date(2026, 12, 3), False),
}


@pytest.fixture
def till(new_database_url: str, clock: FakeClock, demo_templates: DemoTemplates) -> Iterator[Till]:
    demo_templates.fill(new_database_url, Demo(DEMO_MEMBERS, clock.now().date()))
    engine = create_engine(new_database_url)
    try:
        with Session(engine) as session, session.begin():
            session.execute(
                update(MemberRow).values(
                    segment="",
                    visits=0,
                    spend_fen=0,
                    last_visit_on=None,
                    joined_on=date(2026, 1, 1),
                )
            )
            for no, (segment, visits, spend, joined, last, automated) in FIGURES.items():
                session.execute(
                    update(MemberRow)
                    .where(MemberRow.member_no == no)
                    .values(
                        segment=segment,
                        visits=visits,
                        spend_fen=spend,
                        joined_on=joined,
                        last_visit_on=last,
                        consent_automated=automated,
                        consent_updated_at=datetime(2026, 1, 1),
                    )
                )
    finally:
        engine.dispose()
    clock.advance(datetime(2026, 12, 4, 20, 0) - clock.now())
    built = build_till(TillConfig(new_database_url, demo_members_if_empty=DEMO_MEMBERS), clock)
    yield built
    built.close()


def preview(till: Till, **given: object) -> ReportPreview:
    return till.reports.preview("value", {"as_of": AS_OF, **given}, CommandLine(), "en", limit=100)  # type: ignore[arg-type]


def test_segments_add_up_their_members_values(till: Till) -> None:
    groups, members = preview(till).sections
    rows = {row[0]: row for row in groups.rows}
    # champions M1 (365,000 a year, worth 1,095,000) and M2 (a whole year: 10,000, 30,000)
    assert rows["Champions"][1:8] == (
        "2",
        "12.0",
        "¥3,700.00",
        "1.0",
        "¥1,875.00",
        "¥5,625.00",
        "¥11,250.00",
    )
    # M3 came last 366 days ago: a pace of 125,000 a year, worth nothing more
    assert rows["Lost"][5:8] == ("¥1,250.00", "¥0.00", "¥0.00")
    # M4 declined automated decisions: counted apart, never ranked by name
    assert rows["Declined profiling"][1] == "1"
    assert rows["Declined profiling"][7] == "¥270,000.00"
    assert [row[0] for row in members.rows][:2] == ["M0000001", "M0000002"]
    assert "M0000004" not in {row[0] for row in members.rows}
    assert members.rows[0][2].count("*") == 4  # the phone masked


def test_by_tier_every_member_counts(till: Till) -> None:
    groups, _members = preview(till, by="tier", top=1).sections
    assert sum(int(row[1]) for row in groups.rows) == DEMO_MEMBERS

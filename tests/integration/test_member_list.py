"""The member list on SQLite and PostgreSQL: each filter, the till's search text, keyset
pages with ties under both plans, counts, and the permission check."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.bootstrap import Till
from app.domain.member_filters import MemberFilter, SortKey, Status
from app.domain.member_list import Plan
from app.errors import PermissionDenied
from app.services.member_list import FilterRefused
from app.services.member_list_query import PreparedList
from db import member_list as store
from tests.integration.member_list_data import (
    ERASED,
    MERGED,
    SURVIVOR,
    TODAY,
    arrange,
    cashier,
    days,
    manager,
    plain_members,
    plain_order,
)


@pytest.fixture
def arranged(till: Till, database_url: str) -> Till:
    arrange(database_url)
    return till


def every_row(till: Till, prepared: PreparedList, size: int = 7) -> list[int]:
    """All pages, each strictly after the last row of the one before."""
    staff, seen, after = manager(till), [], None
    for _ in range(1000):  # more pages than rows: a keyset that never moves on
        page = till.member_lists.page(staff, prepared, after, size)
        seen += [int(row.member_id) for row in page]
        if len(page) < size:
            return seen
        after = page[-1].position
    raise AssertionError(f"paging never ended: {len(seen)} rows so far")


FILTERS = {
    "everyone": MemberFilter(),
    "gold and above": MemberFilter(tiers=frozenset({"GOLD", "PLATINUM"})),
    "active": MemberFilter(status=Status.ACTIVE),
    "expiring in 90 days": MemberFilter(status=Status.EXPIRING, expiring_days=90),
    "gold and above, expiring": MemberFilter(
        tiers=frozenset({"GOLD", "PLATINUM"}), status=Status.EXPIRING
    ),
    "in grace": MemberFilter(status=Status.IN_GRACE),
    "lapsed": MemberFilter(status=Status.LAPSED),
    "segments": MemberFilter(segments=frozenset({"at_risk", "champions"})),
    "last visit before": MemberFilter(last_visit_before=days(-50)),
    "last visit after": MemberFilter(last_visit_after=days(-101)),
    "spend range": MemberFilter(min_spend=10_000, max_spend=50_000),
    "birthday this month": MemberFilter(birthday_this_month=True),
    "marketing consent": MemberFilter(marketing_only=True),
    "erased included": MemberFilter(include_erased=True),
    "unknown tier": MemberFilter(tiers=frozenset({"DIAMOND"})),
}


def test_each_filter_shows_what_a_plain_query_says(arranged: Till, database_url: str) -> None:
    members = plain_members(database_url)
    for name, f in FILTERS.items():
        expected = plain_order(f, members)
        prepared = arranged.member_lists.prepare(manager(arranged), f)
        assert every_row(arranged, prepared) == expected, name
        assert prepared.count.exact and prepared.count.value == len(expected), name
        if name not in ("everyone", "unknown tier", "erased included"):
            assert 0 < len(expected) < len(members) - 2, f"{name}: a filter that filters"


def test_boundary_days_fall_on_the_documented_side(arranged: Till) -> None:
    staff = manager(arranged)

    def numbers(f: MemberFilter) -> set[str]:
        prepared = arranged.member_lists.prepare(staff, f)
        return {row.member_no for row in arranged.member_lists.page(staff, prepared, None, 100)}

    expiring = numbers(MemberFilter(status=Status.EXPIRING, expiring_days=90))
    assert {"M0000006", "M0000007"} <= expiring and "M0000008" not in expiring
    grace = numbers(MemberFilter(status=Status.IN_GRACE))
    assert {"M0000009", "M0000010"} <= grace and "M0000011" not in grace
    assert "M0000011" in numbers(MemberFilter(status=Status.LAPSED))
    assert "M0000012" in numbers(MemberFilter(status=Status.ACTIVE))


def test_keyset_pages_with_ties_skip_and_repeat_nothing(arranged: Till, database_url: str) -> None:
    members = plain_members(database_url)
    for key in SortKey:
        for descending in (False, True):
            f = MemberFilter(sort=key, descending=descending)
            expected = plain_order(f, members)
            prepared = arranged.member_lists.prepare(manager(arranged), f)
            for plan in Plan:
                for size in (1, 4, 7):
                    shown = every_row(arranged, replace(prepared, plan=plan), size)
                    case = f"{key.value} {'desc' if descending else 'asc'} {plan.value} {size}"
                    assert len(shown) == len(set(shown)), f"{case}: a row was repeated"
                    assert shown == expected, case


def test_pages_follow_a_filter_and_a_sort_together(arranged: Till, database_url: str) -> None:
    f = MemberFilter(status=Status.ACTIVE, sort=SortKey.EXPIRES_ON, descending=True)
    for plan in Plan:
        prepared = replace(arranged.member_lists.prepare(manager(arranged), f), plan=plan)
        assert every_row(arranged, prepared, 3) == plain_order(f, plain_members(database_url))


def test_rows_are_masked_and_carry_their_status(arranged: Till) -> None:
    staff = manager(arranged)
    prepared = arranged.member_lists.prepare(staff, MemberFilter(text="13800138000"))
    (row,) = arranged.member_lists.page(staff, prepared)
    assert (row.member_no, row.name, row.masked_phone) == ("M0000001", "张伟", "138****8000")
    assert row.tier.code == "GOLD"
    statuses = {
        r.member_no: r.status
        for r in arranged.member_lists.page(
            staff, arranged.member_lists.prepare(staff, MemberFilter())
        )
    }
    assert statuses["M0000009"] is Status.IN_GRACE and statuses["M0000011"] is Status.LAPSED


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("13800138000", {"M0000001"}),
        ("138 0013 8000", {"M0000001"}),
        ("M0000002", {"M0000002"}),
        ("8800000000000001", {"M0000001"}),
        ("8899000000000002", set()),  # Emily Chen's lost card is blocked, as at the till
        ("8000", {"M0000001", "M0000004", "M0000005"}),
        ("1380013", {"M0000001"}),
        ("张伟", {"M0000001"}),
        ("zw", {"M0000001"}),
        ("zhangw", {"M0000001"}),
        ("Emily", {"M0000002"}),
        ("13999999999", set()),
    ],
)
def test_free_text_finds_what_the_tills_search_finds(
    till: Till, typed: str, expected: set[str]
) -> None:
    staff = manager(till)
    prepared = till.member_lists.prepare(staff, MemberFilter(text=typed))
    found = {row.member_no for row in till.member_lists.page(staff, prepared, None, 100)}
    at_till = till.members.search(typed, limit=100)
    assert expected <= found
    if expected:
        till_found = {c.member_no for c in at_till.candidates}
        assert till_found <= found, "the list shows at least what the till offers"
    else:
        assert found == set()


def test_a_merged_members_phone_shows_the_member_it_went_into(arranged: Till) -> None:
    staff = manager(arranged)
    merged = arranged.member_lists.page(
        staff, arranged.member_lists.prepare(staff, MemberFilter(text=MERGED))
    )
    assert [row.member_no for row in merged] == [SURVIVOR]


def test_erased_members_are_left_out_unless_asked_for(arranged: Till) -> None:
    staff = manager(arranged)
    default = arranged.member_lists.page(
        staff, arranged.member_lists.prepare(staff, MemberFilter()), None, 100
    )
    assert ERASED not in {row.member_no for row in default}
    shown = arranged.member_lists.page(
        staff, arranged.member_lists.prepare(staff, MemberFilter(include_erased=True)), None, 100
    )
    erased = next(row for row in shown if row.member_no == ERASED)
    assert erased.erased


def test_an_unreadable_filter_is_refused(till: Till) -> None:
    with pytest.raises(FilterRefused):
        till.member_lists.prepare(manager(till), MemberFilter(min_spend=5, max_spend=1))


def test_a_capped_count_says_more_and_the_exact_count_follows(
    arranged: Till, database_url: str
) -> None:
    everyone = len(plain_order(MemberFilter(), plain_members(database_url)))
    prepared = arranged.member_lists.prepare(manager(arranged), MemberFilter())
    criteria = prepared.resolved.criteria
    from sqlalchemy import create_engine

    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            assert store.count(connection, criteria, 5) == (6, False)
            assert store.count(connection, criteria, everyone) == (everyone, True)
            assert store.count(connection, criteria, None) == (everyone, True)
    finally:
        engine.dispose()
    capped = replace(prepared, count=replace(prepared.count, value=5, exact=False))
    assert arranged.member_lists.exact_count(manager(arranged), capped) == everyone


def test_a_cashier_may_not_work_member_lists(till: Till) -> None:
    with pytest.raises(PermissionDenied):
        till.member_lists.prepare(cashier(till), MemberFilter())
    prepared = till.member_lists.prepare(manager(till), MemberFilter())
    with pytest.raises(PermissionDenied):
        till.member_lists.page(cashier(till), prepared)
    with pytest.raises(PermissionDenied):
        till.member_lists.saved_filters(cashier(till))


def test_birthday_this_month_follows_the_clock(arranged: Till) -> None:
    staff = manager(arranged)
    prepared = arranged.member_lists.prepare(staff, MemberFilter(birthday_this_month=True))
    assert prepared.resolved.criteria.birth_month == TODAY.month
    assert "M0000013" in {row.member_no for row in arranged.member_lists.page(staff, prepared)}
    assert date(1990, TODAY.month, 1).month == TODAY.month

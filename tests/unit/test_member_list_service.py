"""The member list's rules on the fake unit of work: saved filters (names, who may
keep them), marking members contacted and the audit of every export.

The list's rows come from a canned reader here: which members a filter finds is SQL,
tested on both databases (``tests/integration/test_member_list*.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from app.domain.approvals import Approval
from app.domain.contacts import ContactChannel
from app.domain.member_filters import MemberFilter, SortKey, Status
from app.domain.member_list import (
    Criteria,
    ListRow,
    PageRow,
    Plan,
    Position,
    Sort,
    TierName,
)
from app.domain.members import MemberId, MemberSummary
from app.domain.renewal import RenewalOffer
from app.domain.staff import Permission, Role, StaffId, StaffMember, role_allows
from app.domain.stores import Store
from app.domain.tiers import Tier, TierId
from app.errors import PermissionDenied
from app.exports import ExportCancelled
from app.services.member_list import (
    CONTACTED,
    EXPORTED,
    FilterRefused,
    ListExport,
    MemberListService,
)
from app.services.members import Identification
from app.services.saved_filters import SavedFilterProblem, SavedFilterRefused
from tests.fakes import FakeClock, FakeStore, FakeUnits

NOW = datetime(2026, 11, 22, 12, 30)
MANAGER = StaffMember(StaffId(2), "limei", "李梅", Role.MANAGER)
OTHER_MANAGER = StaffMember(StaffId(4), "zhouqiang", "周强", Role.MANAGER)
CASHIER = StaffMember(StaffId(1), "wangfang", "王芳", Role.CASHIER)
SILVER = Tier(TierId(1), "SILVER", 1, "银卡", "Silver", 0, frozenset(), 10_000, 0)
GOLD_EXPIRING = MemberFilter(
    tiers=frozenset({"GOLD"}), status=Status.EXPIRING, sort=SortKey.EXPIRES_ON
)


def member(member_id: int) -> MemberSummary:
    return MemberSummary(MemberId(member_id), f"M{member_id:07d}", "张伟", "13800138000",
                         SILVER, date(2025, 1, 1), date(2027, 1, 1), 0, 0, "", "")  # fmt: skip


def row(member_id: int, consent: bool = True) -> ListRow:
    return ListRow(member_id, f"M{member_id:07d}", "张伟", "13800138000", 1, "", date(2025, 1, 1),
                   date(2027, 1, 1), None, 3, 12_000, consent, None, None)  # fmt: skip


class Roles:
    def authorise(self, approval: Approval | None, permission: Permission) -> StaffMember:
        raise PermissionDenied("not asked here")

    def require(self, staff: StaffMember, permission: Permission) -> None:
        if not role_allows(staff.role, permission):
            raise PermissionDenied(f"{staff.display_name} may not {permission.value}")


class NoSearch:
    def search(self, text: str, limit: int) -> Identification:
        raise AssertionError("no filter here has text")


class CannedList:
    """Gives ``rows`` whatever the criteria, and remembers the criteria it was asked."""

    def __init__(self, rows: list[ListRow]) -> None:
        self.rows, self.asked = rows, list[Criteria]()

    def __call__(self) -> CannedList:
        return self

    def __enter__(self) -> CannedList:
        return self

    def __exit__(self, *exc_info: object) -> None:
        pass

    def tier_names(self) -> dict[int, TierName]:
        return {1: TierName("SILVER", 1, "银卡", "Silver"), 2: TierName("GOLD", 2, "金卡", "Gold")}

    def renewal_offers(self) -> tuple[RenewalOffer, ...]:
        return ()

    def stores(self) -> tuple[Store, ...]:
        return (Store(1, "Main"),)

    def count(self, criteria: Criteria, cap: int | None) -> tuple[int, bool]:
        self.asked.append(criteria)
        found = len(self.rows)
        return (found, True) if cap is None or found <= cap else (cap + 1, False)

    def page(
        self, criteria: Criteria, sort: Sort, after: Position | None, limit: int, plan: Plan
    ) -> list[PageRow]:
        return [PageRow(r, Position(0, r.member_no, r.member_id)) for r in self.rows[:limit]]

    def stream(self, criteria: Criteria, sort: Sort, plan: Plan) -> Iterator[ListRow]:
        yield from self.rows


@pytest.fixture
def units() -> FakeUnits:
    store = FakeStore(members={MemberId(i): member(i) for i in (1, 2, 3, 4)}, merged={4})
    store.marketing[1] = True
    return FakeUnits(store)


@pytest.fixture
def canned() -> CannedList:
    return CannedList([row(1), row(2, consent=False)])


@pytest.fixture
def lists(units: FakeUnits, canned: CannedList) -> MemberListService:
    return MemberListService(units, canned, FakeClock(NOW), "T1", Roles(), NoSearch())


def test_a_saved_filter_keeps_its_trimmed_name_and_who_saved_it(
    lists: MemberListService, units: FakeUnits
) -> None:
    saved = lists.save_filter(MANAGER, "  Gold, expiring ", GOLD_EXPIRING)
    assert (saved.name, saved.filter, saved.created_at) == ("Gold, expiring", GOLD_EXPIRING, NOW)
    assert units.store.saved_filters[saved.filter_id] == (saved, MANAGER.staff_id)
    lists.save_filter(MANAGER, "Active", MemberFilter(status=Status.ACTIVE))
    assert [item.name for item in lists.saved_filters(MANAGER)] == ["Active", "Gold, expiring"]


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("GOLD, EXPIRING", SavedFilterProblem.DUPLICATE_NAME),
        (" gold, expiring  ", SavedFilterProblem.DUPLICATE_NAME),
        ("   ", SavedFilterProblem.BLANK_NAME),
        ("x" * 65, SavedFilterProblem.NAME_TOO_LONG),
    ],
)
def test_a_name_that_is_blank_too_long_or_taken_in_any_case_is_refused(
    lists: MemberListService, units: FakeUnits, name: str, problem: SavedFilterProblem
) -> None:
    lists.save_filter(MANAGER, "Gold, expiring", GOLD_EXPIRING)
    with pytest.raises(SavedFilterRefused) as refused:
        lists.save_filter(MANAGER, name, MemberFilter())
    assert refused.value.problem is problem
    assert len(units.store.saved_filters) == 1


def test_a_name_of_64_characters_is_kept(lists: MemberListService) -> None:
    assert lists.save_filter(MANAGER, "x" * 64, MemberFilter()).name == "x" * 64


def test_a_filter_that_cannot_mean_anything_is_not_saved(
    lists: MemberListService, units: FakeUnits
) -> None:
    with pytest.raises(FilterRefused):
        lists.save_filter(MANAGER, "Empty", MemberFilter(min_spend=5, max_spend=1))
    assert units.store.saved_filters == {}


def test_saved_filters_are_everyones_and_a_deleted_one_is_gone(
    lists: MemberListService, units: FakeUnits
) -> None:
    saved = lists.save_filter(MANAGER, "Lapsed", MemberFilter(status=Status.LAPSED))
    assert [item.name for item in lists.saved_filters(OTHER_MANAGER)] == ["Lapsed"]
    lists.delete_filter(OTHER_MANAGER, saved.filter_id)
    assert units.store.saved_filters == {}
    with pytest.raises(SavedFilterRefused) as gone:
        lists.delete_filter(MANAGER, saved.filter_id)
    assert gone.value.problem is SavedFilterProblem.NOT_FOUND


def test_a_cashier_may_not_keep_or_use_saved_filters_or_mark_members(
    lists: MemberListService, units: FakeUnits
) -> None:
    with pytest.raises(PermissionDenied):
        lists.save_filter(CASHIER, "Mine", MemberFilter())
    with pytest.raises(PermissionDenied):
        lists.saved_filters(CASHIER)
    with pytest.raises(PermissionDenied):
        lists.mark_contacted(CASHIER, MemberFilter(), [1], ContactChannel.SMS, "")
    assert units.store.saved_filters == {} and units.store.contacts == []


def test_marking_a_selection_writes_a_contact_each_and_one_audit_event(
    lists: MemberListService, units: FakeUnits
) -> None:
    marked = lists.mark_contacted(
        MANAGER, GOLD_EXPIRING, [1, 2, 2, 4], ContactChannel.PHONE, " offered early renewal "
    )
    assert marked == 2, "a merged-away member is not marked"
    assert units.store.contacts == [
        (1, NOW, MANAGER.staff_id, "phone", "offered early renewal"),
        (2, NOW, MANAGER.staff_id, "phone", "offered early renewal"),
    ]
    ((action, event, subject, detail),) = units.store.audit
    assert (action.staff_id, action.till_id, action.now, event, subject) == (
        MANAGER.staff_id, "T1", NOW, CONTACTED, "phone",
    )  # fmt: skip
    assert (detail["selected"], detail["rows"], detail["channel"], detail["note"]) == (
        3, 2, "phone", "offered early renewal",
    )  # fmt: skip
    spec = detail["filter"]
    assert isinstance(spec, dict) and spec["status"] == "expiring"


def test_a_marketing_selection_marks_only_those_who_consented(
    lists: MemberListService, units: FakeUnits
) -> None:
    marked = lists.mark_contacted(
        MANAGER, MemberFilter(marketing_only=True), [1, 2], ContactChannel.WECHAT, ""
    )
    assert marked == 1 and [c[0] for c in units.store.contacts] == [1]


def test_a_finished_export_is_audited_with_its_rows(
    lists: MemberListService, units: FakeUnits, tmp_path: Path
) -> None:
    path = tmp_path / "members.csv"
    result = lists.export(MANAGER, GOLD_EXPIRING, None, ListExport.CSV, path, language="en")
    assert (result.rows, result.kind) == (2, ListExport.CSV) and path.exists()
    ((action, event, subject, detail),) = units.store.audit
    assert (action.staff_id, event, subject) == (MANAGER.staff_id, EXPORTED, "csv")
    assert (detail["rows"], detail["outcome"], detail["selected"]) == (2, "done", None)


def test_a_list_for_marketing_asks_for_consenting_members_whatever_the_filter(
    lists: MemberListService, units: FakeUnits, canned: CannedList, tmp_path: Path
) -> None:
    path = tmp_path / "calls.pdf"
    lists.export(MANAGER, GOLD_EXPIRING, [1, 2], ListExport.CALL_LIST, path, language="en")
    assert canned.asked and all(criteria.marketing_only for criteria in canned.asked)
    assert canned.asked[0].member_ids == (1, 2)
    detail = units.store.audit[-1][3]
    spec = detail["filter"]
    assert isinstance(spec, dict) and spec["marketing_only"] is True
    assert detail["selected"] == 2


def test_a_cancelled_export_leaves_no_file_and_is_audited_with_the_rows_read(
    lists: MemberListService, units: FakeUnits, tmp_path: Path
) -> None:
    path = tmp_path / "members.csv"
    with pytest.raises(ExportCancelled):
        lists.export(MANAGER, MemberFilter(), None, ListExport.CSV, path, lambda done: False)
    assert not path.exists()
    detail = units.store.audit[-1][3]
    assert (detail["outcome"], detail["rows"]) == ("ExportCancelled", 2)


def test_a_refused_filter_is_exported_by_nobody_and_still_audited(
    lists: MemberListService, units: FakeUnits, tmp_path: Path
) -> None:
    refused = MemberFilter(min_spend=5, max_spend=1)
    with pytest.raises(FilterRefused):
        lists.export(MANAGER, refused, None, ListExport.CSV, tmp_path / "members.csv")
    ((_, event, _, detail),) = units.store.audit
    assert (event, detail["outcome"], detail["rows"]) == (EXPORTED, "FilterRefused", 0)

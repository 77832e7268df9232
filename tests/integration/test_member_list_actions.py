"""Work on a member list, on SQLite and PostgreSQL: saved filters, marking members as
contacted, exports (the marketing ones without non-consenting members) and their audit."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.bootstrap import Till
from app.domain.contacts import ContactChannel
from app.domain.member_filters import MemberFilter, SortKey, Status
from app.errors import PermissionDenied
from app.exports import ExportCancelled
from app.services.member_list import CONTACTED, EXPORTED, ListExport
from app.services.saved_filters import SavedFilterProblem, SavedFilterRefused
from db.models import AuditEventRow, ContactRow, MemberRow
from tests.integration.member_list_data import (
    ERASED,
    MERGED,
    arrange,
    cashier,
    connected,
    manager,
    plain_members,
    plain_order,
)

GOLD_EXPIRING = MemberFilter(
    tiers=frozenset({"GOLD", "PLATINUM"}),
    status=Status.EXPIRING,
    sort=SortKey.EXPIRES_ON,
)


@pytest.fixture
def arranged(till: Till, database_url: str) -> Till:
    arrange(database_url)
    return till


def audits(url: str, action: str) -> list[tuple[int | None, str, dict[str, Any]]]:
    with connected(url) as connection:
        rows = connection.execute(
            select(AuditEventRow.staff_id, AuditEventRow.subject, AuditEventRow.detail)
            .where(AuditEventRow.action == action)
            .order_by(AuditEventRow.id)
        )
        return [(staff_id, subject, json.loads(detail)) for staff_id, subject, detail in rows]


def ids_of(url: str, *numbers: str) -> list[int]:
    with connected(url) as connection:
        query = select(MemberRow.id).where(MemberRow.member_no.in_(numbers))
        return sorted(connection.scalars(query))


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_saved_filters_keep_the_whole_filter_and_unique_names(arranged: Till) -> None:
    service, staff = arranged.member_lists, manager(arranged)
    saved = service.save_filter(staff, "  Expiring in 90 days, Gold and above ", GOLD_EXPIRING)
    assert saved.name == "Expiring in 90 days, Gold and above"
    service.save_filter(staff, "Lapsed", MemberFilter(status=Status.LAPSED))
    listed = service.saved_filters(staff)
    assert [item.name for item in listed] == ["Expiring in 90 days, Gold and above", "Lapsed"]
    assert listed[0].filter == GOLD_EXPIRING
    with pytest.raises(SavedFilterRefused) as taken:
        service.save_filter(staff, "LAPSED", MemberFilter())
    assert taken.value.problem is SavedFilterProblem.DUPLICATE_NAME
    with pytest.raises(SavedFilterRefused) as blank:
        service.save_filter(staff, "   ", MemberFilter())
    assert blank.value.problem is SavedFilterProblem.BLANK_NAME
    service.delete_filter(staff, saved.filter_id)
    assert [item.name for item in service.saved_filters(staff)] == ["Lapsed"]
    with pytest.raises(SavedFilterRefused) as gone:
        service.delete_filter(staff, saved.filter_id)
    assert gone.value.problem is SavedFilterProblem.NOT_FOUND
    with pytest.raises(PermissionDenied):
        service.save_filter(cashier(arranged), "Mine", MemberFilter())


def test_marking_a_selection_contacted_writes_a_row_each_and_one_audit(
    arranged: Till, database_url: str
) -> None:
    staff = manager(arranged)
    chosen = ids_of(database_url, "M0000001", "M0000002", MERGED)
    marked = arranged.member_lists.mark_contacted(
        staff, GOLD_EXPIRING, chosen, ContactChannel.PHONE, " offered early renewal "
    )
    assert marked == 2, "a merged-away member is not marked"
    with connected(database_url) as connection:
        rows = connection.execute(
            select(ContactRow.member_id, ContactRow.channel, ContactRow.note, ContactRow.staff_id)
        ).all()
    assert sorted(rows) == [
        (member_id, "phone", "offered early renewal", staff.staff_id)
        for member_id in ids_of(database_url, "M0000001", "M0000002")
    ]
    ((staff_id, subject, detail),) = audits(database_url, CONTACTED)
    assert (staff_id, subject, detail["rows"], detail["selected"]) == (
        staff.staff_id,
        "phone",
        2,
        3,
    )
    assert detail["filter"]["status"] == "expiring"


def test_marking_the_whole_result_contacted_marks_everyone_the_filter_finds(
    arranged: Till, database_url: str
) -> None:
    staff = manager(arranged)
    expected = plain_order(GOLD_EXPIRING, plain_members(database_url))
    marked = arranged.member_lists.mark_contacted(
        staff, GOLD_EXPIRING, None, ContactChannel.WECHAT, ""
    )
    assert marked == len(expected) > 0
    with connected(database_url) as connection:
        contacted = sorted(connection.scalars(select(ContactRow.member_id)))
    assert contacted == sorted(expected)
    assert audits(database_url, CONTACTED)[0][2]["selected"] is None
    with pytest.raises(PermissionDenied):
        arranged.member_lists.mark_contacted(
            cashier(arranged), GOLD_EXPIRING, None, ContactChannel.SMS, ""
        )


def test_an_export_has_every_member_with_full_data_and_is_audited(
    arranged: Till, database_url: str, tmp_path: Path
) -> None:
    staff, path = manager(arranged), tmp_path / "members.csv"
    f = MemberFilter(status=Status.ACTIVE, include_erased=True)
    result = arranged.member_lists.export(staff, f, None, ListExport.CSV, path, language="en")
    expected = plain_order(f, plain_members(database_url))
    rows = csv_rows(path)
    assert result.rows == len(rows) == len(expected)
    by_no = {row["Member no"]: row for row in rows}
    assert by_no["M0000001"]["Phone"] == "13800138000"  # full data: only in an export
    assert by_no["M0000001"]["Marketing consent"] == "no"
    values = {m.member_no: m.value for m in plain_members(database_url)}
    assert {no: row["Value"] for no, row in by_no.items()} == {
        no: "" if values[no] is None else f"{values[no] / 100:.2f}" for no in by_no
    }
    if ERASED in by_no:
        assert by_no[ERASED]["Phone"] == "" and by_no[ERASED]["Name"] == "(erased)"
    ((staff_id, subject, detail),) = audits(database_url, EXPORTED)
    assert (staff_id, subject, detail["rows"], detail["outcome"]) == (
        staff.staff_id,
        "csv",
        len(expected),
        "done",
    )
    assert detail["filter"]["status"] == "active" and detail["selected"] is None


def test_a_marketing_export_leaves_out_members_without_consent(
    arranged: Till, database_url: str, tmp_path: Path
) -> None:
    staff, path = manager(arranged), tmp_path / "marketing.csv"
    arranged.member_lists.export(
        staff, MemberFilter(), None, ListExport.MARKETING_CSV, path, language="en"
    )
    members = {m.member_no: m for m in plain_members(database_url)}
    exported = [row["Member no"] for row in csv_rows(path)]
    consenting = plain_order(MemberFilter(marketing_only=True), list(members.values()))
    assert len(exported) == len(consenting) > 0
    assert all(members[number].consent for number in exported)
    assert not members["M0000001"].consent and "M0000001" not in exported
    ((_, subject, detail),) = audits(database_url, EXPORTED)
    assert subject == "marketing_csv" and detail["filter"]["marketing_only"] is True


def test_the_call_list_is_for_consenting_members_only(
    arranged: Till, database_url: str, tmp_path: Path
) -> None:
    staff, path = manager(arranged), tmp_path / "calls.pdf"
    selection = ids_of(database_url, "M0000001", "M0000002", "M0000003")
    result = arranged.member_lists.export(
        staff, MemberFilter(), selection, ListExport.CALL_LIST, path, language="zh"
    )
    consenting = {m.member_id for m in plain_members(database_url) if m.consent}
    assert result.rows == len(set(selection) & consenting) == 2  # 张伟 did not consent
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "M0000002" in text and "M0000003" in text and "M0000001" not in text
    assert "13912345678" in text  # whom to call: the full number
    ((_, subject, detail),) = audits(database_url, EXPORTED)
    assert (subject, detail["rows"], detail["selected"]) == ("call_list", 2, 3)


def test_a_cancelled_export_leaves_no_file_and_is_still_audited(
    arranged: Till, database_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "members.csv"
    seen: list[int] = []

    def cancel(done: int) -> bool:
        seen.append(done)
        return False

    with pytest.raises(ExportCancelled):
        arranged.member_lists.export(
            manager(arranged), MemberFilter(), None, ListExport.CSV, path, cancel
        )
    assert not path.exists() and seen
    ((_, _, detail),) = audits(database_url, EXPORTED)
    assert detail["outcome"] == "ExportCancelled" and detail["rows"] > 0


def test_a_cashier_cannot_export_and_nothing_is_written(
    till: Till, database_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "members.csv"
    with pytest.raises(PermissionDenied):
        till.member_lists.export(cashier(till), MemberFilter(), None, ListExport.CSV, path)
    assert not path.exists()
    assert audits(database_url, EXPORTED) == []

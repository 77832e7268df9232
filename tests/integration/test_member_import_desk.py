"""The back office's member import (``app.member_import.desk``) on SQLite and PostgreSQL:
the role stored for the staff id decides, and a cancel rolls the whole import back."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.bootstrap import Till
from app.domain.staff import Role
from app.errors import PermissionDenied
from app.member_import.desk import ImportCancelled, ImportRequest, MemberImporter
from app.member_import.run import OnDuplicate
from tests.integration.test_setup_cli import table

COUNTS = "SELECT (SELECT count(*) FROM members), (SELECT count(*) FROM audit_events)"


def members_file(count: int) -> bytes:
    rows = "".join(f"139{n:08d},会员{n}\n" for n in range(count))
    return ("手机号,姓名\n" + rows).encode("utf-8")


def importer(till: Till) -> MemberImporter:
    assert till.member_import is not None
    return till.member_import


def test_a_cashier_claiming_to_be_a_manager_imports_nothing(till: Till, database_url: str) -> None:
    cashier = till.auth.log_in("wangfang", "1111")
    before = table(database_url, COUNTS)
    request = ImportRequest(members_file(3), "members.csv", OnDuplicate.STOP)
    with pytest.raises(PermissionDenied):
        importer(till).run(replace(cashier, role=Role.MANAGER), request, dry_run=False)
    assert table(database_url, COUNTS) == before


def test_a_manager_imports_and_the_audit_log_says_who(till: Till, database_url: str) -> None:
    manager = till.auth.log_in("manager", "9999")
    ((members_before, _),) = table(database_url, COUNTS)
    request = ImportRequest(members_file(3), "members.csv", OnDuplicate.STOP)
    outcome = importer(till).run(manager, request, dry_run=False)
    assert outcome.added == 3
    ((members_after, _),) = table(database_url, COUNTS)
    assert members_after == members_before + 3
    ((staff_id,),) = table(
        database_url, "SELECT staff_id FROM audit_events WHERE action = 'members_imported'"
    )
    assert staff_id == manager.staff_id


def test_a_cancel_after_the_first_batch_leaves_nothing_imported(
    till: Till, database_url: str
) -> None:
    manager = till.auth.log_in("manager", "9999")
    before = table(database_url, COUNTS)
    reports: list[tuple[int, int]] = []
    request = ImportRequest(members_file(12_000), "members.csv", OnDuplicate.STOP)
    with pytest.raises(ImportCancelled):
        importer(till).run(
            manager,
            request,
            dry_run=False,
            progress=lambda done, total: reports.append((done, total)),
            cancelled=lambda: bool(reports),  # cancelled once the first batch is written
        )
    assert reports == [(5_000, 12_000)]
    assert table(database_url, COUNTS) == before
    outcome = importer(till).run(manager, request, dry_run=False)
    assert outcome.added == 12_000

"""A member's data export on the fake: managers only, one readable file, one audit event."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from app.domain.member_profile import ProfileProblem
from app.domain.members import MemberId, MemberSummary
from app.domain.money import CNY
from app.domain.staff import Role, StaffId, StaffMember
from app.domain.tiers import Tier, TierId
from app.errors import PermissionDenied
from app.services.member_data_export import EXPORTED, MemberDataExportService
from app.services.member_profile import ProfileRefused
from tests.fakes import FakeClock, FakeStore, FakeUnits
from tests.unit.test_member_erasure import MANAGER, ManagerPin

NOW = datetime(2026, 11, 22, 12, 30)
SILVER = Tier(TierId(1), "SILVER", 1, "银卡", "Silver", 500, frozenset(), 10_000, 0)
CASHIER = StaffMember(StaffId(1), "wangfang", "王芳", Role.CASHIER)
EMILY = MemberSummary(MemberId(2), "M0000002", "陈艾米", "13912345678", SILVER,
                      date(2025, 1, 1), date(2027, 1, 1), 0, 0, "靠窗", "花生")  # fmt: skip


@pytest.fixture
def units() -> FakeUnits:
    store = FakeStore(members={EMILY.member_id: EMILY}, tiers={SILVER.tier_id: SILVER})
    store.points.append({"member_id": 2, "delta": 300, "entry_id": 1})
    store.stored_value.append({"member_id": 2, "principal": 1_000, "bonus": 250, "entry_id": 1})
    return FakeUnits(store)


@pytest.fixture
def exports(units: FakeUnits) -> MemberDataExportService:
    return MemberDataExportService(units, FakeClock(NOW), "T1", ManagerPin())


def test_the_export_is_one_chinese_json_file_audited_with_its_counts(
    exports: MemberDataExportService, units: FakeUnits, tmp_path: Path
) -> None:
    out = tmp_path / "exports" / "M0000002.json"
    result = exports.export(2, out, MANAGER, CNY)

    text = out.read_text(encoding="utf-8")
    assert "陈艾米" in text
    data = json.loads(text)
    assert (data["profile"]["member_no"], data["exported_by"], data["till"]) == (
        "M0000002", "李经理", "T1",
    )  # fmt: skip
    assert data["exported_at"] == NOW.isoformat()
    assert data["balances"] == {"points": 300, "stored_value_fen": 1_250,
                                "stored_value": "¥12.50"}  # fmt: skip
    assert [e["delta"] for e in data["points_ledger"]] == [300]
    assert data["stored_value_ledger"][0]["principal"] == 1_000
    assert result.counts == data["counts"] and data["counts"]["points_ledger"] == 1
    assert list(out.parent.iterdir()) == [out]
    ((context, action, subject, detail),) = units.store.audit
    assert (action, subject, context.staff_id) == (EXPORTED, "M0000002", MANAGER.staff_id)
    assert detail == {"counts": result.counts}


def test_a_cashier_or_an_unknown_member_gets_no_file_and_no_audit(
    exports: MemberDataExportService, units: FakeUnits, tmp_path: Path
) -> None:
    out = tmp_path / "out.json"
    with pytest.raises(PermissionDenied):
        exports.export(2, out, CASHIER, CNY)
    with pytest.raises(ProfileRefused) as unknown:
        exports.export(99, out, MANAGER, CNY)
    assert unknown.value.problems == [ProfileProblem.MEMBER_NOT_FOUND]
    assert not out.exists() and units.store.audit == []

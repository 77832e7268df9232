"""Files that hold members' data are readable by their owner only: the database and its
WAL, backups, exports, reports and PDF receipts, as the real code creates them, with the
usual umask (022) that would otherwise leave them world-readable."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.bootstrap import TillConfig, build_till
from app.demo_database import create_demo_database
from app.domain.money import CNY
from app.escpos_cache import ENV, keep_escpos_capabilities_in
from tests.fakes import FakeClock
from tests.integration.test_cli import run_pos
from tests.integration.test_member_story import manager, member_id
from tests.integration.test_segments import EMILY


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_till_database_and_its_wal_are_owner_only(tmp_path: Path, clock: FakeClock) -> None:
    folder = tmp_path / "new-data-folder"
    database = folder / "till.db"
    till = build_till(TillConfig(f"sqlite:///{database}", demo_members_if_empty=10), clock)
    try:
        wal, shm = Path(f"{database}-wal"), Path(f"{database}-shm")
        assert wal.exists() and shm.exists()
        assert [mode(database), mode(wal), mode(shm)] == [0o600, 0o600, 0o600]
        assert mode(folder) == 0o700
    finally:
        till.close()


def test_an_existing_world_readable_database_is_tightened_when_the_till_starts(
    tmp_path: Path, clock: FakeClock
) -> None:
    database = tmp_path / "till.db"
    create_demo_database(f"sqlite:///{database}", 10, clock.now().date())
    database.chmod(0o644)
    assert mode(database) == 0o644
    till = build_till(TillConfig(f"sqlite:///{database}"), clock)
    try:
        assert mode(database) == 0o600
        assert mode(Path(f"{database}-wal")) == 0o600
    finally:
        till.close()


def test_report_exports_are_owner_only(tmp_path: Path, clock: FakeClock) -> None:
    database = tmp_path / "till.db"
    create_demo_database(f"sqlite:///{database}", 10, clock.now().date())
    url = f"sqlite:///{database}"
    for out in (tmp_path / "reports" / "tenure.csv", tmp_path / "reports" / "tenure.pdf"):
        made = run_pos("report", "tenure", "--db", url, "--out", str(out))
        assert made.returncode == 0, made.stderr
        assert mode(out) == 0o600
    assert mode(tmp_path / "reports") == 0o700


def test_a_members_data_export_is_owner_only(tmp_path: Path, clock: FakeClock) -> None:
    till = build_till(
        TillConfig(f"sqlite:///{tmp_path / 'till.db'}", demo_members_if_empty=10), clock
    )
    try:
        out = tmp_path / "exports" / "M0000002.json"
        till.member_story.data_export.export(member_id(till, EMILY), out, manager(till), CNY)
        assert mode(out) == 0o600
        assert mode(out.parent) == 0o700
    finally:
        till.close()


def test_pdf_receipts_are_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "receipts"
    printed = run_pos("print-test", "--printer", f"pdf://{folder}?width=58")
    assert printed.returncode == 0, printed.stderr
    [receipt] = folder.glob("*.pdf")
    assert mode(receipt) == 0o600
    assert mode(folder) == 0o700


def test_the_printer_capabilities_cache_leaves_a_new_data_folder_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV, raising=False)
    data = tmp_path / "new-data-folder"
    keep_escpos_capabilities_in(data / "cache")
    assert os.environ[ENV] == str(data / "cache")
    assert [mode(data), mode(data / "cache")] == [0o700, 0o700]

"""``pos stores`` and ``pos tills`` as a manager types them, and ``pos`` refusing to open
a till whose id another machine holds (a real process; the commands' own cases through
their ``main``), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.bootstrap import build_till
from app.stores.registration import till_token
from app.till_config import TillConfig
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.integration.conftest import PosMain

ROOT = Path(__file__).resolve().parents[2]


def pos(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "XDG_DATA_HOME": str(tmp_path / "data-home"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *args],
        capture_output=True, text=True, timeout=120, cwd=ROOT, env=env,
    )  # fmt: skip


@pytest.fixture
def url(
    new_database_url: str, clock: FakeClock, demo_templates: DemoTemplates, tmp_path: Path
) -> str:
    demo_templates.fill(new_database_url, Demo(DEMO_MEMBERS, clock.now().date()))
    config = TillConfig(
        new_database_url, till_id="T1", registration_token=till_token(tmp_path / "a")
    )
    build_till(config, clock).close()  # T1 is held by the machine of folder a
    return new_database_url


def test_a_manager_adds_a_store_moves_a_till_and_excludes_an_offer(
    url: str, pos_main: PosMain
) -> None:
    header = "东路店\\nEast Road branch"
    added = pos_main("stores", "add", "East Road", "--db", url, "--address", "1 East Rd",
                     "--header", header, "--cutoff", "5", "--region", "Shanghai")  # fmt: skip
    moved = pos_main("tills", "move", "T1", "East Road", "--db", url)
    excluded = pos_main("stores", "exclude-offer", "2", "FAMILY-4", "--db", url)
    listed = pos_main("stores", "list", "--db", url)

    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "store 2 added: East Road"
    assert moved.returncode == 0 and "store 2 (East Road)" in moved.stdout
    assert excluded.stdout.strip() == "offer FAMILY-4 does not run in store 2"
    assert "store 2: East Road [Shanghai]" in listed.stdout
    assert "receipt header: '东路店\\nEast Road branch'; business day from 5" in listed.stdout
    assert "offers not run here: FAMILY-4" in listed.stdout
    east = listed.stdout.split("store 2:")[1]
    assert "till T1: in use" in east

    renamed = pos_main("stores", "edit", "East Road", "--name", "East Rd", "--profile-header",
                       "--db", url)  # fmt: skip
    released = pos_main("tills", "release", "T1", "--db", url)
    tills = pos_main("tills", "list", "--db", url)
    assert renamed.stdout.strip() == "store 2 saved: East Rd"
    assert released.returncode == 0
    assert "till T1: free (no machine holds it)" in tills.stdout
    assert "receipt header: (the restaurant profile's)" in tills.stdout.split("store 2:")[1]


def test_mistakes_are_one_sentence_and_exit_1(url: str, pos_main: PosMain) -> None:
    unknown_till = pos_main("tills", "move", "T9", "1", "--db", url)
    unknown_store = pos_main("stores", "exclude-offer", "Moon", "FAMILY-4", "--db", url)
    late = pos_main("stores", "add", "Late", "--cutoff", "14", "--db", url)

    assert (unknown_till.returncode, unknown_till.stderr.strip()) == (
        1,
        "pos: no till T9 is registered (pos tills list names them)",
    )
    assert unknown_store.returncode == 1 and "no store Moon" in unknown_store.stderr
    assert late.returncode == 1 and "from 0 to 11" in late.stderr
    assert "Traceback" not in unknown_till.stderr + unknown_store.stderr + late.stderr


def test_a_second_machine_with_the_same_id_is_refused_before_its_window(
    url: str, tmp_path: Path
) -> None:
    settings = tmp_path / "b" / "till-settings.json"
    settings.parent.mkdir()
    settings.write_text(json.dumps({"till_id": "T1"}), encoding="utf-8")

    refused = pos(tmp_path, "--db", url, "--settings", str(settings))

    assert refused.returncode == 1
    assert "another till already uses the till id T1" in refused.stderr
    assert "pos tills set-id --next" in refused.stderr
    assert "Traceback" not in refused.stderr

    taken = pos(tmp_path, "--settings", str(settings), "tills", "set-id", "T1", "--db", url)
    assert taken.returncode == 1 and "already uses the id T1" in taken.stderr
    chosen = pos(tmp_path, "--settings", str(settings), "tills", "set-id", "T7", "--db", url)
    assert chosen.returncode == 0
    assert json.loads(settings.read_text(encoding="utf-8"))["till_id"] == "T7"
    handed = pos(tmp_path, "--settings", str(settings), "tills", "set-id", "--next", "--db", url)
    assert handed.returncode == 0
    assert json.loads(settings.read_text(encoding="utf-8"))["till_id"] == ""

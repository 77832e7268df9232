"""``pos restore`` refuses, changing nothing, while a till in another process has the
SQLite database open; once that till closes (or its process is killed) it restores."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes import FakeClock
from tests.integration.test_backups import a_till_with_history, only_backup
from tests.integration.test_cli import ROOT, run_pos

HOLDER = """
import sys
from app.bootstrap import TillConfig, build_till
till = build_till(TillConfig(sys.argv[1]))
print("open", flush=True)
sys.stdin.read()  # until the test closes our standard input
till.close()
"""
REFUSAL = "pos restore: a till is using this database; close it first\n"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def backed_up(tmp_path: Path, clock: FakeClock) -> tuple[str, Path, Path]:
    database = tmp_path / "till.db"
    a_till_with_history(database, clock)
    url = f"sqlite:///{database}"
    made = run_pos("backup", "--db", url, "--to", str(tmp_path / "backups"))
    assert made.returncode == 0, made.stderr
    return url, database, only_backup(tmp_path / "backups")


@pytest.fixture
def open_till(backed_up: tuple[str, Path, Path]) -> Iterator[subprocess.Popen[str]]:
    """A till open on the database in a process of its own."""
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, backed_up[0]],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    ) as holder:  # closes its pipes and waits for it on the way out
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        yield holder
        if holder.poll() is None:
            holder.kill()


def test_restore_refuses_while_a_till_has_the_database_open_and_changes_nothing(
    backed_up: tuple[str, Path, Path], open_till: subprocess.Popen[str], tmp_path: Path
) -> None:
    url, database, backup = backed_up
    before = digest(database)
    refused = run_pos("restore", str(backup), "--db", url)
    assert (refused.returncode, refused.stderr) == (1, REFUSAL)
    assert digest(database) == before
    assert not list(tmp_path.glob("till.db.before-restore-*"))

    assert open_till.stdin is not None
    open_till.stdin.close()  # the till closes
    assert open_till.wait(timeout=60) == 0
    restored = run_pos("restore", str(backup), "--db", url)
    assert restored.returncode == 0, restored.stderr
    assert len(list(tmp_path.glob("till.db.before-restore-*"))) == 1


def test_a_killed_till_leaves_no_stale_lock(
    backed_up: tuple[str, Path, Path], open_till: subprocess.Popen[str]
) -> None:
    url, _database, backup = backed_up
    assert run_pos("restore", str(backup), "--db", url).stderr == REFUSAL
    open_till.kill()
    open_till.wait(timeout=60)
    restored = run_pos("restore", str(backup), "--db", url)
    assert restored.returncode == 0, restored.stderr

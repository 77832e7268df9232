"""``pos offline refresh`` and ``pos offline status`` on a real database, in a process."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from db.engine import create_db_engine
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.integration.test_stores_cli import pos


def test_a_manager_builds_refreshes_and_inspects_the_local_copy(
    new_database_url: str, clock: FakeClock, demo_templates: DemoTemplates, tmp_path: Path
) -> None:
    demo_templates.fill(new_database_url, Demo(DEMO_MEMBERS, clock.now().date()))
    data = tmp_path / "data-home" / "membership-till"
    copy = data / "local-copy.db"

    missing = pos(tmp_path, "offline", "status")
    assert missing.returncode == 1 and "no local copy" in missing.stdout

    built = pos(tmp_path, "offline", "refresh", "--db", new_database_url)
    assert built.returncode == 0, built.stderr
    assert f"built the copy: {DEMO_MEMBERS:,} members" in built.stdout
    assert copy.exists()

    engine = create_db_engine(new_database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE members SET name = '林小雨' WHERE member_no = 'M0000003'"))
    engine.dispose()
    again = pos(tmp_path, "offline", "refresh", "--db", new_database_url)
    assert again.returncode == 0, again.stderr
    assert "refreshed 1 members" in again.stdout

    status = pos(tmp_path, "offline", "status")
    assert status.returncode == 0, status.stderr
    assert f"members {DEMO_MEMBERS:,}" in status.stdout and "feed position:" in status.stdout


def test_a_server_that_cannot_be_reached_is_said_in_one_sentence(tmp_path: Path) -> None:
    done = pos(
        tmp_path, "offline", "refresh", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none"
    )
    assert done.returncode == 1
    assert done.stderr.startswith("pos offline: the local copy was not refreshed")
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1

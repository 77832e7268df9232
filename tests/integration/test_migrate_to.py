"""``pos migrate-to``: a demo till's SQLite database moved to the test PostgreSQL server,
proved (rows, ledger sums, balances, hash chains) and switched to; a copy altered before
its proof, a server that does not answer and a database with data are refused, and the
till stays on its untouched SQLite file."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, func, select, text

from app.audit_chain.verify import verify_database
from app.bootstrap import Till, TillConfig, build_till
from app.config import APP_DIR_NAME, DATABASE_ENV, configured_database_url
from app.domain.payment import PaymentMethod
from app.migrate_to.errors import CopyDiffers, MoveRefused
from app.migrate_to.move import move_till
from db.in_use import mark_in_use
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.integration.test_hash_chains import buy, member
from tests.integration.test_partial_refunds import refund, sell
from tests.postgres_server import PostgresServer
from ui.cli import main

ROOT = Path(__file__).resolve().parents[2]


def pos(data_home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(data_home)}
    env.pop(DATABASE_ENV, None)
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *args],
        capture_output=True, text=True, timeout=300, cwd=ROOT, env=env,
    )  # fmt: skip


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def sqlite_till(
    sqlite_url: str, clock: FakeClock, demo_templates: DemoTemplates
) -> Iterator[tuple[str, Path]]:
    """The demo till on SQLite with a day's trade: sales, a refund, a merge (a member's
    record then points at a later one), closed; its URL and file."""
    demo_templates.fill(sqlite_url, Demo(DEMO_MEMBERS, clock.now().date()))
    till = build_till(TillConfig(sqlite_url), clock)
    try:
        trade(till)
    finally:
        till.close()
    yield sqlite_url, Path(sqlite_url.removeprefix("sqlite:///"))


def trade(till: Till) -> None:
    order_no, _ = sell(till, PaymentMethod.STORED_VALUE)
    refund(till, order_no, None)
    buy(till, member(till, "M0000002"), "HOT-01")
    absorbed, survivor = member(till, "M0000003"), member(till, "M0000006")
    manager = till.auth.log_in("manager", "9999")
    till.merge.merge(manager, survivor.member_id, absorbed.member_id, "same guest")


def table_counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            metadata = MetaData()
            metadata.reflect(connection)
            return {
                name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
                for name, table in metadata.tables.items()
            }
    finally:
        engine.dispose()


def balances(url: str) -> set[tuple[int, int, int, int]]:
    """(member, points, principal, bonus) for every member, straight from the ledgers."""
    query = text(
        "SELECT m.id,"
        " (SELECT coalesce(sum(delta), 0) FROM points_ledger WHERE member_id = m.id),"
        " (SELECT coalesce(sum(principal_delta_fen), 0) FROM stored_value_ledger"
        "  WHERE member_id = m.id),"
        " (SELECT coalesce(sum(bonus_delta_fen), 0) FROM stored_value_ledger"
        "  WHERE member_id = m.id)"
        " FROM members m"
    )
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {(int(a), int(b), int(c), int(d)) for a, b, c, d in connection.execute(query)}
    finally:
        engine.dispose()


def test_a_demo_till_moves_to_postgresql_and_opens_there(
    sqlite_till: tuple[str, Path], postgres: PostgresServer, tmp_path: Path, clock: FakeClock
) -> None:
    sqlite_url, path = sqlite_till
    target = postgres.create_database()
    had = verify_database(sqlite_url)
    before = sha256(path)

    done = pos(tmp_path, "migrate-to", target, "--from", sqlite_url)

    assert done.returncode == 0, done.stderr
    assert "verifying the copy" in done.stdout
    assert f"this till now opens {target}" in done.stdout
    assert sha256(path) == before
    assert configured_database_url(tmp_path / APP_DIR_NAME) == target
    counts, had_counts = table_counts(target), table_counts(sqlite_url)
    assert counts.pop("change_feed") == 0  # a new server starts its own feed (migration 0016)
    had_counts.pop("change_feed")
    assert counts == had_counts
    assert counts["members"] == DEMO_MEMBERS and counts["orders"] >= 2
    assert balances(target) == balances(sqlite_url)
    has = verify_database(target)
    assert has.ok, has.details
    assert has.summary == had.summary  # same rows, chains and digest
    again = pos(tmp_path, "audit", "verify")  # no --db: the till's setting names PostgreSQL
    assert again.returncode == 0 and has.summary in again.stdout
    till = build_till(TillConfig(target), clock)
    try:  # new rows get fresh ids after the copied ones, and chain on
        buy(till, member(till, "M0000004"), "HOT-01")
    finally:
        till.close()
    assert verify_database(target).ok


def test_a_copy_altered_before_its_proof_leaves_the_till_on_sqlite(
    sqlite_till: tuple[str, Path], postgres: PostgresServer, tmp_path: Path, clock: FakeClock
) -> None:
    sqlite_url, path = sqlite_till
    target = postgres.create_database()
    before = sha256(path)

    def tamper(url: str) -> None:
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "UPDATE points_ledger SET delta = delta + 500"
                " WHERE id = (SELECT min(id) FROM points_ledger)"
            )
        engine.dispose()

    with pytest.raises(CopyDiffers) as refused:
        move_till(sqlite_url, target, clock.now(), print, config_folder=tmp_path, after_copy=tamper)

    assert "stays on" in str(refused.value)
    differences = refused.value.differences
    sums = [
        re.fullmatch(r"member \d+: (-?\d+) points.* in SQLite, (-?\d+) points.*", d)
        for d in differences
    ]
    assert [int(m[2]) - int(m[1]) for m in sums if m] == [500]
    assert any(d.startswith("hash chain: ") and "changed" in d for d in differences)
    assert configured_database_url(tmp_path) is None
    assert sha256(path) == before


def test_a_database_that_holds_data_is_refused_unless_replaced(
    sqlite_till: tuple[str, Path], postgres: PostgresServer, tmp_path: Path, clock: FakeClock
) -> None:
    sqlite_url, _ = sqlite_till
    target = postgres.create_database()
    first = move_till(sqlite_url, target, clock.now(), print, config_folder=tmp_path)
    other = tmp_path / "other"

    with pytest.raises(MoveRefused, match=r"already holds data \(members: 40 rows"):
        move_till(sqlite_url, target, clock.now(), print, config_folder=other)

    assert configured_database_url(other) is None
    again = move_till(sqlite_url, target, clock.now(), print, config_folder=other, replace=True)
    assert again.proof == first.proof
    assert configured_database_url(other) == target


def test_refusals_are_one_sentence_and_switch_nothing(
    sqlite_till: tuple[str, Path],
    postgres: PostgresServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sqlite_url, _ = sqlite_till
    nobody = f"postgresql://postgres@127.0.0.1:{free_port()}/till"
    cases = {
        "not PostgreSQL": ("mysql://till@host/till", sqlite_url, "moves to PostgreSQL only"),
        "not a URL": ("till on the server", sqlite_url, "is not a database URL"),
        "no server": (nobody, sqlite_url, "Connection refused"),
        "no database": (postgres.url("nosuch"), sqlite_url, 'database "nosuch" does not exist'),
        "no SQLite file": (
            postgres.create_database(),
            f"sqlite:///{tmp_path / 'none.db'}",
            "there is no till database at",
        ),
    }
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    for case, (target, source, words) in cases.items():
        code = main(["migrate-to", target, "--from", source])
        lines = capsys.readouterr().err.strip().splitlines()
        assert code == 1, case
        assert len(lines) == 1 and lines[0].startswith("pos migrate-to: "), (case, lines)
        assert words in lines[0], (case, lines[0])
    assert configured_database_url(tmp_path / APP_DIR_NAME) is None


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_till_open_on_the_file_stops_the_move(
    sqlite_till: tuple[str, Path], postgres: PostgresServer, tmp_path: Path, clock: FakeClock
) -> None:
    sqlite_url, path = sqlite_till
    target = postgres.create_database()
    running = mark_in_use(sqlite_url)  # what a till holds from start-up until it closes
    try:
        with pytest.raises(MoveRefused, match=f"a till has {path} open: close it"):
            move_till(sqlite_url, target, clock.now(), print, config_folder=tmp_path)
    finally:
        running.release()
    assert configured_database_url(tmp_path) is None
    assert table_counts(target) == {}  # nothing was made on the server

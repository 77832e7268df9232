"""Audit events and ledger entries are hash-chained as the till writes them; rows edited,
deleted, inserted or moved behind the till's back are named by ``pos audit verify`` and
``pos doctor`` (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import date, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text

from app.audit_chain.verify import verify_database
from app.benchmark.population import ensure_population
from app.bootstrap import Till
from app.context import ActionContext
from app.domain.draft import OrderDraft
from app.domain.members import MemberSummary
from app.domain.payment import PaymentMethod, Tender
from db.audit_log import SqlAuditLog
from db.engine import create_db_engine, session_factory
from db.hash_chains import chain_everything
from db.ledgers import SqlLedgers
from db.migrate import alembic_config, upgrade_to_head
from db.models import ChainHeadRow, PointsLedgerRow
from tests.integration.test_partial_refunds import refund, sell
from tests.integration.test_upgrading_a_till import ROWS_AT_0004

ROOT = Path(__file__).resolve().parents[2]


def pos(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *args],
        capture_output=True, text=True, timeout=120, cwd=ROOT, env=env,
    )  # fmt: skip


def member(till: Till, typed: str) -> MemberSummary:
    found = till.members.identify(typed).member
    assert found is not None
    return found


def buy(till: Till, who: MemberSummary, code: str) -> None:
    draft = OrderDraft()
    draft.add(next(item for item in till.catalog.load().items if item.code == code))
    draft.member = who
    cashier = till.auth.log_in("wangfang", "1111")
    till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 100_000), cashier)


def raw(url: str, *statements: str) -> None:
    """SQL straight through the driver (sqlite3 or psycopg), as a SQL tool would."""
    engine = create_engine(url)
    with engine.begin() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)
    engine.dispose()


def scalar(url: str, query: str) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        value = connection.exec_driver_sql(query).scalar()
    engine.dispose()
    return int(value)


def test_checkouts_and_a_merge_leave_every_chain_valid(till: Till, database_url: str) -> None:
    zhang, zeng = member(till, "M0000001"), member(till, "M0000005")
    buy(till, zhang, "HOT-01")
    buy(till, zeng, "HOT-02")
    manager = till.auth.log_in("manager", "9999")
    till.merge.merge(manager, zhang.member_id, zeng.member_id, "same guest")

    verdict = verify_database(database_url)

    assert verdict.ok, verdict.details
    moved = scalar(
        database_url,
        f"SELECT count(*) FROM points_ledger WHERE written_member_id = {zeng.member_id}"
        f" AND member_id = {zhang.member_id}",
    )
    assert moved >= 1  # the merge moved the entry; the chain still holds who it was for
    assert scalar(database_url, "SELECT count(*) FROM audit_events WHERE chain_hash IS NULL") == 0


def test_a_stored_value_sale_with_points_and_its_refund_keep_every_chain_valid(
    till: Till, database_url: str
) -> None:
    order_no, _ = sell(till, PaymentMethod.STORED_VALUE)
    refund(till, order_no, None)  # several entries of one member in one flush

    verdict = verify_database(database_url)

    assert verdict.ok, verdict.details
    reversed_entries = "SELECT count(*) FROM {} WHERE reverses_id IS NOT NULL"
    assert scalar(database_url, reversed_entries.format("points_ledger")) >= 2
    assert scalar(database_url, reversed_entries.format("stored_value_ledger")) >= 1


TAMPERING = {
    "edited": (
        "UPDATE stored_value_ledger SET principal_delta_fen = 999900 WHERE id = {sv}",
        "{sv}",
        "changed",
    ),
    "deleted": ("DELETE FROM points_ledger WHERE id = {p}", "{p_next}", "missing"),
    "inserted": (
        "INSERT INTO stored_value_ledger (member_id, principal_delta_fen, bonus_delta_fen,"
        " reason, created_at) VALUES (3, 999900, 0, 'top_up', '2026-11-22 12:00:00')",
        "{sv_new}",
        "inserted",
    ),
    "moved": ("UPDATE points_ledger SET member_id = 7 WHERE id = {p}", "{p}", "moved"),
    "audit event deleted": (
        "DELETE FROM audit_events WHERE id = {a}",
        "{a_next}",
        "missing",
    ),
}


@pytest.mark.parametrize("kind", list(TAMPERING))
def test_tampering_behind_the_tills_back_is_found_at_its_row(
    till: Till, database_url: str, kind: str
) -> None:
    buy(till, member(till, "M0000001"), "HOT-01")
    buy(till, member(till, "M0000002"), "HOT-01")
    assert verify_database(database_url).ok
    ids = _ids(database_url)
    statement, row, word = TAMPERING[kind]

    raw(database_url, statement.format(**ids))

    verdict = verify_database(database_url)
    assert not verdict.ok
    expected_row = row.format(**{**ids, "sv_new": ids["sv_max"] + 1})
    assert f"row {expected_row}: {word}" in verdict.summary, verdict.summary


def _ids(url: str) -> dict[str, int]:
    """A points entry of member 1 with a later one in its stream, a stored-value entry,
    and an audit event of T1 with a later one."""
    p = scalar(url, "SELECT min(id) FROM points_ledger WHERE member_id = 1")
    p_next = scalar(
        url,
        f"SELECT min(id) FROM points_ledger WHERE id > {p} AND written_member_id = 1",
    )
    a = scalar(url, "SELECT min(id) FROM audit_events WHERE till_id = 'T1'")
    a_next = scalar(url, f"SELECT min(id) FROM audit_events WHERE id > {a} AND till_id = 'T1'")
    sv = scalar(url, "SELECT min(id) FROM stored_value_ledger")
    sv_max = scalar(url, "SELECT max(id) FROM stored_value_ledger")
    return {"p": p, "p_next": p_next, "a": a, "a_next": a_next, "sv": sv, "sv_max": sv_max}


def test_pos_audit_verify_and_doctor_name_the_first_broken_link(
    till: Till, database_url: str, tmp_path: Path
) -> None:
    buy(till, member(till, "M0000001"), "HOT-01")
    till.close()
    clean = pos("audit", "verify", "--db", database_url)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "verify" in clean.stdout
    edited = scalar(database_url, "SELECT max(id) FROM stored_value_ledger")

    raw(
        database_url,
        "UPDATE stored_value_ledger SET principal_delta_fen = principal_delta_fen + 100000"
        f" WHERE id = {edited}",
    )

    broken = pos("audit", "verify", "--db", database_url)
    assert broken.returncode == 1
    assert f"row {edited}: changed" in broken.stdout
    assert "Traceback" not in broken.stderr
    settings = tmp_path / "till-settings.json"
    settings.write_text('{"printer_url": "sim://", "card_reader_url": "sim://"}')
    doctor = pos("--settings", str(settings), "doctor", "--db", database_url)
    assert doctor.returncode == 1
    line = next(x for x in doctor.stdout.splitlines() if "hash chains" in x)
    assert line.startswith("ERR") and f"row {edited}: changed" in line


def test_two_connections_appending_to_one_stream_leave_a_valid_chain(till: Till) -> None:
    url = till.config.database_url
    engine = create_db_engine(url)
    sessions = session_factory(engine)
    failures: list[BaseException] = []

    def append(worker: int) -> None:
        try:
            for i in range(15):
                with sessions.begin() as session:
                    context = ActionContext(None, "T1", datetime(2026, 11, 22, 13, worker, i))
                    for delta in (worker * 100 + i, -1):  # two rows in one flush
                        SqlLedgers(session).append_points(
                            member_id=1, delta=delta, reason="adjust", at=context.now
                        )
                    SqlAuditLog(session).record(context, "points_adjusted", f"w{worker}")
        except BaseException as error:  # reported below, on the test's thread
            failures.append(error)

    threads = [threading.Thread(target=append, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    verdict = verify_database(url)
    assert verdict.ok, verdict.details
    with engine.connect() as connection:
        head = connection.execute(
            select(ChainHeadRow.length).where(ChainHeadRow.stream == "points:1")
        ).scalar_one()
        rows = connection.execute(
            select(PointsLedgerRow.id).where(PointsLedgerRow.written_member_id % 64 == 1)
        ).all()
    assert head == len(rows) >= 60
    engine.dispose()


def test_the_migration_chains_the_rows_a_till_already_has(database_url: str) -> None:
    engine = create_db_engine(database_url)
    command.upgrade(alembic_config(engine), "0004")
    with engine.begin() as connection:
        for statement in ROWS_AT_0004:
            connection.execute(text(statement))

    upgrade_to_head(engine)
    engine.dispose()

    verdict = verify_database(database_url)
    assert verdict.ok, verdict.details
    assert scalar(database_url, "SELECT count(*) FROM points_ledger WHERE chain_hash IS NULL") == 0
    raw(database_url, "UPDATE points_ledger SET delta = 500 WHERE delta = 68")
    assert "changed" in verify_database(database_url).summary


def chain_state(url: str) -> list[tuple[object, ...]]:
    """Every chained row's hash and owner, and every head."""
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = [
            tuple(row)
            for table in ("audit_events", "points_ledger", "stored_value_ledger")
            for row in connection.exec_driver_sql(
                f"SELECT '{table}', id, chain_hash"
                + (", written_member_id" if table != "audit_events" else "")
                + f" FROM {table} ORDER BY id"
            )
        ]
        heads = connection.exec_driver_sql("SELECT * FROM chain_heads ORDER BY stream").all()
    engine.dispose()
    return rows + [tuple(head) for head in heads]


def test_chaining_the_rows_again_from_scratch_gives_what_the_till_wrote(
    till: Till, database_url: str
) -> None:
    """The migration's bulk chaining (plain tuples, stored time text) and the till's own
    chaining as it writes are one encoding: a merge, a refund and a top-up included."""
    zhang, zeng = member(till, "M0000001"), member(till, "M0000005")
    buy(till, zhang, "HOT-01")
    sell(till, PaymentMethod.STORED_VALUE)
    manager = till.auth.log_in("manager", "9999")
    till.merge.merge(manager, zhang.member_id, zeng.member_id, "same guest")
    written = chain_state(database_url)
    raw(
        database_url,
        "UPDATE audit_events SET chain_hash = NULL",
        "UPDATE points_ledger SET chain_hash = NULL, written_member_id = NULL"
        f" WHERE member_id <> {zhang.member_id}",
        "UPDATE stored_value_ledger SET chain_hash = NULL",
        "DELETE FROM chain_heads",
    )

    engine = create_db_engine(database_url)
    with engine.begin() as connection:
        chained_rows = chain_everything(connection, batch=7)
    engine.dispose()

    assert chained_rows == len(written) - scalar(database_url, "SELECT count(*) FROM chain_heads")
    assert chain_state(database_url) == written
    assert verify_database(database_url).ok


def test_a_generated_benchmark_file_verifies(tmp_path: Path) -> None:
    path = tmp_path / "bench.db"
    ensure_population(path, 400, 1, date(2026, 11, 22), lambda line: None)

    verdict = verify_database(f"sqlite:///{path}")

    assert verdict.ok, verdict.details
    assert scalar(f"sqlite:///{path}", "SELECT count(*) FROM points_ledger") > 100
    # Bulk rows carry the store: the orders their till's, the members where they joined.
    for query in (
        "SELECT count(*) FROM orders WHERE store_id IS NULL",
        "SELECT count(*) FROM payments WHERE store_id IS NULL OR till_id IS NULL",
        "SELECT count(*) FROM members WHERE joined_store_id IS NULL",
    ):
        assert scalar(f"sqlite:///{path}", query) == 0, query
    assert scalar(f"sqlite:///{path}", "SELECT count(*) FROM orders") > 100


def test_a_stored_value_below_zero_is_reported_even_when_every_chain_holds(till: Till) -> None:
    url = till.config.database_url
    engine = create_db_engine(url)
    with session_factory(engine).begin() as session:  # a till's bug, not a SQL tool
        SqlLedgers(session).append_stored_value(
            member_id=2, principal=-99_999_900, bonus=0, reason="payment", at=datetime(2026, 11, 22)
        )
    engine.dispose()

    verdict = verify_database(url)

    assert not verdict.ok
    assert verdict.summary == "member 2's stored value sums below zero"

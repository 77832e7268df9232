from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

POS = [sys.executable, "-m", "ui.cli"]
ROOT = Path(__file__).resolve().parents[2]


def run_pos(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*POS, *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env if env is not None else dict(os.environ),
    )


def test_help_lists_the_commands_and_options() -> None:
    result = run_pos("--help")
    assert result.returncode == 0
    for word in ("demo", "print-test", "doctor", "--db", "--lang", "POS_DATABASE_URL"):
        assert word in result.stdout


def test_demo_creates_a_seeded_database_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    result = run_pos("demo", "--db", url, "--members", "120")
    assert result.returncode == 0, result.stderr
    assert "120 members" in result.stdout
    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM members")).scalar() == 120
        assert (
            connection.execute(text("SELECT count(*) FROM cards WHERE status = 'active'")).scalar()
            == 120
        )
    engine.dispose()
    again = run_pos("demo", "--db", url, "--members", "5")
    assert again.returncode == 1 and "already has a till database" in again.stderr


def test_demo_honours_the_environment_variable(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'env.db'}"
    result = run_pos("demo", "--members", "3", env={**os.environ, "POS_DATABASE_URL": url})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env.db").exists()


def test_without_a_display_the_app_says_so_in_one_line(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = run_pos("--db", f"sqlite:///{tmp_path / 'x.db'}", env=env)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "no display" in result.stderr and "QT_QPA_PLATFORM=offscreen" in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_print_test_prints_chinese_english_and_a_qr_code() -> None:
    from hardware.printing.escpos_decode import decode_escpos
    from tests.fake_printer import FakeNetworkPrinter

    printer = FakeNetworkPrinter()
    try:
        result = run_pos("print-test", "--printer", printer.url, "--width", "58")
        assert result.returncode == 0, result.stderr
        assert "printed" in result.stdout
        slip = decode_escpos(printer.wait_for_jobs(1)[0], strict=True)
    finally:
        printer.close()
    assert "打印测试 PRINT TEST" in slip.text and "ASCII 0123456789" in slip.text
    assert slip.images == 1  # 58 mm POS-5890: the QR code as an image


def test_print_test_fails_with_one_clear_line_when_the_printer_is_off() -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    result = run_pos("print-test", "--printer", f"escpos+tcp://127.0.0.1:{port}?timeout=2")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"pos print-test: network printer 127.0.0.1:{port} is unreachable: Connection refused"
    )


def test_doctor_reports_a_healthy_till_and_a_stuck_print_queue(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'till.db'}"
    assert run_pos("demo", "--db", url, "--members", "5").returncode == 0
    settings = tmp_path / "settings.json"
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    assert run_pos("backup", "--db", url, env=env).returncode == 0
    healthy = run_pos("--settings", str(settings), "doctor", "--db", url, env=env)
    assert healthy.returncode == 0, healthy.stdout
    assert "all good" in healthy.stdout
    assert f"ok   last backup: {date.today():%Y-%m-%d} " in healthy.stdout

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO print_jobs (till_id, printer_url, kind, document, open_drawer, status,"
                " fault, last_error, attempts, created_at) VALUES ('T1', 'sim://', 'receipt', '{}',"
                " 0, 'failed', 'paper_out', 'out of paper', 3, '2026-11-22 12:00:00')"
            )
        )
    engine.dispose()
    settings.write_text('{"printer_url": "escpos+tcp://127.0.0.1:9?timeout=1"}')
    sick = run_pos("--settings", str(settings), "doctor", "--db", url)
    assert sick.returncode == 1
    assert "1 slip(s) failed to print (paper_out)" in sick.stdout
    assert "ERR  printer: network printer 127.0.0.1:9 is unreachable" in sick.stdout


@pytest.mark.parametrize(
    ("benchmark", "counted"),
    [("lookup", ["--queries", "0"]), ("members", ["--runs", "0"]), ("start", ["--runs", "0"])],
)
def test_every_benchmark_refuses_a_count_below_one_before_building_anything(
    benchmark: str, counted: list[str], tmp_path: Path
) -> None:
    database = tmp_path / "bench.db"
    result = run_pos("bench", benchmark, "--members", "10", *counted, "--db", str(database))
    assert result.returncode == 2
    assert f"pos bench: --members and {counted[0]} must be 1 or more" in result.stderr
    assert not database.exists()


def test_version_names_the_installed_till() -> None:
    from app.version import till_version

    result = run_pos("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"pos {till_version()}"
    assert till_version()[0].isdigit() and till_version() != "0+unknown"


def test_autostart_on_writes_the_login_entry_and_off_removes_it(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path)}
    entry = tmp_path / "autostart" / "membership-till.desktop"
    assert run_pos("autostart", "status", env=env).stdout.strip() == "off"
    on = run_pos("autostart", "on", "--db", "sqlite:////srv/till.db", env=env)
    assert on.returncode == 0 and str(entry) in on.stdout
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    assert exec_line.endswith(" --db sqlite:////srv/till.db")
    assert run_pos("autostart", "status", env=env).stdout.strip() == "on"
    assert run_pos("autostart", "off", env=env).returncode == 0
    assert not entry.exists()

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
    for word in ("demo", "--db", "--lang", "POS_DATABASE_URL"):
        assert word in result.stdout


def test_demo_creates_a_seeded_database_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    result = run_pos("demo", "--db", url, "--members", "120")
    assert result.returncode == 0, result.stderr
    assert "120 members" in result.stdout
    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM members")).scalar() == 120
        assert connection.execute(text("SELECT count(*) FROM cards")).scalar() == 120
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

"""``pos`` on a new database opens the set-up wizard, not the demo; ``pos setup`` takes the
tax line, currency and business-day cut-off the wizard asks for."""

from __future__ import annotations

from pathlib import Path

from tests.integration.test_cli import run_pos
from tests.integration.test_setup_cli import pin_file, setup_args, table


def test_the_help_says_a_new_database_opens_the_wizard_and_the_demo_is_pos_demo() -> None:
    result = run_pos("--help")
    assert result.returncode == 0
    words = " ".join(result.stdout.split())
    assert "opens the set-up wizard" in words and "pos demo makes the demo" in words
    assert "--no-demo" in words  # still accepted, as old scripts pass it
    setup = " ".join(run_pos("setup", "--help").stdout.split())
    for flag in ("--tax-line", "--currency", "--cutoff-hour"):
        assert flag in setup, flag


def test_setup_stores_the_tax_line_currency_and_cutoff_hour(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'till.db'}"
    extra = ("--tax-line", "税号 91310104MA1FR0000X", "--currency", "USD", "--cutoff-hour", "2")
    done = run_pos(*setup_args(url, pin_file(tmp_path), *extra))
    assert done.returncode == 0, done.stderr
    settings = dict(table(url, "SELECT key, value FROM settings"))
    assert settings["restaurant_tax_line"] == "税号 91310104MA1FR0000X"
    assert settings["currency"] == "USD" and settings["business_day_cutoff_hour"] == "2"


def test_setup_defaults_to_cny_and_a_4_am_cutoff_and_refuses_an_hour_past_11(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'till.db'}"
    refused = run_pos(*setup_args(url, pin_file(tmp_path), "--cutoff-hour", "12"))
    assert refused.returncode == 2 and "--cutoff-hour" in refused.stderr
    assert not (tmp_path / "till.db").exists()
    done = run_pos(*setup_args(url, pin_file(tmp_path)))
    assert done.returncode == 0, done.stderr
    settings = dict(table(url, "SELECT key, value FROM settings"))
    assert settings["currency"] == "CNY" and settings["business_day_cutoff_hour"] == "4"
    assert settings["restaurant_tax_line"] == ""

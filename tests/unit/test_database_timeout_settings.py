"""A till's database timeouts come from its settings file, with defaults for anything
missing or out of range, and reach the till's configuration."""

from __future__ import annotations

import json
from pathlib import Path

from app.config import TillSettings, load_till_settings, save_till_settings
from app.domain.storage import DatabaseTimeouts
from app.till_config import TillConfig


def test_a_settings_file_without_timeouts_gives_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "till-settings.json"
    path.write_text(json.dumps({"till_id": "T2"}), encoding="utf-8")
    settings = load_till_settings(path)
    assert (settings.connect_timeout_s, settings.statement_timeout_s) == (3, 5)
    assert settings.lock_timeout_s == 3
    assert TillConfig("sqlite://").database_timeouts == DatabaseTimeouts(3, 5, 3, 30)


def test_timeouts_set_in_the_file_are_kept_and_nonsense_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "till-settings.json"
    path.write_text(
        json.dumps({"connect_timeout_s": 10, "statement_timeout_s": "ten", "lock_timeout_s": 0}),
        encoding="utf-8",
    )
    settings = load_till_settings(path)
    assert settings.connect_timeout_s == 10
    assert settings.statement_timeout_s == 5
    assert settings.lock_timeout_s == 3


def test_saved_timeouts_read_back_the_same(tmp_path: Path) -> None:
    path = tmp_path / "till-settings.json"
    saved = TillSettings(connect_timeout_s=4, statement_timeout_s=8, lock_timeout_s=2)
    save_till_settings(path, saved)
    assert load_till_settings(path) == saved

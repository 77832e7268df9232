"""A till started without an id keeps the one the database handed out, and a clash is
said in the interface language with the command that fixes it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ui.app import TillApp


def test_a_new_till_keeps_the_id_the_database_handed_out(
    make_app: Callable[[str], TillApp], tmp_path: Path
) -> None:
    till_app = make_app("en")

    assert till_app.till is not None and till_app.till.config.till_id == "T1"
    saved = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert saved["till_id"] == "T1"
    assert (tmp_path / "till-token").stat().st_mode & 0o077 == 0


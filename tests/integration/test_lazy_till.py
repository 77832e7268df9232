"""A till builds only what its sign-in window needs: every other service, and the
modules behind it (reports, exports, the PDF library, the cashier window and the
manager's tools), is built the first time it is used, and then works as before.

Which modules a start loads is read from a fresh process (this one has them all)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from app.bootstrap import Till, prepare_database

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("app.reports.registry", "app.services.reports", "app.exports", "reportlab")
HEAVY += ("ui.cashier.compose", "ui.manager.workspace", "app.services.checkout")
HEAVY += ("alembic",)  # nothing to migrate: the migration files' text says so


def run_python(script: str, data: Path) -> dict[str, object]:
    """``script`` in a new interpreter (its data folder in ``data``); it prints one JSON
    document as its last line."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    env["XDG_DATA_HOME"] = str(data)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=180, env=env
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def demo_file(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'till.db'}"
    prepare_database(url, 40, date(2026, 11, 22)).dispose()
    return url


def test_a_built_till_loads_a_service_only_when_it_is_first_used(tmp_path: Path) -> None:
    url = demo_file(tmp_path)
    script = f"""
import json, sys
from app.bootstrap import build_till
from app.till_config import TillConfig
heavy = {HEAVY!r}
till = build_till(TillConfig({url!r}))
at_start = [name for name in heavy if name in sys.modules]
built_at_start = sorted(till.built())
reports = till.reports
once = reports is till.reports
loaded = [name for name in heavy if name in sys.modules]
till.close()
print(json.dumps(dict(at_start=at_start, built_at_start=built_at_start, once=once,
                      built=sorted(till.built()), loaded=loaded)))
"""
    seen = run_python(script, tmp_path)

    assert seen["at_start"] == []
    assert seen["built_at_start"] == []
    assert seen["once"] is True
    assert seen["built"] == ["reports"]
    assert "app.services.reports" in seen["loaded"]  # type: ignore[operator]


def test_the_sign_in_window_shows_before_the_cashier_window_and_reports_load(
    tmp_path: Path,
) -> None:
    url = demo_file(tmp_path)
    settings = tmp_path / "till-settings.json"
    script = f"""
import json, os, sys
from ui.cli import build_parser, open_gui
heavy = {HEAVY!r}
args = build_parser(report_options=False).parse_args(["--db", {url!r}, "--settings",
                                                      {str(settings)!r}])
qapp, till_app = open_gui(args)
shown = till_app.login is not None and till_app.login.isVisible()
loaded = [name for name in heavy if name in sys.modules]
print(json.dumps(dict(shown=shown, loaded=loaded)), flush=True)
os._exit(0)  # as pos bench start: the daily jobs' thread is not waited for
"""
    seen = run_python(script, tmp_path)

    assert seen == {"shown": True, "loaded": []}


def test_every_service_a_till_offers_is_built_on_first_use(till: Till) -> None:
    """The in-process till of the other tests: each lazily built service builds, once,
    and the search that needs the member lookups works."""
    names = sorted(
        name for name in dir(Till) if not name.startswith("_") and name not in ("built", "close")
    )
    lazy = [
        name for name in names if name not in vars(till) and name not in Till.__dataclass_fields__
    ]
    for name in lazy:
        first = getattr(till, name)
        assert getattr(till, name) is first, name
    assert till.built() == frozenset(lazy)
    assert till.members.identify("M0000001").member is not None

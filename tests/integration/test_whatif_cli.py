"""``pos rules export`` and ``pos whatif`` as a script runs them: the draft file, the
side-by-side table, the JSON (``current``, ``draft``, ``delta`` per figure, and the
orders not reproduced), and one-sentence refusals."""

from __future__ import annotations

import json
from pathlib import Path

from app.bootstrap import Till
from tests.fakes import FakeClock
from tests.integration.test_cli import run_pos
from tests.integration.test_whatif import TODAY, three_orders


def test_pos_whatif_prints_the_figures_side_by_side_and_writes_them_as_json(
    till: Till, database_url: str, clock: FakeClock, tmp_path: Path
) -> None:
    three_orders(till, clock)
    live = tmp_path / "live.json"
    exported = run_pos("rules", "export", "--db", database_url, "--out", str(live))
    assert exported.returncode == 0, exported.stderr
    assert "3 tiers" in exported.stdout
    draft = tmp_path / "draft.json"
    document = json.loads(live.read_text("utf-8"))
    gold = next(t for t in document["tiers"] if t["tier"]["code"] == "GOLD")
    gold["tier"]["discount_bp"] = 1200
    draft.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    out = tmp_path / "whatif.json"

    day = TODAY.isoformat()
    result = run_pos("whatif", "--db", database_url, "--draft", str(draft), "--from", day,
                     "--to", day, "--json", str(out))  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "discount cost" in result.stdout and "+¥0.76" in result.stdout
    figures = json.loads(out.read_text("utf-8"))
    assert figures["period"] == {"from": day, "to": day}
    assert figures["figures"]["discount_cost"] == {"current": 820, "draft": 896, "delta": 76}
    assert figures["figures"]["points_issued"] == {"current": 134, "draft": 133, "delta": -1}
    for name in ("points_liability", "stored_value_bonus", "renewal_income", "upgrade_income"):
        assert set(figures["figures"][name]) == {"current", "draft", "delta"}
    assert figures["by_tier"]["GOLD"]["discount_cost"]["delta"] == 76
    assert figures["not_reproduced"] == {"count": 0, "reasons": {}, "orders": []}
    assert figures["tier_moves"] == []


def test_pos_whatif_refuses_a_broken_draft_in_one_sentence(
    till: Till, database_url: str, tmp_path: Path
) -> None:
    draft = tmp_path / "draft.json"
    draft.write_text('{"format": "pos-loyalty-rules", "version": 1, "tiers": "none"}', "utf-8")

    result = run_pos("whatif", "--db", database_url, "--draft", str(draft), "--from",
                     "2026-11-01", "--to", "2026-11-30")  # fmt: skip

    assert result.returncode == 1
    assert result.stderr.startswith("pos whatif: tiers:")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_pos_whatif_refuses_a_period_that_ends_before_it_starts(
    till: Till, database_url: str, tmp_path: Path
) -> None:
    live = tmp_path / "live.json"
    assert run_pos("rules", "export", "--db", database_url, "--out", str(live)).returncode == 0

    result = run_pos("whatif", "--db", database_url, "--draft", str(live), "--from",
                     "2026-11-30", "--to", "2026-11-01")  # fmt: skip

    assert (result.returncode, result.stderr) == (
        1,
        "pos whatif: the period ends before it starts\n",
    )

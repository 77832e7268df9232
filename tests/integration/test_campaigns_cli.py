"""``pos campaigns`` as a manager types it (real processes, SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.integration.test_stores_cli import pos


@pytest.fixture
def url(new_database_url: str, clock: FakeClock, demo_templates: DemoTemplates) -> str:
    demo_templates.fill(new_database_url, Demo(DEMO_MEMBERS, clock.now().date()))
    return new_database_url


def test_a_manager_starts_a_coupon_campaign_holding_back_a_tenth_and_reads_it_back(
    url: str, tmp_path: Path
) -> None:
    started = pos(tmp_path, "campaigns", "start", "CPN-WELCOME-BACK", "--hold-back", "10",
                  "--seed", "5", "--coupon-days", "21", "--db", url)  # fmt: skip
    assert started.returncode == 0, started.stderr
    said = (
        r"campaign (\d+) started for CPN-WELCOME-BACK: (\d+) members, "
        r"(\d+) held back \(seed 5\), (\d+) coupons issued"
    )
    found = re.search(said, started.stdout)
    assert found is not None, started.stdout
    campaign, targeted, held, coupons = (int(g) for g in found.groups())
    assert held == round(targeted / 10) and coupons == targeted - held

    listed = pos(tmp_path, "campaigns", "list", "--db", url)
    assert listed.returncode == 0, listed.stderr
    assert "CPN-WELCOME-BACK" in listed.stdout and f"held back {held}" in listed.stdout

    out = tmp_path / "campaign.json"
    shown = pos(tmp_path, "campaigns", "show", str(campaign), "--json", str(out), "--db", url)
    assert shown.returncode == 0, shown.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["offer"] == "CPN-WELCOME-BACK" and figures["kind"] == "coupon"
    assert (figures["targeted"], figures["held_back"], figures["coupons_issued"]) == (
        targeted, held, coupons,
    )  # fmt: skip
    assert (figures["seed"], figures["holdout_bp"], figures["redeemed"]) == (5, 1000, 0)
    assert figures["uplift"]["method"] == "control"
    assert figures["uplift"]["visits_per_member"]["uplift"] == "0"


def test_a_campaign_command_that_cannot_be_done_says_why_in_one_sentence(
    url: str, tmp_path: Path
) -> None:
    missing = pos(tmp_path, "campaigns", "show", "99", "--db", url)
    too_many = pos(tmp_path, "campaigns", "start", "FAMILY-4", "--hold-back", "60", "--db", url)

    assert (missing.returncode, missing.stderr) == (1, "pos: there is no campaign 99\n")
    assert (too_many.returncode, too_many.stderr) == (1, "pos: hold back between 0 and 50 %\n")

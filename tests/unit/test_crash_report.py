from __future__ import annotations

import stat
from datetime import datetime, timedelta
from pathlib import Path

from app.crash_report import (
    REPORTS_KEPT,
    crash_text,
    report_folder,
    scrub,
    scrub_log_line,
    write_crash_report,
)

NOW = datetime(2026, 12, 4, 12, 30, 5)


def failing_checkout(phone: str) -> None:
    raise ValueError(f"no member for {phone} (张伟, wei@example.com), card 0012345678")


def caught() -> ValueError:
    try:
        failing_checkout("138 1234 5678")
    except ValueError as error:
        return error
    raise AssertionError("unreachable")


def test_scrub_hides_phones_cards_names_and_mail_but_keeps_short_numbers() -> None:
    text = scrub("member 13812345678 / 138-1234-5678 张伟 a@b.cn line 412 of 20 items")
    assert "1381234" not in text and "5678" not in text
    assert "张" not in text and "a@b.cn" not in text
    assert "<11 digits>" in text and "<2 chars>" in text and "<e-mail>" in text
    assert "line 412 of 20 items" in text


def test_a_log_line_keeps_its_time_stamp() -> None:
    line = "2026-12-04 23:10:22,169 INFO app.x: found 13812345678"
    assert scrub_log_line(line) == "2026-12-04 23:10:22,169 INFO app.x: found <11 digits>"


def test_the_report_has_versions_the_traceback_and_scrubbed_log_lines() -> None:
    error = caught()
    text = crash_text(
        error,
        error.__traceback__,
        ["2026-12-04 12:30:01,000 INFO ui: member 13900001111 attached"],
        NOW,
        versions={"till": "1.2.3", "python": "3.11"},
    )
    assert text.startswith("Membership till crash report, 2026-12-04T12:30:05\n")
    assert "till: 1.2.3" in text and "python: 3.11" in text
    assert "in failing_checkout" in text and "ValueError: no member for" in text
    assert "1234" not in text.replace("12:30", "")
    assert "张伟" not in text and "wei@example.com" not in text
    assert "2026-12-04 12:30:01,000 INFO ui: member <11 digits> attached" in text


def test_reports_are_owner_only_and_only_the_newest_are_kept(tmp_path: Path) -> None:
    paths = [
        write_crash_report(tmp_path, f"report {n}\n", NOW + timedelta(seconds=n))
        for n in range(REPORTS_KEPT + 3)
    ]
    kept = sorted(report_folder(tmp_path).glob("crash-*.txt"))
    assert kept == paths[3:]
    assert stat.S_IMODE(kept[-1].stat().st_mode) == 0o600
    assert kept[-1].read_text() == f"report {REPORTS_KEPT + 2}\n"

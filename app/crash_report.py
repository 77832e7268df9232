"""What the till writes when something it did not expect goes wrong: enough for support
to find the fault (traceback, versions, the last log lines), and no member's data."""

from __future__ import annotations

import os
import platform
import re
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from app.version import till_version

REPORTS_KEPT = 20
LOG_LINES = 60

_DIGIT_RUN = re.compile(r"\d[\d \-]{2,}\d")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_LOG_TIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} ")


def scrub(text: str) -> str:
    """Masks what could be a member's phone, card, number, name or e-mail. Times and line
    numbers in short runs survive; a long digit run is replaced by its length only."""
    text = _EMAIL.sub("<e-mail>", text)
    text = _CJK_RUN.sub(lambda run: f"<{len(run.group())} chars>", text)
    return _DIGIT_RUN.sub(_mask_digits, text)


def scrub_log_line(line: str) -> str:
    """The time stamp stays readable; the rest is scrubbed."""
    stamp = _LOG_TIME.match(line)
    cut = stamp.end() if stamp else 0
    return line[:cut] + scrub(line[cut:])


def _mask_digits(run: re.Match[str]) -> str:
    digits = sum(character.isdigit() for character in run.group())
    return run.group() if digits <= 4 else f"<{digits} digits>"


def crash_text(
    error: BaseException,
    trace: TracebackType | None,
    log_lines: list[str],
    now: datetime,
    versions: dict[str, str] | None = None,
) -> str:
    lines = [f"Membership till crash report, {now.isoformat(timespec='seconds')}", ""]
    for name, value in (versions or environment_versions()).items():
        lines.append(f"{name}: {value}")
    lines += ["", "Traceback:"]
    lines += [
        scrub(line.rstrip("\n")) for line in traceback.format_exception(type(error), error, trace)
    ]
    lines += ["", f"Last {len(log_lines)} log lines:"]
    lines += [scrub_log_line(line) for line in log_lines]
    return "\n".join(lines) + "\n"


def environment_versions() -> dict[str, str]:
    """The till's and Python's; the Qt layer adds its own."""
    found = {
        "till": till_version(),
        "python": platform.python_version(),
        "system": platform.platform(),
        "frozen": "yes" if getattr(sys, "frozen", False) else "no",
    }
    return found


def report_folder(data_folder: Path) -> Path:
    return data_folder / "crash-reports"


def write_crash_report(data_folder: Path, text: str, now: datetime) -> Path:
    """Owner-only file; only the newest reports are kept."""
    folder = report_folder(data_folder)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / f"crash-{now:%Y%m%d-%H%M%S-%f}.txt"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as report:
        report.write(text)
    for old in sorted(folder.glob("crash-*.txt"))[:-REPORTS_KEPT]:
        old.unlink(missing_ok=True)
    return path

from __future__ import annotations

import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.run_log import LOG_NAME, MAX_BYTES, last_log_lines, log_folder, start_run_log


@pytest.fixture
def root_logger() -> Iterator[logging.Logger]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield root
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_the_log_rotates_in_the_data_folder_and_stays_owner_only(
    tmp_path: Path, root_logger: logging.Logger
) -> None:
    start_run_log(tmp_path)
    start_run_log(tmp_path)  # a second start replaces the handler: lines are not doubled
    line = "x" * 1000
    for n in range(MAX_BYTES // 1000 + 50):
        logging.getLogger("app.test").info("%d %s", n, line)
    files = sorted(log_folder(tmp_path).iterdir())
    assert [path.name for path in files] == [LOG_NAME, f"{LOG_NAME}.1"]
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in files)
    tail = last_log_lines(tmp_path, 2)
    assert tail[-1].endswith(f"INFO app.test: {MAX_BYTES // 1000 + 49} {line}")
    assert len(tail) == 2


def test_no_log_yet_means_no_lines(tmp_path: Path) -> None:
    assert last_log_lines(tmp_path, 10) == []

"""Shared fixtures: a fixed clock, a demo till on a real SQLite file, offscreen Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from app.bootstrap import Till, TillConfig, build_till
from tests.fakes import FakeClock

DEMO_MEMBERS = 40


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 22, 12, 30))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'till.db'}"


@pytest.fixture
def till(sqlite_url: str, clock: FakeClock) -> Iterator[Till]:
    built = build_till(TillConfig(sqlite_url, demo_members_if_empty=DEMO_MEMBERS), clock)
    yield built
    built.close()

"""Shared fixtures: a fixed clock, demo tills on SQLite and PostgreSQL, offscreen Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import settings

from app.bootstrap import Till, TillConfig, build_till
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.postgres_server import PostgresServer, PostgresUnavailable

DEMO_MEMBERS = 40

# Property tests: the suite's run (CI's) tries a quarter of the examples each one names
# (at least 10, Hypothesis's default of 100 becoming 25), the same ones every run
# (derandomized: drawn from a hash of the test), so a run fails only on a change, never on
# a new draw. POS_THOROUGH=1 tries them all, new random ones each time, and keeps what
# failed in .hypothesis/ to try first next time (before a release, or after changing what a
# property covers); a failure it finds becomes an ``@example`` of the test.
THOROUGH = os.environ.get("POS_THOROUGH") == "1"


def examples(thorough: int) -> int:
    """How many examples a property with ``thorough`` examples tries in this run."""
    return thorough if THOROUGH else max(10, thorough // 4)


# Timing belongs in benchmarks: no per-example deadline that a busy CI machine could trip.
settings.register_profile("thorough", deadline=None, max_examples=examples(100))
settings.register_profile(
    "repeatable", deadline=None, max_examples=examples(100), derandomize=True, print_blob=True
)
settings.load_profile("thorough" if THOROUGH else "repeatable")


@pytest.fixture(autouse=True)
def data_folder_of_its_own(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test's till data folder (``app.config.data_dir``: logs, the open order kept
    for a server database, crash reports) is its own, as are the processes it starts:
    never the user's, which parallel workers and other runs would share."""
    base = str(tmp_path_factory.mktemp("data-home"))
    monkeypatch.setenv("XDG_DATA_HOME", base)
    monkeypatch.setenv("LOCALAPPDATA", base)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 22, 12, 30))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'till.db'}"


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    try:
        server = PostgresServer.start()
    except (PostgresUnavailable, OSError, subprocess.SubprocessError) as exc:
        if os.environ.get("POS_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required for this run but did not start: {exc}")
        pytest.skip(f"PostgreSQL not available: {exc}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def new_database_url(request: pytest.FixtureRequest, sqlite_url: str) -> Iterator[str]:
    """``database_url`` before its database is made (PostgreSQL: a name on the server).
    A fixture that fills it with ``demo_templates.fill`` before anything connects takes
    this one: the copy of the template is then made directly, not made empty, dropped
    and made again (two database creations a test, the costliest part of its setup).
    The PostgreSQL database is dropped after the test: the cluster stays small."""
    if request.param == "sqlite":
        yield sqlite_url
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    url = server.new_url()
    yield url
    server.drop_database(url)


@pytest.fixture
def database_url(request: pytest.FixtureRequest, new_database_url: str) -> str:
    """A fresh, empty database on each backend the till supports (the same database as
    ``new_database_url``'s: if a fixture filled that first, the filled one)."""
    if new_database_url.startswith("sqlite"):
        return new_database_url
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.create_database(new_database_url)


@pytest.fixture(scope="session")
def demo_templates(tmp_path_factory: pytest.TempPathFactory) -> DemoTemplates:
    """Copies of a demo till made once per test process (``tests/demo_templates.py``):
    ``demo_templates.fill(url, Demo(members, today))`` turns a brand-new database into the
    one ``build_till(TillConfig(url, demo_members_if_empty=members))`` would have made."""
    return DemoTemplates(tmp_path_factory.mktemp("demo-templates"))


@pytest.fixture
def till(new_database_url: str, clock: FakeClock, demo_templates: DemoTemplates) -> Iterator[Till]:
    demo_templates.fill(new_database_url, Demo(DEMO_MEMBERS, clock.now().date()))
    built = build_till(TillConfig(new_database_url, demo_members_if_empty=DEMO_MEMBERS), clock)
    yield built
    built.close()

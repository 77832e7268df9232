"""The offline tests' own PostgreSQL cluster (they stop it), the tills on its demo
database, the outage that stops it, and the interface in Chinese."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.postgres_server import PostgresServer
from tests.ui.offline_tills import Outage, Tills

MEMBERS = 30


@pytest.fixture(scope="module")
def server() -> Iterator[PostgresServer]:
    """A cluster of its own: these tests stop it."""
    started = PostgresServer.start()
    yield started
    started.stop()


@pytest.fixture
def tills(
    qapp: QApplication,
    tmp_path: Path,
    clock: FakeClock,
    server: PostgresServer,
    demo_templates: DemoTemplates,
) -> Iterator[Tills]:
    url = server.new_url()
    demo_templates.fill(url, Demo(MEMBERS, clock.now().date()))
    made = Tills(qapp, tmp_path / "data", url, clock)
    yield made
    for till_app in list(made.opened):
        made.close(till_app)


@pytest.fixture
def outage(server: PostgresServer) -> Iterator[Outage]:
    made = Outage(server)
    yield made
    made.end()

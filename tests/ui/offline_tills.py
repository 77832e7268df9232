"""Till applications on one demo database of a test PostgreSQL server that the test stops
and starts again: what the offline tests share."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QApplication
from sqlalchemy import create_engine, text

from app.services.till_settings import TillSettingsService
from tests.fakes import FakeClock
from tests.pg_outage import start, stop
from tests.postgres_server import PostgresServer
from tests.ui.conftest import close_till, ready
from ui.app import LaunchOptions, TillApp


class Tills:
    """Till applications on one demo database, sharing one data folder (settings, token,
    local copy) as one machine's starts do."""

    def __init__(self, qapp: QApplication, folder: Path, url: str, clock: FakeClock) -> None:
        self.qapp, self.folder, self.url, self.clock = qapp, folder, url, clock
        folder.mkdir()
        self.settings = folder / "settings.json"  # short timeouts: the tests wait less
        self.settings.write_text(json.dumps({"connect_timeout_s": 2, "statement_timeout_s": 1}))
        self.opened: list[TillApp] = []

    def open(self, language: str = "en") -> TillApp:
        till_app = TillApp(
            self.qapp,
            LaunchOptions(self.url, None, language),
            TillSettingsService(self.settings),
            self.clock,
        )
        self.opened.append(till_app)
        till_app.start()
        return ready(till_app)

    def with_copy(self) -> None:
        """A first start while the server answers, which builds the local copy."""
        till_app = self.open()
        assert till_app.till is not None and till_app.till.local_copy is not None
        till_app.till.local_copy.build()
        self.close(till_app)

    def close(self, till_app: TillApp) -> None:
        close_till(till_app)
        self.opened.remove(till_app)


class Outage:
    """Stops the server and starts it again (at the latest when the test ends)."""

    def __init__(self, server: PostgresServer) -> None:
        self.server = server
        self.options: list[str] | None = None

    def stop(self) -> None:
        """As if the server vanished. The test cluster runs with ``synchronous_commit=off``,
        which loses the last commits on such a stop (and sets the sequences back, so the
        change feed's next ``seq`` collides): a checkpoint first keeps what was committed."""
        admin = create_engine(self.server.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text("CHECKPOINT"))
        admin.dispose()
        self.options = stop(self.server)

    def end(self) -> None:
        if self.options is not None:
            start(self.server, self.options)
            self.options = None

"""Demo tills made once per test process and copied for each test that wants one.

Migrating a database and seeding the demo restaurant takes ~0.4 s on SQLite and ~4 s on
PostgreSQL; copying the result takes ~0.05 s (a file copy, or ``CREATE DATABASE …
TEMPLATE …``). A copy is the database the till would have made itself: same migrations,
same seed, same ``today``. The till that opens it finds a database at head with data and
seeds nothing, as on its second start.
"""

from __future__ import annotations

import hashlib
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import URL, Connection, create_engine, make_url, text

from app.bootstrap import build_till, prepare_database
from app.demo import DEMO_STAFF
from app.domain.stores import FIRST_TILL_ID
from app.till_config import TillConfig
from db.sqlite_files import PRIVATE_FILE
from tests.fakes import FakeClock
from tests.postgres_server import database_exists

if TYPE_CHECKING:  # Qt: not for the unit and integration processes
    from ui.daily_jobs import DailyJob


@dataclass(frozen=True)
class Demo:
    """What the till seeds into a brand-new database (the ``TillConfig`` fields), and
    whether its first day's jobs are done."""

    members: int
    today: date
    history_days: int = 0
    day_done_at: datetime | None = None
    """The day's jobs run in the template at this moment, as a till's start runs them
    (points expiry, tier review, segments, member values, search and request keys): a
    till opened on a copy that day finds them done. ``None``: left for the till."""


@dataclass
class DemoTemplates:
    """One migrated, seeded template per ``Demo`` and database server, made on first use."""

    folder: Path
    _made: dict[tuple[str, Demo], str] = field(default_factory=dict)
    _grown: dict[tuple[str, Demo, Callable[[str], None]], str] = field(default_factory=dict)

    def fill(self, url: str, demo: Demo) -> None:
        """Make the brand-new, empty database at ``url`` (or, on PostgreSQL, a database
        name not made yet) a copy of the demo till."""
        parsed = make_url(url)
        assert parsed.database, url
        if parsed.get_backend_name() == "sqlite":
            target = Path(parsed.database)
            assert not target.exists() or target.stat().st_size == 0, f"{target} is not new"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self._template(parsed, demo), target)
            target.chmod(PRIVATE_FILE)
            return
        _copy_database(parsed, self._template(parsed, demo))

    def fill_grown(self, url: str, demo: Demo, grow: Callable[[str], None]) -> None:
        """Make the brand-new database at ``url`` a copy of the demo till after
        ``grow(template_url)`` added to it (sales, rules: a module's shared data), grown
        once per process and server; ``grow`` must close every connection it opened."""
        parsed = make_url(url)
        sqlite = parsed.get_backend_name() == "sqlite"
        server = "sqlite" if sqlite else f"{parsed.host}:{parsed.port}"
        key = (server, demo, grow)
        if key not in self._grown:
            name = f"grown_template_{uuid.uuid4().hex[:12]}"
            if sqlite:
                grown = f"sqlite:///{self.folder / f'{name}.db'}"
            else:
                with _admin(parsed) as admin:
                    admin.execute(text(f'CREATE DATABASE "{name}"'))
                grown = parsed.set(database=name).render_as_string(hide_password=False)
            self.fill(grown, demo)
            grow(grown)
            self._grown[key] = make_url(grown).database or ""
        template = self._grown[key]
        if sqlite:
            self._copy_file(Path(template), Path(parsed.database or ""))
            return
        _copy_database(parsed, template)

    @staticmethod
    def _copy_file(template: Path, target: Path) -> None:
        wal = Path(f"{template}-wal")  # the last connection to close folds it back in
        assert not wal.exists() or wal.stat().st_size == 0, f"{wal} was left behind"
        assert not target.exists() or target.stat().st_size == 0, f"{target} is not new"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(template, target)
        target.chmod(PRIVATE_FILE)

    def _template(self, parsed: URL, demo: Demo) -> str:
        """The template's file (SQLite) or database name (on ``parsed``'s server)."""
        sqlite = parsed.get_backend_name() == "sqlite"
        server = "sqlite" if sqlite else f"{parsed.host}:{parsed.port}"
        if (server, demo) not in self._made:
            name = f"demo_template_{uuid.uuid4().hex[:12]}"
            if sqlite:
                path = self.folder / f"{name}.db"
                _prepare(f"sqlite:///{path}", demo)
                wal = Path(f"{path}-wal")  # the last connection to close folds it back in
                assert not wal.exists() or wal.stat().st_size == 0, f"{wal} was left behind"
                self._made[server, demo] = str(path)
            else:
                with _admin(parsed) as admin:
                    admin.execute(text(f'CREATE DATABASE "{name}"'))
                _prepare(parsed.set(database=name).render_as_string(hide_password=False), demo)
                self._made[server, demo] = name
        return self._made[server, demo]


def _copy_database(parsed: URL, template: str) -> None:
    """Make the database at ``parsed`` a copy of ``template``: an empty one made for the
    test (``database_url``) gives way to the copy; a name not made yet
    (``new_database_url``, ``PostgresServer.new_url``) is made as the copy directly."""
    with _admin(parsed) as admin:
        if database_exists(admin, parsed.database or ""):
            admin.execute(text(f'DROP DATABASE "{parsed.database}"'))
        admin.execute(text(f'CREATE DATABASE "{parsed.database}" TEMPLATE "{template}"'))


def _prepare(url: str, demo: Demo) -> None:
    prepare_database(url, demo.members, demo.today, demo.history_days).dispose()
    _cheap_demo_pins(url)
    if demo.day_done_at is not None:
        _run_the_days_jobs(url, demo.day_done_at)


def _run_the_days_jobs(url: str, now: datetime) -> None:
    """In the order ``ui.daily_jobs.DailyJobs`` runs them, by a till without a token (the
    id stays free for the till that opens a copy)."""
    till = build_till(TillConfig(url, till_id=FIRST_TILL_ID), FakeClock(now))
    try:
        jobs: list[DailyJob | None] = [
            till.search_keys, till.request_key_pruning, till.points_expiry,
            till.tier_review, till.segments, till.member_values,
        ]  # fmt: skip
        for job in jobs:
            if job is not None:
                job.run(now.date())
    finally:
        till.close()


def cheap_pin_hash(pin: str) -> str:
    """``pin`` hashed as the till stores PINs, at the lowest scrypt cost: the till checks a
    PIN at the cost its stored hash names (``app.domain.staff.verify_pin``)."""
    salt = b"test-demo-pins!!"
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=2, r=1, p=1, dklen=32)
    return f"scrypt$2$1$1${salt.hex()}${digest.hex()}"


def _cheap_demo_pins(url: str) -> None:
    """The template's demo staff sign in at the lowest scrypt cost: the suite signs in and
    approves thousands of times, at about 50 ms a check at the till's own cost. The
    demo seed itself hashes at the till's cost (tests/integration/test_auth.py),
    and so does every PIN a test sets or changes; badges keep theirs (a swipe finds its
    holder by the hash)."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            for username, _name, _role, pin, _badge in DEMO_STAFF:
                connection.execute(
                    text("UPDATE staff SET pin_hash = :hash WHERE username = :username"),
                    {"hash": cheap_pin_hash(pin), "username": username},
                )
    finally:
        engine.dispose()


@contextmanager
def _admin(parsed: URL) -> Iterator[Connection]:
    """An autocommit connection to the server's ``postgres`` database."""
    engine = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()

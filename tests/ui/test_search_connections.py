"""The till's search uses no more database connections than searches run at once, however
much the cashier types (each keystroke opened one, never closed, when the connection was
kept in a ``threading.local``: Qt's pool threads get a new Python thread state for every
job)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import event

from app.services.members import Identification, MemberService
from db.engine import create_db_engine
from db.member_search import SqlMemberLookups
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from ui.background import BackgroundRunner

KEYSTROKES = ("1", "13", "138", "1380", "13800", "张", "zw", "8000") * 5


def test_forty_searches_on_the_counters_pool_use_at_most_a_connection_a_thread(
    qtbot: QtBot, new_database_url: str, clock: FakeClock, demo_templates: DemoTemplates
) -> None:
    demo_templates.fill(new_database_url, Demo(DEMO_MEMBERS, clock.now().date()))
    engine = create_db_engine(new_database_url)
    connects: list[object] = []
    event.listen(engine, "connect", lambda connection, _record: connects.append(connection))
    closed: list[object] = []
    event.listen(engine.pool, "close_detached", closed.append)
    lookups = SqlMemberLookups(engine)
    members = MemberService(lookups)
    runner = BackgroundRunner(threads=2, keep_threads=True)  # as TillApp's counter pool
    found: list[Identification] = []
    for text in KEYSTROKES:
        runner.submit(lambda text=text: members.search(text), found.append, print)
    qtbot.waitUntil(lambda: not runner.busy, timeout=30_000)

    assert len(found) == len(KEYSTROKES)
    assert any(result.candidates for result in found)
    assert 1 <= len(connects) <= 2
    assert closed == []  # each is lent again, none thrown away
    lookups.close()
    assert len(closed) == len(connects)
    engine.dispose()

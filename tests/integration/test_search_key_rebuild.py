"""A new search-key version rebuilt in the background, on both databases: names stay
searchable while it runs, it resumes after a run cut short, and two tills rebuild every
member once."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, delete, event, func, insert, select, update

from app.bootstrap import Till
from app.domain.name_keys import KEYS_VERSION
from db.engine import create_db_engine
from db.models import MemberRow, MemberSearchKeyRow, SettingRow
from db.search_keys import (
    POSITION_SETTING,
    VERSION_SETTING,
    SearchKeyRebuild,
    ensure_search_keys,
    key_rows,
)

OLD = "0"
STALE_KIND = 9
"""A kind no search asks for: marks a key the previous version wrote."""


class Stop(Exception):
    """Stands for the till going away between two chunks."""


@pytest.fixture
def engine(till: Till, database_url: str) -> Iterator[Engine]:
    """The demo till's database as a previous key version left it: its keys (still
    searchable) plus one stale key per member, and the old version number."""
    engine = create_db_engine(database_url)
    with engine.begin() as connection:
        ids = connection.scalars(select(MemberRow.id)).all()
        connection.execute(
            insert(MemberSearchKeyRow),
            [{"kind": STALE_KIND, "key": "old", "member_id": member_id} for member_id in ids],
        )
        connection.execute(
            update(SettingRow).where(SettingRow.key == VERSION_SETTING).values(value=OLD)
        )
    yield engine
    engine.dispose()


def setting(engine: Engine, key: str) -> str | None:
    with engine.connect() as connection:
        return connection.scalar(select(SettingRow.value).where(SettingRow.key == key))


def stale(engine: Engine) -> set[int]:
    with engine.connect() as connection:
        query = select(MemberSearchKeyRow.member_id).where(MemberSearchKeyRow.kind == STALE_KIND)
        return set(connection.scalars(query))


def members(engine: Engine) -> list[tuple[int, str]]:
    with engine.connect() as connection:
        return [(i, name) for i, name in connection.execute(select(MemberRow.id, MemberRow.name))]


def assert_all_current(engine: Engine) -> None:
    with engine.connect() as connection:
        keys = connection.execute(
            select(MemberSearchKeyRow.member_id, MemberSearchKeyRow.kind, MemberSearchKeyRow.key)
        ).all()
    expected = {
        (row["member_id"], row["kind"], row["key"])
        for member_id, name in members(engine)
        for row in key_rows(member_id, name)
    }
    assert set(keys) == expected and len(keys) == len(expected)
    assert setting(engine, VERSION_SETTING) == KEYS_VERSION


def test_a_big_database_starts_without_rebuilding_and_a_small_one_rebuilds_at_once(
    engine: Engine,
) -> None:
    assert not ensure_search_keys(engine, background_above=10)  # 40 members: left for later
    assert setting(engine, VERSION_SETTING) == OLD and len(stale(engine)) == len(members(engine))
    assert ensure_search_keys(engine, background_above=100)
    assert_all_current(engine)


def test_names_stay_searchable_while_the_keys_are_rebuilt_a_chunk_at_a_time(
    till: Till, engine: Engine
) -> None:
    everyone = len(members(engine))
    seen: list[tuple[int, str | None]] = []

    def pause(_seconds: float) -> None:
        seen.append((len(stale(engine)), setting(engine, VERSION_SETTING)))
        found = till.members.search("zhangwei").candidates  # 张伟, done or not yet
        assert "张伟" in {match.name for match in found}

    rebuilt = SearchKeyRebuild(engine, pause, chunk=7).run()
    assert rebuilt == everyone
    assert seen[0] == (everyone - 7, OLD)  # the first chunk's members have the new keys
    assert [left for left, _ in seen] == sorted({left for left, _ in seen}, reverse=True)
    assert all(version == OLD for _, version in seen)  # the version moves at the end only
    assert stale(engine) == set()
    assert_all_current(engine)
    assert SearchKeyRebuild(engine, pause).run() == 0


def test_a_rebuild_cut_short_resumes_after_its_last_chunk(engine: Engine) -> None:
    everyone = len(members(engine))

    def die(_seconds: float) -> None:
        raise Stop

    with pytest.raises(Stop):
        SearchKeyRebuild(engine, die, chunk=10).run()
    assert setting(engine, POSITION_SETTING) == f"{KEYS_VERSION}|{sorted(members(engine))[9][0]}"
    assert SearchKeyRebuild(engine, lambda _s: None, chunk=10).run() == everyone - 10
    assert_all_current(engine)
    assert setting(engine, POSITION_SETTING) == ""


def test_two_tills_rebuilding_at_once_rebuild_every_member_once(engine: Engine) -> None:
    everyone = len(members(engine))
    start = threading.Barrier(2)
    results: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:
        start.wait()
        try:
            results.append(SearchKeyRebuild(engine, lambda _s: None, chunk=3).run())
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == [] and sum(results) == everyone
    assert_all_current(engine)


def test_members_merged_or_erased_keep_no_keys_after_a_rebuild(engine: Engine) -> None:
    with engine.begin() as connection:
        gone = connection.scalar(select(func.max(MemberRow.id)))
        connection.execute(delete(MemberSearchKeyRow).where(MemberSearchKeyRow.member_id == gone))
        connection.execute(
            update(MemberRow).where(MemberRow.id == gone).values(erased_at=func.now())
        )
    SearchKeyRebuild(engine, lambda _s: None, chunk=8).run()
    with engine.connect() as connection:
        assert (
            connection.scalar(select(func.count()).where(MemberSearchKeyRow.member_id == gone)) == 0
        )


@pytest.mark.parametrize("new_database_url", ["postgresql"], indirect=True)
def test_a_till_that_missed_the_position_row_does_not_read_it_unlocked(engine: Engine) -> None:
    """The interleaving behind an occasional "46 rebuilt of 40" with two tills: the second
    till's update finds no position row (not made yet), the first till then commits its
    first chunk, making the row, and only then does the second till go on. It must queue
    on the row's lock rather than read the row unlocked and redo the first till's chunks.
    (PostgreSQL only: SQLite lets one writer at a time, so the interleaving cannot occur.)"""
    everyone = len(members(engine))
    second_missed_the_row = threading.Event()
    first_chunk_committed = threading.Event()
    second_went_on = threading.Event()
    second_thread: list[threading.Thread] = []
    state = {"missed": False, "waited": False}

    def in_second() -> bool:
        return threading.current_thread() in second_thread

    def before(*args: object) -> None:
        if in_second() and state["missed"] and not state["waited"]:
            state["waited"] = True
            assert first_chunk_committed.wait(60)

    def after(_conn: object, cursor: Any, statement: str, *_rest: object) -> None:
        if not in_second():
            return
        if state["waited"]:
            second_went_on.set()
        elif statement.lstrip().upper().startswith("UPDATE SETTINGS") and cursor.rowcount == 0:
            state["missed"] = True
            second_missed_the_row.set()

    def failed(_context: object) -> None:
        if in_second() and state["waited"]:
            second_went_on.set()

    def first_pause(_seconds: float) -> None:
        if not first_chunk_committed.is_set():
            first_chunk_committed.set()
            assert second_went_on.wait(60)

    results: list[int] = []
    errors: list[BaseException] = []

    def run(pause: Callable[[float], None]) -> None:
        try:
            results.append(SearchKeyRebuild(engine, pause, chunk=3).run())
        except BaseException as error:
            errors.append(error)

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    event.listen(engine, "handle_error", failed)
    second = threading.Thread(target=run, args=(lambda _s: None,))
    first = threading.Thread(target=run, args=(first_pause,))
    second_thread.append(second)
    second.start()
    assert second_missed_the_row.wait(60)
    first.start()
    for thread in (first, second):
        thread.join(timeout=120)
    assert errors == [] and len(results) == 2 and sum(results) == everyone
    assert_all_current(engine)

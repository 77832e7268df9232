"""Members' search keys in SQL: written with a name, rebuilt for a new key version.

A new ``KEYS_VERSION`` rebuilds every member's keys. On a small database that happens at
start-up (``ensure_search_keys``); above ``SYNC_REBUILD_MAX`` members it would cost a
minute before the window, so ``SearchKeyRebuild`` does it in the background instead,
``REBUILD_CHUNK`` members per transaction in id order, recording the last member done
(``search_keys_rebuild``: "version|member id") in the same commit. Meanwhile search
keeps working: a member not reached yet still has the previous version's keys, one
already done has the new ones, and enrolment and renaming write new ones. Each chunk
locks the position row first, so tills sharing a database queue on it and never
rebuild the same member at once; a run cut short resumes after its last commit. The
version setting changes only when every member is done.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain.name_keys import KEYS_VERSION, name_keys
from db.models import MemberRow, MemberSearchKeyRow, SettingRow

log = logging.getLogger(__name__)

VERSION_SETTING = "search_keys_version"
POSITION_SETTING = "search_keys_rebuild"
BATCH = 20_000
SYNC_REBUILD_MAX = 20_000
"""Most members whose keys a start rebuilds before the window (about a second)."""
REBUILD_CHUNK = 1_000


def key_rows(member_id: int, name: str) -> list[dict[str, object]]:
    return [
        {"kind": int(kind), "key": key, "member_id": member_id}
        for kind, key in sorted(name_keys(name))
    ]


def write_member_keys(session: Session, member_id: int, name: str) -> None:
    """Replace one member's keys, in the caller's transaction (enrolment, renaming)."""
    session.execute(delete(MemberSearchKeyRow).where(MemberSearchKeyRow.member_id == member_id))
    rows = key_rows(member_id, name)
    if rows:
        session.execute(insert(MemberSearchKeyRow), rows)


def ensure_search_keys(engine: Engine, background_above: int | None = None) -> bool:
    """Rebuild every member's keys when they were built by another version (or never).

    Returns whether it rebuilt. With ``background_above``, a database with more members
    than that is left to ``SearchKeyRebuild`` (returns ``False``).
    """
    with engine.begin() as connection:
        current = connection.scalar(
            select(SettingRow.value).where(SettingRow.key == VERSION_SETTING)
        )
        if current == KEYS_VERSION:
            return False
        if background_above is not None and _more_members_than(connection, background_above):
            log.info("member search keys: version %s rebuilds in the background", KEYS_VERSION)
            return False
        log.info("building member search keys (version %s)", KEYS_VERSION)
        connection.execute(delete(MemberSearchKeyRow))
        members = connection.execute(
            select(MemberRow.id, MemberRow.name).where(
                MemberRow.merged_into_id.is_(None), MemberRow.erased_at.is_(None)
            )
        ).all()
        insert_keys(connection, ((row.id, row.name) for row in members))
        mark_keys_current(connection, current is None)
    return True


def insert_keys(connection: Connection, members: Iterable[tuple[int, str]]) -> None:
    batch: list[dict[str, object]] = []
    for member_id, name in members:
        batch.extend(key_rows(member_id, name))
        if len(batch) >= BATCH:
            connection.execute(insert(MemberSearchKeyRow), batch)
            batch.clear()
    if batch:
        connection.execute(insert(MemberSearchKeyRow), batch)


def mark_keys_current(connection: Connection, new: bool) -> None:
    if new:
        connection.execute(insert(SettingRow), {"key": VERSION_SETTING, "value": KEYS_VERSION})
    else:
        connection.execute(
            update(SettingRow).where(SettingRow.key == VERSION_SETTING).values(value=KEYS_VERSION)
        )


def _more_members_than(connection: Connection, count: int) -> bool:
    beyond = select(MemberRow.id).order_by(MemberRow.id).offset(count).limit(1)
    return connection.scalar(beyond) is not None


class SearchKeyRebuild:
    """Brings every member's keys to ``KEYS_VERSION`` in the background; ``run`` returns
    how many members it rebuilt (0: the keys are current). Call it off the GUI thread."""

    def __init__(
        self,
        engine: Engine,
        pause: Callable[[float], None] = time.sleep,
        chunk: int = REBUILD_CHUNK,
    ) -> None:
        self._engine, self._pause, self._chunk = engine, pause, chunk
        self.pending = False

    def run(self, _today: object = None) -> int:
        rebuilt, conflicts = 0, 0
        while True:
            started = time.perf_counter()
            try:
                done, finished = self._step()
            except IntegrityError:  # another till made the position row first: queue on it
                conflicts += 1
                if conflicts > 3:
                    raise
                continue
            rebuilt += done
            if finished:
                return rebuilt
            self._pause(min(max(time.perf_counter() - started, 0.005), 0.2))

    def _step(self) -> tuple[int, bool]:
        """One chunk in one transaction: (members rebuilt, whether all are current)."""
        with self._engine.begin() as connection:
            position = _claim(connection)  # first: the lock tills queue on
            current = connection.scalar(
                select(SettingRow.value).where(SettingRow.key == VERSION_SETTING)
            )
            if current == KEYS_VERSION:
                return 0, True
            version, _, last = position.partition("|")
            after = int(last) if version == KEYS_VERSION and last else 0
            members = connection.execute(
                select(MemberRow.id, MemberRow.name)
                .where(
                    MemberRow.id > after,
                    MemberRow.merged_into_id.is_(None),
                    MemberRow.erased_at.is_(None),
                )
                .order_by(MemberRow.id)
                .limit(self._chunk)
            ).all()
            if not members:
                mark_keys_current(connection, current is None)
                _set_position(connection, "")
                return 0, True
            ids = [row.id for row in members]
            connection.execute(
                delete(MemberSearchKeyRow).where(MemberSearchKeyRow.member_id.in_(ids))
            )
            insert_keys(connection, ((row.id, row.name) for row in members))
            _set_position(connection, f"{KEYS_VERSION}|{ids[-1]}")
            return len(ids), False


def _claim(connection: Connection) -> str:
    """Lock the position row (made when missing) and read it.

    Only an update that found the row holds its lock: a row another till commits after
    that update and before the read would otherwise be read unlocked, and both tills
    would rebuild the same chunk. Without the row, this till makes it; when another
    till made it first, the insert fails (``IntegrityError``) and the caller retries.
    """
    where = SettingRow.key == POSITION_SETTING
    locked = connection.execute(update(SettingRow).where(where).values(value=SettingRow.value))
    if locked.rowcount == 0:
        connection.execute(insert(SettingRow), {"key": POSITION_SETTING, "value": ""})
        return ""
    return connection.scalar(select(SettingRow.value).where(where)) or ""


def _set_position(connection: Connection, value: str) -> None:
    connection.execute(
        update(SettingRow).where(SettingRow.key == POSITION_SETTING).values(value=value)
    )

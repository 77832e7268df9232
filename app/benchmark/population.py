"""A benchmark database: the demo restaurant with N realistic members and a year of orders.

Built for speed on a throwaway file: explicit ids (no id look-ups), Core ``executemany``
in batches, ``synchronous=OFF``, an in-memory journal, a 1 GiB page cache, foreign keys
unchecked (every row is consistent by construction) and plain indexes built once at the
end. A second process writes the search keys and the orders into a side file meanwhile,
copied in with ``INSERT ... SELECT``. The file ends in WAL mode, as the till uses it.
"""

from __future__ import annotations

import multiprocessing
import random
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import accumulate, islice
from pathlib import Path
from time import perf_counter
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, insert

from app.benchmark.activity import fill_activity
from app.benchmark.orders import (
    MEAL_HOURS,
    Catalogue,
    Profile,
    insert_orders,
    ledger_row,
    read_catalogue,
)
from app.demo import _GIVEN, _LATIN_FIRST, _LATIN_LAST, _SURNAMES, seed_demo
from app.domain.name_keys import COMPOUND_SURNAMES
from app.errors import TillError
from db.engine import session_factory
from db.hash_chains import chain_everything
from db.ledgers import append_in_bulk
from db.migrate import upgrade_to_head
from db.models import (
    Base,
    CardRow,
    MemberRow,
    SettingRow,
)
from db.search_keys import insert_keys, mark_keys_current

MARKER = "bench_population"
"""Settings key: ``building`` while the generator runs, ``N:seed:FORMAT`` once it has
finished."""
FORMAT = 2
"""Bumped when what a population holds changes (2: members' visits, spend, last visit and
segment), so an older file is generated again rather than reused."""
BUILD_MS = "bench_population_ms"
BATCH = 50_000
PROGRESS_EVERY = 250_000
BULK_PRAGMAS = (
    "synchronous=OFF",
    "journal_mode=MEMORY",
    "cache_size=-1048576",
    "temp_store=MEMORY",
    "foreign_keys=OFF",
)
BULK_TABLES = ("members", "cards", "points_ledger", "stored_value_ledger")
SIDE_TABLES = (
    # written by the second process; whether ids are copied (only orders are referenced)
    ("member_search_keys", True),
    ("orders", True),
    ("order_lines", False),
    ("payments", False),
    ("points_ledger", False),
)

CHINESE_SHARE = 0.85
COMPOUND_SHARE = 0.01  # of Chinese names: 欧阳, 司马, 上官, ...
BUYER_SHARE = 0.15  # members with orders in the past year
LOST_CARD_SHARE = 0.02
TIER_WEIGHTS = (70, 25, 5)  # by rank: silver, gold, platinum
MOBILE_PREFIXES = (
    *("130", "131", "132", "133", "134", "135", "136", "137", "138", "139"),
    *("150", "151", "152", "153", "155", "156", "157", "158", "159"),
    *("166", "173", "176", "177", "180", "181", "182", "183", "185", "186", "187", "188"),
    *("189", "191", "198", "199"),
)
# fork where there is one: spawn re-imports the caller's main module in the worker.
_CONTEXT = (
    multiprocessing.get_context("fork")
    if "fork" in multiprocessing.get_all_start_methods()
    else multiprocessing.get_context("spawn")
)
_SURNAME_LIST = tuple(_SURNAMES)
# Surnames are listed by frequency; a Zipf-like weight gives 王, 李, 张 their real weight.
_SURNAME_CUM = tuple(accumulate(1 / (rank + 2) ** 0.9 for rank in range(len(_SURNAME_LIST))))
_COMPOUNDS = tuple(COMPOUND_SURNAMES)

Progress = Callable[[str], None]


class PopulationRefused(TillError):
    """The file exists and was not made by this generator: it is not ours to replace."""


@dataclass(frozen=True)
class Population:
    path: Path
    members: int
    seed: int
    seconds: float
    """How long generating it took (in an earlier run when ``reused``)."""
    size_bytes: int
    reused: bool


def ensure_population(
    path: Path, members: int, seed: int, today: date, progress: Progress
) -> Population:
    """Reuse ``path`` when it holds this population; otherwise (re)generate it."""
    wanted = f"{members}:{seed}:{FORMAT}"
    if path.exists():
        marker, seconds, count = _read_marker(path)
        if marker is None:
            raise PopulationRefused(f"{path} exists and is not a benchmark database")
        if marker == wanted and count == members:
            progress(f"reusing {path}: {members:,} members (seed {seed}), built in {seconds:.1f} s")
            return Population(path, members, seed, seconds, path.stat().st_size, reused=True)
        for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
    started = perf_counter()
    progress(f"generating {members:,} members (seed {seed}) into {path}")

    def timed(line: str) -> None:
        progress(f"{line} ({perf_counter() - started:.1f} s)")

    _generate(path, members, seed, today, timed)
    seconds = perf_counter() - started
    with closing(sqlite3.connect(path)) as db, db:
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)",
            (BUILD_MS, str(round(seconds * 1000))),
        )
        db.execute("UPDATE settings SET value = ? WHERE key = ?", (wanted, MARKER))
    size = path.stat().st_size
    progress(f"generated {members:,} members in {seconds:.1f} s, {size / 2**20:.0f} MiB")
    return Population(path, members, seed, seconds, size, reused=False)


def _read_marker(path: Path) -> tuple[str | None, float, int]:
    try:
        with closing(sqlite3.connect(path)) as db:
            settings = dict(
                db.execute(
                    "SELECT key, value FROM settings WHERE key IN (?, ?)", (MARKER, BUILD_MS)
                )
            )
            count = int(db.execute("SELECT count(*) FROM members").fetchone()[0])
    except sqlite3.DatabaseError:
        return None, 0.0, 0
    return settings.get(MARKER), int(settings.get(BUILD_MS, 0)) / 1000, count


def _bulk_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _bulk_load_pragmas)
    return engine


def _bulk_load_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in BULK_PRAGMAS:
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _generate(path: Path, members: int, seed: int, today: date, progress: Progress) -> None:
    """Members here; search keys and orders at the same time in a second process."""
    engine = _bulk_engine(path)
    side = path.with_name(f"{path.name}.side")
    side.unlink(missing_ok=True)
    try:
        upgrade_to_head(engine)
        with engine.begin() as connection:
            connection.execute(insert(SettingRow), {"key": MARKER, "value": "building"})
        seed_demo(session_factory(engine), 0, today, history_days=0)
        with engine.begin() as connection:
            catalogue = read_catalogue(connection)
            bulk = (*BULK_TABLES, *(name for name, _ in SIDE_TABLES))
            indexes = _drop_secondary_indexes(connection, bulk)
            mark_keys_current(connection, new=True)
        engine.dispose()  # no open SQLite connection may cross a fork
        worker = _CONTEXT.Process(
            target=_build_side, args=(side, members, seed, catalogue, today), daemon=True
        )
        worker.start()
        try:
            with engine.begin() as connection:
                _insert_members(connection, members, seed, catalogue, today, progress)
            progress("  waiting for search keys and orders")
            worker.join()
        finally:
            worker.terminate()  # only still running when this process failed
        if worker.exitcode != 0:
            raise RuntimeError(f"generating search keys and orders failed ({worker.exitcode})")
        engine.dispose()
        _merge(path, side, indexes, progress, lambda db: fill_activity(db, seed, today, progress))
        progress("  chaining the ledgers")  # the side file's entries got new ids
        with engine.begin() as connection:
            chain_everything(connection)
        engine.dispose()
        with closing(sqlite3.connect(path)) as db:
            db.execute("PRAGMA journal_mode=WAL")
    finally:
        engine.dispose()
        side.unlink(missing_ok=True)


def _build_side(side: Path, members: int, seed: int, catalogue: Catalogue, today: date) -> None:
    """In the second process: search keys and a year of orders, into a file of their own."""
    engine = _bulk_engine(side)
    try:
        tables = [Base.metadata.tables[name] for name, _ in (*SIDE_TABLES, ("chain_heads", 0))]
        Base.metadata.create_all(engine, tables=tables)
        with engine.begin() as connection:
            _drop_secondary_indexes(connection, tuple(name for name, _ in SIDE_TABLES))
            buyers: list[Profile] = []

            def names() -> Iterator[tuple[int, str]]:
                for profile in _profiles(seed, members, catalogue, today):
                    if profile.buys:
                        buyers.append(profile)
                    yield profile.member_id, profile.name

            insert_keys(connection, names())
            insert_orders(connection, random.Random(f"{seed}/orders"), buyers, catalogue, today)
    finally:
        engine.dispose()


def _merge(
    path: Path,
    side: Path,
    indexes: list[str],
    progress: Progress,
    finish: Callable[[sqlite3.Connection], None],
) -> None:
    """Copy the second process's rows in (in key order), ``finish`` the rows (members'
    visit figures, from their orders), then build every index once."""
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        for pragma in BULK_PRAGMAS:
            db.execute(f"PRAGMA {pragma}")
        db.execute("ATTACH DATABASE ? AS side", (str(side),))
        db.execute("BEGIN")
        for name, keep_ids in SIDE_TABLES:
            table = Base.metadata.tables[name]
            listed = ", ".join(c.name for c in table.columns if keep_ids or c.name != "id")
            in_order = ", ".join(c.name for c in table.primary_key)
            db.execute(
                f"INSERT INTO main.{name} ({listed}) SELECT {listed} FROM side.{name}"
                f" ORDER BY {in_order}"
            )
        orders = db.execute("SELECT count(*) FROM orders").fetchone()[0]
        buyers = db.execute("SELECT count(DISTINCT member_id) FROM side.orders").fetchone()[0]
        progress(f"  {orders:,} orders for {buyers:,} members")
        finish(db)
        progress("  indexing")
        for create in indexes:
            db.execute(create)
        db.execute("COMMIT")
        db.execute("DETACH DATABASE side")
        db.execute("PRAGMA journal_mode=WAL")


def _drop_secondary_indexes(connection: Connection, tables: tuple[str, ...]) -> list[str]:
    """Drop the bulk-loaded tables' plain indexes; returns their DDL to create them again.

    Building an index once over sorted keys is several times faster than keeping it
    up to date through a million random inserts.
    """
    indexes = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        f" AND tbl_name IN ({', '.join('?' * len(tables))})",
        tables,
    ).all()
    for name, _ in indexes:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    return [str(create) for _, create in indexes]


def _profiles(seed: int, count: int, catalogue: Catalogue, today: date) -> Iterator[Profile]:
    """What both processes must agree on about each member, from a stream of its own."""
    rng = random.Random(f"{seed}/profile")
    tier_cum = tuple(accumulate(TIER_WEIGHTS[: len(catalogue.tier_ids)]))
    for member_id in range(1, count + 1):
        yield Profile(
            member_id,
            _name(rng),
            rng.choices(catalogue.tier_ids, cum_weights=tier_cum)[0],
            today + timedelta(days=rng.randint(-400, 365)),
            rng.random() < BUYER_SHARE,
        )


def _insert_members(
    connection: Connection,
    count: int,
    seed: int,
    catalogue: Catalogue,
    today: date,
    progress: Progress,
) -> None:
    """Members with their cards and opening balances, in batches of ``BATCH``."""
    rng = random.Random(f"{seed}/detail")
    phones: set[int] = set()
    profiles = _profiles(seed, count, catalogue, today)
    for start in range(1, count + 1, BATCH):
        members: list[dict[str, object]] = []
        cards: list[dict[str, object]] = []
        points: list[dict[str, object]] = []
        stored: list[dict[str, object]] = []
        for member_id, name, tier_id, expires_on, _ in islice(profiles, BATCH):
            phone = _phone(rng, phones)
            joined_on = expires_on - timedelta(days=365 * rng.randint(1, 4))
            created_at = datetime.combine(joined_on, datetime.min.time()).replace(
                hour=rng.choice(MEAL_HOURS), minute=rng.randrange(60)
            )
            birthday = _birthday(rng)
            members.append(
                {
                    "id": member_id,
                    "member_no": f"M{member_id:07d}",
                    "name": name,
                    "phone": phone,
                    "phone_last4": phone[-4:],
                    "birthday": birthday,
                    "birth_month": birthday.month if birthday else None,
                    "gender": rng.choice(("F", "M", "")),
                    "tier_id": tier_id,
                    "joined_on": joined_on,
                    "expires_on": expires_on,
                    "preferences": "",
                    "allergies": "",
                    "notes": "",
                    "marketing_consent": rng.random() < 0.6,
                    "source_channel": "bench",
                    "joined_store_id": catalogue.store_of_member(member_id),
                    "created_at": created_at,
                    "merged_into_id": None,
                }
            )
            cards.append(_card(f"88{member_id:014d}", member_id, "active", created_at))
            if rng.random() < LOST_CARD_SHARE:
                cards.append(_card(f"89{member_id:014d}", member_id, "blocked", created_at))
            if rng.random() < 0.3:
                points.append(ledger_row(member_id, rng.randint(1, 5000), created_at))
            if rng.random() < 0.15:
                principal = rng.randint(1, 50) * 10_000
                stored.append(
                    {
                        "member_id": member_id,
                        "principal_delta_fen": principal,
                        "bonus_delta_fen": principal // 10,
                        "reason": "opening_balance",
                        "order_id": None,
                        "staff_id": None,
                        "created_at": created_at,
                    }
                )
        connection.execute(insert(MemberRow), members)
        if cards:
            connection.execute(insert(CardRow), cards)
        append_in_bulk(connection, points=points, stored_value=stored)
        done = start + len(members) - 1
        if done % PROGRESS_EVERY == 0 or done == count:
            progress(f"  {done:,} members")


def _name(rng: random.Random) -> str:
    if rng.random() >= CHINESE_SHARE:
        return f"{rng.choice(_LATIN_FIRST)} {rng.choice(_LATIN_LAST)}"
    if rng.random() < COMPOUND_SHARE:
        surname = rng.choice(_COMPOUNDS)
    else:
        surname = rng.choices(_SURNAME_LIST, cum_weights=_SURNAME_CUM)[0]
    given_length = 1 if rng.random() < 0.3 else 2
    return surname + "".join(rng.choice(_GIVEN) for _ in range(given_length))


def _phone(rng: random.Random, used: set[int]) -> str:
    while True:
        phone = int(rng.choice(MOBILE_PREFIXES)) * 10**8 + rng.randrange(10**8)
        if phone not in used:
            used.add(phone)
            return str(phone)


def _birthday(rng: random.Random) -> date | None:
    if rng.random() < 0.08:
        return None
    return date(rng.randint(1950, 2006), rng.randint(1, 12), rng.randint(1, 28))


def _card(card_no: str, member_id: int, status: str, issued_at: datetime) -> dict[str, object]:
    return {"card_no": card_no, "member_id": member_id, "status": status, "issued_at": issued_at}

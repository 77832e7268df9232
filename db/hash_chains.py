"""Hash-chaining audit events and ledger entries as they are written.

Streams: audit events one per till (``audit:T1``); ledger entries sharded by the member
they were written for (``points:7``, ``stored_value:7``: ``written_member_id % 64``), so
two tills appending for different members rarely wait on one head. Appending takes the
stream's ``chain_heads`` row lock first (``UPDATE … RETURNING``), so the stream's rows get
their ids in chain order; streams are locked in sorted order within a flush.

ORM rows are chained at flush time (``chain_new_rows``, a ``before_flush`` listener that
``db.engine.session_factory`` installs), Core bulk inserts by ``chained``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import (
    Connection,
    DateTime,
    Engine,
    Table,
    bindparam,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.sql.expression import TableClause

from app.domain.hash_chain import GENESIS, Fact, link
from db.models import AuditEventRow, ChainHeadRow, PointsLedgerRow, StoredValueLedgerRow
from db.upserts import dialect_insert

SHARDS = 64
Facts = dict[str, Fact | datetime | date]

_heads: Table = ChainHeadRow.__table__  # type: ignore[assignment]


@dataclass(frozen=True)
class ChainedTable:
    """Which columns of a table are hashed and which stream a row belongs to."""

    name: str
    table: TableClause
    columns: tuple[str, ...]
    key: Callable[[Mapping[str, Any]], object]
    ledger: bool

    def stream(self, row: Mapping[str, Any]) -> str:
        return f"{self.name}:{self.key(row)}"

    def facts(self, row: Mapping[str, Any]) -> Facts:
        facts: Facts = {name: row.get(name) for name in self.columns}
        if not self.ledger:  # the ORM fills these defaults only at insert
            facts["subject"] = facts["subject"] or ""
            facts["detail"] = facts["detail"] or ""
        return facts


_LEDGER_COLUMNS: tuple[str, ...] = ("written_member_id", "reason", "order_id", "staff_id")
_LEDGER_COLUMNS += ("created_at", "reverses_id", "refund_id")

AUDIT = ChainedTable(
    "audit",
    AuditEventRow.__table__,  # type: ignore[arg-type]
    ("at", "till_id", "staff_id", "action", "subject", "detail"),
    lambda row: row["till_id"],
    ledger=False,
)
POINTS = ChainedTable(
    "points",
    PointsLedgerRow.__table__,  # type: ignore[arg-type]
    ("delta", *_LEDGER_COLUMNS),
    lambda row: int(row["written_member_id"]) % SHARDS,
    ledger=True,
)
STORED_VALUE = ChainedTable(
    "stored_value",
    StoredValueLedgerRow.__table__,  # type: ignore[arg-type]
    ("principal_delta_fen", "bonus_delta_fen", *_LEDGER_COLUMNS),
    lambda row: int(row["written_member_id"]) % SHARDS,
    ledger=True,
)
CHAINED = (AUDIT, POINTS, STORED_VALUE)
_BY_CLASS: dict[type, ChainedTable] = {
    AuditEventRow: AUDIT,
    PointsLedgerRow: POINTS,
    StoredValueLedgerRow: STORED_VALUE,
}


def lock_head(connection: Connection, stream: str, adding: int) -> str:
    """Take ``stream``'s head lock, count ``adding`` rows in and return its last hash."""
    params = {"of_stream": stream, "adding": adding}
    last = connection.execute(_LOCK_HEAD, params).scalar_one_or_none()
    if last is None:
        new = _dialect_insert(connection)(_heads).values(stream=stream, length=0)
        connection.execute(new.values(last_hash=GENESIS).on_conflict_do_nothing())
        last = connection.execute(_LOCK_HEAD, params).scalar_one()
    return str(last)


# The statements every append sends, built once (building costs more than sending).
_LOCK_HEAD = (
    update(_heads)
    .where(_heads.c.stream == bindparam("of_stream"))
    .values(length=_heads.c.length + bindparam("adding"))
    .returning(_heads.c.last_hash)
)
_SET_LAST = (
    update(_heads)
    .where(_heads.c.stream == bindparam("of_stream"))
    .values(last_hash=bindparam("last"))
)
_MOVE_ON = (
    update(_heads)
    .where(_heads.c.stream == bindparam("of_stream"), _heads.c.last_hash == bindparam("expected"))
    .values(length=_heads.c.length + bindparam("adding"), last_hash=bindparam("last"))
)


def _dialect_insert(connection: Connection) -> Any:
    return dialect_insert(connection.dialect.name)


def _set_last(connection: Connection, stream: str, last_hash: str) -> None:
    connection.execute(_SET_LAST, {"of_stream": stream, "last": last_hash})


def _chain(
    connection: Connection,
    grouped: Mapping[str, Sequence[Facts]],
    hints: dict[str, str] | None = None,
) -> dict[str, list[str]]:
    """Lock each stream's head (in sorted order) and hash its new rows in order.

    ``hints``: last hashes read earlier in this transaction (``head_hints``); a stream
    found there is moved on in one statement when its head still holds that hash, and
    the hint follows the head."""
    hashes: dict[str, list[str]] = {}
    known = _last_seen.setdefault(connection.engine, {})
    for stream in sorted(grouped):
        rows = grouped[stream]
        guess = hints.get(stream) if hints is not None else None
        guess = guess or known.get(stream)
        if guess is not None and _move_on(connection, stream, guess, rows, hashes):
            previous = hashes[stream][-1]
        else:
            previous = lock_head(connection, stream, len(rows))
            chained = hashes.setdefault(stream, [])
            for facts in rows:
                previous = link(previous, facts)
                chained.append(previous)
            _set_last(connection, stream, previous)
        if stream.startswith(f"{AUDIT.name}:"):
            known[stream] = previous
        if hints is not None and stream in hints:
            hints[stream] = previous
    return hashes


HINTS = "hash_chains.head_hints"


def head_hints(info: dict[Any, Any]) -> dict[str, str]:
    """The last hashes of streams this transaction read (kept in its session's ``info``,
    ``db.chained_writes`` forgets them when the transaction ends)."""
    hints: dict[str, str] = info.setdefault(HINTS, {})
    return hints


_last_seen: WeakKeyDictionary[Engine, dict[str, str]] = WeakKeyDictionary()
"""The last hash this process wrote to its till's audit stream, per engine. Only that
till appends to it, so the next append can lock the head and move it on in one
statement; the head's own hash is the check (a rolled-back or foreign append since
makes it fail, and the append takes the two-statement way). Ledger streams are shared
by every till: there a guess would mostly miss and cost a statement."""


def _move_on(
    connection: Connection,
    stream: str,
    expected: str,
    rows: Sequence[Facts],
    hashes: dict[str, list[str]],
) -> bool:
    """Lock the head and move it on from ``expected`` in one ``UPDATE``, if it is still
    there; the rows' hashes go into ``hashes``."""
    chained, previous = [], expected
    for facts in rows:
        previous = link(previous, facts)
        chained.append(previous)
    params = {"of_stream": stream, "expected": expected, "adding": len(rows), "last": previous}
    moved = connection.execute(_MOVE_ON, params)
    if moved.rowcount != 1:
        return False
    hashes[stream] = chained
    return True


def chain_new_rows(session: Session, _context: UOWTransaction, _instances: object) -> None:
    """``before_flush``: give every new audit event and ledger entry its chain hash."""
    new = [row for row in session.new if type(row) in _BY_CLASS]
    if not new:
        return
    new.sort(key=lambda row: inspect(row).insert_order)
    grouped: dict[str, list[Facts]] = {}
    owners: dict[str, list[Any]] = {}
    for row in new:
        spec = _BY_CLASS[type(row)]
        if spec.ledger and row.written_member_id is None:
            row.written_member_id = row.member_id
        values = {name: getattr(row, name) for name in spec.columns}
        stream = spec.stream(values)
        grouped.setdefault(stream, []).append(spec.facts(values))
        owners.setdefault(stream, []).append(row)
    for stream, hashes in _chain(session.connection(), grouped).items():
        for row, chain_hash in zip(owners[stream], hashes, strict=True):
            row.chain_hash = chain_hash


def chained(
    connection: Connection,
    spec: ChainedTable,
    rows: Sequence[Mapping[str, object]],
    hints: dict[str, str] | None = None,
) -> list[dict[str, object]]:
    """``rows`` (column dictionaries of ``spec``'s table, in the order they will be
    inserted) with ``written_member_id`` and ``chain_hash`` filled; the heads are locked
    and moved on, so insert them in this transaction."""
    out = [dict(row) for row in rows]
    grouped: dict[str, list[Facts]] = {}
    for row in out:
        if spec.ledger and row.get("written_member_id") is None:
            row["written_member_id"] = row["member_id"]
        grouped.setdefault(spec.stream(row), []).append(spec.facts(row))
    chains = _chain(connection, grouped, hints)
    hashes = {stream: iter(chain) for stream, chain in chains.items()}
    for row in out:
        row["chain_hash"] = next(hashes[spec.stream(row)])
    return out


def insert_chained(
    connection: Connection, spec: ChainedTable, rows: Sequence[Mapping[str, object]]
) -> None:
    if rows:
        connection.execute(insert(spec.table), chained(connection, spec, rows))


def chain_everything(
    connection: Connection, batch: int = 50_000, specs: Sequence[ChainedTable] = CHAINED
) -> int:
    """Chain every existing row from scratch (the migration that introduced chains, and
    generated benchmark files): heads replaced; how many rows were chained.

    A million rows take seconds, not a minute: rows are read as plain tuples through the
    driver (SQLite's stored times are already the text ``canonical`` makes of them, so
    they are not parsed and formatted again), and each row's hash and owner are written
    by one prepared statement in the same pass."""
    done = 0
    for spec in specs:
        heads: dict[str, tuple[int, str]] = {}
        names = ["id", *spec.columns, *(["member_id"] if spec.ledger else [])]
        facts_end = 1 + len(spec.columns)
        owner_at = names.index("written_member_id") if spec.ledger else 0
        write = _write_sql(connection, spec)
        for page in _plain_pages(connection, spec, names, batch):
            updates: list[tuple[object, ...]] = []
            for values in page:
                if spec.ledger and values[owner_at] is None:
                    values[owner_at] = values[-1]  # written for the member it belongs to
                facts: Facts = dict(zip(spec.columns, values[1:facts_end], strict=True))
                facts = facts if spec.ledger else spec.facts(facts)
                stream = spec.stream(facts)
                length, previous = heads.get(stream, (0, GENESIS))
                chain_hash = link(previous, facts)
                heads[stream] = (length + 1, chain_hash)
                owner = (values[owner_at],) if spec.ledger else ()
                updates.append((chain_hash, *owner, values[0]))
            connection.exec_driver_sql(write, updates)
            done += len(updates)
        connection.execute(_heads.delete().where(_heads.c.stream.like(f"{spec.name}:%")))
        if heads:
            connection.execute(
                insert(_heads),
                [{"stream": s, "length": n, "last_hash": h} for s, (n, h) in heads.items()],
            )
    return done


def _write_sql(connection: Connection, spec: ChainedTable) -> str:
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    owner = f", written_member_id = {mark}" if spec.ledger else ""
    return f"UPDATE {spec.table.name} SET chain_hash = {mark}{owner} WHERE id = {mark}"


_CANONICAL_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")


def _plain_pages(
    connection: Connection, spec: ChainedTable, names: Sequence[str], batch: int
) -> Iterator[list[list[Any]]]:
    """``names`` of every row in id order, a page at a time, as lists. SQLite's stored
    times stay the text ``canonical`` would make of them; the few that are not in that
    form are read as the typed column reads them."""
    dialect = connection.dialect
    times = [i for i, name in enumerate(names) if name in ("at", "created_at")]
    parse = None
    if dialect.name == "sqlite":
        parse = DateTime().dialect_impl(dialect).result_processor(dialect, None)
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    query = (
        f"SELECT {', '.join(names)} FROM {spec.table.name}"
        f" WHERE id > {mark} ORDER BY id LIMIT {mark}"
    )
    driver = connection.connection.dbapi_connection  # this transaction's, as tuples
    assert driver is not None
    after = 0
    while True:
        cursor = driver.cursor()
        try:
            cursor.execute(query, (after, batch))
            page = [list(row) for row in cursor.fetchall()]
        finally:
            cursor.close()
        if not page:
            return
        if parse is not None:
            for values in page:
                for i in times:
                    text = values[i]
                    if isinstance(text, str) and not _CANONICAL_TIME.fullmatch(text):
                        values[i] = parse(text)
        yield page
        after = page[-1][0]


def rows_in_order(
    connection: Connection, spec: ChainedTable, batch: int = 50_000
) -> Iterator[Mapping[str, Any]]:
    """Every row of ``spec``'s table with its id, facts, ``member_id`` and ``chain_hash``,
    in id order, a page at a time."""
    for page in _pages(connection, spec, batch):
        yield from page


def _pages(
    connection: Connection, spec: ChainedTable, batch: int
) -> Iterator[list[Mapping[str, Any]]]:
    table = spec.table
    names = ["id", *spec.columns, "chain_hash", *(["member_id"] if spec.ledger else [])]
    after = 0
    while True:
        query = (
            select(*(table.c[name] for name in names))
            .where(table.c.id > after)
            .order_by(table.c.id)
            .limit(batch)
        )
        page: list[Mapping[str, Any]] = [dict(row._mapping) for row in connection.execute(query)]
        if not page:
            return
        yield page
        after = page[-1]["id"]

"""The offline journal in the till's local SQLite file, and the unit of work that writes
an entry in the same transaction as the sale it records.

The table is made here, not by Alembic: the journal is the till's own (the server never
holds one, so the shared schema, ``pos migrate-to`` and the schema-equals-models check do
not carry a table that is always empty there), and it must exist in a local copy
whichever revision made it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    event,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session, sessionmaker

from app.domain.members import MemberId, MemberSummary
from app.domain.offline import JournalEntry, OfflineSpend, PrintedSlip
from db.engine import session_factory
from db.local_copy.offer_uses import CopyUnitOfWork, ensure_copied_uses
from db.models import MemberRow, OrderRow, PrintJobRow
from db.unit_of_work import SqlUnitOfWork

_metadata = MetaData()
journal = Table(
    "offline_journal",
    _metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("request_key", String(64), nullable=False, unique=True),
    Column("at", DateTime, nullable=False),
    Column("staff_id", Integer, nullable=False),
    Column("member_id", Integer),
    Column("stored_value_spent", BigInteger, nullable=False),
    Column("points_spent", BigInteger, nullable=False),
    Column("request", Text, nullable=False),
    Column("local", Text, nullable=False),
    Column("outcome", Text),
    Column("replayed_at", DateTime),
)


FULL = 2
"""``PRAGMA synchronous`` FULL: in WAL mode each commit syncs the WAL before it returns."""


def ensure_journal(engine: Engine) -> None:
    """Create the journal in the local file if it is not there yet; refuse an engine whose
    commits would not reach the disc before they return (what ``create_db_engine`` sets)."""
    if engine.dialect.name != "sqlite":
        raise ValueError("the offline journal lives in the till's local SQLite copy")
    with engine.connect() as connection:  # a sale and its entry must outlive a crash
        synchronous = connection.exec_driver_sql("PRAGMA synchronous").scalar_one()
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar_one()
    if int(synchronous) < FULL or str(mode).lower() != "wal":
        raise ValueError(
            "the local copy must be opened through db.engine.create_db_engine "
            "(WAL, synchronous=FULL): an offline sale could be lost in a crash otherwise"
        )
    _metadata.create_all(engine, tables=[journal])
    ensure_copied_uses(engine)


class JournallingUnitOfWork(CopyUnitOfWork):
    """A unit of work on the local copy whose ``commit`` first writes ``entry`` (with what
    the request key keeps as its local outcome) in the same transaction: a sale that
    commits is journalled, one that does not leaves nothing. ``provisional`` renumbers
    the member an offline enrolment made (``P…``, and an id below zero: see
    ``_provisional_ids``), so no one mistakes them for a member the server numbered."""

    def __init__(
        self, sessions: sessionmaker[Session], entry: JournalEntry, provisional: str = ""
    ) -> None:
        super().__init__(sessions)
        self._entry = entry
        self._provisional = provisional

    def __enter__(self) -> JournallingUnitOfWork:
        super().__enter__()
        if self._provisional:
            assert self._session is not None
            event.listen(self._session, "before_flush", _provisional_ids)
        return self

    def commit(self) -> None:
        prior = self.request_keys.find(self._entry.request_key)
        local = dict(prior.outcome) if prior is not None else {}
        member_id = self._entry.member_id
        if self._entry.kind == "enrolment" and "member_id" in local:
            member_id = int(local["member_id"])
            if self._provisional:
                number = f"{self._provisional}{abs(member_id)}"
                self._connection().execute(
                    text("UPDATE members SET member_no = :no WHERE id = :id"),
                    {"no": number, "id": member_id},
                )
                local["reference"] = number
        self._connection().execute(
            insert(journal).values(
                kind=self._entry.kind,
                request_key=self._entry.request_key,
                at=self._entry.at,
                staff_id=self._entry.staff_id,
                member_id=member_id,
                stored_value_spent=self._entry.spent.stored_value,
                points_spent=self._entry.spent.points,
                request=json.dumps(self._entry.request, sort_keys=True),
                local=json.dumps(local, sort_keys=True),
            )
        )
        super().commit()

    def _connection(self) -> Any:
        assert self._session is not None, "inside 'with'"
        return self._session.connection()


def _provisional_ids(session: Session, _context: object, _instances: object) -> None:
    """``before_flush``: a member made in the copy takes the next id below zero, a range
    the server never hands out, so a member the refresher copies later never lands on it
    (SQLite would give max(id) + 1, the id the server's next member is likely to have)."""
    for row in session.new:
        if isinstance(row, MemberRow) and row.id is None:
            lowest = session.connection().execute(text("SELECT min(id) FROM members"))
            row.id = min(int(lowest.scalar() or 0), 0) - 1


class OfflineJournal:
    """Reading the journal and keeping each entry's server outcome, on the local file."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions: sessionmaker[Session] | None = None

    def pending(self) -> list[JournalEntry]:
        """Entries not replayed yet, in the order they were sold."""
        query = select(journal).where(journal.c.outcome.is_(None)).order_by(journal.c.id)
        with self._engine.connect() as connection:
            return [_entry(row._mapping) for row in connection.execute(query)]

    def holds(self, request_key: str) -> bool:
        """An entry was journalled under ``request_key`` (the request committed here)."""
        query = select(journal.c.id).where(journal.c.request_key == request_key)
        with self._engine.connect() as connection:
            return connection.execute(query).first() is not None

    def entries(self) -> list[JournalEntry]:
        with self._engine.connect() as connection:
            rows = connection.execute(select(journal).order_by(journal.c.id))
            return [_entry(row._mapping) for row in rows]

    def member(self, member_id: int) -> MemberSummary | None:
        """The member as the local copy holds them (``None``: not there)."""
        if self._sessions is None:
            self._sessions = session_factory(self._engine)
        with SqlUnitOfWork(self._sessions) as uow:
            try:
                return uow.members.summary(MemberId(member_id))
            except LookupError:
                return None

    def slip(self, order_no: str) -> PrintedSlip | None:
        """The receipt the copy's outbox queued for the offline order ``order_no``."""
        query = (
            select(PrintJobRow.document, PrintJobRow.printer_url)
            .join(OrderRow, OrderRow.id == PrintJobRow.order_id)
            .where(OrderRow.order_no == order_no, PrintJobRow.kind == "receipt")
            .order_by(PrintJobRow.id)
            .limit(1)
        )
        with self._engine.connect() as connection:
            found = connection.execute(query).first()
        return None if found is None else PrintedSlip(found.document, found.printer_url)

    def spent_since_resync(self, member_id: int) -> OfflineSpend:
        """What the member spent in entries still waiting (this outage)."""
        query = select(journal.c.stored_value_spent, journal.c.points_spent).where(
            journal.c.member_id == member_id, journal.c.outcome.is_(None)
        )
        with self._engine.connect() as connection:
            rows = connection.execute(query).all()
        return OfflineSpend(sum(r[0] for r in rows), sum(r[1] for r in rows))

    def record_outcomes(
        self, outcomes: Sequence[tuple[int, Mapping[str, object]]], at: datetime
    ) -> None:
        """Each entry's server outcome, in one local transaction."""
        if not outcomes:
            return
        with self._engine.begin() as connection:
            for entry_id, outcome in outcomes:
                connection.execute(
                    update(journal)
                    .where(journal.c.id == entry_id)
                    .values(outcome=json.dumps(outcome, sort_keys=True), replayed_at=at)
                )


def _entry(row: Any) -> JournalEntry:
    return JournalEntry(
        kind=row["kind"],
        request_key=row["request_key"],
        at=row["at"],
        staff_id=row["staff_id"],
        request=json.loads(row["request"]),
        member_id=row["member_id"],
        spent=OfflineSpend(row["stored_value_spent"], row["points_spent"]),
        entry_id=row["id"],
        local=json.loads(row["local"]),
        outcome=json.loads(row["outcome"]) if row["outcome"] else None,
    )

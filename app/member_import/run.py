"""``pos members import``: bring another system's members into a till database.

All or nothing: the whole import is one transaction, committed after the last member is
written, so a run that is stopped (killed, a power cut) leaves the database as it was and
is simply run again. A dry run makes the same changes to count them, then rolls back.

Rows that fail a check are left out and listed; the others are imported. A phone already
in the database is handled as the person chose up front:

- ``stop``: nothing is imported while any row's phone is already a member's;
- ``skip``: that row is left out (listed);
- ``merge``: the existing member keeps everything they have (name, tier, expiry,
  balances); what they lack and the file gives is filled in (birthday, gender, allergies,
  notes, and the file's card when they hold none and no one else does). Their balances
  and points in the file are not added: the till's ledgers already hold theirs.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sqlalchemy.orm import Session

from app.clock import Clock
from app.context import ActionContext
from app.domain.imported_members import ImportedMember
from app.domain.membership_term import expiry_after_term
from app.domain.row_notes import RowIssue, RowNote
from app.errors import TillError
from app.member_import.reader import MemberFile, read_members
from app.setup.menu_csv import BadRow
from app.setup.ran_by import ran_by
from db.audit_log import SqlAuditLog
from db.engine import create_db_engine, missing_sqlite_file, session_factory
from db.member_import import (
    existing_members,
    fill_in,
    insert_members,
    lock_for_import,
    programme_tiers,
    taken_cards,
)
from db.migrate import has_schema, is_at_head


class OnDuplicate(enum.Enum):
    MERGE = "merge"
    SKIP = "skip"
    STOP = "stop"


class MemberImportRefused(TillError):
    pass


@dataclass
class ImportOutcome:
    encoding: str = ""
    rows: int = 0
    added: int = 0
    merged: int = 0
    skipped: int = 0
    stopped: bool = False
    stored_value: int = 0
    points: int = 0
    bad_rows: list[BadRow] = field(default_factory=list)
    duplicates: list[tuple[int, RowNote]] = field(default_factory=list)
    """(line, what happened) for each row whose phone is already a member's."""


def import_members(
    url: str,
    data: bytes,
    clock: Clock,
    *,
    on_duplicate: OnDuplicate,
    dry_run: bool,
    encoding: str | None = None,
    mapping: dict[str, str] | None = None,
    source: str = "",
    progress: Callable[[int, int], None] = lambda done, total: None,
    staff_id: int | None = None,
    by: str = "pos members import",
) -> ImportOutcome:
    """Raises ``MemberImportRefused`` or ``UnreadableCsv`` before anything is changed.
    An exception ``progress`` raises (a cancel) rolls the whole import back."""
    missing = missing_sqlite_file(url)
    if missing is not None:
        raise MemberImportRefused(f"there is no database at {missing}")
    engine = create_db_engine(url)
    try:
        if not has_schema(engine):
            raise MemberImportRefused("this database holds no till yet; run pos setup first")
        if not is_at_head(engine):
            raise MemberImportRefused("this database needs upgrading: start the till once first")
        today = clock.now().date()
        with session_factory(engine)() as session:
            tiers = programme_tiers(session)
        parsed = read_members(data, tiers, today, encoding=encoding, mapping=mapping)
        outcome = ImportOutcome(parsed.encoding, parsed.rows, bad_rows=list(parsed.bad_rows))
        with session_factory(engine)() as session:
            lock_for_import(session)
            action = ActionContext.begin(clock, "import", staff_id)
            new = _place(session, parsed, outcome, on_duplicate, action)
            if outcome.stopped:
                session.rollback()
                return outcome
            total = len(new)
            if not new:
                progress(0, 0)  # a cancel is still heard before the merges are committed
            insert_members(
                session, new, action.now, expiry_after_term(today), lambda n: progress(n, total)
            )
            outcome.added = total
            outcome.stored_value = sum(m.stored_value for m in new)
            outcome.points = sum(m.points for m in new)
            outcome.bad_rows.sort(key=lambda bad: bad.line)
            if dry_run:
                session.rollback()
                return outcome
            SqlAuditLog(session).record(
                action,
                "members_imported",
                source[-80:],
                {
                    **ran_by(by),
                    "on_duplicate": on_duplicate.value,
                    "rows": outcome.rows,
                    "added": outcome.added,
                    "merged": outcome.merged,
                    "skipped": outcome.skipped,
                    "bad_rows": len(outcome.bad_rows),
                    "stored_value_fen": outcome.stored_value,
                    "points": outcome.points,
                },
            )
            session.commit()
        return outcome
    finally:
        engine.dispose()


def _place(
    session: Session,
    parsed: MemberFile,
    outcome: ImportOutcome,
    on_duplicate: OnDuplicate,
    action: ActionContext,
) -> list[ImportedMember]:
    """The members to add; duplicates of existing members merged, skipped or stopped on."""
    existing = existing_members(session, [m.phone for m in parsed.members])
    taken = taken_cards(session, [m.card for m in parsed.members if m.card])
    new: list[ImportedMember] = []
    for member in parsed.members:
        holder = existing.get(member.phone)
        if holder is None:
            if member.card in taken:
                taken_note = RowNote(RowIssue.CARD_TAKEN, (member.card,))
                outcome.bad_rows.append(BadRow.noted(member.line, taken_note))
            else:
                new.append(member)
            continue
        values: tuple[str, ...] = (member.phone, holder.member_no)
        if on_duplicate is OnDuplicate.STOP:
            outcome.stopped = True
            outcome.duplicates.append((member.line, RowNote(RowIssue.PHONE_IS_MEMBER, values)))
        elif on_duplicate is OnDuplicate.SKIP:
            outcome.skipped += 1
            outcome.duplicates.append((member.line, RowNote(RowIssue.SKIPPED, values)))
        else:
            card = member.card if member.card not in taken else ""
            issue = RowIssue.MERGED
            if member.card and not card:
                issue, values = RowIssue.MERGED_CARD_TAKEN, (*values, member.card)
            filled = fill_in(session, holder, replace(member, card=card), action.now)
            outcome.merged += 1
            outcome.duplicates.append((member.line, RowNote(issue, values, tuple(filled))))
    return new

"""The SQL of the member import: what the database already holds, and the bulk writes.

Members, cards, search keys and opening ledger entries go in many to a statement (the
import is a hundred thousand members, not one). Member ids are given here, after the
import has locked the members table, so each member's number is known as it is written
(``M0000123`` from id 123, as enrolment numbers them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from app.domain.enrolment import member_number
from app.domain.imported_members import ImportedMember, Tiers
from app.domain.phone import last_four
from app.domain.rfm import Segment
from db.ledgers import append_in_bulk
from db.models import CardRow, MemberRow, SettingRow, TierRow
from db.search_keys import insert_keys

BATCH = 5_000
OPENING = "opening_balance"


@dataclass(frozen=True)
class Existing:
    """A member already in the database whose phone a row of the file gives."""

    member_id: int
    member_no: str
    birthday: date | None
    gender: str
    allergies: str
    notes: str
    has_card: bool


def lock_for_import(session: Session) -> None:
    """Keep tills from enrolling while the import numbers its members; on SQLite a write
    as the first statement takes the database's write lock."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE members IN SHARE ROW EXCLUSIVE MODE"))
    else:
        session.execute(update(SettingRow).where(SettingRow.key == "").values(value=""))


def programme_tiers(session: Session) -> Tiers:
    rows = session.execute(
        select(TierRow.id, TierRow.code, TierRow.name_zh, TierRow.name_en).order_by(TierRow.rank)
    ).all()
    by_name: dict[str, int] = {}
    for row in rows:
        for name in (row.code, row.name_zh, row.name_en):
            by_name.setdefault(name.casefold(), row.id)
    return Tiers(by_name, rows[0].id if rows else 0)


def existing_members(session: Session, phones: Sequence[str]) -> dict[str, Existing]:
    found: dict[str, Existing] = {}
    carded = select(CardRow.member_id).where(CardRow.member_id == MemberRow.id).exists()
    for start in range(0, len(phones), 500):
        query = select(
            MemberRow.phone,
            MemberRow.id,
            MemberRow.member_no,
            MemberRow.birthday,
            MemberRow.gender,
            MemberRow.allergies,
            MemberRow.notes,
            carded,
        ).where(MemberRow.phone.in_(phones[start : start + 500]))
        for row in session.execute(query):
            found[row[0]] = Existing(
                row.id, row.member_no, row.birthday, row.gender, row.allergies, row.notes, row[7]
            )
    return found


def taken_cards(session: Session, cards: Sequence[str]) -> set[str]:
    taken: set[str] = set()
    for start in range(0, len(cards), 500):
        query = select(CardRow.card_no).where(CardRow.card_no.in_(cards[start : start + 500]))
        taken.update(session.scalars(query))
    return taken


def fill_in(
    session: Session, existing: Existing, member: ImportedMember, at: datetime
) -> list[str]:
    """Give an existing member what the file knows and the database does not (birthday,
    gender, allergies, notes, a card); names the fields filled in."""
    values: dict[str, object] = {}
    if existing.birthday is None and member.birthday is not None:
        values["birthday"] = member.birthday
        values["birth_month"] = member.birthday.month
    if not existing.gender and member.gender.value:
        values["gender"] = member.gender.value
    if not existing.allergies and member.allergies:
        values["allergies"] = member.allergies
    if not existing.notes and member.notes:
        values["notes"] = member.notes
    if values:
        session.execute(
            update(MemberRow).where(MemberRow.id == existing.member_id).values(**values)
        )
    filled = sorted(values.keys() - {"birth_month"})
    if member.card and not existing.has_card:
        session.execute(
            insert(CardRow),
            [{"card_no": member.card, "member_id": existing.member_id, "issued_at": at,
              "status": "active"}],
        )  # fmt: skip
        filled.append("card")
    return filled


def insert_members(
    session: Session,
    members: Sequence[ImportedMember],
    at: datetime,
    default_expiry: date,
    progress: Callable[[int], None],
) -> None:
    """Write new members with their cards, search keys and opening balances."""
    connection = session.connection()
    next_id = (session.scalar(select(func.max(MemberRow.id))) or 0) + 1
    for start in range(0, len(members), BATCH):
        batch = members[start : start + BATCH]
        ids = range(next_id + start, next_id + start + len(batch))
        pairs = list(zip(ids, batch, strict=True))
        connection.execute(insert(MemberRow), [_member(i, m, at, default_expiry) for i, m in pairs])
        cards = [
            {"card_no": m.card, "member_id": i, "issued_at": at, "status": "active"}
            for i, m in pairs
            if m.card
        ]
        if cards:
            connection.execute(insert(CardRow), cards)
        insert_keys(connection, ((i, m.name) for i, m in pairs))
        append_in_bulk(
            connection,
            points=[_entry(i, at, delta=m.points) for i, m in pairs if m.points],
            stored_value=[
                _entry(i, at, principal_delta_fen=m.stored_value, bonus_delta_fen=0)
                for i, m in pairs
                if m.stored_value
            ],
        )
        progress(start + len(batch))
    if members and session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT setval(pg_get_serial_sequence('members', 'id'), :last)"),
            {"last": next_id + len(members) - 1},
        )


def _member(
    member_id: int, m: ImportedMember, at: datetime, default_expiry: date
) -> dict[str, object]:
    return {
        "id": member_id,
        "member_no": member_number(member_id),
        "name": m.name,
        "phone": m.phone,
        "phone_last4": last_four(m.phone),
        "birthday": m.birthday,
        "birth_month": m.birthday.month if m.birthday else None,
        "gender": m.gender.value,
        "tier_id": m.tier_id,
        "joined_on": at.date(),
        "expires_on": m.expires_on or default_expiry,
        "preferences": "",
        "allergies": m.allergies,
        "notes": m.notes,
        "marketing_consent": False,
        "source_channel": "import",
        "segment": Segment.NEW.value,
        "enrolled_by_id": None,
        "created_at": at,
    }


def _entry(member_id: int, at: datetime, **amounts: int) -> dict[str, object]:
    return {
        "member_id": member_id,
        **amounts,
        "reason": OPENING,
        "order_id": None,
        "staff_id": None,
        "created_at": at,
    }

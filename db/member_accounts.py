"""The member aggregate in SQL: enrol, lock, read as the till shows them, change tier,
profile and cards; and tiers.

These repositories return the pure domain's values (``app.domain``), the one part of
``app`` that ``db`` may import.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from types import SimpleNamespace

from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.domain.enrolment import Gender, NewMember, member_number
from app.domain.member_profile import (
    CONSENT_FIELDS,
    Consents,
    FieldChange,
    ProfileField,
    ProfileValues,
    StoredProfile,
)
from app.domain.member_value import ValuedMember, may_value, stored_value
from app.domain.members import MemberCandidate, MemberId, MemberSummary
from app.domain.phone import last_four, mask_phone
from app.domain.renewal import RenewalQuote
from app.domain.storage import WriteConflict
from app.domain.tiers import Tier, TierChange, TierId
from db.kept_tiers import ranked_tiers, tier_by_id
from db.kept_tiers import tier_from_row as tier_from_row
from db.ledgers import SqlLedgers
from db.member_lock import lock_member_values, lock_members, locked_values
from db.models import (
    CardRow,
    MemberChangeRow,
    MemberRow,
    MembershipRenewalRow,
    OrderRow,
    TierChangeRow,
    TierRow,
)
from db.search_keys import write_member_keys
from db.store_stamps import store_of_till

PROFILE_TEXTS = frozenset({"allergies", "preferences", "notes"})


def member_summary(
    session: Session, row: MemberRow | SimpleNamespace, *, locked: bool = False
) -> MemberSummary:
    """``locked``: the row was just locked (``db.member_lock``) in this transaction."""
    tier = tier_by_id(session, row.tier_id)  # kept by the till (db.kept_tiers)
    ledgers = SqlLedgers(session)
    read = ledgers.balances_under_lock if locked else ledgers.balances
    points, stored_value = read(row.id)
    return MemberSummary(
        member_id=MemberId(row.id),
        member_no=row.member_no,
        name=row.name,
        phone=row.phone,
        tier=tier,
        joined_on=row.joined_on,
        expires_on=row.expires_on,
        points=points,
        stored_value=stored_value.total,
        preferences=row.preferences,
        allergies=row.allergies,
        birthday=row.birthday,
        segment=row.segment,
    )


def candidate_from_row(session: Session, row: MemberRow) -> MemberCandidate:
    tier_row = session.get(TierRow, row.tier_id)
    assert tier_row is not None, "foreign key guarantees the tier"
    return MemberCandidate(
        member_id=MemberId(row.id),
        member_no=row.member_no,
        name=row.name,
        masked_phone=mask_phone(row.phone),
        tier_name_zh=tier_row.name_zh,
        tier_name_en=tier_row.name_en,
        expires_on=row.expires_on,
    )


def profile_values(row: MemberRow) -> ProfileValues:
    try:
        gender = Gender(row.gender)
    except ValueError:
        gender = Gender.UNSPECIFIED
    return ProfileValues(
        name=row.name,
        phone=row.phone,
        birthday=row.birthday,
        gender=gender,
        preferences=row.preferences,
        allergies=row.allergies,
        notes=row.notes,
        consents=Consents(
            marketing=row.marketing_consent,
            third_party=row.consent_third_party,
            automated=row.consent_automated,
            sensitive=row.consent_sensitive,
        ),
    )


class SqlMemberAccounts:
    def __init__(self, session: Session) -> None:
        self._session = session

    def lock(self, member_id: MemberId) -> MemberSummary:
        # The columns, kept for the transaction, rather than an ORM row: the checkout's
        # later steps (visit, renewal, tier) write from them (``db.member_lock``).
        values = lock_member_values(self._session, member_id)
        return member_summary(self._session, values, locked=True)

    def summary(self, member_id: MemberId) -> MemberSummary:
        return member_summary(self._session, self._row(member_id))

    def change_tier(
        self,
        member_id: MemberId,
        change: TierChange,
    ) -> None:
        held = locked_values(self._session, member_id)
        row = held if held is not None else self._row(member_id)
        self._session.add(
            TierChangeRow(
                member_id=row.id,
                from_tier_id=row.tier_id,
                to_tier_id=change.to_tier,
                reason=change.reason,
                order_id=change.order_id,
                staff_id=change.staff_id,
                approver_id=change.approver_id,
                note=change.note,
                at=change.at,
                refund_id=change.refund_id,
            )
        )
        if held is not None:
            self._write_held(held, tier_id=change.to_tier)
        else:
            row.tier_id = change.to_tier

    def renew(self, member_id: MemberId, order_id: int, renewal: RenewalQuote) -> None:
        """Extend the term as the order's renewal says, keeping the expiry before and
        after for an exact reversal by a refund."""
        held = locked_values(self._session, member_id)
        row = held if held is not None else self._row(member_id)
        self._session.add(
            MembershipRenewalRow(
                member_id=row.id,
                order_id=order_id,
                offer_code=renewal.offer.code,
                kind=renewal.offer.kind.value,
                fee_fen=renewal.fee,
                old_expiry=row.expires_on,
                new_expiry=renewal.new_expiry,
            )
        )
        if held is not None:
            self._write_held(held, expires_on=renewal.new_expiry)
        else:
            row.expires_on = renewal.new_expiry

    def count_visit(self, member_id: MemberId, day: date, spend: int) -> None:
        """The member's visit figures for the manager's list filters: one UPDATE now
        rather than a flush later (the row, locked, is in the session: it is kept
        equal)."""
        held = locked_values(self._session, member_id)
        row = held if held is not None else self._row(member_id)
        last = row.last_visit_on if row.last_visit_on and row.last_visit_on >= day else day
        visits, spent = row.visits + 1, row.spend_fen + spend
        value = _value(row, spent, last, day)
        figures = {
            "member": row.id, "new_visits": visits, "new_spend": spent, "new_last": last,
            "new_value": value,
        }  # fmt: skip
        self._session.connection().execute(_COUNT_VISIT, figures)
        if held is not None:
            held.visits, held.spend_fen, held.last_visit_on = visits, spent, last
            held.value_fen = value
            return
        set_committed_value(row, "visits", visits)
        set_committed_value(row, "spend_fen", spent)
        set_committed_value(row, "last_visit_on", last)
        set_committed_value(row, "value_fen", value)

    def find(self, member_id: MemberId) -> MemberSummary | None:
        """The member, or ``None`` when there is none or they were merged into another."""
        row = self._session.get(MemberRow, member_id)
        if row is None or row.merged_into_id is not None:
            return None
        return member_summary(self._session, row)

    def change_profile(
        self, member_id: MemberId, field: str, value: str, at: datetime, staff_id: int
    ) -> None:
        """Set one profile text (``PROFILE_TEXTS``), the old and new value kept in the
        member's edit history."""
        if field not in PROFILE_TEXTS:
            raise ValueError(f"{field} is not a profile text")
        row = self._row(member_id)
        old = getattr(row, field)
        self._session.add(
            MemberChangeRow(
                member_id=row.id, at=at, staff_id=staff_id, field=field, old_value=old,
                new_value=value,
            )
        )  # fmt: skip
        setattr(row, field, value)

    def restore_expiry(self, member_id: MemberId, expires_on: date | None) -> None:
        self._row(member_id).expires_on = expires_on

    def uncount_visit(self, member_id: MemberId, spend: int, whole_visit: bool, day: date) -> None:
        """Take a refund's spend off the visit figures; a wholly refunded order with items
        is no visit, and the last visit is the latest order still standing. The member's
        value is worked out again for ``day``."""
        row = self._row(member_id)
        row.spend_fen -= spend
        if whole_visit:
            row.visits -= 1
            row.last_visit_on = self._session.scalar(
                select(func.max(OrderRow.business_day)).where(
                    OrderRow.member_id == member_id,
                    OrderRow.subtotal_fen > 0,
                    OrderRow.status != "refunded",
                )
            )
        row.value_fen = _value(row, row.spend_fen, row.last_visit_on, day)

    def lock_many(self, member_ids: Sequence[int]) -> None:
        lock_members(self._session, member_ids)

    def add(self, new: NewMember) -> MemberId:
        row = MemberRow(
            member_no=f"NEW-{uuid.uuid4().hex[:16]}",  # unique until the id is known
            name=new.name,
            phone=new.phone,
            phone_last4=last_four(new.phone),
            birthday=new.birthday,
            gender=new.gender.value,
            tier_id=new.tier_id,
            joined_on=new.joined_on,
            expires_on=new.expires_on,
            preferences=new.preferences,
            allergies=new.allergies,
            marketing_consent=new.marketing_consent,
            source_channel="till",
            enrolled_by_id=new.enrolled_by,
            joined_store_id=store_of_till(self._session, new.till_id) if new.till_id else None,
            segment=new.segment,
            created_at=new.created_at,
        )
        self._session.add(row)
        try:
            self._session.flush()
        except IntegrityError as error:  # another till took the phone a moment ago
            raise WriteConflict(str(error.orig)) from error
        row.member_no = member_number(row.id)
        write_member_keys(self._session, row.id, row.name)
        return MemberId(row.id)

    def by_phone(self, phone: str) -> MemberCandidate | None:
        row = self._session.scalar(select(MemberRow).where(MemberRow.phone == phone))
        return None if row is None else candidate_from_row(self._session, row)

    def born_on(self, birthday: date) -> list[MemberCandidate]:
        query = select(MemberRow).where(
            MemberRow.birthday == birthday, MemberRow.merged_into_id.is_(None)
        )
        rows = self._session.scalars(query.order_by(MemberRow.id))
        return [candidate_from_row(self._session, row) for row in rows]

    def card_holder(self, card_no: str) -> MemberCandidate | None:
        card = self._session.scalar(select(CardRow).where(CardRow.card_no == card_no))
        if card is None:
            return None
        return candidate_from_row(self._session, self._row(MemberId(card.member_id)))

    def issue_card(
        self, member_id: MemberId, card_no: str, at: datetime, *, block_others: bool
    ) -> None:
        if block_others:
            self._session.execute(
                update(CardRow)
                .where(CardRow.member_id == member_id, CardRow.status == "active")
                .values(status="blocked")
            )
        self._session.add(CardRow(card_no=card_no, member_id=member_id, issued_at=at))

    def profile(self, member_id: MemberId) -> StoredProfile | None:
        row = self._session.get(MemberRow, member_id)
        if row is None:
            return None
        return StoredProfile(
            member_id=row.id,
            member_no=row.member_no,
            values=profile_values(row),
            erased=row.erased_at is not None,
            merged=row.merged_into_id is not None,
        )

    def edit_profile(
        self,
        member_id: MemberId,
        values: ProfileValues,
        changed: Sequence[FieldChange],
        at: datetime,
        staff_id: int,
    ) -> None:
        row = self._row(member_id)
        row.name, row.phone, row.phone_last4 = values.name, values.phone, last_four(values.phone)
        row.birthday, row.gender = values.birthday, values.gender.value
        row.preferences, row.allergies, row.notes = (
            values.preferences,
            values.allergies,
            values.notes,
        )
        c = values.consents
        row.marketing_consent, row.consent_third_party = c.marketing, c.third_party
        row.consent_automated, row.consent_sensitive = c.automated, c.sensitive
        if any(change.field is ProfileField.NAME for change in changed):
            write_member_keys(self._session, row.id, row.name)
        if any(change.field in CONSENT_FIELDS for change in changed):
            row.consent_updated_at = at
        for change in changed:
            self._session.add(
                MemberChangeRow(
                    member_id=row.id,
                    at=at,
                    staff_id=staff_id,
                    field=change.field.value,
                    old_value=change.old,
                    new_value=change.new,
                )
            )

    def clear_profiling(self, member_id: MemberId) -> None:
        row = self._row(member_id)
        row.segment, row.value_fen = "", None

    def _write_held(self, held: SimpleNamespace, **values: object) -> None:
        """Write columns of a member locked by ``lock`` (no ORM row loaded) and keep
        their kept values equal. Not through the session: what audit and ledgers queued
        is written with the commit, in its order (``db.chained_writes``), as when the ORM
        flushed the row's change."""
        self._session.connection().execute(
            update(_members).where(_members.c.id == held.id).values(**values)
        )
        for name, value in values.items():
            setattr(held, name, value)

    def _row(self, member_id: MemberId) -> MemberRow:
        row = self._session.get(MemberRow, member_id)
        if row is None:
            raise LookupError(f"member {member_id} does not exist")
        return row


def _value(
    row: MemberRow | SimpleNamespace, spend: int, last_visit: date | None, day: date
) -> int | None:
    """The member's stored value (``members.value_fen``) on ``day`` with these figures."""
    erased, agreed = row.erased_at is not None, row.consent_automated
    member = ValuedMember(
        row.id, row.joined_on, last_visit, spend, row.value_fen,
        may_value(erased, agreed, row.consent_updated_at is not None),
    )  # fmt: skip
    return stored_value(member, day)


_members: Table = MemberRow.__table__  # type: ignore[assignment]
_COUNT_VISIT = (
    update(MemberRow.__table__)  # type: ignore[arg-type]
    .where(MemberRow.__table__.c.id == bindparam("member"))
    .values(
        visits=bindparam("new_visits"),
        spend_fen=bindparam("new_spend"),
        last_visit_on=bindparam("new_last"),
        value_fen=bindparam("new_value"),
    )
)


class SqlTiers:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, tier_id: TierId) -> Tier | None:
        row = self._session.get(TierRow, tier_id)
        return tier_from_row(row) if row is not None else None

    def ranked(self) -> list[Tier]:
        """Every tier, lowest rank first."""
        return list(ranked_tiers(self._session))

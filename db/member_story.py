"""A member's whole story in SQL: read newest first, each list capped, and what staff
record in it (feedback, no-shows). Ledger entries are listed by ``db.ledgers``."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain.member_story import (
    Absence,
    AbsenceKind,
    Card,
    Complaint,
    Contact,
    Feedback,
    OrderItem,
    PointsEntry,
    Profile,
    ProfileChange,
    StoredValueEntry,
    StoryLimits,
    StoryOrder,
    StoryRecords,
    daypart_of,
    is_overdue,
)
from db.ledgers import SqlLedgers
from db.member_accounts import member_summary
from db.models import (
    CardRow,
    ComplaintRow,
    ContactRow,
    FeedbackRow,
    MemberChangeRow,
    MemberRow,
    NoShowRow,
    OrderRow,
    StaffRow,
)


def staff_names(session: Session) -> dict[int, str]:
    """Every staff member's display name, active or not (old entries name leavers too)."""
    query = select(StaffRow.id, StaffRow.display_name)
    return {staff_id: name for staff_id, name in session.execute(query)}


class SqlMemberStories:
    def __init__(self, session: Session) -> None:
        self._session = session

    def member_no(self, member_id: int) -> str | None:
        row = self._session.get(MemberRow, member_id)
        return row.member_no if row is not None else None

    def profile(self, member_id: int) -> Profile | None:
        member = self._session.get(MemberRow, member_id)
        if member is None:
            return None
        summary = member_summary(self._session, member)
        return Profile(
            member_id=member.id,
            member_no=member.member_no,
            name=member.name,
            phone="" if member.erased_at is not None else member.phone,
            birthday=member.birthday,
            gender=member.gender,
            tier_name_zh=summary.tier.name_zh,
            tier_name_en=summary.tier.name_en,
            joined_on=member.joined_on,
            expires_on=member.expires_on,
            preferences=member.preferences,
            allergies=member.allergies,
            notes=member.notes,
            source_channel=member.source_channel,
            marketing_consent=member.marketing_consent,
            consent_third_party=member.consent_third_party,
            consent_automated=member.consent_automated,
            consent_sensitive=member.consent_sensitive,
            points=summary.points,
            stored_value=summary.stored_value,
            visits=member.visits,
            spend=member.spend_fen,
            last_visit_on=member.last_visit_on,
            segment=member.segment,
            consent_updated_at=member.consent_updated_at,
            erased_at=member.erased_at,
        )

    def records(self, member_id: int, today: date, limits: StoryLimits) -> StoryRecords:
        names = staff_names(self._session)

        def name(staff_id: int | None) -> str:
            return names.get(staff_id, "") if staff_id is not None else ""

        ledgers = SqlLedgers(self._session)
        return StoryRecords(
            cards=tuple(Card(c.card_no, c.status, c.issued_at) for c in self._cards(member_id)),
            points=tuple(
                PointsEntry(
                    row.created_at, row.delta, row.reason, order_no or "", name(row.staff_id)
                )
                for row, order_no in ledgers.points_entries(member_id, limits.ledger)
            ),
            stored_value=tuple(
                StoredValueEntry(
                    row.created_at,
                    row.principal_delta_fen,
                    row.bonus_delta_fen,
                    row.reason,
                    order_no or "",
                    name(row.staff_id),
                )
                for row, order_no in ledgers.stored_value_entries(member_id, limits.ledger)
            ),
            orders=tuple(_order(row) for row in self._orders(member_id, limits.orders)),
            complaints=tuple(
                Complaint(
                    complaint_id=row.id,
                    opened_at=row.opened_at,
                    opened_by=name(row.opened_by),
                    category=row.category,
                    description=row.description,
                    owner=name(row.owner_id),
                    promised_on=row.promised_on,
                    compensation=row.compensation_fen,
                    compensation_note=row.compensation_note,
                    status=row.status,
                    outcome=row.outcome,
                    resolved_at=row.resolved_at,
                    overdue=is_overdue(row.status, row.promised_on, today),
                )
                for row in self._complaints(member_id, limits.history)
            ),
            feedback=tuple(
                Feedback(row.at, row.score, row.comment, order_no or "", name(row.staff_id))
                for row, order_no in self._feedback(member_id, limits.history)
            ),
            absences=tuple(
                Absence(
                    row.kind,
                    row.booked_for,
                    row.party_size,
                    row.note,
                    row.recorded_at,
                    name(row.staff_id),
                )
                for row in self._no_shows(member_id, limits.history)
            ),
            contacts=tuple(
                Contact(row.at, row.channel, row.note, name(row.staff_id))
                for row in self._contacts(member_id, limits.history)
            ),
            changes=tuple(
                ProfileChange(row.at, row.field, row.old_value, row.new_value, name(row.staff_id))
                for row in self._changes(member_id, limits.history)
            ),
        )

    def order_of_member(self, member_id: int, order_id: int) -> bool:
        row = self._session.get(OrderRow, order_id)
        return row is not None and row.member_id == member_id

    def staff_exists(self, staff_id: int) -> bool:
        return self._session.get(StaffRow, staff_id) is not None

    def add_feedback(
        self,
        member_id: int,
        order_id: int | None,
        score: int,
        comment: str,
        at: datetime,
        staff_id: int,
    ) -> None:
        self._session.add(
            FeedbackRow(member_id=member_id, order_id=order_id, at=at, staff_id=staff_id,
                        score=score, comment=comment)
        )  # fmt: skip

    def add_absence(
        self,
        member_id: int,
        kind: AbsenceKind,
        booked_for: datetime,
        party_size: int,
        note: str,
        at: datetime,
        staff_id: int,
    ) -> None:
        self._session.add(
            NoShowRow(member_id=member_id, kind=kind.value, booked_for=booked_for,
                      party_size=party_size, recorded_at=at, staff_id=staff_id, note=note)
        )  # fmt: skip

    def _cards(self, member_id: int) -> list[CardRow]:
        query = select(CardRow).where(CardRow.member_id == member_id).order_by(CardRow.issued_at)
        return list(self._session.scalars(query))

    def _orders(self, member_id: int, limit: int) -> list[OrderRow]:
        """The member's orders with their lines loaded (one more query for all lines)."""
        query = (
            select(OrderRow)
            .options(selectinload(OrderRow.lines))
            .where(OrderRow.member_id == member_id)
            .order_by(OrderRow.created_at.desc(), OrderRow.id.desc())
            .limit(limit)
        )
        return list(self._session.scalars(query))

    def _complaints(self, member_id: int, limit: int) -> list[ComplaintRow]:
        query = (
            select(ComplaintRow)
            .where(ComplaintRow.member_id == member_id)
            .order_by(ComplaintRow.opened_at.desc(), ComplaintRow.id.desc())
            .limit(limit)
        )
        return list(self._session.scalars(query))

    def _feedback(self, member_id: int, limit: int) -> list[tuple[FeedbackRow, str | None]]:
        query = (
            select(FeedbackRow, OrderRow.order_no)
            .outerjoin(OrderRow, OrderRow.id == FeedbackRow.order_id)
            .where(FeedbackRow.member_id == member_id)
            .order_by(FeedbackRow.at.desc(), FeedbackRow.id.desc())
            .limit(limit)
        )
        return [(row, order_no) for row, order_no in self._session.execute(query)]

    def _no_shows(self, member_id: int, limit: int) -> list[NoShowRow]:
        query = (
            select(NoShowRow)
            .where(NoShowRow.member_id == member_id)
            .order_by(NoShowRow.booked_for.desc(), NoShowRow.id.desc())
            .limit(limit)
        )
        return list(self._session.scalars(query))

    def _contacts(self, member_id: int, limit: int) -> list[ContactRow]:
        query = (
            select(ContactRow)
            .where(ContactRow.member_id == member_id)
            .order_by(ContactRow.at.desc(), ContactRow.id.desc())
            .limit(limit)
        )
        return list(self._session.scalars(query))

    def _changes(self, member_id: int, limit: int) -> list[MemberChangeRow]:
        query = (
            select(MemberChangeRow)
            .where(MemberChangeRow.member_id == member_id)
            .order_by(MemberChangeRow.at.desc(), MemberChangeRow.id.desc())
            .limit(limit)
        )
        return list(self._session.scalars(query))


def _order(row: OrderRow) -> StoryOrder:
    return StoryOrder(
        order_id=row.id,
        order_no=row.order_no,
        at=row.created_at,
        daypart=daypart_of(row.created_at),
        party_size=row.party_size,
        service_type=row.service_type,
        total=row.total_fen,
        points_earned=row.points_earned,
        status=row.status,
        items=tuple(
            OrderItem(
                line.name_zh, line.name_en, line.quantity, line.net_fen, line.refunded_quantity
            )
            for line in row.lines
        ),
    )

"""A member's whole story as the floor manager sees it, and the rules for what staff record
in it: complaints (with a promised resolution date), feedback scores, no-shows.

Money is in minor units. "Today" is always an argument: a complaint is overdue when it is
still open and its promised date is before today (due today is not overdue yet).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, time

MAX_TEXT_LENGTH = 1000
MAX_PARTY_SIZE = 100
SCORES = range(1, 6)


class Daypart(enum.Enum):
    """When in the day a visit fell, by the order's time (``daypart_of``)."""

    BREAKFAST = "breakfast"
    LUNCH = "lunch"
    AFTERNOON_TEA = "afternoon_tea"
    DINNER = "dinner"
    LATE_NIGHT = "late_night"


DAYPART_STARTS = (
    (time(5, 0), Daypart.BREAKFAST),
    (time(10, 30), Daypart.LUNCH),
    (time(14, 0), Daypart.AFTERNOON_TEA),
    (time(17, 0), Daypart.DINNER),
    (time(21, 0), Daypart.LATE_NIGHT),
)


def daypart_of(moment: datetime) -> Daypart:
    """Breakfast from 05:00, lunch from 10:30, afternoon tea from 14:00, dinner from
    17:00, late night from 21:00 until 05:00 the next morning."""
    found = Daypart.LATE_NIGHT
    for start, part in DAYPART_STARTS:
        if moment.time() >= start:
            found = part
    return found


class ComplaintCategory(enum.Enum):
    """What a complaint is about; the value is what ``complaints.category`` holds."""

    FOOD = "food"
    SERVICE = "service"
    WAITING = "waiting"
    HYGIENE = "hygiene"
    BILLING = "billing"
    OTHER = "other"


class AbsenceKind(enum.Enum):
    """A booking not kept; the value is what ``no_shows.kind`` holds."""

    NO_SHOW = "no_show"
    CANCELLATION = "cancellation"


class StoryProblem(enum.Enum):
    """Why an entry for a member's story was refused."""

    MEMBER_NOT_FOUND = "member_not_found"
    COMPLAINT_NOT_FOUND = "complaint_not_found"
    ORDER_NOT_FOUND = "order_not_found"
    OWNER_NOT_FOUND = "owner_not_found"
    ALREADY_RESOLVED = "already_resolved"
    EMPTY_DESCRIPTION = "empty_description"
    EMPTY_OUTCOME = "empty_outcome"
    TEXT_TOO_LONG = "text_too_long"
    PROMISED_IN_PAST = "promised_in_past"
    NEGATIVE_COMPENSATION = "negative_compensation"
    SCORE_OUT_OF_RANGE = "score_out_of_range"
    PARTY_SIZE_OUT_OF_RANGE = "party_size_out_of_range"


class InvalidStoryEntry(ValueError):
    def __init__(self, problem: StoryProblem, message: str) -> None:
        super().__init__(message)
        self.problem = problem


@dataclass(frozen=True)
class NewComplaint:
    """A complaint as staff enter it; ``compensation`` in minor units."""

    category: ComplaintCategory
    description: str
    owner_id: int | None = None
    promised_on: date | None = None
    compensation: int = 0
    compensation_note: str = ""


def clean_text(text: str, *, required: StoryProblem | None = None) -> str:
    """Outer spaces dropped; refused when too long, or empty where ``required`` says why."""
    cleaned = text.strip()
    if required is not None and not cleaned:
        raise InvalidStoryEntry(required, "this text must not be empty")
    if len(cleaned) > MAX_TEXT_LENGTH:
        raise InvalidStoryEntry(StoryProblem.TEXT_TOO_LONG, f"at most {MAX_TEXT_LENGTH} characters")
    return cleaned


def checked_complaint(complaint: NewComplaint, today: date) -> NewComplaint:
    """The complaint with its texts cleaned, or ``InvalidStoryEntry``."""
    description = clean_text(complaint.description, required=StoryProblem.EMPTY_DESCRIPTION)
    note = clean_text(complaint.compensation_note)
    if complaint.promised_on is not None and complaint.promised_on < today:
        raise InvalidStoryEntry(
            StoryProblem.PROMISED_IN_PAST,
            f"promised resolution {complaint.promised_on} is before today ({today})",
        )
    if complaint.compensation < 0:
        raise InvalidStoryEntry(
            StoryProblem.NEGATIVE_COMPENSATION, "compensation cannot be negative"
        )
    return NewComplaint(
        complaint.category,
        description,
        complaint.owner_id,
        complaint.promised_on,
        complaint.compensation,
        note,
    )


def check_score(score: int) -> None:
    if score not in SCORES:
        raise InvalidStoryEntry(StoryProblem.SCORE_OUT_OF_RANGE, f"a score is 1 to 5, not {score}")


def check_party_size(party_size: int) -> None:
    if not 1 <= party_size <= MAX_PARTY_SIZE:
        raise InvalidStoryEntry(
            StoryProblem.PARTY_SIZE_OUT_OF_RANGE,
            f"a party is 1 to {MAX_PARTY_SIZE} guests, not {party_size}",
        )


def is_overdue(status: str, promised_on: date | None, today: date) -> bool:
    return status == "open" and promised_on is not None and promised_on < today


@dataclass(frozen=True)
class Profile:
    member_id: int
    member_no: str
    name: str
    phone: str
    birthday: date | None
    gender: str
    tier_name_zh: str
    tier_name_en: str
    joined_on: date
    expires_on: date | None
    preferences: str
    allergies: str
    notes: str
    source_channel: str
    marketing_consent: bool
    consent_third_party: bool
    consent_automated: bool
    consent_sensitive: bool
    points: int
    stored_value: int
    visits: int
    spend: int
    last_visit_on: date | None
    segment: str
    consent_updated_at: datetime | None = None
    """When a consent was last recorded; ``None``: the member was never asked."""
    erased_at: datetime | None = None
    """Set once the member was erased: the profile is a pseudonym from then on."""


@dataclass(frozen=True)
class Card:
    card_no: str
    status: str
    """``active`` or ``blocked``."""
    issued_at: datetime


@dataclass(frozen=True)
class TierProgress:
    """Spend in the qualification window and what is missing for the next tier."""

    window_spend: int
    next_tier_zh: str | None
    next_tier_en: str | None
    missing_for_next_tier: int
    missing_to_renew_free: int | None


@dataclass(frozen=True)
class PointsEntry:
    at: datetime
    delta: int
    reason: str
    order_no: str
    staff: str


@dataclass(frozen=True)
class StoredValueEntry:
    at: datetime
    principal: int
    bonus: int
    reason: str
    order_no: str
    staff: str


@dataclass(frozen=True)
class OrderItem:
    name_zh: str
    name_en: str
    quantity: int
    net: int
    refunded_quantity: int


@dataclass(frozen=True)
class StoryOrder:
    order_id: int
    order_no: str
    at: datetime
    daypart: Daypart
    party_size: int
    service_type: str
    total: int
    points_earned: int
    status: str
    items: tuple[OrderItem, ...]


@dataclass(frozen=True)
class Complaint:
    complaint_id: int
    opened_at: datetime
    opened_by: str
    category: str
    description: str
    owner: str
    promised_on: date | None
    compensation: int
    compensation_note: str
    status: str
    outcome: str
    resolved_at: datetime | None
    overdue: bool


@dataclass(frozen=True)
class Feedback:
    at: datetime
    score: int
    comment: str
    order_no: str
    staff: str


@dataclass(frozen=True)
class Absence:
    kind: str
    booked_for: datetime
    party_size: int
    note: str
    recorded_at: datetime
    staff: str


@dataclass(frozen=True)
class Contact:
    at: datetime
    channel: str
    note: str
    staff: str


@dataclass(frozen=True)
class ProfileChange:
    at: datetime
    field: str
    old_value: str
    new_value: str
    staff: str


@dataclass(frozen=True)
class MemberStory:
    """Everything about one member, newest first in every list, as of ``today``."""

    today: date
    profile: Profile
    cards: tuple[Card, ...]
    progress: TierProgress
    points: tuple[PointsEntry, ...]
    stored_value: tuple[StoredValueEntry, ...]
    orders: tuple[StoryOrder, ...]
    complaints: tuple[Complaint, ...]
    feedback: tuple[Feedback, ...]
    absences: tuple[Absence, ...]
    contacts: tuple[Contact, ...]
    changes: tuple[ProfileChange, ...]

    @property
    def overdue_complaints(self) -> int:
        return sum(1 for complaint in self.complaints if complaint.overdue)


@dataclass(frozen=True)
class StoryRecords:
    """What storage holds of a member's story, newest first, each list capped."""

    cards: tuple[Card, ...]
    points: tuple[PointsEntry, ...]
    stored_value: tuple[StoredValueEntry, ...]
    orders: tuple[StoryOrder, ...]
    complaints: tuple[Complaint, ...]
    feedback: tuple[Feedback, ...]
    absences: tuple[Absence, ...]
    contacts: tuple[Contact, ...]
    changes: tuple[ProfileChange, ...]


@dataclass(frozen=True)
class StoryLimits:
    ledger: int
    orders: int
    history: int
    """Complaints, feedback, no-shows, contacts and profile changes."""


@dataclass(frozen=True)
class ComplaintState:
    complaint_id: int
    member_id: int
    status: str

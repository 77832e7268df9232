"""The lists of a member's story as table rows in the user's language: orders, ledgers,
complaints (overdue ones in red), feedback, no-shows, contacts and edit history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from app.domain.contacts import ContactChannel
from app.domain.member_profile import CONSENT_FIELDS, REDACTED, ProfileField
from app.domain.member_story import AbsenceKind, ComplaintCategory, Daypart, MemberStory
from app.domain.money import Currency, format_money

OVERDUE_COLOUR = QColor("#ffcdd2")
OVERDUE_TEXT = QColor("#b00020")


translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


@dataclass
class Section:
    """One tab of the story: its object name, title, column headers and rows."""

    name: str
    title: str
    headers: list[str]
    rows: list[list[str]]
    red_rows: set[int] = field(default_factory=set)
    data: list[object] = field(default_factory=list)
    """Per row, what a button acting on the selected row needs (a complaint's id...)."""


def daypart_names() -> dict[Daypart, str]:
    return {
        Daypart.BREAKFAST: translate("MemberStorySections", "Breakfast"),
        Daypart.LUNCH: translate("MemberStorySections", "Lunch"),
        Daypart.AFTERNOON_TEA: translate("MemberStorySections", "Afternoon tea"),
        Daypart.DINNER: translate("MemberStorySections", "Dinner"),
        Daypart.LATE_NIGHT: translate("MemberStorySections", "Late night"),
    }


def category_names() -> dict[str, str]:
    return {
        ComplaintCategory.FOOD.value: translate("MemberStorySections", "Food"),
        ComplaintCategory.SERVICE.value: translate("MemberStorySections", "Service"),
        ComplaintCategory.WAITING.value: translate("MemberStorySections", "Waiting time"),
        ComplaintCategory.HYGIENE.value: translate("MemberStorySections", "Hygiene"),
        ComplaintCategory.BILLING.value: translate("MemberStorySections", "Billing"),
        ComplaintCategory.OTHER.value: translate("MemberStorySections", "Other"),
    }


def ledger_reasons() -> dict[str, str]:
    """The reasons the points and stored-value ledgers record, as people say them."""
    return {
        "earn": translate("MemberStorySections", "Earned on an order"),
        "redeem": translate("MemberStorySections", "Paid with points"),
        "expire": translate("MemberStorySections", "Expired"),
        "adjustment": translate("MemberStorySections", "Corrected by hand"),
        "opening_balance": translate("MemberStorySections", "Opening balance"),
        "refund": translate("MemberStorySections", "Refund"),
        "payment": translate("MemberStorySections", "Paid an order"),
        "top_up": translate("MemberStorySections", "Top-up"),
        "override": translate("MemberStorySections", "Set by a manager"),
        "qualified": translate("MemberStorySections", "Qualified by spend"),
        "upgrade_bought": translate("MemberStorySections", "Upgrade bought"),
    }


def contact_channels() -> dict[str, str]:
    return {
        ContactChannel.PHONE.value: translate("MemberStorySections", "Phone call"),
        ContactChannel.SMS.value: translate("MemberStorySections", "SMS"),
        ContactChannel.WECHAT.value: translate("MemberStorySections", "WeChat"),
        ContactChannel.EMAIL.value: translate("MemberStorySections", "Email"),
        ContactChannel.IN_PERSON.value: translate("MemberStorySections", "In person"),
    }


def absence_names() -> dict[str, str]:
    return {
        AbsenceKind.NO_SHOW.value: translate("MemberStorySections", "No-show"),
        AbsenceKind.CANCELLATION.value: translate("MemberStorySections", "Cancellation"),
    }


def field_names() -> dict[str, str]:
    return {
        ProfileField.NAME.value: translate("MemberStorySections", "Name"),
        ProfileField.PHONE.value: translate("MemberStorySections", "Phone"),
        ProfileField.BIRTHDAY.value: translate("MemberStorySections", "Birthday"),
        ProfileField.GENDER.value: translate("MemberStorySections", "Gender"),
        ProfileField.PREFERENCES.value: translate("MemberStorySections", "Preferences"),
        ProfileField.ALLERGIES.value: translate("MemberStorySections", "Allergies"),
        ProfileField.NOTES.value: translate("MemberStorySections", "Notes"),
        ProfileField.MARKETING_CONSENT.value: translate(
            "MemberStorySections", "Consent: direct marketing"
        ),
        ProfileField.CONSENT_THIRD_PARTY.value: translate(
            "MemberStorySections", "Consent: third parties"
        ),
        ProfileField.CONSENT_AUTOMATED.value: translate(
            "MemberStorySections", "Consent: automated decisions"
        ),
        ProfileField.CONSENT_SENSITIVE.value: translate(
            "MemberStorySections", "Consent: sensitive data"
        ),
    }


_CONSENTS = {field.value for field in CONSENT_FIELDS}


def change_text(field: str, value: str) -> str:
    """A value of the edit history as people read it."""
    if value == REDACTED:
        return translate("MemberStorySections", "(erased)")
    if field in _CONSENTS:
        return (
            translate("MemberStorySections", "yes")
            if value == "true"
            else translate("MemberStorySections", "no")
        )
    if field == ProfileField.GENDER.value:
        return {
            "female": translate("MemberStorySections", "Female"),
            "male": translate("MemberStorySections", "Male"),
        }.get(value, "—")
    return value


def shown(text: str) -> str:
    """Staff's free text, or a word for it once the member was erased."""
    return translate("MemberStorySections", "(erased)") if text == REDACTED else text


def when(moment: datetime | date | None) -> str:
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.isoformat()


def sections(story: MemberStory, language: str, currency: Currency) -> list[Section]:
    def money(amount: int) -> str:
        return format_money(amount, currency)

    zh = language == "zh"
    parts, categories, kinds = daypart_names(), category_names(), absence_names()
    fields = field_names()
    reasons, channels = ledger_reasons(), contact_channels()
    status = {
        "open": translate("MemberStorySections", "Open"),
        "resolved": translate("MemberStorySections", "Resolved"),
        "paid": translate("MemberStorySections", "Paid"),
        "part_refunded": translate("MemberStorySections", "Partly refunded"),
        "refunded": translate("MemberStorySections", "Refunded"),
    }
    orders = Section(
        "storyOrders",
        translate("MemberStorySections", "Orders"),
        [
            *(
                translate("MemberStorySections", "Time"),
                translate("MemberStorySections", "Order"),
                translate("MemberStorySections", "Daypart"),
                translate("MemberStorySections", "Party"),
                translate("MemberStorySections", "Items"),
            ),
            *(
                translate("MemberStorySections", "Total"),
                translate("MemberStorySections", "Points"),
                translate("MemberStorySections", "Status"),
            ),
        ],
        [
            [
                when(o.at),
                o.order_no,
                parts[o.daypart],
                str(o.party_size),
                ", ".join(
                    f"{item.name_zh if zh else item.name_en} ×{item.quantity}" for item in o.items
                ),
                money(o.total),
                str(o.points_earned),
                status.get(o.status, o.status),
            ]
            for o in story.orders
        ],
        data=[o.order_id for o in story.orders],
    )
    points = Section(
        "storyPoints",
        translate("MemberStorySections", "Points"),
        [
            translate("MemberStorySections", "Time"),
            translate("MemberStorySections", "Change"),
            translate("MemberStorySections", "Reason"),
            translate("MemberStorySections", "Order"),
            translate("MemberStorySections", "Staff"),
        ],
        [
            [when(p.at), f"{p.delta:+,}", reasons.get(p.reason, p.reason), p.order_no, p.staff]
            for p in story.points
        ],
    )
    stored = Section(
        "storyStoredValue",
        translate("MemberStorySections", "Stored value"),
        [
            translate("MemberStorySections", "Time"),
            translate("MemberStorySections", "Principal"),
            translate("MemberStorySections", "Bonus"),
            translate("MemberStorySections", "Reason"),
            translate("MemberStorySections", "Order"),
            translate("MemberStorySections", "Staff"),
        ],
        [
            [
                *(when(s.at), money(s.principal), money(s.bonus)),
                *(reasons.get(s.reason, s.reason), s.order_no, s.staff),
            ]
            for s in story.stored_value
        ],
    )
    complaints = Section(
        "storyComplaints",
        translate("MemberStorySections", "Complaints"),
        [
            *(
                translate("MemberStorySections", "Opened"),
                translate("MemberStorySections", "Category"),
                translate("MemberStorySections", "Description"),
                translate("MemberStorySections", "Owner"),
            ),
            *(
                translate("MemberStorySections", "Promised by"),
                translate("MemberStorySections", "Compensation"),
                translate("MemberStorySections", "Status"),
                translate("MemberStorySections", "Outcome"),
            ),
        ],
        [
            [
                when(c.opened_at),
                categories.get(c.category, c.category),
                shown(c.description),
                c.owner,
                when(c.promised_on),
                " ".join(filter(None, [money(c.compensation), shown(c.compensation_note)])),
                translate("MemberStorySections", "Overdue")
                if c.overdue
                else status.get(c.status, c.status),
                shown(c.outcome),
            ]
            for c in story.complaints
        ],
        red_rows={n for n, c in enumerate(story.complaints) if c.overdue},
        data=[c.complaint_id if c.status == "open" else None for c in story.complaints],
    )
    feedback = Section(
        "storyFeedback",
        translate("MemberStorySections", "Feedback"),
        [
            translate("MemberStorySections", "Time"),
            translate("MemberStorySections", "Score"),
            translate("MemberStorySections", "Comment"),
            translate("MemberStorySections", "Order"),
            translate("MemberStorySections", "Staff"),
        ],
        [
            [when(f.at), "★" * f.score + "☆" * (5 - f.score), shown(f.comment), f.order_no, f.staff]
            for f in story.feedback
        ],
    )
    absences = Section(
        "storyNoShows",
        translate("MemberStorySections", "No-shows"),
        [
            translate("MemberStorySections", "Booked for"),
            translate("MemberStorySections", "Kind"),
            translate("MemberStorySections", "Party"),
            translate("MemberStorySections", "Note"),
            translate("MemberStorySections", "Staff"),
        ],
        [
            [
                when(a.booked_for),
                kinds.get(a.kind, a.kind),
                str(a.party_size),
                shown(a.note),
                a.staff,
            ]
            for a in story.absences
        ],
    )
    contacts = Section(
        "storyContacts",
        translate("MemberStorySections", "Contacts"),
        [
            translate("MemberStorySections", "Time"),
            translate("MemberStorySections", "Channel"),
            translate("MemberStorySections", "Note"),
            translate("MemberStorySections", "Staff"),
        ],
        [
            [when(c.at), channels.get(c.channel, c.channel), shown(c.note), c.staff]
            for c in story.contacts
        ],
    )
    changes = Section(
        "storyChanges",
        translate("MemberStorySections", "Edit history"),
        [
            translate("MemberStorySections", "Time"),
            translate("MemberStorySections", "Field"),
            translate("MemberStorySections", "Before"),
            translate("MemberStorySections", "After"),
            translate("MemberStorySections", "Staff"),
        ],
        [
            [
                when(c.at),
                fields.get(c.field, c.field),
                change_text(c.field, c.old_value),
                change_text(c.field, c.new_value),
                c.staff,
            ]
            for c in story.changes
        ],
    )
    return [orders, complaints, feedback, absences, points, stored, contacts, changes]


def section_table(name: str) -> QTableWidget:
    table: QTableWidget = QTableWidget(objectName=name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill(table: QTableWidget, section: Section) -> None:
    table.clearContents()
    table.setColumnCount(len(section.headers))
    table.setHorizontalHeaderLabels(section.headers)
    table.setRowCount(len(section.rows))
    for row, values in enumerate(section.rows):
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if row in section.red_rows:
                item.setBackground(OVERDUE_COLOUR)
                item.setForeground(OVERDUE_TEXT)
            table.setItem(row, column, item)
    table.resizeColumnsToContents()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)


def row_data(section: Section, rows: Sequence[int]) -> object:
    return section.data[rows[0]] if rows and rows[0] < len(section.data) else None

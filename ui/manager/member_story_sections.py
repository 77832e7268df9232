"""The lists of a member's story as table rows in the user's language: orders, ledgers,
complaints (overdue ones in red), feedback, no-shows, contacts and edit history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from app.domain.member_profile import CONSENT_FIELDS, REDACTED, ProfileField
from app.domain.member_story import AbsenceKind, ComplaintCategory, Daypart, MemberStory
from app.domain.money import Currency, format_money

OVERDUE_COLOUR = QColor("#ffcdd2")
OVERDUE_TEXT = QColor("#b00020")


def _tr(text: str) -> str:
    return QCoreApplication.translate("MemberStorySections", text)


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
        Daypart.BREAKFAST: _tr("Breakfast"),
        Daypart.LUNCH: _tr("Lunch"),
        Daypart.AFTERNOON_TEA: _tr("Afternoon tea"),
        Daypart.DINNER: _tr("Dinner"),
        Daypart.LATE_NIGHT: _tr("Late night"),
    }


def category_names() -> dict[str, str]:
    return {
        ComplaintCategory.FOOD.value: _tr("Food"),
        ComplaintCategory.SERVICE.value: _tr("Service"),
        ComplaintCategory.WAITING.value: _tr("Waiting time"),
        ComplaintCategory.HYGIENE.value: _tr("Hygiene"),
        ComplaintCategory.BILLING.value: _tr("Billing"),
        ComplaintCategory.OTHER.value: _tr("Other"),
    }


def absence_names() -> dict[str, str]:
    return {
        AbsenceKind.NO_SHOW.value: _tr("No-show"),
        AbsenceKind.CANCELLATION.value: _tr("Cancellation"),
    }


def field_names() -> dict[str, str]:
    return {
        ProfileField.NAME.value: _tr("Name"),
        ProfileField.PHONE.value: _tr("Phone"),
        ProfileField.BIRTHDAY.value: _tr("Birthday"),
        ProfileField.GENDER.value: _tr("Gender"),
        ProfileField.PREFERENCES.value: _tr("Preferences"),
        ProfileField.ALLERGIES.value: _tr("Allergies"),
        ProfileField.NOTES.value: _tr("Notes"),
        ProfileField.MARKETING_CONSENT.value: _tr("Consent: direct marketing"),
        ProfileField.CONSENT_THIRD_PARTY.value: _tr("Consent: third parties"),
        ProfileField.CONSENT_AUTOMATED.value: _tr("Consent: automated decisions"),
        ProfileField.CONSENT_SENSITIVE.value: _tr("Consent: sensitive data"),
    }


_CONSENTS = {field.value for field in CONSENT_FIELDS}


def change_text(field: str, value: str) -> str:
    """A value of the edit history as people read it."""
    if value == REDACTED:
        return _tr("(erased)")
    if field in _CONSENTS:
        return _tr("yes") if value == "true" else _tr("no")
    if field == ProfileField.GENDER.value:
        return {"female": _tr("Female"), "male": _tr("Male")}.get(value, "—")
    return value


def shown(text: str) -> str:
    """Staff's free text, or a word for it once the member was erased."""
    return _tr("(erased)") if text == REDACTED else text


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
    status = {
        "open": _tr("Open"),
        "resolved": _tr("Resolved"),
        "paid": _tr("Paid"),
        "part_refunded": _tr("Partly refunded"),
        "refunded": _tr("Refunded"),
    }
    orders = Section(
        "storyOrders",
        _tr("Orders"),
        [
            *(_tr("Time"), _tr("Order"), _tr("Daypart"), _tr("Party"), _tr("Items")),
            *(_tr("Total"), _tr("Points"), _tr("Status")),
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
        _tr("Points"),
        [_tr("Time"), _tr("Change"), _tr("Reason"), _tr("Order"), _tr("Staff")],
        [[when(p.at), f"{p.delta:+,}", p.reason, p.order_no, p.staff] for p in story.points],
    )
    stored = Section(
        "storyStoredValue",
        _tr("Stored value"),
        [_tr("Time"), _tr("Principal"), _tr("Bonus"), _tr("Reason"), _tr("Order"), _tr("Staff")],
        [
            [when(s.at), money(s.principal), money(s.bonus), s.reason, s.order_no, s.staff]
            for s in story.stored_value
        ],
    )
    complaints = Section(
        "storyComplaints",
        _tr("Complaints"),
        [
            *(_tr("Opened"), _tr("Category"), _tr("Description"), _tr("Owner")),
            *(_tr("Promised by"), _tr("Compensation"), _tr("Status"), _tr("Outcome")),
        ],
        [
            [
                when(c.opened_at),
                categories.get(c.category, c.category),
                shown(c.description),
                c.owner,
                when(c.promised_on),
                " ".join(filter(None, [money(c.compensation), shown(c.compensation_note)])),
                _tr("Overdue") if c.overdue else status.get(c.status, c.status),
                shown(c.outcome),
            ]
            for c in story.complaints
        ],
        red_rows={n for n, c in enumerate(story.complaints) if c.overdue},
        data=[c.complaint_id if c.status == "open" else None for c in story.complaints],
    )
    feedback = Section(
        "storyFeedback",
        _tr("Feedback"),
        [_tr("Time"), _tr("Score"), _tr("Comment"), _tr("Order"), _tr("Staff")],
        [
            [when(f.at), "★" * f.score + "☆" * (5 - f.score), shown(f.comment), f.order_no, f.staff]
            for f in story.feedback
        ],
    )
    absences = Section(
        "storyNoShows",
        _tr("No-shows"),
        [_tr("Booked for"), _tr("Kind"), _tr("Party"), _tr("Note"), _tr("Staff")],
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
        _tr("Contacts"),
        [_tr("Time"), _tr("Channel"), _tr("Note"), _tr("Staff")],
        [[when(c.at), c.channel, shown(c.note), c.staff] for c in story.contacts],
    )
    changes = Section(
        "storyChanges",
        _tr("Edit history"),
        [_tr("Time"), _tr("Field"), _tr("Before"), _tr("After"), _tr("Staff")],
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

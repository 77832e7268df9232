"""An imported file's row notes (``app.domain.row_notes``) in the interface language: the
manager's import dialog lists them; the report file keeps the English."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.row_notes import RowIssue, RowNote


def field_name(field: str) -> str:
    translate = QCoreApplication.translate
    names = {
        "phone": translate("RowNoteText", "phone"),
        "name": translate("RowNoteText", "name"),
        "birthday": translate("RowNoteText", "birthday"),
        "card": translate("RowNoteText", "card"),
        "stored_value": translate("RowNoteText", "stored value"),
        "points": translate("RowNoteText", "points"),
        "tier": translate("RowNoteText", "tier"),
        "expires_on": translate("RowNoteText", "expiry"),
        "expiry": translate("RowNoteText", "expiry"),
        "gender": translate("RowNoteText", "gender"),
        "allergies": translate("RowNoteText", "allergies"),
        "notes": translate("RowNoteText", "notes"),
    }
    return names.get(field, field)


def _template(issue: RowIssue) -> str:
    translate = QCoreApplication.translate
    return {
        RowIssue.NUL_BYTE: translate("RowNoteText", "the {0} holds a NUL byte"),
        RowIssue.FIELD_TOO_LONG: translate("RowNoteText", "the {0} is longer than {1} characters"),
        RowIssue.NOT_A_PHONE: translate("RowNoteText", "{0} is not a phone number"),
        RowIssue.MOBILE_TOO_SHORT: translate(
            "RowNoteText", "{0} is not a mobile number: it has fewer than 11 digits"
        ),
        RowIssue.MOBILE_TOO_LONG: translate(
            "RowNoteText", "{0} is not a mobile number: it has more than 11 digits"
        ),
        RowIssue.NO_AREA_CODE: translate(
            "RowNoteText", "the phone {0} needs its area code (010 …)"
        ),
        RowIssue.NO_NAME: translate("RowNoteText", "the name is empty"),
        RowIssue.NAME_TOO_LONG: translate("RowNoteText", "the name is longer than {0} characters"),
        RowIssue.BIRTHDAY_NOT_PAST: translate("RowNoteText", "the birthday {0} is not in the past"),
        RowIssue.UNREADABLE_CARD: translate("RowNoteText", "the card number {0} cannot be read"),
        RowIssue.UNKNOWN_GENDER: translate(
            "RowNoteText", "the gender is 男/女, male/female or empty, not {0}"
        ),
        RowIssue.UNKNOWN_TIER: translate("RowNoteText", "there is no tier called {0}"),
        RowIssue.NOT_A_DATE: translate(
            "RowNoteText", "the {0} {1} is not a date (write 2024-01-31)"
        ),
        RowIssue.NOT_AN_AMOUNT: translate(
            "RowNoteText", "the stored value {0} is not an amount (write 1234.50)"
        ),
        RowIssue.NEGATIVE_STORED_VALUE: translate(
            "RowNoteText", "the stored value {0} is negative"
        ),
        RowIssue.STORED_VALUE_TOO_LARGE: translate(
            "RowNoteText", "the stored value {0} is over {1}"
        ),
        RowIssue.POINTS_NOT_WHOLE: translate(
            "RowNoteText", "the points {0} are not a whole number"
        ),
        RowIssue.NEGATIVE_POINTS: translate("RowNoteText", "the points {0} are negative"),
        RowIssue.TOO_MANY_POINTS: translate("RowNoteText", "the points {0} are over {1}"),
        RowIssue.PHONE_TWICE: translate("RowNoteText", "the phone {0} is also on line {1}"),
        RowIssue.CARD_TWICE: translate("RowNoteText", "the card {0} is also on line {1}"),
        RowIssue.CARD_TAKEN: translate("RowNoteText", "the card {0} is another member's"),
        RowIssue.PHONE_IS_MEMBER: translate("RowNoteText", "the phone {0} is already member {1}'s"),
        RowIssue.SKIPPED: translate(
            "RowNoteText", "skipped: the phone {0} is already member {1}'s"
        ),
        RowIssue.MERGED: translate(
            "RowNoteText", "merged: the phone {0} is already member {1}'s; filled in {2}"
        ),
        RowIssue.MERGED_CARD_TAKEN: translate(
            "RowNoteText",
            "merged: the phone {0} is already member {1}'s; the card {3} is already taken; "
            "filled in {2}",
        ),
    }[issue]


_NAMES_A_FIELD = (RowIssue.NUL_BYTE, RowIssue.FIELD_TOO_LONG, RowIssue.NOT_A_DATE)


def row_note_text(note: RowNote) -> str:
    values = note.values
    if note.issue in _NAMES_A_FIELD and values:
        values = (field_name(values[0]), *values[1:])
    translate = QCoreApplication.translate
    nothing = translate("RowNoteText", "nothing")
    separator = translate("RowNoteText", ", ")
    filled = separator.join(field_name(f) for f in note.filled) or nothing
    merged = RowNote(note.issue, values, note.filled)
    return _template(note.issue).format(*merged.values_with(filled))

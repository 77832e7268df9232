"""Staff contacting members from a list: the channels and the note they record."""

from __future__ import annotations

import enum

MAX_NOTE_LENGTH = 500


class ContactChannel(enum.Enum):
    """How staff reached the member; the value is what ``member_contacts.channel`` holds."""

    PHONE = "phone"
    SMS = "sms"
    WECHAT = "wechat"
    EMAIL = "email"
    IN_PERSON = "in_person"


class InvalidContact(ValueError):
    pass


def clean_note(note: str) -> str:
    """The note as stored: outer spaces dropped; refused when longer than the limit."""
    cleaned = note.strip()
    if len(cleaned) > MAX_NOTE_LENGTH:
        raise InvalidContact(f"a contact note has at most {MAX_NOTE_LENGTH} characters")
    return cleaned

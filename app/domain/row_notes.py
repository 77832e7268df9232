"""What happened to a row of an imported file, as a kind and its values: the report file
and the command line read the English sentence, the manager's dialog its own language's."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class RowIssue(enum.Enum):
    """Each kind's English sentence; ``{0}``, ``{1}``… are the note's values in order."""

    NUL_BYTE = "the {0} holds a NUL byte"
    FIELD_TOO_LONG = "the {0} is longer than {1} characters"
    NOT_A_PHONE = "{0} is not a phone number"
    MOBILE_TOO_SHORT = "{0} is not a mobile number: it has fewer than 11 digits"
    MOBILE_TOO_LONG = "{0} is not a mobile number: it has more than 11 digits"
    NO_AREA_CODE = "the phone {0} needs its area code (010 …)"
    NO_NAME = "the name is empty"
    NAME_TOO_LONG = "the name is longer than {0} characters"
    BIRTHDAY_NOT_PAST = "the birthday {0} is not in the past"
    UNREADABLE_CARD = "the card number {0} cannot be read"
    UNKNOWN_GENDER = "the gender is 男/女, male/female or empty, not {0}"
    UNKNOWN_TIER = "there is no tier called {0}"
    NOT_A_DATE = "the {0} {1} is not a date (write 2024-01-31)"
    NOT_AN_AMOUNT = "the stored value {0} is not an amount (write 1234.50)"
    NEGATIVE_STORED_VALUE = "the stored value {0} is negative"
    STORED_VALUE_TOO_LARGE = "the stored value {0} is over {1}"
    POINTS_NOT_WHOLE = "the points {0} are not a whole number"
    NEGATIVE_POINTS = "the points {0} are negative"
    TOO_MANY_POINTS = "the points {0} are over {1}"
    PHONE_TWICE = "the phone {0} is also on line {1}"
    CARD_TWICE = "the card {0} is also on line {1}"
    CARD_TAKEN = "the card {0} is another member's"
    PHONE_IS_MEMBER = "the phone {0} is already member {1}'s"
    SKIPPED = "skipped: the phone {0} is already member {1}'s"
    MERGED = "merged: the phone {0} is already member {1}'s; filled in {2}"
    MERGED_CARD_TAKEN = (
        "merged: the phone {0} is already member {1}'s; the card {3} is already taken; "
        "filled in {2}"
    )


@dataclass(frozen=True)
class RowNote:
    issue: RowIssue
    values: tuple[str, ...] = ()
    filled: tuple[str, ...] = ()
    """For a merge: the fields the row filled in on the member (``{2}``)."""

    def english(self) -> str:
        return self.issue.value.format(*self.values_with(", ".join(self.filled) or "nothing"))

    def values_with(self, filled: str) -> tuple[str, ...]:
        """The values in template order, ``filled`` put in as ``{2}`` for a merge."""
        if self.issue in (RowIssue.MERGED, RowIssue.MERGED_CARD_TAKEN):
            return (*self.values[:2], filled, *self.values[2:])
        return self.values

    def __str__(self) -> str:
        return self.english()


class RowRefused(ValueError):
    """A bad row; ``str()`` is the English sentence."""

    def __init__(self, issue: RowIssue, *values: object) -> None:
        self.note = RowNote(issue, tuple(str(value) for value in values))
        super().__init__(str(self.note))

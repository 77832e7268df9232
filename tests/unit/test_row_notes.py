"""An imported row's note reads the same in English whether it is a bad row or a merge."""

from __future__ import annotations

import pytest

from app.domain.row_notes import RowIssue, RowNote, RowRefused


def test_a_refused_row_carries_its_kind_values_and_english_sentence() -> None:
    with pytest.raises(RowRefused) as refused:
        raise RowRefused(RowIssue.TOO_MANY_POINTS, "200,000,000", "100,000,000")
    assert refused.value.note == RowNote(RowIssue.TOO_MANY_POINTS, ("200,000,000", "100,000,000"))
    assert str(refused.value) == "the points 200,000,000 are over 100,000,000"


def test_a_merge_says_what_it_filled_in_or_nothing() -> None:
    filled = RowNote(RowIssue.MERGED, ("13800138000", "M0000007"), ("birthday", "card"))
    assert str(filled) == (
        "merged: the phone 13800138000 is already member M0000007's; filled in birthday, card"
    )
    card_taken = RowNote(RowIssue.MERGED_CARD_TAKEN, ("13800138000", "M0000007", "6200001"))
    assert str(card_taken) == (
        "merged: the phone 13800138000 is already member M0000007's; "
        "the card 6200001 is already taken; filled in nothing"
    )

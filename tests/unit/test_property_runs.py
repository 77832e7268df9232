"""The suite's property tests draw the same examples every run (CI fails only on a change);
``POS_THOROUGH=1`` draws new ones (``tests/conftest.py``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import THOROUGH, examples


def drawn() -> list[tuple[int, str]]:
    seen: list[tuple[int, str]] = []

    @given(st.integers(), st.text())
    def record(number: int, words: str) -> None:
        seen.append((number, words))

    record()
    return seen


def test_a_run_draws_the_same_examples_as_the_last_unless_thorough() -> None:
    assert settings().derandomize is not THOROUGH
    assert settings().max_examples == examples(100)
    if THOROUGH:
        assert drawn() != drawn()
    else:
        assert drawn() == drawn()

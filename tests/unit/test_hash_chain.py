"""The pure hash chain: any single edit, deletion, insertion or swap is found at its row."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from app.domain.hash_chain import GENESIS, Break, BreakKind, Head, StreamWalker, digest, link

Row = tuple[int, dict[str, object], str | None]


def chain(n: int) -> tuple[list[Row], Head]:
    rows: list[Row] = []
    previous = GENESIS
    for i in range(n):
        facts: dict[str, object] = {"delta": i * 7 - 3, "at": datetime(2026, 12, 1, 9, i % 60)}
        previous = link(previous, facts)  # type: ignore[arg-type]
        rows.append((10 + i, facts, previous))
    return rows, Head(n, previous)


def walk(rows: list[Row], head: Head | None) -> Break | None:
    walker = StreamWalker("points:1")
    for row_id, facts, stored in rows:
        walker.feed(row_id, facts, stored)  # type: ignore[arg-type]
    return walker.finish(head)


def test_an_untouched_chain_verifies() -> None:
    rows, head = chain(5)
    assert walk(rows, head) is None


def test_the_encoding_is_independent_of_key_order_and_sees_every_value() -> None:
    at = datetime(2026, 12, 1, 9, 30)
    assert link(GENESIS, {"a": 1, "b": at}) == link(GENESIS, {"b": at, "a": 1})
    assert link(GENESIS, {"a": 1, "b": at}) != link(GENESIS, {"a": 2, "b": at})
    assert link(GENESIS, {"a": None}) != link(GENESIS, {"a": ""})


@given(st.integers(2, 12), st.data())
def test_an_edited_row_is_named(n: int, data: st.DataObject) -> None:
    rows, head = chain(n)
    k = data.draw(st.integers(0, n - 1))
    row_id, facts, stored = rows[k]
    rows[k] = (row_id, {**facts, "delta": 9999}, stored)
    found = walk(rows, head)
    assert found is not None and (found.row_id, found.kind) == (row_id, BreakKind.CHANGED)


@given(st.integers(2, 12), st.data())
def test_a_deleted_row_is_found_at_the_row_after_it_or_at_the_head(
    n: int, data: st.DataObject
) -> None:
    rows, head = chain(n)
    k = data.draw(st.integers(0, n - 1))
    del rows[k]
    found = walk(rows, head)
    assert found is not None and found.kind is BreakKind.MISSING
    assert found.row_id == (rows[k][0] if k < len(rows) else None)


@given(st.integers(1, 12), st.data(), st.booleans())
def test_an_inserted_row_is_named(n: int, data: st.DataObject, with_hash: bool) -> None:
    rows, head = chain(n)
    k = data.draw(st.integers(0, n))
    forged = "f" * 64 if with_hash else None
    rows.insert(k, (999, {"delta": 999900, "at": datetime(2026, 12, 1)}, forged))
    found = walk(rows, head)
    assert found is not None and (found.row_id, found.kind) == (999, BreakKind.INSERTED)


@given(st.integers(2, 12), st.data())
def test_two_swapped_rows_are_found_at_the_first(n: int, data: st.DataObject) -> None:
    rows, head = chain(n)
    i, j = sorted(data.draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True)))
    (id_i, facts_i, hash_i), (id_j, facts_j, hash_j) = rows[i], rows[j]
    rows[i], rows[j] = (id_i, facts_j, hash_j), (id_j, facts_i, hash_i)
    found = walk(rows, head)
    assert found is not None and (found.row_id, found.kind) == (id_i, BreakKind.CHANGED)


def test_a_member_moved_without_a_merge_is_named() -> None:
    rows, head = chain(3)
    walker = StreamWalker("points:1")
    for index, (row_id, facts, stored) in enumerate(rows):
        walker.feed(row_id, facts, stored, owner_ok=index != 1)  # type: ignore[arg-type]
    found = walker.finish(head)
    assert found is not None and (found.row_id, found.kind) == (rows[1][0], BreakKind.MOVED)


def test_a_rewritten_head_or_a_lost_one_is_named() -> None:
    rows, head = chain(3)
    assert walk(rows, Head(3, "e" * 64)) == Break("points:1", None, BreakKind.HEAD, ANY)
    assert walk(rows, None) == Break("points:1", None, BreakKind.HEAD, ANY)
    assert walk([], head) == Break("points:1", None, BreakKind.MISSING, ANY)


def test_the_digest_changes_with_any_head() -> None:
    _rows, head = chain(3)
    assert digest({"a": head}) != digest({"a": Head(4, head.last_hash)})
    assert len(digest({"a": head})) == 16


class _Any(str):
    def __eq__(self, other: object) -> bool:
        return isinstance(other, str)

    __hash__ = str.__hash__


ANY = _Any()

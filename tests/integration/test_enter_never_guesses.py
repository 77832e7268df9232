"""Enter attaches a member only for a whole identifier: a mistyped phone never attaches
someone else, on a real database of members whose phones are one slip apart."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, update
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.enrolment import EnrolmentForm, EnrolmentProblem
from app.domain.member_search import LookupKind
from app.domain.phone import normalise_phone
from app.services.enrolment import EnrolmentRefused
from db.models import MemberRow
from tests.conftest import examples

# Valid mobiles, several one keystroke from another: a substitution (…8000/…8001), a
# transposition (…6000/…0600, …5678/…5687), a neighbour of a neighbour.
PHONES = (
    "16600166000",
    "16600166001",
    "16600160600",
    "16600106000",
    "16700166000",
    "17300166000",
    "17712345678",
    "17712345687",
    "17712354678",
)
# Stored by the till before it knew numbering rules: a 10-digit and a 12-digit "mobile",
# each one digit from a member above. Typing that member's phone with a digit dropped or
# added must not attach these.
LEGACY = ("1660016600", "177123456789")


@pytest.fixture
def crowded(till: Till, database_url: str) -> Iterator[Till]:
    cashier = till.auth.log_in("wangfang", "1111")
    for index, phone in enumerate((*PHONES, "13700000001", "13700000002")):
        form = EnrolmentForm(phone=phone, name=f"会员{index:02d}")
        till.enrolment.enrol(cashier, form, accept_look_alike=True)
    engine = create_engine(database_url)
    with Session(engine) as session, session.begin():
        for valid, legacy in zip(("13700000001", "13700000002"), LEGACY, strict=True):
            session.execute(
                update(MemberRow)
                .where(MemberRow.phone == valid)
                .values(phone=legacy, phone_last4=legacy[-4:])
            )
    engine.dispose()
    yield till


def _spelled(phone: str, spelling: int) -> str:
    """The same digits written as cashiers do."""
    forms = (
        phone,
        f"+86 {phone[:3]} {phone[3:7]} {phone[7:]}",
        f"{phone[:3]}-{phone[3:7]}-{phone[7:]}",
        f"{phone[:3]}‐{phone[3:7]}‑{phone[7:]}",
        f"0086{phone}",
        phone.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    )
    return forms[spelling % len(forms)]


def _mutated(phone: str, kind: str, at: int, digit: str) -> str:
    at %= len(phone)
    if kind == "drop":
        return phone[:at] + phone[at + 1 :]
    if kind == "add":
        return phone[:at] + digit + phone[at:]
    if kind == "swap":
        at = min(at, len(phone) - 2)
        return phone[:at] + phone[at + 1] + phone[at] + phone[at + 2 :]
    return phone[:at] + digit + phone[at + 1 :]  # substitute


@settings(max_examples=examples(150), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    phone=st.sampled_from(PHONES),
    kind=st.sampled_from(["drop", "add", "swap", "substitute"]),
    at=st.integers(0, 11),
    digit=st.sampled_from("0123456789"),
    spelling=st.integers(0, 5),
)
def test_a_mistyped_phone_attaches_nobody_but_the_owner_of_the_number_typed(
    crowded: Till, phone: str, kind: str, at: int, digit: str, spelling: int
) -> None:
    """How this proves it: over members whose phones are one slip apart (and two stored
    long ago as impossible 10- and 12-digit numbers), any phone with one digit dropped,
    added, swapped with its neighbour or substituted, in any spelling, either attaches
    the member whose whole valid phone is exactly what was typed, or nobody. A dropped or
    added digit never makes another valid mobile, so it attaches nobody else at all."""
    typed = _spelled(_mutated(phone, kind, at, digit), spelling)
    found = crowded.members.identify(typed)
    if found.member is None:
        return
    assert found.kind is LookupKind.PHONE
    assert found.member.phone == normalise_phone(typed)
    # 11 digits stay a mobile only after a swap or substitution, or with a trunk 0 added
    # in front (0166…, as dialled from a landline), which is the same member's number.
    assert kind in ("swap", "substitute") or found.member.phone == phone


@pytest.mark.parametrize("phone", PHONES)
def test_a_whole_phone_attaches_its_owner_in_any_spelling(crowded: Till, phone: str) -> None:
    for spelling in range(6):
        found = crowded.members.identify(_spelled(phone, spelling))
        assert found.member is not None and found.member.phone == phone


def test_a_digit_dropped_lists_the_candidates_and_attaches_nobody(crowded: Till) -> None:
    found = crowded.members.identify("1660016600")  # 16600166000 with its last 0 dropped
    assert found.member is None and not found.complete
    phones = {c.masked_phone for c in found.candidates}
    assert "166****6000" in phones  # the real member, listed to pick
    assert "166***6600" in phones  # the legacy 10-digit record, listed but not attached


def test_a_digit_added_never_attaches_the_legacy_12_digit_record(crowded: Till) -> None:
    found = crowded.members.identify("177123456789")
    assert found.member is None


def test_a_name_or_a_prefix_with_one_match_waits_for_the_cashier(crowded: Till) -> None:
    for typed in ("会员07", "177123546"):
        found = crowded.members.identify(typed)
        assert len(found.candidates) == 1 and found.member is None and not found.complete


@pytest.mark.parametrize("typed", ["M0000001", "m0000001", "M 0000001", "M-0000001", "Ｍ0000001"])
def test_a_member_number_however_written_attaches_the_member(till: Till, typed: str) -> None:
    found = till.members.identify(typed)
    assert found.member is not None and found.member.member_no == "M0000001"


@pytest.mark.parametrize(
    ("phone", "problem"),
    [
        ("1380013800", EnrolmentProblem.MOBILE_TOO_SHORT),
        ("138001380001", EnrolmentProblem.MOBILE_TOO_LONG),
        ("6588 1234", EnrolmentProblem.NO_AREA_CODE),
        ("010-123", EnrolmentProblem.BAD_PHONE),
    ],
)
def test_enrolment_refuses_an_impossible_number_with_its_reason(
    till: Till, phone: str, problem: EnrolmentProblem
) -> None:
    cashier = till.auth.log_in("wangfang", "1111")
    with pytest.raises(EnrolmentRefused) as refused:
        till.enrolment.enrol(cashier, EnrolmentForm(phone=phone, name="新会员"))
    assert refused.value.problems == [problem]


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("010-6588 1234", "+86 10 6588 1234"),
        ("0755 2345 6789 转 12", "0755-23456789 ext 12"),
        ("+852 9123 4567", "00852 9123 4567"),
        ("+886 912 345 678", "+886-912-345-678"),
    ],
)
def test_landlines_and_foreign_numbers_are_found_as_written_another_way(
    till: Till, written: str, typed: str
) -> None:
    cashier = till.auth.log_in("wangfang", "1111")
    member = till.enrolment.enrol(cashier, EnrolmentForm(phone=written, name="林小雨"))
    found = till.members.identify(typed)
    assert found.member is not None and found.member.member_id == member.member_id

"""One card, many reader models: enrolled once, found by every reader, never confused.

Tills are built as in the shop (``build_till`` with a reader URL); reads come through
the till's own (simulated) reader, so its format setting translates them on the way in,
and the member service and enrolment look them up in the real database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from itertools import count

import pytest

from app.bootstrap import Till, TillConfig, build_till
from app.domain.enrolment import EnrolmentForm, Gender
from app.domain.members import MemberSummary
from app.domain.staff import StaffMember
from app.services.enrolment import CardRefused, EnrolmentRefused
from app.services.members import IdentifyProblem
from hardware.readers.sim import SimCardReader
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock

PHONES = count(13900002001)
OpenTill = Callable[[str], Till]


@pytest.fixture
def open_till(
    new_database_url: str, clock: FakeClock, demo_templates: DemoTemplates
) -> Iterator[OpenTill]:
    demo_templates.fill(new_database_url, Demo(DEMO_MEMBERS, clock.now().date()))
    built: list[Till] = []

    def open_with(reader_url: str) -> Till:
        config = TillConfig(
            new_database_url, card_reader_url=reader_url, demo_members_if_empty=DEMO_MEMBERS
        )
        built.append(build_till(config, clock))
        return built[-1]

    yield open_with
    for till in built:
        till.close()


def read(till: Till, raw: str) -> str:
    """What ``till``'s reader passes on when it sends ``raw``."""
    reader = till.card_reader
    assert isinstance(reader, SimCardReader)
    got: list[str] = []
    reader.start(got.append)
    reader.simulate_swipe(raw)
    reader.stop()
    return got[0]


def cashier(till: Till) -> StaffMember:
    return till.auth.log_in("wangfang", "1111")


def enrol(till: Till, card: str) -> MemberSummary:
    phone = next(PHONES)
    form = EnrolmentForm(
        phone=str(phone),
        name="陈静",
        birthday=date(1991, 3, 9) + timedelta(days=phone % 1000),  # not a look-alike
        gender=Gender.FEMALE,
        card=card,
    )
    return till.enrolment.enrol(cashier(till), form)


def found(till: Till, raw: str) -> int | None:
    member = till.members.identify_read(read(till, raw)).member
    return None if member is None else member.member_id


def test_an_em4100_card_enrolled_by_its_printed_number_is_found_by_every_reader(
    open_till: OpenTill,
) -> None:
    decimal_reader = open_till("sim://?digits=em4100")
    member = enrol(decimal_reader, "0012345678")  # typed from the card
    hex_reader = open_till("sim://?digits=em4100-hex")
    wiegand_reader = open_till("sim://")
    for till, raw in [
        (decimal_reader, "0012345678"),
        (decimal_reader, "12345678"),
        (hex_reader, "0000BC614E"),
        (hex_reader, "0100bc614e"),  # another version byte: neither printed nor sent by others
        (wiegand_reader, "188,24910"),
        (wiegand_reader, "EM:0012345678"),
    ]:
        assert found(till, raw) == member.member_id, raw
    # Digits read as a card number are another card: no member, not this one.
    assert found(wiegand_reader, "0012345678") is None


def test_enrolment_takes_every_spelling_and_refuses_the_same_card_twice(
    open_till: OpenTill,
) -> None:
    till = open_till("sim://?digits=em4100")
    first = enrol(till, read(till, "0000BC614E"))
    for spelling in ("12345678", "EM:0012345678", "188,24910", "0000bc614e"):
        with pytest.raises(EnrolmentRefused) as refused:
            enrol(till, spelling)
        assert refused.value.matches[0].member_id == first.member_id, spelling
    with pytest.raises(CardRefused):
        till.enrolment.issue_card(cashier(till), first.member_id, "188,24910", block_others=False)


def test_a_wiegand_read_that_two_enrolled_cards_share_names_neither(
    open_till: OpenTill,
) -> None:
    till = open_till("sim://?digits=em4100")
    enrol(till, "0012345678")
    enrol(till, str((1 << 24) + 12345678))  # the same low 24 bits, another card
    answer = till.members.identify_read(read(till, "188,24910"))
    assert answer.member is None and answer.problem is IdentifyProblem.CARD_UNREADABLE


def test_an_nfc_card_is_found_whichever_way_round_the_reader_sends_its_uid(
    open_till: OpenTill,
) -> None:
    reversing = open_till("sim://?uid_order=reversed")
    member = enrol(reversing, read(reversing, "C3B2A104"))
    forward = open_till("sim://")
    decimal = open_till("sim://?digits=uid&uid_order=reversed")
    assert found(forward, "04:a1:b2:c3") == member.member_id
    assert found(forward, "04A1B2C3") == member.member_id
    assert found(decimal, "3283263748") == member.member_id
    assert found(reversing, "04A1B2C3") is None  # read backwards that is another card


def test_a_uid_of_digits_only_and_the_card_number_with_those_digits_are_two_cards(
    open_till: OpenTill,
) -> None:
    uid_reader = open_till("sim://?digits=uid")
    nfc = enrol(uid_reader, read(uid_reader, "12345678"))
    stripe_reader = open_till("sim://")
    stripe = enrol(stripe_reader, ";12345678?")
    assert nfc.member_id != stripe.member_id
    assert found(uid_reader, "12345678") == nfc.member_id
    assert found(stripe_reader, "12345678") == stripe.member_id

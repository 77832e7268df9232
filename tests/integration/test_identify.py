from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.services.members import IdentifyProblem
from db.models import CardRow


@pytest.mark.parametrize(
    "typed",
    [
        "13800138000",
        "138 0013 8000",
        "+86 138-0013-8000",
        "008613800138000",
        "M0000001",
        "m0000001",
        " 8800000000000001 ",
    ],
)
def test_member_found_by_phone_member_number_or_card(till: Till, typed: str) -> None:
    result = till.members.identify(typed)
    assert result.member is not None and result.member.member_no == "M0000001"
    assert result.member.name == "张伟" and result.member.tier.code == "GOLD"
    assert result.member.stored_value == 50_000 and result.member.points == 1280
    assert "花生" in result.member.allergies


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", IdentifyProblem.EMPTY),
        ("   ", IdentifyProblem.EMPTY),
        ("13900000000", IdentifyProblem.NOT_FOUND),
        ("张三", IdentifyProblem.NOT_FOUND),
        ("%B;;?\x00\xff", IdentifyProblem.NOT_FOUND),
        ("\x00\x02\r\n", IdentifyProblem.EMPTY),
        ("x" * 5000, IdentifyProblem.NOT_FOUND),
    ],
)
def test_unknown_input_finds_nobody(till: Till, typed: str, problem: IdentifyProblem) -> None:
    assert till.members.identify(typed).problem is problem


def test_blocked_card_is_refused(till: Till) -> None:
    assert till._engine is not None
    with Session(till._engine) as session, session.begin():
        session.execute(
            update(CardRow).where(CardRow.card_no == "8800000000000002").values(status="blocked")
        )
    result = till.members.identify("8800000000000002")
    assert (result.member, result.problem) == (None, IdentifyProblem.CARD_BLOCKED)
    assert till.members.identify("13912345678").member is not None  # still found by phone


def test_expired_member_is_still_found(till: Till) -> None:
    member = till.members.identify("M0000003").member
    assert member is not None and member.expires_on is not None
    assert member.status(till.clock.now().date()).value == "expired"

"""The exercise format, the matches steps and mistakes are made of, and the score."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.renewal import OfferKind
from app.training.checks import matching, parse_match
from app.training.exercises import ExerciseError, load_exercise, load_exercises
from app.training.roster import expiry_offset_days, load_roster
from app.training.scoring import passed, score
from db.training_evidence import EnrolmentDone, Evidence, NoteDone, OrderDone, RefundDone


def test_the_shipped_exercises_load_and_name_only_training_guests() -> None:
    exercises = load_exercises()
    assert len(exercises) >= 10
    guests = {guest.member_no for guest in load_roster()}
    for exercise in exercises:
        named = {
            str(value)
            for match in [s.expect for s in exercise.steps] + [m.when for m in exercise.mistakes]
            for key, value in match.fields.items()
            if key in ("member", "member_not") and value not in ("none", "new")
        }
        assert named <= guests, exercise.exercise_id


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "x.toml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """
id = "x"
title = { zh = "甲", en = "A" }
brief = { zh = "乙", en = "B" }
[[step]]
text = { zh = "丙", en = "C" }
expect = { kind = "order", member = "M1" }
"""


def test_a_good_file_loads_with_defaults(tmp_path: Path) -> None:
    exercise = load_exercise(write(tmp_path, GOOD))
    assert (exercise.exercise_id, exercise.target_seconds, exercise.pass_mark) == ("x", 120, 60)
    assert exercise.title("zh") == "甲" and exercise.title("en") == "A"


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (('expect = { kind = "order", member = "M1" }', 'expect = { kind = "dance" }'), "kind"),
        (('member = "M1"', 'colour = "red"'), "colour"),
        (('title = { zh = "甲", en = "A" }', 'title = { zh = "甲" }'), "zh and en"),
        (('id = "x"', ""), "missing 'id'"),
        (("[[step]]", "[[steps]]"), "at least one"),
        (('id = "x"', 'id = "x"\ntarget_seconds = -5'), "above zero"),
        (('id = "x"', "id = "), "x.toml"),
    ],
)
def test_a_bad_file_is_refused_naming_what_is_wrong(
    tmp_path: Path, change: tuple[str, str], complaint: str
) -> None:
    with pytest.raises(ExerciseError, match=complaint):
        load_exercise(write(tmp_path, GOOD.replace(*change)))


def test_two_exercises_with_one_id_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.toml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(ExerciseError, match="two exercises"):
        load_exercises(tmp_path)


def order(order_id: int, member: str | None, *methods: str, **extra: object) -> OrderDone:
    return OrderDone(
        order_id=order_id,
        member_no=member,
        member_is_new=bool(extra.get("new", False)),
        methods=frozenset(methods),
        renewal_kind=extra.get("renewal"),  # type: ignore[arg-type]
        points_value_fen=int(extra.get("points", 0)),  # type: ignore[call-overload]
        top_up_fen=int(extra.get("top_up", 0)),  # type: ignore[call-overload]
        total_fen=3800,
    )


EVIDENCE = Evidence(
    orders=(
        order(1, "M2", "cash"),
        order(2, "M1", "stored_value", renewal="early", points=500),
        order(3, None, "card_terminal"),
        order(4, "M9", "cash", new=True, top_up=100_000),
    ),
    enrolments=(EnrolmentDone("M9", "陈静", "139 0000 1234", ("8890",)),),
    refunds=(RefundDone(7, 1, "manager", True), RefundDone(8, 3, "cashier", True)),
    notes=(
        NoteDone("allergy:1", "allergy", "M1", "花生过敏"),
        NoteDone("complaint:2", "complaint", "M2", "等太久"),
    ),
)


@pytest.mark.parametrize(
    ("raw", "keys"),
    [
        ({"kind": "order", "member": "M1"}, ("order:2",)),
        ({"kind": "order", "member_not": "M1"}, ("order:1", "order:3", "order:4")),
        ({"kind": "order", "member": "none"}, ("order:3",)),
        ({"kind": "order", "member": "new"}, ("order:4",)),
        ({"kind": "order", "payment": "cash"}, ("order:1", "order:4")),
        ({"kind": "order", "payment_not": "cash"}, ("order:2", "order:3")),
        ({"kind": "order", "renewal": "early"}, ("order:2",)),
        ({"kind": "order", "renewal": "win_back"}, ()),
        ({"kind": "order", "renewal": "any"}, ("order:2",)),
        ({"kind": "order", "member": "M2", "renewal": "none"}, ("order:1",)),
        ({"kind": "order", "points": True}, ("order:2",)),
        ({"kind": "order", "top_up_at_least": 100_000}, ("order:4",)),
        ({"kind": "order", "top_up_at_least": 100_001}, ()),
        ({"kind": "enrolment", "phone": "13900001234", "card": True}, ("member:M9",)),
        ({"kind": "enrolment", "phone_not": "13900001234"}, ()),
        ({"kind": "refund", "approved_by": "manager"}, ("refund:7",)),
        ({"kind": "refund"}, ("refund:7", "refund:8")),
        ({"kind": "allergy", "member": "M1", "contains": "花生"}, ("allergy:1",)),
        ({"kind": "allergy", "member_not": "M1"}, ()),
        ({"kind": "complaint", "member": "M2"}, ("complaint:2",)),
    ],
)
def test_matches_pick_exactly_what_they_describe(
    raw: dict[str, object], keys: tuple[str, ...]
) -> None:
    assert matching(parse_match(raw), EVIDENCE) == keys


@pytest.mark.parametrize(
    ("seconds", "target", "mistakes", "completed", "expected"),
    [
        (40, 60, 0, True, 100),
        (60, 60, 1, True, 85),
        (100, 75, 0, True, 95),  # 25 s over: 5 points
        (10_000, 60, 0, True, 70),  # time takes at most 30
        (30, 60, 7, True, 0),  # never below zero
        (30, 60, 0, False, 0),
    ],
)
def test_the_score(
    seconds: int, target: int, mistakes: int, completed: bool, expected: int
) -> None:
    assert score(seconds, target, mistakes, completed) == expected


def test_passing_needs_the_mark_and_every_step() -> None:
    assert passed(60, 60, True) and not passed(59, 60, True) and not passed(100, 60, False)


def test_guests_expire_inside_the_restaurants_renewal_windows() -> None:
    windows = {OfferKind.EARLY: 90, OfferKind.GRACE: 30}
    assert 0 < expiry_offset_days("early", windows) <= 90
    assert -30 <= expiry_offset_days("grace", windows) < 0
    assert expiry_offset_days("lapsed", windows) < -30
    assert expiry_offset_days("early", {}) > 0  # a restaurant without renewal offers


def test_the_leaderboard_and_common_mistakes_per_exercise() -> None:
    from datetime import datetime

    from app.training.coach import Attempt
    from app.training.report import leaderboard

    now = datetime(2026, 11, 23, 15)

    def attempt(user: str, exercise: str, points: int, seconds: int, *mistakes: str) -> Attempt:
        return Attempt(
            user, user.title(), exercise, now, seconds, mistakes, points, True, points >= 60
        )

    board = leaderboard(
        [
            attempt("amy", "a", 85, 50, "missed_offer"),
            attempt("amy", "a", 100, 70),
            attempt("bo", "a", 100, 30),
            attempt("bo", "b", 40, 30, "missed_offer", "missed_offer", "wrong_member"),
            attempt("cy", "b", 55, 30, "missed_offer"),
        ]
    )
    assert [s.username for s in board] == ["bo", "amy", "cy"]  # bo: best total 140
    amy, bo = board[1], board[0]
    assert amy.best_scores == {"a": 100} and amy.best_seconds == {"a": 50}
    assert bo.passed == ("a",) and bo.common_mistakes[0] == (("b", "missed_offer"), 2)

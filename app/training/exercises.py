"""Exercises as data: TOML files in ``resources/training/exercises`` (a manager adds one
without code). Each names its steps and the mistakes to watch for; both are *matches*
against what the trainee did in the sandbox (see ``app.training.checks``).

    id = "stored-value"
    title = { zh = "…", en = "Take a stored-value payment" }
    brief = { zh = "…", en = "孙丽 (phone 136 0001 1122) pays with her balance." }
    target_seconds = 90         # optional, default 120
    pass_mark = 60              # optional, default 60
    [[step]]
    text = { zh = "…", en = "Ring up a dish and take payment by stored value" }
    expect = { kind = "order", member = "M9000005", payment = "stored_value" }
    [[mistake]]
    code = "wrong_payment"
    text = { zh = "…", en = "Paid another way" }
    when = { kind = "order", member = "M9000005", payment_not = "stored_value" }
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from app.training.checks import Match, parse_match

EXERCISE_FOLDER = Path(__file__).resolve().parents[2] / "resources" / "training" / "exercises"
DEFAULT_TARGET_SECONDS = 120
DEFAULT_PASS_MARK = 60


class ExerciseError(ValueError):
    """An exercise file that does not follow the format; ``str()`` names file and field."""


@dataclass(frozen=True)
class Text:
    zh: str
    en: str

    def __call__(self, language: str) -> str:
        return self.zh if language == "zh" else self.en


@dataclass(frozen=True)
class Step:
    text: Text
    expect: Match


@dataclass(frozen=True)
class Mistake:
    code: str
    text: Text
    when: Match


@dataclass(frozen=True)
class Exercise:
    exercise_id: str
    title: Text
    brief: Text
    steps: tuple[Step, ...]
    mistakes: tuple[Mistake, ...]
    target_seconds: int = DEFAULT_TARGET_SECONDS
    pass_mark: int = DEFAULT_PASS_MARK
    order: int = 0


def load_exercises(folder: Path = EXERCISE_FOLDER) -> tuple[Exercise, ...]:
    """Every ``*.toml`` in ``folder``, in their ``order``; refuses a bad file or a
    repeated id (``ExerciseError``) rather than showing half an exercise."""
    exercises = tuple(
        sorted(
            (load_exercise(path) for path in sorted(folder.glob("*.toml"))),
            key=lambda e: (e.order, e.exercise_id),
        )
    )
    seen: set[str] = set()
    for exercise in exercises:
        if exercise.exercise_id in seen:
            raise ExerciseError(f"two exercises have the id {exercise.exercise_id!r}")
        seen.add(exercise.exercise_id)
    return exercises


def load_exercise(path: Path) -> Exercise:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        return _exercise(raw)
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ExerciseError(f"{path.name}: {_describe(exc)}") from exc


def _exercise(raw: dict[str, object]) -> Exercise:
    steps = tuple(
        Step(_text(step["text"]), parse_match(step["expect"])) for step in _tables(raw, "step")
    )
    if not steps:
        raise ValueError("an exercise needs at least one [[step]]")
    mistakes = tuple(
        Mistake(str(m["code"]), _text(m["text"]), parse_match(m["when"]))
        for m in _tables(raw, "mistake")
    )
    return Exercise(
        exercise_id=str(raw["id"]),
        title=_text(raw["title"]),
        brief=_text(raw["brief"]),
        steps=steps,
        mistakes=mistakes,
        target_seconds=_positive(raw.get("target_seconds", DEFAULT_TARGET_SECONDS)),
        pass_mark=_positive(raw.get("pass_mark", DEFAULT_PASS_MARK)),
        order=int(str(raw.get("order", 0))),
    )


def _tables(raw: dict[str, object], key: str) -> list[dict[str, object]]:
    tables = raw.get(key, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ValueError(f"[[{key}]] must be a list of tables")
    return tables


def _text(raw: object) -> Text:
    if not isinstance(raw, dict) or not {"zh", "en"} <= raw.keys():
        raise ValueError(f"a text needs zh and en: {raw!r}")
    return Text(str(raw["zh"]), str(raw["en"]))


def _positive(raw: object) -> int:
    value = int(str(raw))
    if value <= 0:
        raise ValueError(f"{value} must be above zero")
    return value


def _describe(exc: Exception) -> str:
    return f"missing {exc}" if isinstance(exc, KeyError) else str(exc)

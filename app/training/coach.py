"""Run an exercise: start it, check the trainee's work in the sandbox, and record the
attempt (time, mistakes, score) in the training records."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock
from app.domain.staff import StaffMember
from app.training.checks import matching
from app.training.exercises import Exercise, Text
from app.training.scoring import passed, score
from db.training_evidence import evidence_since
from db.training_records import AttemptRow, all_attempts


class UnknownExercise(LookupError):
    pass


@dataclass
class Run:
    """An exercise under way; ``mistakes`` maps each thing done wrong to its code."""

    exercise: Exercise
    staff: StaffMember
    started_at: datetime
    mistakes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Progress:
    steps_done: tuple[bool, ...]
    mistakes: tuple[Text, ...]
    seconds: int

    @property
    def completed(self) -> bool:
        return all(self.steps_done)


@dataclass(frozen=True)
class Attempt:
    username: str
    display_name: str
    exercise_id: str
    started_at: datetime
    seconds: int
    mistakes: tuple[str, ...]
    score: int
    completed: bool
    passed: bool


class ExerciseCoach:
    def __init__(
        self,
        sandbox: sessionmaker[Session],
        records: sessionmaker[Session],
        clock: Clock,
        till_id: str,
        exercises: tuple[Exercise, ...],
    ) -> None:
        self._sandbox, self._records, self._clock = sandbox, records, clock
        self._till_id, self.exercises = till_id, exercises

    def exercise(self, exercise_id: str) -> Exercise:
        for exercise in self.exercises:
            if exercise.exercise_id == exercise_id:
                return exercise
        raise UnknownExercise(exercise_id)

    def start(self, staff: StaffMember, exercise_id: str) -> Run:
        return Run(self.exercise(exercise_id), staff, self._clock.now())

    def check(self, run: Run) -> Progress:
        """What is done so far; mistakes seen are remembered in ``run`` (each once)."""
        with self._sandbox() as session:
            evidence = evidence_since(session, run.staff.staff_id, run.started_at)
        exercise = run.exercise
        steps_done = tuple(bool(matching(step.expect, evidence)) for step in exercise.steps)
        for mistake in exercise.mistakes:
            for key in matching(mistake.when, evidence):
                run.mistakes.setdefault(key, mistake.code)
        texts = {m.code: m.text for m in exercise.mistakes}
        return Progress(
            steps_done,
            tuple(texts[code] for code in run.mistakes.values()),
            self._seconds(run),
        )

    def finish(self, run: Run) -> Attempt:
        """Check once more and record the attempt, finished or given up."""
        progress = self.check(run)
        exercise = run.exercise
        points = score(
            progress.seconds, exercise.target_seconds, len(run.mistakes), progress.completed
        )
        attempt = Attempt(
            username=run.staff.username,
            display_name=run.staff.display_name,
            exercise_id=exercise.exercise_id,
            started_at=run.started_at,
            seconds=progress.seconds,
            mistakes=tuple(run.mistakes.values()),
            score=points,
            completed=progress.completed,
            passed=passed(points, exercise.pass_mark, progress.completed),
        )
        with self._records.begin() as session:
            session.add(
                AttemptRow(
                    till_id=self._till_id,
                    username=attempt.username,
                    display_name=attempt.display_name,
                    exercise_id=attempt.exercise_id,
                    started_at=attempt.started_at,
                    seconds=attempt.seconds,
                    mistakes="\n".join(attempt.mistakes),
                    score=attempt.score,
                    completed=int(attempt.completed),
                    passed=int(attempt.passed),
                )
            )
        return attempt

    def close(self) -> None:
        bind = self._records.kw.get("bind")
        if bind is not None:
            bind.dispose()

    def attempts(self) -> list[Attempt]:
        with self._records() as session:
            return [_attempt(row) for row in all_attempts(session)]

    def _seconds(self, run: Run) -> int:
        return max(0, int((self._clock.now() - run.started_at).total_seconds()))


def _attempt(row: AttemptRow) -> Attempt:
    return Attempt(
        username=row.username,
        display_name=row.display_name,
        exercise_id=row.exercise_id,
        started_at=row.started_at,
        seconds=row.seconds,
        mistakes=tuple(code for code in row.mistakes.split("\n") if code),
        score=row.score,
        completed=bool(row.completed),
        passed=bool(row.passed),
    )

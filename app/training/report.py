"""The trainer's view of the records: per staff member (exercises passed, best times,
common mistakes), a leaderboard, and both as an exportable document."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from app.exports import Column, ColumnKind, Table
from app.exports.model import Document, Language
from app.training.coach import Attempt
from app.training.exercises import Exercise

COMMON_MISTAKES_SHOWN = 3
MistakeKey = tuple[str, str]
"""(exercise id, mistake code): a code such as ``missed_offer`` means one thing per exercise."""


@dataclass(frozen=True)
class TraineeSummary:
    username: str
    display_name: str
    attempts: int
    passed: tuple[str, ...]
    """Ids of the exercises passed at least once."""
    best_scores: dict[str, int]
    best_seconds: dict[str, int]
    """Fastest passing time per exercise."""
    common_mistakes: tuple[tuple[MistakeKey, int], ...]

    @property
    def total_best(self) -> int:
        return sum(self.best_scores.values())


def summaries(attempts: Sequence[Attempt]) -> list[TraineeSummary]:
    by_staff: dict[str, list[Attempt]] = {}
    for attempt in attempts:
        by_staff.setdefault(attempt.username, []).append(attempt)
    return [_summary(own) for own in by_staff.values()]


def _summary(own: list[Attempt]) -> TraineeSummary:
    best_scores: dict[str, int] = {}
    best_seconds: dict[str, int] = {}
    for attempt in own:
        best_scores[attempt.exercise_id] = max(
            best_scores.get(attempt.exercise_id, 0), attempt.score
        )
        if attempt.passed:
            fastest = best_seconds.get(attempt.exercise_id, attempt.seconds)
            best_seconds[attempt.exercise_id] = min(fastest, attempt.seconds)
    mistakes = Counter((attempt.exercise_id, code) for attempt in own for code in attempt.mistakes)
    return TraineeSummary(
        username=own[-1].username,
        display_name=own[-1].display_name,
        attempts=len(own),
        passed=tuple(sorted(best_seconds)),
        best_scores=best_scores,
        best_seconds=best_seconds,
        common_mistakes=tuple(mistakes.most_common(COMMON_MISTAKES_SHOWN)),
    )


def leaderboard(attempts: Sequence[Attempt]) -> list[TraineeSummary]:
    """Most exercises passed, then the highest sum of best scores, then the name."""
    return sorted(
        summaries(attempts), key=lambda s: (-len(s.passed), -s.total_best, s.display_name)
    )


def _texts(language: Language) -> dict[str, str]:
    zh = language == "zh"
    return {
        "title": "培训报告" if zh else "Trainer report",
        "board": "排行榜" if zh else "Leaderboard",
        "rank": "名次" if zh else "Rank",
        "staff": "员工" if zh else "Staff member",
        "passed": "通过练习" if zh else "Exercises passed",
        "total": "最佳得分合计" if zh else "Best scores total",
        "attempts": "练习次数" if zh else "Attempts",
        "exercise": "练习" if zh else "Exercise",
        "best_score": "最佳得分" if zh else "Best score",
        "best_time": "最快通过(秒)" if zh else "Best passing time (s)",
        "mistakes": "常见错误" if zh else "Common mistakes",
        "detail": "每人每项练习" if zh else "Each person, each exercise",
    }


def trainer_document(
    attempts: Sequence[Attempt],
    exercises: Sequence[Exercise],
    language: Language,
    now: datetime,
    generated_by: str,
    mistake_text: dict[MistakeKey, str] | None = None,
) -> Document:
    t = _texts(language)
    board = leaderboard(attempts)
    titles = {e.exercise_id: e.title(language) for e in exercises}
    explain = mistake_text or {}

    def mistakes(summary: TraineeSummary) -> str:
        return "; ".join(f"{explain.get(key, key[1])} ×{n}" for key, n in summary.common_mistakes)

    ranking = Table(
        title=t["board"],
        columns=(
            Column("rank", t["rank"], ColumnKind.INTEGER, 0.5),
            Column("staff", t["staff"], width=1.4),
            Column("passed", t["passed"], ColumnKind.INTEGER),
            Column("total", t["total"], ColumnKind.INTEGER),
            Column("attempts", t["attempts"], ColumnKind.INTEGER),
            Column("mistakes", t["mistakes"], width=3.0),
        ),
        rows=[
            (rank, s.display_name, len(s.passed), s.total_best, s.attempts, mistakes(s))
            for rank, s in enumerate(board, start=1)
        ],
        expected_rows=len(board),
        language=language,
    )
    detail = Table(
        title=t["detail"],
        columns=(
            Column("staff", t["staff"], width=1.4),
            Column("exercise", t["exercise"], width=2.6),
            Column("best_score", t["best_score"], ColumnKind.INTEGER),
            Column("best_time", t["best_time"], ColumnKind.INTEGER),
        ),
        rows=[
            (s.display_name, titles.get(ex, ex), best, s.best_seconds.get(ex))
            for s in board
            for ex, best in sorted(s.best_scores.items())
        ],
        language=language,
    )
    return Document(
        title=t["title"],
        tables=(ranking, detail),
        generated_at=now,
        generated_by=generated_by,
        language=language,
    )

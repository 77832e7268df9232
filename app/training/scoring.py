"""An attempt's score: 100, less 15 per mistake and 1 per 5 seconds over the target time
(at most 30 for time), never below 0; an exercise left unfinished scores 0."""

from __future__ import annotations

MISTAKE_PENALTY = 15
SECONDS_PER_POINT = 5
MAX_TIME_PENALTY = 30


def score(seconds: int, target_seconds: int, mistakes: int, completed: bool) -> int:
    if not completed:
        return 0
    late = max(0, seconds - target_seconds) // SECONDS_PER_POINT
    return max(0, 100 - MISTAKE_PENALTY * mistakes - min(MAX_TIME_PENALTY, late))


def passed(points: int, pass_mark: int, completed: bool) -> bool:
    return completed and points >= pass_mark

"""Why a move did not happen, in sentences for the person running it."""

from __future__ import annotations

from app.errors import TillError


class MoveRefused(TillError):
    """The move cannot start or cannot finish; ``str()`` says why in one sentence."""


class CopyDiffers(MoveRefused):
    """The copy was made but is not the SQLite database; ``differences`` says how, one
    line each. The till stays on SQLite."""

    def __init__(self, summary: str, differences: tuple[str, ...]) -> None:
        super().__init__(summary)
        self.differences = differences

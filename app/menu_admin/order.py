"""Where a category or item goes on the till when a manager moves it.

A move is sent as the place it ends up (``placed``), not as "one up": the same request
repeated, as a retry after a reply that never came, leaves it where the first put it.
"""

from __future__ import annotations

from typing import TypeVar

_Id = TypeVar("_Id")


def placed(ids: list[_Id], chosen: _Id, position: int) -> list[_Id]:
    """``ids`` with ``chosen`` at ``position`` (0: first; past either end: at that end)."""
    rest = [one for one in ids if one != chosen]
    at = min(max(position, 0), len(rest))
    return [*rest[:at], chosen, *rest[at:]]


def one_step(ids: list[_Id], chosen: _Id, step: int) -> int | None:
    """The place ``chosen`` moves to one step earlier (``-1``) or later (``+1``), or
    ``None`` at that end (or when it is not in ``ids``)."""
    if chosen not in ids:
        return None
    to = ids.index(chosen) + step
    return to if 0 <= to < len(ids) else None

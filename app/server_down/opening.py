"""Opening a till from its local copy when the server does not answer at start.

What a till reads before its sign-in window (the migrations check, the till's
registration, the restaurant's settings) comes from the copy instead: the registration
was made when the copy was built, and the copy holds the ``tills`` and ``settings``
tables as the server last had them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Engine

from app.clock import Clock
from app.domain.storage import StorageUnavailable
from app.domain.stores import RegisteredTill
from app.offline.local_copy import LocalCopy
from app.server_down.errors import NoLocalCopy
from db.migrate import is_at_head
from db.stores import registered_in

log = logging.getLogger(__name__)


def usable(copy: LocalCopy) -> bool:
    """Whether ``copy`` exists and was made by this version's schema (an older till's copy
    would not match the statements)."""
    if not copy.path.exists():
        return False
    try:
        return is_at_head(copy.engine())
    except Exception as error:  # a damaged file: not a copy to sign in from
        log.warning("the local copy %s cannot be read: %s", copy.path, error)
        return False


def open_copy(
    server: Engine,
    path: Path | None,
    till_id: str,
    token: str | None,
    clock: Clock,
    error: StorageUnavailable,
) -> tuple[LocalCopy, RegisteredTill]:
    """The copy at ``path`` and this till's registration in it; ``NoLocalCopy`` (carrying
    ``error``) when there is no usable copy or it does not know this till."""
    if path is None:
        raise NoLocalCopy(error)
    copy = LocalCopy(server, path, clock)
    registration = registered_in(copy.engine(), till_id, token) if usable(copy) else None
    if registration is None:
        copy.close()
        raise NoLocalCopy(error)
    log.warning("the server cannot be reached (%s): opening from the local copy %s", error, path)
    return copy, registration

"""Looking a request key up and claiming it inside the request's own unit of work."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar

from app.domain.request_keys import RequestKind
from app.errors import TillError
from app.unit_of_work import UnitOfWork


class RequestKeyReused(TillError):
    """The key was committed for a request with other details (another bill, amount or
    order): nothing is done again, and the till must start a new request."""

    def __init__(self, kind: RequestKind, reference: str) -> None:
        super().__init__(
            f"this {kind.value} was committed already ({reference or 'an earlier request'})"
            " with other details: nothing was charged again; start a new one for the change"
        )
        self.kind, self.reference = kind, reference


class KeyTakenMeanwhile(Exception):
    """Another transaction committed the key while this one worked: roll back and look the
    key up again (it now holds the outcome)."""


T = TypeVar("T")


def once_more_if_taken(attempt: Callable[[], T]) -> T:
    """``attempt()``, and again when a concurrent attempt committed its key meanwhile:
    the second attempt finds the key and returns what that one committed."""
    try:
        return attempt()
    except KeyTakenMeanwhile:
        return attempt()


def committed_outcome(
    uow: UnitOfWork, key: str | None, kind: RequestKind, fingerprint: str
) -> Mapping[str, Any] | None:
    """What the request committed under ``key`` returned; ``None`` when nothing is
    committed under it yet. ``RequestKeyReused`` when the key holds another request."""
    if key is None:
        return None
    prior = uow.request_keys.find(key)
    if prior is None:
        return None
    if prior.kind is not kind or prior.fingerprint != fingerprint:
        raise RequestKeyReused(prior.kind, str(prior.outcome.get("reference", "")))
    return prior.outcome


def claim(
    uow: UnitOfWork,
    key: str | None,
    kind: RequestKind,
    fingerprint: str,
    till_id: str,
    at: datetime,
    outcome: Mapping[str, Any],
) -> None:
    """Keep ``key`` with ``outcome`` in the unit (nothing without a key); raises
    ``KeyTakenMeanwhile`` when a concurrent attempt committed it first."""
    if key is None:
        return
    if not uow.request_keys.claim(key, kind, fingerprint, till_id, at, outcome):
        raise KeyTakenMeanwhile(key)

"""Request keys: made on the till before a checkout, refund, adjustment, void, complaint,
manual discount, merge or reprint is sent, so the server can commit each request once
however often the till retries it.

A key stands for one request: the same key with other facts (another bill, another
amount) is a different request, told apart by the fingerprint of the facts.
"""

from __future__ import annotations

import enum
import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

KEEP_DAYS = 30
"""How long a committed request's key is kept before the daily work prunes it. A till
retries within seconds or minutes (a dropped connection, a double tap); an offline till
replays its journal when it is back, which may be days later. A key matters only while
such a retry may still come: 30 days covers a long outage with room to spare, and after
that a replay is a person's decision (the order is in the history), not a retry."""


class RequestKind(enum.Enum):
    CHECKOUT = "checkout"
    REFUND = "refund"
    ADJUSTMENT = "adjustment"
    ENROLMENT = "enrolment"
    VOID = "void"
    COMPLAINT = "complaint"
    MANUAL_DISCOUNT = "manual_discount"
    MERGE = "merge"
    REPRINT = "reprint"


@dataclass(frozen=True)
class CommittedRequest:
    """A request the database holds under its key, with what a retry gets back."""

    kind: RequestKind
    fingerprint: str
    outcome: Mapping[str, Any]


def new_request_key() -> str:
    """A random key (UUID4, 32 hex digits): unique across tills without asking anyone."""
    return uuid.uuid4().hex


def fingerprint(kind: RequestKind, facts: Mapping[str, Any]) -> str:
    """SHA-256 of the request's facts in one canonical JSON spelling."""
    text = json.dumps([kind.value, facts], sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()

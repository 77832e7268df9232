"""Learning a keyboard-wedge reader from two reads: its prefix, suffix and key timing.

The cashier reads a card twice. Each read is the keys the reader typed, with the time
of each. In each read the card itself is found by the card-read grammar (the longest
stretch that decodes, ending as late and starting as early as possible, so a read that
starts with ``%`` keeps it); what comes before is the prefix, what comes after the
suffix. Both reads must agree on them.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import parse_qsl, quote, urlsplit

from app.domain.card_formats import DEFAULT_FORMAT, ReadFormat
from app.domain.card_reads import CardRead, decode_read
from hardware.urls import ReaderKind, ReaderSpec, wedge_url

READS_NEEDED = 2
DEFAULT_GAP_MS = 50
MAX_GAP_MS = 1000
DEFAULT_MIN_LENGTH = 6


@dataclass(frozen=True)
class Keystroke:
    """One key the reader typed (Enter is ``"\\r"``, Tab ``"\\t"``) and when, in seconds."""

    char: str
    at: float


class LearningProblem(enum.Enum):
    NO_CARD = "no_card"  # no card in what was typed
    NO_END_KEY = "no_end_key"  # the reader ends a read with no Enter, Tab or the like
    PREFIX_LOOKS_LIKE_SWIPE = "prefix_looks_like_swipe"  # it adds "%" or ";" before reads
    READS_DISAGREE = "reads_disagree"  # the two reads had different prefixes or suffixes


@dataclass(frozen=True)
class LearnedReader:
    prefix: str
    suffix: str
    gap_ms: int
    min_length: int

    def url(self, fmt: ReadFormat = DEFAULT_FORMAT) -> str:
        """The ``wedge://`` URL for this reader, with the card format ``fmt``."""
        spec = ReaderSpec(
            ReaderKind.WEDGE,
            prefix=self.prefix,
            suffix=self.suffix,
            gap_ms=self.gap_ms,
            min_length=self.min_length,
            digits=fmt.digits.value,
            uid_order=fmt.uid_order.value,
        )
        return wedge_url(spec)


@dataclass(frozen=True)
class _Split:
    prefix: str
    card: str
    suffix: str


def split_read(text: str, fmt: ReadFormat = DEFAULT_FORMAT) -> _Split | None:
    """Where the card is in ``text``; ``None`` when no stretch of it names one."""
    for end in range(len(text), 0, -1):
        last = text[end - 1]
        if not last.isprintable() or last.isspace():
            continue
        for start in range(end):
            if isinstance(decode_read(text[start:end], fmt), CardRead):
                return _Split(text[:start], text[start:end], text[end:])
    return None


def learn(
    reads: Sequence[Sequence[Keystroke]], fmt: ReadFormat = DEFAULT_FORMAT
) -> LearnedReader | LearningProblem:
    """What the reader adds around each card and how fast it types, from ``reads``."""
    splits: list[_Split] = []
    for keys in reads:
        split = split_read("".join(key.char for key in keys), fmt)
        if split is None:
            return LearningProblem.NO_CARD
        splits.append(split)
    first = splits[0]
    if any((s.prefix, s.suffix) != (first.prefix, first.suffix) for s in splits):
        return LearningProblem.READS_DISAGREE
    if first.suffix.isprintable():  # empty, or only keys a card could contain
        return LearningProblem.NO_END_KEY
    if first.prefix[:1] in ("%", ";"):
        return LearningProblem.PREFIX_LOOKS_LIKE_SWIPE
    slowest = max(
        (b.at - a.at for keys in reads for a, b in pairwise(keys)),
        default=0.0,
    )
    # Twice the slowest gap seen, so a busy till still hears the reader; never tighter
    # than the default, which a person's typing does not reach.
    gap_ms = min(MAX_GAP_MS, max(DEFAULT_GAP_MS, math.ceil(round(2000 * slowest, 3))))
    shortest = min(len(s.card) for s in splits)
    return LearnedReader(first.prefix, first.suffix, gap_ms, min(DEFAULT_MIN_LENGTH, shortest))


def with_format(url: str, fmt: ReadFormat) -> str:
    """``url`` with its card format options set to ``fmt`` (defaults left out), every
    other part as it was."""
    parts = urlsplit(url.strip())
    if not parts.scheme:
        return url
    kept = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k not in ("digits", "uid_order")
    ]
    if fmt.digits is not DEFAULT_FORMAT.digits:
        kept.append(("digits", fmt.digits.value))
    if fmt.uid_order is not DEFAULT_FORMAT.uid_order:
        kept.append(("uid_order", fmt.uid_order.value))
    query = "&".join(f"{k}={quote(v, safe='')}" if v else k for k, v in kept)
    address = f"{parts.scheme}://{parts.netloc}{parts.path}"
    return f"{address}?{query}" if query else address

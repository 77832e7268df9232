"""Time as a port: services take a ``Clock``; the wall clock is read only by ``SystemClock``.

Kept apart from ``app.ports`` so that code needing the time loads no device libraries.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)

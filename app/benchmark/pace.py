"""A till's rhythm in ``pos bench tills --rate``: operations started on a fixed schedule,
as customers arrive at a counter, rather than back to back.

Back to back, eight tills on two cores keep every core busy whatever the till costs, so
an operation's latency is mostly its wait for a core. On a schedule the latency is that
of a till among busy neighbours, and how late each start was says whether the tills kept
the pace (an operation is never skipped: a till behind starts the next one at once, and
the lateness is reported, so a backlog cannot hide). Each till's schedule begins when it
is released with the others; how far apart they began is reported too.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Pacer:
    interval_s: float
    """Seconds between two starts on this till; 0: back to back."""
    phase_s: float = 0.0
    """This till's first start after the common start, so tills do not start in step."""
    clock: Callable[[], float] = time.monotonic
    """Seconds; the default is one clock for every process, so the tills' schedules
    can be compared (``started_at``)."""
    sleep: Callable[[float], None] = time.sleep
    late_ms: list[float] = field(default_factory=list)
    """How late each start was against its schedule (none back to back)."""
    started_at: float | None = field(default=None, init=False)
    """When the schedule began: the first ``wait_turn``."""
    _started: int = field(default=0, init=False)

    def wait_turn(self) -> None:
        """Returns when the next operation is due (at once when it is overdue)."""
        if self.interval_s <= 0:
            return
        now = self.clock()
        if self.started_at is None:
            self.started_at = now
        due = self.started_at + self.phase_s + self._started * self.interval_s
        self._started += 1
        if due > now:
            self.sleep(due - now)
            now = self.clock()
        self.late_ms.append(max(0.0, (now - due) * 1000))


def phases(tills: int, interval_s: float) -> list[float]:
    """Each till's first start, spread evenly over one interval."""
    return [interval_s * index / tills for index in range(tills)]

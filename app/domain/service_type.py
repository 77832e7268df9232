"""How the guest is served: at a table or to take away."""

from __future__ import annotations

import enum


class ServiceType(enum.Enum):
    DINE_IN = "dine_in"
    TAKEAWAY = "takeaway"

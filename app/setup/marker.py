"""The demo restaurant is marked as such: one setting row that only the demo seeding writes.

The sign-in screen shows the demo's PINs only where this marker is set, so a real
restaurant's database never advertises a PIN, whoever its staff are.
"""

from __future__ import annotations

from collections.abc import Mapping

DEMO_MARKER_KEY = "demo"
DEMO_MARKER_VALUE = "1"


def is_demo(settings: Mapping[str, str]) -> bool:
    """Whether the restaurant settings are the demo restaurant's."""
    return settings.get(DEMO_MARKER_KEY) == DEMO_MARKER_VALUE

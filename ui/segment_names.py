"""The RFM segments' names as managers read them (``app.domain.rfm.Segment``), in the UI
language."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject

from app.domain.rfm import Segment


class SegmentNames(QObject):
    """Display names for segments; a name that is not an RFM segment reads as typed."""

    def name(self, segment: Segment) -> str:
        names = {
            Segment.CHAMPIONS: self.tr("Champions"),
            Segment.LOYAL: self.tr("Loyal"),
            Segment.POTENTIAL: self.tr("Potential"),
            Segment.NEW: self.tr("New"),
            Segment.NEED_ATTENTION: self.tr("Need attention"),
            Segment.AT_RISK: self.tr("At risk"),
            Segment.HIBERNATING: self.tr("Hibernating"),
            Segment.LOST: self.tr("Lost"),
        }
        return names[segment]

    def of(self, value: str) -> str:
        """The display name of the segment stored as ``value`` (``members.segment``)."""
        try:
            return self.name(Segment(value))
        except ValueError:
            return value

    def choices(self) -> list[tuple[str, str]]:
        """(value, display name) of every RFM segment, best first."""
        return [(segment.value, self.name(segment)) for segment in Segment]

    def sorted_names(self, values: Iterable[str]) -> list[str]:
        """Display names: RFM segments in their order, then other names alphabetically."""
        order = {segment.value: rank for rank, segment in enumerate(Segment)}
        ranked = sorted(values, key=lambda value: (order.get(value, len(order)), value))
        return [self.of(value) for value in ranked]

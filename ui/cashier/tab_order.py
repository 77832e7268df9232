"""Tab and Shift+Tab in screen order: the bar across the top, then each column from left
to right, each read in rows from top to bottom and left to right, then the status bar.

Worked out at each press from where the controls are now, so buttons that come and go
(an offer, a coupon, a category's dishes) take their place on the screen, not the place
of their creation in Qt's focus chain.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget


def tab_stops(window: QWidget, columns: Sequence[QWidget]) -> list[QWidget]:
    """The controls Tab visits in ``window``, in screen order; ``columns`` are the side
    by side columns under the top bar, left to right."""
    stops = [
        w
        for w in window.findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and w.window() is window
    ]
    top = min((c.mapTo(window, QPoint(0, 0)).y() for c in columns), default=0)

    def region(widget: QWidget) -> int:
        for index, column in enumerate(columns, start=1):
            if column.isAncestorOf(widget):
                return index
        return 0 if widget.mapTo(window, QPoint(0, 0)).y() < top else len(columns) + 1

    by_region: dict[int, list[QWidget]] = {}
    for widget in stops:
        by_region.setdefault(region(widget), []).append(widget)
    return [w for key in sorted(by_region) for w in _in_rows(window, by_region[key])]


def _in_rows(window: QWidget, widgets: list[QWidget]) -> list[QWidget]:
    """Rows top to bottom, each left to right: a widget joins the row when its top is
    above the middle of every widget in it (a row's buttons differ a little in height,
    and a tall scroll area must not swallow the rows beside it)."""
    placed = sorted(widgets, key=lambda w: (w.mapTo(window, QPoint(0, 0)).y(), _x(window, w)))
    rows: list[list[QWidget]] = []
    middle = -1
    for widget in placed:
        y = widget.mapTo(window, QPoint(0, 0)).y()
        if not rows or y >= middle:
            rows.append([])
            middle = y + widget.height() // 2
        middle = min(middle, y + widget.height() // 2)
        rows[-1].append(widget)
    return [w for row in rows for w in sorted(row, key=lambda w: _x(window, w))]


def _x(window: QWidget, widget: QWidget) -> int:
    return widget.mapTo(window, QPoint(0, 0)).x()


def move_focus(window: QWidget, columns: Sequence[QWidget], forward: bool) -> bool:
    """Give the focus to the next (or previous) stop after the focused widget, wrapping
    round; False when the window has no stops."""
    stops = tab_stops(window, columns)
    if not stops:
        return False
    current = QApplication.focusWidget()
    if current in stops:
        index = stops.index(current) + (1 if forward else -1)
    else:
        index = 0 if forward else -1
    reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
    stops[index % len(stops)].setFocus(reason)
    return True

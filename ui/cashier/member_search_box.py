"""The one search box: results appear as the cashier types; pick one by key or by touch."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.domain.member_search import LookupKind
from app.domain.members import MemberCandidate, MembershipStatus
from app.services.members import Identification, IdentifyProblem

VISIBLE_ROWS = 6
ROW_HEIGHT = 48


class MemberSearchBox(QWidget):
    """Signals:
    candidate_chosen(MemberCandidate): the cashier picked a member from the list.
    submitted(str): Enter with nothing picked: identify this text (exact identifiers).
    """

    candidate_chosen = Signal(object)
    submitted = Signal(str)

    def __init__(
        self,
        search: Callable[[str], Identification | None],
        language: str,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(objectName="memberSearchBox")
        self._search, self._language, self._today = search, language, today
        self._candidates: tuple[MemberCandidate, ...] = ()
        self._complete = False  # found by a whole identifier: Enter may take it unpicked
        self.edit = QLineEdit(objectName="memberSearch")
        self.edit.setPlaceholderText(
            self.tr("Phone or its last 4 digits, name, pinyin (zs), member or card no.")
        )
        self.edit.setMinimumHeight(44)
        self.edit.setClearButtonEnabled(True)
        self.edit.textEdited.connect(self.run_search)
        # A pop-over under the box, over whatever is below it: the results never push the
        # rest of the screen down (it belongs to the window once the box is in one).
        self.results = QListWidget(self, objectName="memberResults")
        self.results.setStyleSheet(
            "QListWidget { font-size: 12pt; background: white; border: 2px solid #1565c0; }"
        )
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the text field keeps the keys
        self.results.setVisible(False)
        self.results.itemActivated.connect(self._chosen)
        self.results.itemClicked.connect(self._chosen)
        self.edit.installEventFilter(self)  # once ``results`` exists: the filter reads it
        self.hint = QLabel(objectName="memberSearchHint")
        self.hint.setVisible(False)
        self.hint.setStyleSheet("color: #555;")
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.edit_row = QHBoxLayout()
        self.edit_row.addWidget(self.edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.edit_row)
        layout.addWidget(self.hint)

    @property
    def candidates(self) -> tuple[MemberCandidate, ...]:
        return self._candidates

    def run_search(self, text: str) -> None:
        if not text.strip():
            self.show_candidates(None)
            return
        found = self._search(text)
        if found is not None:  # None: the results come later, through show_candidates
            self.show_candidates(found)

    def show_candidates(self, found: Identification | None) -> None:
        """Fill the list from a search (``None`` or nothing found: hide it)."""
        self._candidates = found.candidates if found is not None else ()
        self._complete = found is not None and found.complete
        self.results.clear()
        for candidate in self._candidates:
            item = QListWidgetItem(self._line(candidate))
            item.setSizeHint(QSize(0, ROW_HEIGHT))
            item.setToolTip(item.text())
            self.results.addItem(item)
        self.hint.setText(self._hint(found))
        self.hint.setVisible(bool(self.hint.text()))
        self._place_results()

    def _place_results(self) -> None:
        """Float the list just under the text field (and the hint), as wide as the box,
        above everything else in the window; hidden when there is nothing to pick."""
        results, host = self.results, self.window()
        if not self._candidates:
            results.hide()
            return
        if results.parentWidget() is not host:
            results.setParent(host)
            host.installEventFilter(self)
        below = self.hint if self.hint.isVisibleTo(self) else self.edit
        top_left = below.mapTo(host, QPoint(0, below.height()))
        left = self.mapTo(host, QPoint(0, 0)).x()
        rows = min(len(self._candidates), VISIBLE_ROWS)
        height = rows * ROW_HEIGHT + 2 * results.frameWidth() + 4
        height = min(height, max(ROW_HEIGHT, host.height() - top_left.y()))
        results.setGeometry(left, top_left.y(), self.width(), height)
        results.show()
        results.raise_()

    def clear(self) -> None:
        self.edit.clear()
        self.show_candidates(None)

    def _line(self, candidate: MemberCandidate) -> str:
        tier = candidate.tier_name_zh if self._language == "zh" else candidate.tier_name_en
        line = f"{candidate.name}   {candidate.masked_phone}   {tier}   {candidate.member_no}"
        if candidate.status(self._today()) is MembershipStatus.EXPIRED:
            line += "   " + self.tr("(expired)")
        return line

    def _hint(self, found: Identification | None) -> str:
        if found is None:
            return ""
        if found.problem is IdentifyProblem.TOO_SHORT:
            return self.tr("Type at least 4 digits.")
        if not found.candidates:
            return ""
        if found.more:
            return self.tr("More than %1 matches: type more.").replace(
                "%1", str(len(found.candidates))
            )
        if len(found.candidates) == 1 and not found.complete:
            return self.tr("One match: pick it (↓ Enter, or tap).")
        if len(found.candidates) > 1:
            if found.kind is LookupKind.PHONE_LAST4:
                return (
                    self.tr("%1 members' phones end in %2: ask for the name.")
                    .replace("%1", str(len(found.candidates)))
                    .replace("%2", found.query)
                )
            return self.tr("%1 matches: pick one (↑↓ Enter, or tap).").replace(
                "%1", str(len(found.candidates))
            )
        return ""

    def _enter(self) -> None:
        """The one match of a whole identifier, or the row picked with ↑/↓: choose it. No
        list: identify the text. Otherwise nothing: a prefix or a name never guesses."""
        row = self.results.currentRow()
        if self._complete:
            self.candidate_chosen.emit(self._candidates[0])
        elif 0 <= row < len(self._candidates):
            self.candidate_chosen.emit(self._candidates[row])
        elif not self._candidates:
            self.submitted.emit(self.edit.text())

    def _chosen(self, item: QListWidgetItem) -> None:
        row = self.results.row(item)
        if 0 <= row < len(self._candidates):
            self.candidate_chosen.emit(self._candidates[row])

    def hideEvent(self, event: QHideEvent) -> None:
        self.results.hide()  # the pop-over goes with its box (a dialog closed, a page left)
        super().hideEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """↑/↓ in the text field move through the results without leaving the field.

        Enter is taken here, not through ``returnPressed``: a line edit passes Enter on,
        and in a dialog it would also press the dialog's default button (Merge, Enrol).
        """
        results = getattr(self, "results", None)
        if results is None or not isValid(results):  # the window's filter outlived the box
            return False
        if watched is results.parentWidget() and watched is not self:
            if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
                self._place_results()  # the window changed size: follow the box
            return False
        if not (
            watched is self.edit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            return super().eventFilter(watched, event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._enter()
            return True
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self._candidates:
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = max(0, min(len(self._candidates) - 1, self.results.currentRow() + step))
            self.results.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)

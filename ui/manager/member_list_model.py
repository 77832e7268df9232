"""The member list as a lazy table model: a page at a time, by keyset, off the GUI thread.

``apply(filter)`` prepares the filter and loads the first page in one background job;
the view's scrolling asks ``canFetchMore``/``fetchMore`` for the next page, fetched
after the last row's sort position (never an offset). A header click re-sorts in SQL
(``sort``). Results from a superseded filter are dropped (``_generation``). A count
above the service's cap is then counted exactly, also in the background.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.domain.member_filters import MemberFilter, SortKey, Status
from app.domain.money import format_money
from app.domain.staff import StaffMember
from app.services.member_list import MemberListService
from app.services.member_list_query import MemberCount, MemberListRow, PreparedList
from ui.background import BackgroundRunner

Index = QModelIndex | QPersistentModelIndex
MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class _Column:
    key: str
    sort: SortKey | None = None
    numeric: bool = False


COLUMNS = (
    _Column("member_no", SortKey.MEMBER_NO),
    _Column("name"),
    _Column("phone"),
    _Column("tier", SortKey.TIER),
    _Column("segment"),
    _Column("joined", SortKey.JOINED_ON),
    _Column("expires", SortKey.EXPIRES_ON),
    _Column("status"),
    _Column("last_visit", SortKey.LAST_VISIT),
    _Column("visits", numeric=True),
    _Column("spend", SortKey.SPEND, numeric=True),
    _Column("value", SortKey.VALUE, numeric=True),
    _Column("consent"),
)


class MemberListModel(QAbstractTableModel):
    """Rows of ``MemberListRow``; every service call runs on ``runner``.

    Signals:
        counted(object): the ``MemberCount`` of the filter applied (exact once known).
        loading_changed(bool): whether a page or a filter is being fetched.
        failed(object): the exception a background call raised.
        applied(object): the ``MemberFilter`` now shown (sort included).
    """

    counted = Signal(object)
    loading_changed = Signal(bool)
    failed = Signal(object)
    applied = Signal(object)

    def __init__(
        self,
        service: MemberListService,
        staff: StaffMember,
        runner: BackgroundRunner,
        language: str,
        page_size: int = 100,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service, self._staff, self._runner = service, staff, runner
        self._language, self._page_size = language, page_size
        self._rows: list[MemberListRow] = []
        self._prepared: PreparedList | None = None
        self._filter = MemberFilter()
        self._more = False
        self._loading = False
        self._generation = 0
        self._titles = {
            "member_no": self.tr("Member no"),
            "name": self.tr("Name"),
            "phone": self.tr("Phone"),
            "tier": self.tr("Tier"),
            "segment": self.tr("Segment"),
            "joined": self.tr("Joined"),
            "expires": self.tr("Expires"),
            "status": self.tr("Status"),
            "last_visit": self.tr("Last visit"),
            "visits": self.tr("Visits"),
            "spend": self.tr("Spend"),
            "value": self.tr("Value"),
            "consent": self.tr("Consent"),
        }
        self._statuses = {
            Status.ACTIVE: self.tr("Active"),
            Status.IN_GRACE: self.tr("In grace"),
            Status.LAPSED: self.tr("Lapsed"),
        }
        self.segment_names: dict[str, str] = {}

    # -- what the tab asks ----------------------------------------------------------

    @property
    def member_filter(self) -> MemberFilter:
        return self._filter

    @property
    def loading(self) -> bool:
        return self._loading

    def apply(self, member_filter: MemberFilter) -> None:
        """Show ``member_filter``'s members from the top (the old rows go at once)."""
        self._generation += 1
        generation = self._generation
        self.beginResetModel()
        self._rows, self._prepared, self._more = [], None, False
        self._filter = member_filter
        self.endResetModel()
        self.applied.emit(member_filter)
        self._set_loading(True)
        service, staff, size = self._service, self._staff, self._page_size

        def work() -> tuple[PreparedList, list[MemberListRow]]:
            prepared = service.prepare(staff, member_filter)
            return prepared, service.page(staff, prepared, None, size)

        self._runner.submit(work, self._guard(generation, self._first_page), self._failed)

    def reload(self) -> None:
        self.apply(self._filter)

    def row_at(self, row: int) -> MemberListRow:
        return self._rows[row]

    def sort_column(self, key: SortKey) -> int:
        return next(i for i, column in enumerate(COLUMNS) if column.sort is key)

    # -- Qt's model interface ---------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent) or self._prepared is None or not self._rows:
            return
        self._set_loading(True)
        prepared, after = self._prepared, self._rows[-1].position
        service, staff, size = self._service, self._staff, self._page_size
        self._runner.submit(
            lambda: service.page(staff, prepared, after, size),
            self._guard(self._generation, self._next_page),
            self._failed,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self._filter.sort, self._filter.descending):
            self.apply(self._filter.sorted_by(key, descending))

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[COLUMNS[section].key]
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section].key == "value":
            return self.tr(
                "What the member is worth: the spend of the next 3 years at their pace so far, "
                "nothing once they have stayed away a year; worked out each day and at each "
                "visit. Blank for members who declined automated decisions."
            )
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column.key)
        if role == MEMBER_ID_ROLE:
            return int(row.member_id)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: MemberListRow, key: str) -> str:
        if key == "member_no":
            return row.member_no
        if key == "name":
            return self.tr("(erased)") if row.erased else row.name
        if key == "phone":
            return "" if row.erased else row.masked_phone
        if key == "tier":
            return row.tier.name_zh if self._language == "zh" else row.tier.name_en
        if key == "segment":
            return self.segment_names.get(row.segment, row.segment)
        if key == "status":
            return self._statuses.get(row.status, "")
        if key == "visits":
            return str(row.visits)
        if key == "spend":
            return format_money(row.spend)
        if key == "value":
            return "" if row.value is None else format_money(row.value)
        if key == "consent":
            return self.tr("Yes") if row.marketing_consent else ""
        day = {"joined": row.joined_on, "expires": row.expires_on, "last_visit": row.last_visit_on}
        return _day(day[key])

    # -- results, on the GUI thread ---------------------------------------------------

    def _guard(self, generation: int, handle: Callable[[Any], None]) -> Callable[[Any], None]:
        """``handle`` only for the filter still shown; a stale result is dropped."""

        def handled(result: Any) -> None:
            if generation == self._generation:
                handle(result)

        return handled

    def _first_page(self, result: Any) -> None:
        prepared, rows = cast(tuple[PreparedList, list[MemberListRow]], result)
        self._prepared = prepared
        self.counted.emit(prepared.count)
        self._append(rows)
        if not prepared.count.exact:
            service, staff = self._service, self._staff
            self._runner.submit(
                lambda: service.exact_count(staff, prepared),
                self._guard(self._generation, self._exact),
                self.failed.emit,  # the capped count stays shown
            )

    def _exact(self, result: Any) -> None:
        self.counted.emit(MemberCount(cast(int, result), exact=True))

    def _next_page(self, result: Any) -> None:
        self._append(cast(list[MemberListRow], result))

    def _append(self, rows: list[MemberListRow]) -> None:
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._more = len(rows) == self._page_size
        self._set_loading(False)

    def _failed(self, error: Exception) -> None:
        self._set_loading(False)
        self.failed.emit(error)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)


def _day(day: date | None) -> str:
    return "" if day is None else day.isoformat()

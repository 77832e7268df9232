"""The Members tab of the manager's workspace: filter, scroll, save filters, and work a
selection (export, call list, mark as contacted). Phones are masked here; full data
leaves only through the service's audited exports."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, cast

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.member_filters import InvalidFilter, MemberFilter
from app.domain.staff import StaffMember
from app.domain.storage import StorageUnavailable
from app.domain.tiers import Tier
from app.exports.model import Language
from app.services.member_list import FilterRefused, MemberListService
from app.services.member_list_query import MemberCount
from app.services.saved_filters import SavedFilter, SavedFilterProblem, SavedFilterRefused
from ui.background import BackgroundRunner
from ui.cashier.server_work import failure_text
from ui.errors import describe_error
from ui.fit import TOUCH
from ui.jobs import InlineJobs, Jobs
from ui.manager.member_actions import MemberActions, PathChooser
from ui.manager.member_filter_bar import MemberFilterBar, problem_text, segment_names
from ui.manager.member_list_model import MemberListModel
from ui.manager.scope_picker import ScopePicker
from ui.manager.workspace_start import MemberListStart

NameAsker = Callable[[QWidget], str | None]


class MemberListTab(QWidget):
    """A thin view over ``MemberListService``; long calls run on ``runner``'s pool.

    ``choose_path`` and ``ask_name`` stand in for the save and name dialogs (tests);
    the bulk actions are ``bulk_actions`` (``MemberActions``).

    Signals:
        member_opened(int): a member was double-clicked (their member id).
    """

    member_opened = Signal(int)

    def __init__(
        self,
        service: MemberListService,
        tiers: Sequence[Tier],
        today: date,
        staff: StaffMember,
        language: str,
        choose_path: PathChooser | None = None,
        ask_name: NameAsker | None = None,
        parent: QWidget | None = None,
        start: MemberListStart | Exception | None = None,
        jobs: Jobs | None = None,
    ) -> None:
        """``start``: the scopes and saved filters read off the GUI thread as the workspace
        opened (``ui.manager.workspace_start``); else read here. ``jobs``: where saving and
        deleting a filter run (the counter's, off the GUI thread; else at once)."""
        super().__init__(parent)
        self.setObjectName("memberListTab")
        self._jobs = jobs or InlineJobs()
        self._service, self._staff = service, staff
        self._language: Language = "zh" if language.startswith("zh") else "en"
        self.ask_name = ask_name or _ask_name
        self.runner = BackgroundRunner(self, threads=3)
        self.filter_bar = MemberFilterBar(tiers, self._language, today)
        self.filter_bar.apply_requested.connect(self.apply_filter)
        self.model = MemberListModel(self._service, staff, self.runner, self._language, parent=self)
        self.model.segment_names = segment_names()
        self.model.counted.connect(self._counted)
        self.model.failed.connect(self._show_error)
        self.model.applied.connect(self._applied)
        self.table = QTableView(objectName="memberTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(TOUCH)  # a row is tapped
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # sorts by member no: what the model starts with
        self.table.doubleClicked.connect(self._double_clicked)
        self.model.rowsInserted.connect(self._fit_columns)
        self._fitted = False
        self.count_label = QLabel(objectName="countLabel")
        self.status_label = QLabel(objectName="memberListStatus")
        self.status_label.setWordWrap(True)

        self.scope_picker = self._scope_picker(staff, start)
        self.scope_picker.activated.connect(lambda _index: self.apply_filter())

        self.saved_combo = QComboBox(objectName="savedFilterCombo")
        self.saved_combo.setMinimumWidth(220)
        self.saved_combo.activated.connect(self._saved_chosen)
        self.save_button = self._button("saveFilterButton", self.tr("Save filter…"), self._save)
        self.delete_button = self._button("deleteFilterButton", self.tr("Delete"), self._delete)
        self._saved_problems = {
            SavedFilterProblem.BLANK_NAME: self.tr("Give the filter a name."),
            SavedFilterProblem.NAME_TOO_LONG: self.tr(
                "The name is too long (64 characters at most)."
            ),
            SavedFilterProblem.DUPLICATE_NAME: self.tr("A saved filter has this name already."),
            SavedFilterProblem.NOT_FOUND: self.tr("This saved filter was deleted meanwhile."),
        }
        self.bulk_actions = MemberActions(
            self._service,
            staff,
            self._language,
            self.runner,
            lambda: self.model.member_filter,
            self.selected_ids,
            choose_path,
        )
        self.bulk_actions.told.connect(self.status_label.setText)
        self.bulk_actions.failed.connect(self._show_error)

        saved = QHBoxLayout()
        saved.addWidget(QLabel(self.tr("Members of")))
        saved.addWidget(self.scope_picker)
        saved.addWidget(QLabel(self.tr("Saved filters")))
        saved.addWidget(self.saved_combo)
        saved.addWidget(self.save_button)
        saved.addWidget(self.delete_button)
        saved.addStretch(1)
        saved.addWidget(self.count_label)
        self._tools = saved
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addLayout(saved)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.bulk_actions)
        layout.addWidget(self.status_label)
        self._load_saved(
            saved=None if isinstance(start, Exception) or start is None else start.saved
        )
        self.model.apply(self._scoped(MemberFilter()))

    def _scope_picker(
        self, staff: StaffMember, start: MemberListStart | Exception | None
    ) -> ScopePicker:
        """This store, another store, a region or the chain (members joined there); a
        store manager's list starts with their store, a chain manager's with the chain."""
        try:
            if isinstance(start, Exception):
                raise start
            if start is None:
                start = MemberListStart(
                    self._service.scope_choices(staff), self._service.default_scope(staff), []
                )
            picker = ScopePicker(start.scopes)
            picker.select_scope(start.default_scope)
        except Exception as exc:  # the list still opens; the error is said below it
            self.status_label.setText(describe_error(exc))
            picker = ScopePicker(())
        picker.setObjectName("memberScopePicker")
        picker.setMinimumWidth(180)
        return picker

    def _scoped(self, member_filter: MemberFilter) -> MemberFilter:
        if not self.scope_picker.choices:
            return member_filter
        return replace(member_filter, scope=self.scope_picker.scope())

    def add_tool(self, button: QPushButton) -> None:
        """A button of another module on the saved-filters row (e.g. Import members…)."""
        self._tools.insertWidget(self._tools.count() - 2, button)

    # -- filtering ----------------------------------------------------------------

    def apply_filter(self) -> None:
        try:
            member_filter = self.filter_bar.member_filter(self.model.member_filter)
        except InvalidFilter as exc:
            self.status_label.setText(problem_text(exc.problem))
            return
        self.status_label.clear()
        self.model.apply(self._scoped(member_filter))

    def _applied(self, member_filter: object) -> None:
        f = cast(MemberFilter, member_filter)
        self.count_label.setText(self.tr("Counting…"))
        order = self.table.horizontalHeader()
        column = self.model.sort_column(f.sort)
        wanted = Qt.SortOrder.DescendingOrder if f.descending else Qt.SortOrder.AscendingOrder
        if order.sortIndicatorSection() != column or order.sortIndicatorOrder() != wanted:
            order.blockSignals(True)  # the model already shows this sort: no second query
            order.setSortIndicator(column, wanted)
            order.blockSignals(False)

    def _counted(self, count: object) -> None:
        counted = cast(MemberCount, count)
        shown = f"{counted.value:,}"
        if not counted.exact:
            text = self.tr("More than {count} members (counting all…)").format(count=shown)
        elif counted.value == 1:
            text = self.tr("1 member")
        else:
            text = self.tr("{count} members").format(count=shown)
        self.count_label.setText(text)

    def _fit_columns(self) -> None:
        """Columns as wide as the first page needs (once: later pages keep the widths)."""
        if self._fitted:
            return
        self._fitted = True
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)  # sizing to contents undid the stretch
        header.setStretchLastSection(True)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.member_opened.emit(int(self.model.row_at(index.row()).member_id))

    # -- saved filters ------------------------------------------------------------

    def _load_saved(
        self, select: int | None = None, saved: list[SavedFilter] | None = None
    ) -> None:
        try:
            saved = self._service.saved_filters(self._staff) if saved is None else saved
        except Exception as exc:
            self._show_error(exc)
            return
        self.saved_combo.clear()
        self.saved_combo.addItem(self.tr("Choose a saved filter…"), None)
        for item in saved:
            self.saved_combo.addItem(item.name, item)
            if item.filter_id == select:
                self.saved_combo.setCurrentIndex(self.saved_combo.count() - 1)
        self.delete_button.setEnabled(self.saved_combo.currentData() is not None)

    def _saved_chosen(self, index: int) -> None:
        item = cast(SavedFilter | None, self.saved_combo.itemData(index))
        self.delete_button.setEnabled(item is not None)
        if item is not None:
            self.filter_bar.set_filter(item.filter)
            self.status_label.clear()
            self.model.apply(self._scoped(item.filter))

    def _save(self) -> None:
        try:
            member_filter = self.filter_bar.member_filter(self.model.member_filter)
        except InvalidFilter as exc:
            self.status_label.setText(problem_text(exc.problem))
            return
        name = self.ask_name(self)
        if name is None:
            return
        service, staff = self._service, self._staff

        def save() -> tuple[SavedFilter, list[SavedFilter]]:
            saved = service.save_filter(staff, name, member_filter)
            return saved, service.saved_filters(staff)

        self._jobs.run(self, save, self._filter_saved, self._show_error)

    def _filter_saved(self, result: tuple[SavedFilter, list[SavedFilter]]) -> None:
        saved, listed = result
        self._load_saved(select=saved.filter_id, saved=listed)
        self.status_label.setText(self.tr("Filter saved as “{name}”.").format(name=saved.name))

    def _delete(self) -> None:
        item = cast(SavedFilter | None, self.saved_combo.currentData())
        if item is None:
            return
        service, staff = self._service, self._staff

        def delete() -> list[SavedFilter]:
            service.delete_filter(staff, item.filter_id)
            return service.saved_filters(staff)

        def deleted(listed: list[SavedFilter]) -> None:
            self._load_saved(saved=listed)
            text = self.tr("Saved filter “{name}” deleted.").format(name=item.name)
            self.status_label.setText(text)

        self._jobs.run(self, delete, deleted, self._show_error)

    # -- the selection ------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [int(self.model.row_at(row).member_id) for row in rows]

    # -- helpers ------------------------------------------------------------------

    def _show_error(self, error: object) -> None:
        if isinstance(error, FilterRefused):
            self.status_label.setText(problem_text(error.problem))
        elif isinstance(error, SavedFilterRefused):
            self.status_label.setText(self._saved_problems[error.problem])
        elif isinstance(error, StorageUnavailable):  # no answer: nothing was saved
            self.status_label.setText(failure_text(error))
        elif isinstance(error, Exception):
            self.status_label.setText(describe_error(error))

    def _button(self, name: str, text: str, handler: Callable[[], Any]) -> QPushButton:
        button: QPushButton = QPushButton(text, objectName=name)
        button.setMinimumHeight(36)
        button.clicked.connect(handler)
        return button


def _ask_name(parent: QWidget) -> str | None:
    translate = QCoreApplication.translate
    name, accepted = QInputDialog.getText(
        parent,
        translate("MemberListTab", "Save filter"),
        translate("MemberListTab", "Name of this filter:"),
    )
    return name if accepted else None

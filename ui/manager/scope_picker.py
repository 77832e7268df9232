"""The manager's scope picker: this store, another store, a region or city, or the whole
chain (a store manager is offered their own store only: ``ReportService.scope_choices``)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QWidget

from app.domain.store_scope import ScopeChoice, StoreScope, scope_of


class ScopePicker(QComboBox):
    def __init__(self, choices: Sequence[ScopeChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scopePicker")
        self.setMinimumHeight(40)
        self.choices = tuple(choices)
        for choice in self.choices:
            self.addItem(self._title(choice))
        self.setEnabled(len(self.choices) > 1)

    def _title(self, choice: ScopeChoice) -> str:
        if choice.kind == "this_store":
            return self.tr("This store ({name})").format(name=choice.name)
        if choice.kind == "store":
            return self.tr("Store: {name}").format(name=choice.name)
        if choice.kind == "region":
            return self.tr("Region: {name}").format(name=choice.name)
        return self.tr("Whole chain")

    def values(self) -> dict[str, str]:
        """The reports' ``store`` and ``region`` parameters for the entry picked."""
        if not self.choices:
            return {}
        return self.choices[max(self.currentIndex(), 0)].values()

    def scope(self) -> StoreScope:
        """The entry picked as a scope (the Members tab's filter)."""
        values = self.values()
        return scope_of(values.get("store", ""), values.get("region", ""))

    def select_scope(self, scope: StoreScope) -> None:
        """Pick the entry covering ``scope`` (left as it is when none does)."""
        for index, choice in enumerate(self.choices):
            if scope_of(choice.store, choice.region) == scope:
                self.setCurrentIndex(index)
                return

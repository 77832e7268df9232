"""The allergy guard: a dish carrying an allergen the member on the order is allergic to
is flagged in red on the order, and the cashier keeps it only after saying the guest knows.

It asks when the dish is added for an allergic member, and when an allergic member is
attached to an order that already has such dishes. What the cashier kept stays
acknowledged for that member until the order is paid or dropped; what they refused comes
off the order.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.draft import OrderDraft
from app.domain.menu import Allergen, MenuItem
from app.menu_admin.allergens import mentioned_in
from ui.cashier.order_panel import OrderPanel
from ui.menu_text import allergen_labels

FLAG_BACKGROUND = QColor("#ffd6d6")
FLAG_TEXT = QColor("#a00000")
SELECTED_FLAG = "QTableWidget { selection-background-color: #b00020; selection-color: white; }"


def clashes(draft: OrderDraft) -> dict[MenuItem, frozenset[Allergen]]:
    """The order's dishes that carry an allergen the member's recorded allergies mention."""
    member = draft.member
    if member is None or not member.allergies:
        return {}
    allergic = mentioned_in(member.allergies)
    found = {line.item: line.item.allergens & allergic for line in draft.lines()}
    return {item: clash for item, clash in found.items() if clash}


class AllergyGuard:
    """``review`` asks about each clash not yet acknowledged; ``paint`` flags the rows."""

    def __init__(
        self,
        parent: QWidget,
        draft: Callable[[], OrderDraft],
        take_off: Callable[[MenuItem], None],
        language: str,
        kept: Callable[[int, MenuItem, frozenset[Allergen]], None] = lambda *_: None,
    ) -> None:
        """``kept(member_id, item, allergens)`` records each acknowledgement (the audit)."""
        self._parent, self._draft, self._take_off = parent, draft, take_off
        self._kept = kept
        self._language = language
        self._acknowledged: set[tuple[int, str]] = set()
        self._for: OrderDraft | None = None
        self._asking = False

    def acknowledged(self) -> dict[MenuItem, frozenset[Allergen]]:
        """The clashes on the order the cashier kept knowingly."""
        draft = self._current()
        member = draft.member
        if member is None:
            return {}
        return {
            item: clash
            for item, clash in clashes(draft).items()
            if (member.member_id, item.code) in self._acknowledged
        }

    def review(self) -> bool:
        """Ask about every clash not acknowledged yet; ``True`` when something came off."""
        if self._asking:
            return False
        self._asking = True
        removed = False
        try:
            draft = self._current()
            member = draft.member
            for item, clash in clashes(draft).items():
                if member is None or (member.member_id, item.code) in self._acknowledged:
                    continue
                if self._keep(item, clash, member.name, member.allergies):
                    self._acknowledged.add((member.member_id, item.code))
                    self._kept(member.member_id, item, clash)
                else:
                    self._take_off(item)
                    removed = True
        finally:
            self._asking = False
        return removed

    def paint(self, panel: OrderPanel) -> None:
        """Red rows, with the allergen in the name's tooltip, for every clash on the order."""
        found = clashes(self._current())
        lines = self._current().lines()
        selected = {index.row() for index in panel.table.selectionModel().selectedRows()}
        flagged_selected = False
        for row, line in enumerate(lines):
            clash = found.get(line.item)
            if not clash:
                continue
            flagged_selected = flagged_selected or row in selected
            tip = QCoreApplication.translate("AllergyGuard", "Allergy: contains %1").replace(
                "%1", allergen_labels(clash)
            )
            for column in range(panel.table.columnCount()):
                cell = panel.table.item(row, column)
                if cell is None:
                    continue
                cell.setBackground(QBrush(FLAG_BACKGROUND))
                cell.setForeground(QBrush(FLAG_TEXT))
                cell.setToolTip(tip)
            name = panel.table.item(row, 0)
            if name is not None and not name.text().startswith("⚠"):
                name.setText(f"⚠ {name.text()}")
        # A selected row is painted in the selection colour: keep a flagged one red.
        panel.table.setStyleSheet(SELECTED_FLAG if flagged_selected else "")

    def _current(self) -> OrderDraft:
        draft = self._draft()
        if draft is not self._for:  # a new order: nothing acknowledged on it yet
            self._for = draft
            self._acknowledged.clear()
        return draft

    def _keep(
        self, item: MenuItem, clash: frozenset[Allergen], member: str, allergies: str
    ) -> bool:
        translate = QCoreApplication.translate
        dish = item.name_zh if self._language == "zh" else item.name_en
        text = translate(
            "AllergyGuard",
            "%1 contains %2. %3 is allergic (recorded: “%4”).\n\n"
            "Keep it on the order only if the guest knows and wants it.",
        )
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("AllergyGuard", "Allergy warning"),
            text.replace("%1", dish)
            .replace("%2", allergen_labels(clash))
            .replace("%3", member)
            .replace("%4", allergies),
            parent=self._parent,
        )
        box.setObjectName("allergyGuard")
        box.setStyleSheet("QLabel { color: #a00000; font-weight: bold; }")
        keep = box.addButton(
            translate("AllergyGuard", "Keep it: the guest knows"), QMessageBox.ButtonRole.AcceptRole
        )
        keep.setObjectName("allergyKeep")
        drop = box.addButton(
            translate("AllergyGuard", "Take it off the order"), QMessageBox.ButtonRole.RejectRole
        )
        drop.setObjectName("allergyTakeOff")
        box.setDefaultButton(drop)
        box.setEscapeButton(drop)
        for button in (keep, drop):
            button.setMinimumHeight(44)
        box.exec()
        return box.clickedButton() is keep

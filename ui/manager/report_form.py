"""A form for one report's parameters: an editor per parameter, built from its kind."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from app.reports.model import ParamKind, ParamValue
from app.services.reports import ParamInfo

Editor = QDateEdit | QSpinBox | QComboBox | QCheckBox | QLineEdit


class ReportParamForm(QWidget):
    """One row per parameter, named ``param_<name>`` for tests and accessibility."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QFormLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._editors: dict[str, tuple[ParamInfo, Editor]] = {}

    def set_params(self, params: Sequence[ParamInfo]) -> None:
        while self._layout.rowCount():
            self._layout.removeRow(0)
        self._editors = {}
        for param in params:
            editor = _editor(param)
            editor.setObjectName(f"param_{param.name}")
            editor.setMinimumHeight(36)
            self._layout.addRow(param.title, editor)
            self._editors[param.name] = (param, editor)

    def editor(self, name: str) -> Editor:
        return self._editors[name][1]

    def values(self) -> dict[str, ParamValue]:
        values: dict[str, ParamValue] = {}
        for name, (param, editor) in self._editors.items():
            if isinstance(editor, QDateEdit):
                picked = editor.date()
                values[name] = date(picked.year(), picked.month(), picked.day())
            elif isinstance(editor, QSpinBox):
                values[name] = editor.value()
            elif isinstance(editor, QComboBox):
                values[name] = param.choices[max(editor.currentIndex(), 0)]
            elif isinstance(editor, QCheckBox):
                values[name] = editor.isChecked()
            else:
                values[name] = editor.text().strip()
        return values


def _editor(param: ParamInfo) -> Editor:
    default = param.default
    if param.kind is ParamKind.DATE and isinstance(default, date):
        edit = QDateEdit(QDate(default.year, default.month, default.day))
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setCalendarPopup(True)
        return edit
    if param.kind is ParamKind.INTEGER:
        spin = QSpinBox()
        spin.setRange(0, 100_000)
        spin.setValue(int(default) if isinstance(default, int) else 0)
        return spin
    if param.kind is ParamKind.CHOICE:
        combo = QComboBox()
        combo.addItems(list(param.choice_titles or param.choices))
        if default in param.choices:
            combo.setCurrentIndex(param.choices.index(str(default)))
        return combo
    if param.kind is ParamKind.FLAG:
        check = QCheckBox()
        check.setChecked(bool(default))
        return check
    return QLineEdit(str(default))

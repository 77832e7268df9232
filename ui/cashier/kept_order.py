"""The open order, kept on disk as the cashier builds it: after a crash, a power cut or a
restart the till opens with it again instead of losing it."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from app.domain.draft_snapshot import RestoredOrder, snapshot
from app.open_order_file import OpenOrderFile
from ui.cashier.presenter import CashierPresenter, Resumed

log = logging.getLogger(__name__)


class KeptOrder:
    def __init__(self, file: OpenOrderFile, presenter: CashierPresenter) -> None:
        self._file, self._presenter = file, presenter
        self._saved: str | None = None
        self.paying_when_stopped = False

    def resume_job(self) -> Callable[[], Resumed] | None:
        """The kept order's database work, to run off the GUI thread (``resumed`` the
        result); ``None`` when nothing was kept. The file stays until it is back."""
        saved = self._file.load()
        if saved is None:
            return None
        self.paying_when_stopped = bool(saved.get("paying"))
        return self._presenter.resume_job(saved)

    def resumed(self, found: Resumed) -> RestoredOrder | None:
        restored = self._presenter.resumed(found)
        if restored is None:
            self._file.clear()
        return restored

    def save(self, paying: bool = False) -> None:
        """After every change; unchanged orders are not written again. A write that fails
        is logged and never stops the counter."""
        draft = self._presenter.draft
        try:
            if draft.is_empty() and draft.member is None:
                if self._saved is not None:
                    self._file.clear()
                    self._saved = None
                return
            order = {**snapshot(draft), "paying": paying}
            text = json.dumps(order, sort_keys=True)
            if text != self._saved:
                self._file.save(order)
                self._saved = text
        except OSError as error:
            log.warning("the open order could not be kept on disk: %s", error)


def resumed_message(restored: RestoredOrder, paying_when_stopped: bool) -> str:
    translate = QCoreApplication.translate
    parts = [translate("KeptOrder", "The order that was open when the till stopped is back.")]
    if paying_when_stopped:
        parts.append(
            translate(
                "KeptOrder",
                "It was being paid at that moment: check the last orders before taking "
                "payment again.",
            )
        )
    if restored.dishes_left_out:
        left_out = translate("KeptOrder", "Dishes left out, no longer on sale: %1.")
        parts.append(left_out.replace("%1", str(len(restored.dishes_left_out))))
    if restored.discounts_dropped:
        parts.append(translate("KeptOrder", "Manual discounts need approving again."))
    return " ".join(parts)

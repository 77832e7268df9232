"""What the cashier window does when the member panel's loyalty buttons are pressed:
renewal, upgrade, coupons, points, top-up, corrections, "why this price" and the rules."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from ui.cashier.adjust_dialog import AdjustDialog
from ui.cashier.member_panel import MemberPanel
from ui.cashier.presenter import CashierPresenter
from ui.cashier.top_up_dialog import TopUpDialog
from ui.cashier.why_price_dialog import WhyPriceDialog
from ui.manager.loyalty_rules_dialog import LoyaltyRulesDialog


class LoyaltyActions(QObject):
    def __init__(
        self,
        window: QWidget,
        presenter: CashierPresenter,
        member_panel: MemberPanel,
        language: str,
        refresh: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self._window, self._presenter, self._panel = window, presenter, member_panel
        self._language, self._refresh = language, refresh
        member_panel.adjust_requested.connect(self.adjust)
        member_panel.renewal_toggled.connect(self._changed(presenter.toggle_renewal))
        member_panel.upgrade_toggled.connect(self._changed(presenter.toggle_upgrade, True))
        member_panel.top_up_requested.connect(self.top_up)
        member_panel.redeem_points_toggled.connect(
            lambda redeem: self._changed(lambda: presenter.set_redeem_points(redeem), True)()
        )
        member_panel.coupon_toggled.connect(
            lambda coupon_id: self._changed(lambda: presenter.toggle_coupon(coupon_id), True)()
        )

    def _changed(self, change: Callable[[], None], show_total: bool = False) -> Callable[[], None]:
        """The order changed: show the new total on the customer display when asked."""

        def run() -> None:
            change()
            if show_total:
                self._presenter.show_total()
            self._refresh()

        return run

    def adjust(self) -> None:
        presenter = self._presenter
        member = presenter.draft.member
        if member is None:
            return
        dialog = AdjustDialog(
            presenter.till, presenter.cashier, member, self._language, self._window
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.member is not None:
            presenter.attach(dialog.member)
            self._panel.show_message(self.tr("Adjustment recorded."), problem=False)
            self._refresh()

    def top_up(self) -> None:
        presenter = self._presenter
        dialog = TopUpDialog(
            presenter.rules.top_up_rules,
            presenter.till.currency,
            presenter.draft.top_up_amount,
            self._window,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.amount is not None:
            presenter.set_top_up(dialog.amount)
            self._refresh()

    def edit_rules(self) -> None:
        presenter = self._presenter
        till = presenter.till
        dialog = LoyaltyRulesDialog(
            till.loyalty_admin, presenter.cashier, till.currency, self._language, self._window
        )
        dialog.rules_changed.connect(self._changed(presenter.reload_rules))
        dialog.exec()

    def why_price(self) -> None:
        presenter = self._presenter
        WhyPriceDialog(
            presenter.bill(),
            presenter.draft.member,
            presenter.outlook,
            presenter.rules,
            presenter.savings_as_member(),
            presenter.till.currency,
            self._language,
            self._window,
        ).exec()

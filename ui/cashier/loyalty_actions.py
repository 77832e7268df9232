"""What the cashier window does when the member panel's loyalty buttons are pressed:
renewal, upgrade, coupons, points, top-up, corrections, "why this price" and the rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QDialog, QWidget

from app.campaigns.desk import CampaignDesk
from app.domain.members import MemberSummary
from app.domain.money import Currency
from app.services.adjustments import AdjustmentService
from app.services.loyalty_admin import LoyaltyAdminService
from ui.cashier.adjust_dialog import AdjustDialog
from ui.cashier.approval_dialog import Approvers
from ui.cashier.member_panel import MemberPanel
from ui.cashier.presenter import CashierPresenter, RulesRead
from ui.cashier.reload import Reload
from ui.cashier.server_work import ServerWork
from ui.cashier.top_up_dialog import TopUpDialog
from ui.cashier.why_price_dialog import WhyPriceDialog
from ui.manager.loyalty_rules_dialog import LoyaltyRulesDialog
from ui.needs_server import refused_offline


@dataclass(frozen=True)
class LoyaltyDesk:
    """What the loyalty buttons reach beyond the order itself: hand corrections (which may
    need a manager's approval), the
    programme's rules editor, and the currency amounts are typed and shown in. Only
    these actions use them, so the window hands them over together."""

    adjustments: AdjustmentService
    loyalty_admin: LoyaltyAdminService
    approvers: Approvers
    currency: Currency
    campaigns: CampaignDesk | None = None
    """A new targeted offer's control group starts its campaign (``None``: no campaigns)."""


class LoyaltyActions(QObject):
    def __init__(
        self,
        window: QWidget,
        presenter: CashierPresenter,
        member_panel: MemberPanel,
        language: str,
        desk: LoyaltyDesk,
        refresh: Callable[[], None],
        work: ServerWork,
        attach: Callable[[MemberSummary, str], None],
    ) -> None:
        super().__init__(window)
        self._window, self._presenter, self._panel = window, presenter, member_panel
        self._language, self._refresh, self._desk, self._work = language, refresh, desk, work
        self._attach = attach
        self._rules = Reload(work, window, presenter.reload_rules_job, self._rules_read)
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
        desk = self._desk
        dialog = AdjustDialog(
            desk.adjustments,
            presenter.catalog.tiers,
            presenter.rules,  # tiers and offers as the order is priced: no read here
            desk.approvers,
            desk.currency,
            presenter.cashier,
            member,
            self._language,
            self._work,
            self._window,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.member is not None:
            self._attach(dialog.member, self.tr("Adjustment recorded."))

    def top_up(self) -> None:
        presenter = self._presenter
        dialog = TopUpDialog(
            presenter.rules.top_up_rules,
            self._desk.currency,
            presenter.draft.top_up_amount,
            self._window,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.amount is not None:
            presenter.set_top_up(dialog.amount)
            self._refresh()

    def edit_rules(self) -> None:
        title = QCoreApplication.translate("LoyaltyRulesDialog", "Loyalty programme")
        if refused_offline(self._window, title):  # rule changes are made on the server
            return
        presenter = self._presenter
        desk = self._desk
        dialog = LoyaltyRulesDialog(
            desk.loyalty_admin,
            presenter.cashier,
            desk.currency,
            self._language,
            self._window,
            jobs=self._work,  # read and saved off the GUI thread
            campaigns=desk.campaigns,
        )
        dialog.rules_changed.connect(self._rules.start)
        dialog.exec()

    def _rules_read(self, read: RulesRead) -> None:
        self._presenter.rules_reloaded(read)
        self._refresh()

    def why_price(self) -> None:
        presenter = self._presenter
        WhyPriceDialog(
            presenter.bill(),
            presenter.draft.member,
            presenter.outlook,
            presenter.rules,
            presenter.savings_as_member(),
            self._desk.currency,
            self._language,
            self._window,
        ).exec()

"""Open the cash drawer without a sale: a cashier needs a manager's PIN or badge. The
audit record and the queued drawer kick are written off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.domain.approvals import Approval
from app.domain.staff import StaffMember
from ui.cashier.approval_jobs import run_approved
from ui.cashier.screen import CashierScreen
from ui.cashier.server_work import ServerWork


def open_drawer_without_sale(
    screen: CashierScreen,
    staff: StaffMember,
    work: ServerWork,
    parent: QWidget,
    say: Callable[[str], None],
) -> None:
    """``say`` hears, later, that the drawer opened or why not (empty: cancelled)."""
    translate, drawer = QCoreApplication.translate, screen.drawer

    def attempt(approval: Approval | None) -> Callable[[], None]:
        return lambda: drawer.open_no_sale(staff, approval)

    run_approved(
        drawer.needs_approval(staff),
        translate("CashierWindow", "Open the cash drawer without a sale"),
        screen.approvers,
        attempt,
        work,
        parent,
        lambda _none: say(translate("CashierWindow", "Cash drawer opened (no sale).")),
        say,
    )

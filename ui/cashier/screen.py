"""What the cashier window hands out besides the presenter (``ui.cashier.compose`` builds it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.domain.money import Currency
from app.offline.counter import OfflineCounter
from app.server_link.probe import ServerProbe
from app.services.auth import AuthService
from app.services.drawer import DrawerService
from app.services.refunds import Refunds
from ui.cashier.approval_dialog import Approvers
from ui.cashier.device_status import TillDevices
from ui.cashier.loyalty_actions import LoyaltyDesk
from ui.cashier.membership_actions import MembershipServices
from ui.manager.workspace import WorkspaceServices

if TYPE_CHECKING:
    from app.dishes.habits import DishHabits


@dataclass(frozen=True)
class CashierScreen:
    """Grouped by who gets it: the devices (status bar and device callbacks), the
    counter's own buttons (no sale, my badge, refunds, each behind ``approvers`` where a
    manager must agree), the membership and loyalty actions, and the manager's
    workspace. One value because the window is the one place that hands them out."""

    till_id: str
    currency: Currency
    training: bool
    """The till is in training: no way into training from here."""
    devices: TillDevices
    approvers: Approvers
    auth: AuthService
    drawer: DrawerService
    refunds: Refunds
    """Switched to the local copy while the counter sells there (``app.offline.switched``)."""
    membership: MembershipServices
    loyalty: LoyaltyDesk
    back_office: WorkspaceServices
    server_probe: ServerProbe | None = None
    """Asked in the background while the database cannot be reached."""
    dish_habits: DishHabits | None = None
    usual_dishes: bool = False
    pairing_hints: bool = False
    """The member panel's usual dishes and pairing suggestion (``ui.cashier.dish_hints``)."""
    offline: OfflineCounter | None = None
    """The counter on the local copy while the server is gone (a till on a shared server)."""

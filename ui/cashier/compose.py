"""The cashier screen's composition: the one place below ``ui.app`` that unpacks a
``Till`` into what the presenter, the window's panels, dialogs and actions each need."""

from __future__ import annotations

from dataclasses import replace

from app.bootstrap import Till
from app.config import data_dir
from app.domain.staff import StaffMember
from app.open_order_file import OpenOrderFile, open_order_folder
from app.receipt_text import Language
from app.services.refunds import Refunds
from ui.background import BackgroundRunner
from ui.cashier.approval_dialog import Approvers
from ui.cashier.counter_start import CounterStart
from ui.cashier.device_status import TillDevices
from ui.cashier.enrol_dialog import Enrolling
from ui.cashier.kept_order import KeptOrder
from ui.cashier.loyalty_actions import LoyaltyDesk
from ui.cashier.membership_actions import MembershipServices
from ui.cashier.ports import CashierServices
from ui.cashier.presenter import CashierPresenter
from ui.cashier.screen import CashierScreen
from ui.cashier.window import CashierWindow
from ui.manager.workspace import WorkspaceServices


def cashier_services(till: Till) -> CashierServices:
    """The till's services; on a shared server each switched to the local copy while the
    counter sells there (``app.offline.switched``)."""
    services = CashierServices(
        clock=till.clock,
        menu=till.catalog,
        loyalty=till.loyalty,
        members=till.members,
        checkout=till.checkout,
        manual_discounts=till.manual_discounts,
        display=till.display,
    )
    counter = till.offline_counter
    if counter is None:
        return services
    from app.offline import switched

    return replace(
        services,
        menu=switched.SwitchedMenu(till.catalog, counter),
        loyalty=switched.SwitchedLoyalty(till.loyalty, counter),
        members=switched.SwitchedMembers(till.members, counter),
        checkout=switched.SwitchedCheckout(till.checkout, counter),
    )


def cashier_screen(till: Till) -> CashierScreen:
    counter = till.offline_counter
    refunds: Refunds = till.refunds
    on_duty = till.auth.staff_on_duty
    if counter is not None:  # refunds of offline sales, approved on the copy
        from app.offline import switched

        refunds = switched.SwitchedRefunds(till.refunds, counter)
        on_duty = switched.SwitchedStaff(till.auth, counter).staff_on_duty
    approvers = Approvers(on_duty, till.card_reader)
    currency = till.currency
    return CashierScreen(
        till_id=till.config.till_id,
        currency=currency,
        training=till.till_mode.training,
        devices=TillDevices(
            printer=till.printer,
            printer_url=till.config.printer_url,
            card_reader=till.card_reader,
            spooler=till.spooler,
            display=till.display,
            print_preview=till.print_preview,
        ),
        approvers=approvers,
        auth=till.auth,
        drawer=till.drawer,
        refunds=refunds,
        membership=MembershipServices(
            enrolment=till.enrolment,
            guest_notes=till.guest_notes,
            merge=till.merge,
            members=till.members,
            approvers=approvers,
            currency=currency,
            enrolling=_switched_enrolment(till),
        ),
        loyalty=LoyaltyDesk(
            adjustments=till.adjustments,
            loyalty_admin=till.loyalty_admin,
            approvers=approvers,
            currency=currency,
            campaigns=till.campaigns,
        ),
        back_office=WorkspaceServices(
            member_lists=till.member_lists,
            loyalty=till.loyalty,
            member_story=till.member_story,
            reports=till.reports,
            approvers=approvers,
            clock=till.clock,
            currency=currency,
            till_id=till.config.till_id,
            staff_admin=till.staff_admin,
            member_import=till.member_import,
            menu_admin=till.menu_admin,
            restaurant_profile=till.restaurant_profile,
            whatif=till.whatif,
            campaigns=till.campaigns,
        ),
        server_probe=till.server_probe,
        dish_habits=till.dish_habits,
        usual_dishes=till.config.usual_dishes,
        pairing_hints=till.config.pairing_hints,
        offline=till.offline_counter,
    )


def _switched_enrolment(till: Till) -> Enrolling | None:
    counter = till.offline_counter
    if counter is None:
        return None
    from app.offline.switched import SwitchedEnrolment

    return SwitchedEnrolment(till.enrolment, counter)


def counter_services(till: Till, offline: bool = False) -> CashierServices:
    """The presenter's services; ``offline``: signed in from the local copy
    (``ui.cashier.opened_offline``), so the menu and rules come from the copy."""
    services = cashier_services(till)
    if offline:
        from ui.cashier.opened_offline import from_copy

        services = from_copy(services, till)
    return services


def cashier_window(
    till: Till,
    staff: StaffMember,
    language: Language,
    jobs: BackgroundRunner | None = None,
    offline: bool = False,
    start: CounterStart | None = None,
) -> CashierWindow:
    """The cashier window for ``staff``, signed in at ``till``, with the order kept from
    before a stop, or a fresh one; its database work runs on ``jobs`` (else its own).
    ``start``: what the counter opens with, read off the GUI thread from
    ``counter_services(till, offline)`` (``counter_start_job``); else read here."""
    presenter = CashierPresenter(counter_services(till, offline), staff, start)
    window = CashierWindow(presenter, cashier_screen(till), language, jobs)
    folder = open_order_folder(till.config.database_url, data_dir())
    window.keep_order(KeptOrder(OpenOrderFile(folder, till.config.till_id), presenter))
    return window

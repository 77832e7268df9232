"""The cashier window: menu, order, member, payment and the receipt preview."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.domain.draft_snapshot import RestoredOrder
from app.domain.loyalty import LoyaltyRules
from app.domain.members import MemberCandidate, MemberSummary
from app.domain.menu import Allergen, MenuItem
from app.domain.money import format_money
from app.domain.payment import Tender
from app.domain.service_type import ServiceType
from app.domain.staff import Permission, role_allows
from app.errors import TillError
from app.offline.print_jobs import PrintJobs, SwitchedPrintJobs
from app.ports import DisplayPreview, SimulatesSwipes
from app.receipt_text import Language
from app.services.catalog import Catalog
from app.services.members import Identification
from app.services.printing import slip_text
from ui.background import BackgroundRunner
from ui.cashier.allergy_guard import AllergyGuard
from ui.cashier.badge_dialog import BadgeDialog
from ui.cashier.counter_jobs import CounterJobs
from ui.cashier.counter_keys import CounterKeys, install_shortcuts
from ui.cashier.device_bridge import DeviceBridge
from ui.cashier.device_status import DeviceStatus
from ui.cashier.dialogs import (
    CardPaymentDialog,
    CashPaymentDialog,
    StoredValuePaymentDialog,
    SwipeDialog,
    TableDialog,
)
from ui.cashier.discard import confirm_new_order
from ui.cashier.dish_hints import DishHints
from ui.cashier.failures import FailureNotice, SafetyNet
from ui.cashier.identify_text import problem_text
from ui.cashier.kept_order import KeptOrder, resumed_message
from ui.cashier.kept_order_restore import KeptOrderRestore
from ui.cashier.key_map_dialog import KeyMapDialog
from ui.cashier.loyalty_actions import LoyaltyActions
from ui.cashier.manual_discount_dialog import ManualDiscountDialog
from ui.cashier.member_panel import MemberPanel
from ui.cashier.membership_actions import MembershipActions
from ui.cashier.menu_panel import MenuPanel
from ui.cashier.more_menu import MoreMenu
from ui.cashier.no_sale import open_drawer_without_sale
from ui.cashier.offline_status import OfflineStatus
from ui.cashier.offline_text import offline_refusal
from ui.cashier.order_panel import OrderPanel
from ui.cashier.paying_bar import paying_bar
from ui.cashier.presenter import CashierPresenter, Found, ItemUnavailable, Payment
from ui.cashier.print_jobs_dialog import PrintJobsDialog
from ui.cashier.quantity_dialog import QuantityDialog
from ui.cashier.refund_dialog import refund_at_counter
from ui.cashier.reload import Reload
from ui.cashier.screen import CashierScreen
from ui.cashier.server_link import ServerLink
from ui.cashier.server_work import ServerWork
from ui.cashier.slip_view import SlipView, receipt_font
from ui.cashier.tab_order import move_focus
from ui.errors import describe_error
from ui.fit import DIALOG_TOUCH_STYLE, fit_button
from ui.manager.workspace import ManagerWorkspace, open_workspace
from ui.menu_text import allergen_labels
from ui.needs_server import refused_offline, workspace_title
from ui.staff_text import staff_name

log = logging.getLogger(__name__)

DEMO_SWIPE = "8800000000000001"
COLUMN_SHARES = (0.29, 0.39, 0.32)


@runtime_checkable
class CardCapture(Protocol):
    def card_read(self, raw: str) -> None: ...


class PaymentInFlight(TillError):
    """A checkout is being saved: the order cannot change until it is back."""


class CashierWindow(QMainWindow):
    """Signals:
    logout_requested(): the cashier signs out.
    settings_requested(): open the settings (the app decides what may change).
    training_requested(): switch the till into training (the app asks for approval).
    """

    logout_requested = Signal()
    settings_requested = Signal()
    training_requested = Signal()

    def __init__(
        self,
        presenter: CashierPresenter,
        screen: CashierScreen,
        language: Language,
        jobs: BackgroundRunner | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("cashierWindow")
        self.presenter = presenter
        self.language = language
        self.kept_order: KeptOrder | None = None
        self._screen, self._currency, self._approvers = screen, screen.currency, screen.approvers
        self._hardware = hardware = screen.devices
        self.card_reader = hardware.card_reader
        """The till's card reader (a simulated one takes swipes from tests and demos)."""
        self.setWindowTitle(self.tr("Membership till — %1").replace("%1", screen.till_id))
        self.setStyleSheet(DIALOG_TOUCH_STYLE)  # the window's dialogs are touch sized
        self._bridge = DeviceBridge(hardware, self)
        self._bridge.card_read.connect(self.on_card_read)
        self._bridge.slip_printed.connect(self._show_slip)
        self.customer_display = QLabel(objectName="customerDisplay")
        self.customer_display.setFont(receipt_font())
        self.customer_display.setStyleSheet(
            "background: #102010; color: #7dff9a; padding: 6px; font-size: 13pt;"
        )
        self.customer_display.setVisible(isinstance(hardware.display, DisplayPreview))
        self._bridge.display_changed.connect(
            lambda top, bottom: self.customer_display.setText(f"{top}\n{bottom}")
        )

        self.failure_notice = FailureNotice()
        self.paying = False
        self._focus_before_paying: QWidget | None = None
        """A checkout is in flight (on ``_jobs``): the order cannot change."""
        self._jobs = CounterJobs(self, jobs)
        self.server = ServerLink(screen.server_probe, presenter.now, self)
        self.offline = OfflineStatus(screen.offline, self.server, self)
        """Selling on the local copy while the server is gone, and the resync after."""
        self.work = ServerWork(self._jobs, self.server, lambda: self.offline.active)
        self.failure_notice.failure_shown.connect(self.server.failed)
        self._safety_net = SafetyNet(self.failure_notice)
        self._safety_net.install()
        self.menu_panel = MenuPanel(presenter.catalog, screen.currency, language, presenter.today)
        self.menu_panel.item_chosen.connect(self._add_item)
        self.order_panel = OrderPanel(screen.currency, language)
        self.order_panel.quantity_change_requested.connect(self._change_quantity)
        self.order_panel.quantity_entry_requested.connect(self._type_quantity)
        self.order_panel.remove_requested.connect(self._remove_item)
        self.order_panel.manual_discount_requested.connect(self._manual_discount)
        self.allergy_guard = AllergyGuard(
            self, lambda: self.presenter.draft, presenter.remove_item, language, self._allergy_kept
        )
        can_swipe = isinstance(hardware.card_reader, SimulatesSwipes)
        self.member_panel = MemberPanel(
            screen.currency, language, can_swipe, self._search, presenter.today
        )
        self.member_panel.identify_requested.connect(self.identify)
        self.dish_hints = DishHints(
            screen.dish_habits, self.member_panel, language,
            screen.usual_dishes, screen.pairing_hints, self,
        )  # fmt: skip
        self.member_panel.candidate_chosen.connect(self._choose)
        hooks = (self.refresh, self.work, self.attach_member)
        self.membership = MembershipActions(
            self, presenter, self.member_panel, language, screen.membership, *hooks
        )
        self.loyalty = LoyaltyActions(
            self, presenter, self.member_panel, language, screen.loyalty, *hooks
        )
        self.member_panel.clear_requested.connect(self._clear_member)
        self.member_panel.swipe_simulation_requested.connect(self._simulate_swipe)
        self._workspace: ManagerWorkspace | None = None
        self._menu = Reload(self.work, self, presenter.reload_menu_job, self._menu_read)

        self.preview = SlipView()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.menu_panel)
        splitter.addWidget(self._order_column())
        splitter.addWidget(self._member_column())
        splitter.setChildrenCollapsible(False)
        self._splitter = splitter
        self._splitter_moved = False
        splitter.splitterMoved.connect(lambda *_: setattr(self, "_splitter_moved", True))
        self._columns = [w for w in map(splitter.widget, range(splitter.count())) if w]

        central = QWidget()
        layout = QVBoxLayout(central)
        self._central_layout = layout
        layout.addLayout(self._top_bar())
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

        self.order_status = QLabel(objectName="orderStatus")
        self.devices = DeviceStatus(self._hardware)
        self._bridge.job_changed.connect(self.devices.show_print_job)
        self._bridge.reader_state.connect(self.devices.show_reader_state)
        self.statusBar().addWidget(self.order_status, 1)
        self.paying_bar = paying_bar()
        self.statusBar().addPermanentWidget(self.paying_bar)
        self.statusBar().addPermanentWidget(self.server.label)
        self.statusBar().addPermanentWidget(self.offline.label)
        self.statusBar().addPermanentWidget(self.devices)

        self._bridge.attach()
        self.offline.listen_to_prints(self._bridge.job_changed.emit, True)
        self.shortcuts = install_shortcuts(
            self,
            {
                "key_map": self.show_key_map,
                "find_member": self.find_member,
                "clear_search": self.clear_search,
            },
        )
        self._counter_keys = CounterKeys(  # after the wedge
            self, self.member_panel.search, self.pay_cash_button.click
        )
        self.refresh()
        self.offline.start()

    # layout -----------------------------------------------------------------

    def _top_bar(self) -> QHBoxLayout:
        """The order type, the staff member, "More" (every secondary action) and Sign out:
        few enough to fit a 1024 px screen in either language."""
        bar = QHBoxLayout()
        self.order_type_label = QLabel(objectName="orderTypeLabel")
        self.order_type_label.setStyleSheet("font-size: 14pt; font-weight: bold;")
        bar.addWidget(self.order_type_label)
        for name, text, handler in (
            ("takeawayButton", self.tr("Takeaway"), self._takeaway),
            ("dineInButton", self.tr("Dine-in table…"), self._dine_in),
        ):
            bar.addWidget(self._button(name, text, handler))
        bar.addStretch(1)
        staff = self.presenter.cashier
        bar.addWidget(QLabel(staff_name(staff), objectName="staffLabel"))
        self.more = more = MoreMenu(self.tr("More…"), self)
        more.add("refundButton", self.tr("Refund…"), self._refund)
        more.add("noSaleButton", self.tr("No sale"), self._no_sale)
        more.add("printJobsButton", self.tr("Print jobs"), self._print_jobs)
        if role_allows(staff.role, Permission.EDIT_LOYALTY_RULES):
            more.add("loyaltyRulesButton", self.tr("Loyalty rules…"), self.loyalty.edit_rules)
        if role_allows(staff.role, Permission.WORK_MEMBER_LISTS):
            more.add("workspaceButton", self.tr("Members && reports…"), self._open_workspace)
        more.add("myBadgeButton", self.tr("My badge…"), self._my_badge)
        if not self._screen.training:
            more.add("trainingButton", self.tr("Training…"), self.training_requested.emit)
        more.add("settingsButton", self.tr("Settings"), self.settings_requested.emit)
        bar.addWidget(more)
        bar.addWidget(self._button("logoutButton", self.tr("Sign out"), self.logout_requested.emit))
        return bar

    def add_banner(self, banner: QWidget) -> None:
        """A strip across the top of the window (training mode puts its bar there)."""
        self._central_layout.insertWidget(0, banner)

    def _order_column(self) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.addWidget(self.order_panel, 1)
        layout.addWidget(self.failure_notice)
        pay = QHBoxLayout()
        self.pay_cash_button = self._button("payCashButton", self.tr("Cash"), self._pay_cash)
        self.pay_card_button = self._button(
            "payCardButton", self.tr("Card terminal"), self._pay_card
        )
        self.pay_stored_button = self._button(
            "payStoredValueButton", self.tr("Stored value"), self._pay_stored_value
        )
        new_order = self._button("newOrderButton", self.tr("New order"), self._new_order)
        why = self._button("whyPriceButton", self.tr("Why this price?"), self.loyalty.why_price)
        for button in (self.pay_cash_button, self.pay_card_button, self.pay_stored_button):
            fit_button(button, 64)
            button.setStyleSheet("font-size: 11pt; font-weight: bold;")
            pay.addWidget(button)
        layout.addLayout(pay)
        more = QHBoxLayout()
        fit_button(why)
        fit_button(new_order)
        more.addWidget(why)
        more.addWidget(new_order)
        layout.addLayout(more)
        return column

    def _member_column(self) -> QWidget:
        self.member_panel.add_below(self.customer_display)
        title = QLabel(self.tr("Receipt preview"))
        self.member_panel.add_below(title)
        self.preview.setMinimumHeight(320)
        self.member_panel.add_below(self.preview, 1)
        simulated = self._hardware.print_preview is not None
        for widget in (title, self.preview):  # a real printer's slips are on paper
            widget.setVisible(simulated)
        return self.member_panel

    def _button(self, name: str, text: str, handler: object) -> QPushButton:
        button: QPushButton = QPushButton(text, objectName=name)
        button.setMinimumHeight(44)
        button.clicked.connect(handler)
        return button

    # state ------------------------------------------------------------------

    def refresh(self, focus: MenuItem | None = None) -> None:
        presenter = self.presenter
        draft = presenter.draft
        bill = presenter.bill()
        self.order_panel.show_order(bill, focus)
        self.allergy_guard.paint(self.order_panel)
        self.menu_panel.show_catalog(presenter.catalog)
        self.member_panel.show_member(draft.member, presenter.today())
        self.member_panel.show_loyalty(presenter.loyalty_view(bill))
        self.dish_hints.show(draft.member, [line.item.item_id for line in draft.lines()])
        if draft.service_type is ServiceType.DINE_IN:
            text = self.tr("Table %1 · %2 guests")
            self.order_type_label.setText(
                text.replace("%1", draft.table_no).replace("%2", str(draft.party_size))
            )
        else:
            self.order_type_label.setText(self.tr("Takeaway"))
        can_pay = not draft.is_empty() and not self.paying
        self.pay_cash_button.setEnabled(can_pay)
        self.pay_card_button.setEnabled(can_pay)
        self.pay_stored_button.setEnabled(
            can_pay and draft.member is not None and bill.top_up is None
        )
        if self.allergy_guard.review():  # the cashier took a dish off: show the order again
            self.refresh()
        elif self.kept_order is not None:
            self.kept_order.save()

    def keep_order(self, kept: KeptOrder) -> None:
        """From now on the order is kept on disk as it changes; one left from before comes
        back first (read off the GUI thread: the order waits for it)."""
        self.kept_order = kept
        hold, failed = self._set_paying, self.failure_notice.show_failure
        KeptOrderRestore(kept, self.work, self.server, self, hold, self._back, failed).start()

    def _back(self, restored: RestoredOrder | None) -> None:
        kept = self.kept_order
        if restored is not None and kept is not None:
            self.order_status.setText(resumed_message(restored, kept.paying_when_stopped))
            self.presenter.show_total()
        self.refresh()

    def _add_item(self, item: MenuItem) -> None:
        self.failure_notice.clear()
        try:
            clash = self.presenter.add_item(item)
        except ItemUnavailable:
            name = item.name_zh if self.language == "zh" else item.name_en
            self.order_status.setText(self.tr("%1 is sold out today.").replace("%1", name))
            self.refresh()
            return
        if clash:
            text = self.tr("Allergy warning: %1 contains %2, which the member is allergic to.")
            name = item.name_zh if self.language == "zh" else item.name_en
            labels = allergen_labels(clash)
            self.order_status.setText(text.replace("%1", name).replace("%2", labels))
        self.refresh(focus=item)

    def reload_menu(self) -> None:
        """The back office changed the menu: sell from it as it is now (read off the GUI
        thread; again when the server answers if it could not be read)."""
        self._menu.start()

    def _menu_read(self, catalog: Catalog) -> None:
        self.presenter.catalog = catalog
        self.refresh()

    def _change_quantity(self, item: MenuItem, delta: int) -> None:
        self.presenter.change_quantity(item, delta)
        self.refresh(focus=item)

    def _type_quantity(self, item: MenuItem, quantity: int) -> None:
        name = item.name_zh if self.language == "zh" else item.name_en
        dialog = QuantityDialog(name, quantity, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._change_quantity(item, dialog.quantity - quantity)

    def _allergy_kept(self, member_id: int, item: MenuItem, clash: frozenset[Allergen]) -> None:
        """The audit log hears, off the GUI thread, that the cashier kept the dish knowingly."""
        notes, staff = self._screen.membership.guest_notes, self.presenter.cashier
        allergens, show = [allergen.value for allergen in clash], self.failure_notice.show_failure
        work = partial(notes.acknowledge_allergy, staff, member_id, item.code, allergens)
        self.work.run(self, work, lambda _none: None, show)

    def _remove_item(self, item: MenuItem) -> None:
        self.presenter.remove_item(item)
        self.refresh()

    def _open_workspace(self) -> None:
        """One workspace window per cashier window, brought to the front when open (built
        once its first read came back off the GUI thread)."""
        if refused_offline(self, workspace_title()):  # its every page reads the server
            return
        if self._workspace is None:
            staff, show = self.presenter.cashier, self.failure_notice.show_failure
            back_office = self._screen.back_office
            open_workspace(back_office, staff, self.language, self, self.work, self._opened, show)
            return
        self._opened(self._workspace)

    def _opened(self, workspace: ManagerWorkspace) -> None:
        if self._workspace is not None and workspace is not self._workspace:
            workspace.deleteLater()  # a second tap while the first was being read
        elif self._workspace is None:
            self._workspace = workspace
            menu_page = getattr(workspace, "menu_page", None)
            if menu_page is not None:
                menu_page.menu_changed.connect(self.reload_menu)
        self._workspace.show()
        self._workspace.raise_()
        self._workspace.activateWindow()

    def _manual_discount(self, item: MenuItem | None) -> None:
        if not self.presenter.draft.lines():
            self.order_status.setText(self.tr("Ring up the items first, then the discount."))
            return
        ManualDiscountDialog(
            self.presenter, self._approvers, self._currency, item, self.language, self.work, self
        ).exec()
        self.refresh()

    def _takeaway(self) -> None:
        self.presenter.open_takeaway()
        self.refresh()

    def _dine_in(self) -> None:
        draft = self.presenter.draft
        dialog = TableDialog(draft.table_no, draft.party_size, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.presenter.open_table(dialog.table_edit.text(), dialog.party_spin.value())
            self.refresh()

    def _no_sale(self) -> None:
        staff, say = self.presenter.cashier, self.order_status.setText
        open_drawer_without_sale(self._screen, staff, self.work, self, say)

    def _my_badge(self) -> None:
        auth, staff = self._screen.auth, self.presenter.cashier
        BadgeDialog(auth, staff, self.work, self.card_reader, self).exec()

    def _print_jobs(self) -> None:
        hardware, counter = self._hardware, self._screen.offline
        jobs: PrintJobs = hardware.spooler
        if counter is not None:  # offline, the copy's outbox
            jobs = SwitchedPrintJobs(hardware.spooler, counter)
        PrintJobsDialog(jobs, hardware.printer_url, self.work, self).exec()

    def _new_order(self) -> None:
        lines = self.presenter.draft.lines()
        if lines:
            due = format_money(self.presenter.bill().due, self._currency)
            if not confirm_new_order(self, len(lines), due):
                return
        with self.failure_notice.guard():
            self._refuse_while_waiting()
            job = self.presenter.void_job()  # the order stays as it is until it is back
            self._set_paying(True)
            self._counter_job(job, self._started_anew, self._payment_failed, sale=True)

    def _started_anew(self, fresh: tuple[Catalog, LoyaltyRules]) -> None:
        self._set_paying(False)
        self.presenter.start_anew(fresh)
        self.member_panel.search_box.clear()
        self.member_panel.show_message("", problem=False)
        self.refresh()

    # members ----------------------------------------------------------------

    def identify(self, text: str) -> None:
        self._look_up(
            lambda: self.presenter.identify_job(text),
            lambda found: self._show_identification(self.presenter.take(found)),
        )

    def _search(self, text: str) -> Identification | None:
        """Search as the cashier types, off the GUI thread: the candidates come later
        (``None``), for the text still in the box; the database gone shows why."""
        with self.failure_notice.guard():
            self._refuse_while_waiting()
            job = self.presenter.search_job(text)
            found = partial(self._searched, text)
            self._counter_job(job, found, self.failure_notice.show_failure, "search")
            return None
        return Identification(text)

    def _searched(self, text: str, found: Identification) -> None:
        box = self.member_panel.search_box
        if box.edit.text() == text:
            box.show_candidates(found)

    def _look_up(
        self, job: Callable[[], Callable[[], Found]], then: Callable[[Found], None]
    ) -> None:
        """A member lookup off the GUI thread; only the latest one's result is used."""
        with self.failure_notice.guard():
            self._refuse_while_waiting()
            work = job()
            looked_up = partial(self._looked_up, then)
            self._counter_job(work, looked_up, self.failure_notice.show_failure, "lookup")

    def _looked_up(self, then: Callable[[Found], None], found: Found) -> None:
        if not self.paying:
            with self.failure_notice.guard():
                then(found)

    def _refuse_while_waiting(self) -> None:
        """While a checkout is saved the order cannot change; while the server is known
        to be unreachable (and the counter cannot sell on a local copy), say so at once
        instead of waiting for another timeout."""
        unreachable = self._unreachable()
        if unreachable is not None:
            raise unreachable
        if self.paying:
            raise PaymentInFlight()

    def on_card_read(self, data: str) -> None:
        """A swipe or scan: to the open dialog that takes card reads (a new card, a
        manager's badge), else it identifies the member."""
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, CardCapture):
            dialog.card_read(data)
            return
        self._look_up(
            lambda: self.presenter.identify_read_job(data),
            lambda found: self._show_identification(self.presenter.take(found)),
        )

    def _choose(self, candidate: MemberCandidate) -> None:
        self._look_up(lambda: self.presenter.choose_job(candidate), self._chosen)

    def _chosen(self, found: Found) -> None:
        self.presenter.take(found)
        if found.member is not None:
            self._found(found.member)

    def _found(self, member: MemberSummary) -> None:
        self.member_panel.search_box.clear()
        message = self.tr("Member found: %1").replace("%1", member.name)
        self.member_panel.show_message(message, problem=False)
        self.refresh()

    def _show_identification(self, result: Identification) -> None:
        if result.member is not None:
            self._found(result.member)
            return
        if result.candidates:
            self.member_panel.search_box.show_candidates(result)
            self.member_panel.show_message(self.tr("Several members match: pick one."), False)
            return
        self.member_panel.show_message(problem_text(result.problem), problem=True)

    def _clear_member(self) -> None:
        self.presenter.clear_member()
        self.member_panel.show_message("", problem=False)
        self.refresh()

    def _simulate_swipe(self) -> None:
        reader = self.card_reader
        dialog = SwipeDialog(DEMO_SWIPE, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and isinstance(reader, SimulatesSwipes):
            reader.simulate_swipe(dialog.data_edit.text())

    def _refund(self) -> None:
        screen, staff = self._screen, self.presenter.cashier
        said = refund_at_counter(screen, staff, self.language, self.work, self)
        if said:
            if self.offline.active:  # refunded on the copy: one more entry in the journal
                self.offline.sold()
            self.order_status.setText(said)
            self.refresh()
            self.reload_member()

    def reload_member(self) -> None:
        """The member on the order changed elsewhere (a refund): read them again."""
        job = self.presenter.reload_member_job()
        if job is not None:
            self._look_up(lambda: job, partial(self._attached, ""))

    def attach_member(self, member: MemberSummary, message: str = "") -> None:
        """``member`` (enrolled, corrected, merged) on the order: their offers and outlook
        are read off the GUI thread, then ``message`` shows."""
        if self.offline.active:  # enrolled offline: one more entry in the journal
            self.offline.sold()
        self._look_up(lambda: self.presenter.attach_job(member), partial(self._attached, message))

    def _attached(self, message: str, found: Found) -> None:
        self.presenter.take(found)
        if message:
            self.member_panel.search_box.clear()
            self.member_panel.show_message(message, problem=False)
        self.refresh()

    # payment and printing ---------------------------------------------------

    def _pay_cash(self) -> None:
        self.presenter.show_total()
        total = self.presenter.bill().due
        dialog = CashPaymentDialog(total, self._currency, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.tender is not None:
            self.pay(dialog.tender)

    def _pay_stored_value(self) -> None:
        member = self.presenter.draft.member
        if member is None:
            return
        self.presenter.show_total()
        total = self.presenter.bill().due
        dialog = StoredValuePaymentDialog(total, member.stored_value, self._currency, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.tender is not None:
            self.pay(dialog.tender)

    def _pay_card(self) -> None:
        self.presenter.show_total()
        total = self.presenter.bill().due
        dialog = CardPaymentDialog(total, self._currency, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.tender is not None:
            self.pay(dialog.tender)

    def pay(self, tender: Tender) -> None:
        """Save the order off the GUI thread; the window stays live, the order fixed and the
        pay buttons off until the result is back (``paying``)."""
        if self.paying:
            return
        self.failure_notice.clear()
        unreachable = self._unreachable()
        if unreachable is not None:
            self.failure_notice.show_failure(unreachable)
            return
        self.presenter.key_payment()  # kept with the order: a retry or restart pays it once
        if self.kept_order is not None:
            self.kept_order.save(paying=True)  # a stop mid-payment is said on restart
        job = self.presenter.checkout_job(tender)
        self._set_paying(True)
        self._counter_job(job, self._paid, self._payment_failed, sale=True)

    def _unreachable(self) -> Exception | None:
        """What to say instead of trying: the server known gone, and no local copy to sell on."""
        return None if self.offline.active else self.server.unreachable_error()

    def _counter_job(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
        kind: str = "",
        sale: bool = False,
    ) -> None:
        """``work`` on the pool (only the latest of ``kind``'s result is used). Work that
        meets the server gone while the till has a local copy switches the counter to the
        copy and runs again there at once (the services read the side at each call; a
        sale keeps its request key, so the resync commits it once). ``sale``: its success
        is news of the server, or of the journal."""
        on_copy = self.offline.active

        def succeeded(result: Any) -> None:
            if sale and on_copy:
                self.offline.sold()
            elif sale:
                self.server.answered()
            on_success(result)

        def failed(error: Exception) -> None:
            if not on_copy and self.offline.take_over(error):
                self._counter_job(work, on_success, on_failure, kind, sale)
            else:
                on_failure(error)

        if kind:
            self._jobs.latest(kind, work, succeeded, failed)
        else:
            self._jobs.run(work, succeeded, failed)

    @property
    def waiting(self) -> bool:
        """A search, lookup or checkout has not come back yet."""
        return self._jobs.busy

    def _set_paying(self, paying: bool) -> None:
        self.paying = paying
        self.paying_bar.setVisible(paying)
        central = self.centralWidget()
        if paying:  # disabled, the order's widgets lose the focus: given back after
            self._focus_before_paying = self.focusWidget()  # even while a dialog has it
        if central is not None:
            central.setEnabled(not paying)  # no tap changes the order being saved
        if paying:
            return
        kept, self._focus_before_paying = self._focus_before_paying, None
        if kept is not None and isValid(kept) and kept.isVisible():
            kept.setFocus()

    def _payment_failed(self, error: Exception) -> None:
        self._set_paying(False)
        if isinstance(error, TillError):
            said = offline_refusal(error, self._currency)
            self.order_status.setText(said or describe_error(error))
        else:  # the order stays as it was, ready to pay again
            self.failure_notice.show_failure(error)
        self.refresh()

    def _paid(self, payment: Payment) -> None:
        self._set_paying(False)
        completed = self.presenter.paid(payment)
        currency = self._currency
        text = self.tr("Order %1 paid. Change: %2")
        if completed.replayed:
            text = self.tr(
                "Order %1 was paid by the earlier tap (nothing charged twice). Change: %2"
            )
        self.order_status.setText(
            text.replace("%1", completed.order_no).replace(
                "%2", format_money(completed.settlement.change, currency)
            )
        )
        self.member_panel.search_box.clear()
        self.member_panel.show_message("", problem=False)
        self.refresh()

    def _show_slip(self, data: bytes) -> None:
        text = slip_text(data)
        if text.strip():  # a drawer kick prints nothing: keep the last receipt on show
            self.preview.set_text(text)

    # keyboard ---------------------------------------------------------------

    def show_key_map(self) -> None:
        KeyMapDialog(self).exec()

    def find_member(self) -> None:
        self.member_panel.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.member_panel.search.selectAll()

    def clear_search(self) -> None:
        self.member_panel.search_box.clear()
        self.member_panel.search.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Share the width among the columns (menu, order, member) until the cashier drags
        a divider: the order column gets the most, its pay buttons need it."""
        super().resizeEvent(event)
        if not self._splitter_moved:
            width = self._splitter.width()
            self._splitter.setSizes([int(width * share) for share in COLUMN_SHARES])

    def focusNextPrevChild(self, next: bool) -> bool:
        return move_focus(self, self._columns, next) or super().focusNextPrevChild(next)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._counter_keys.remove()
        self.presenter.show_idle()  # the next person at the counter sees no one's order
        self._bridge.detach()
        self.offline.listen_to_prints(self._bridge.job_changed.emit, False)
        self._safety_net.remove()
        self.devices.stop()
        self.server.stop()
        self.offline.stop()
        super().closeEvent(event)

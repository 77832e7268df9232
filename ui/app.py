"""The running application: sign-in, the cashier window, settings and sign-out."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton

from app.backups.daily import DailyBackup
from app.backups.status import BackupStatus, backup_status
from app.bootstrap import Till, build_till, stored_roles
from app.clock import Clock, SystemClock
from app.config import TillSettings
from app.devices import Delivery, DeviceUrlError, serial_ports
from app.domain.staff import StaffMember
from app.domain.storage import DatabaseTimeouts, StorageBusy, StorageUnavailable
from app.errors import PermissionDenied
from app.offline import LOCAL_COPY_FILE
from app.server_down.sign_in import SignInDesk, copy_sign_in
from app.services.till_settings import TillSettingsService
from app.setup.marker import is_demo
from app.setup.restaurant import SetupDone, SetupRequest, needs_setup, set_up_restaurant
from app.stores.registration import TillIdTaken, check_till_id_free, till_token
from app.till_config import TillConfig, TillMode
from app.training.config import training_config, training_folder
from app.training.sandbox import prepare_sandbox
from ui.background import BackgroundRunner
from ui.daily_jobs import DailyJobs
from ui.fit import show_on_screen
from ui.i18n import Language, LanguageSwitcher, resolve_language
from ui.jobs import RunnerJobs
from ui.login import LoginDialog
from ui.main_thread_gc import collect_on_gui_thread
from ui.needs_server import mark_needing_server
from ui.startup_problem import till_id_taken_text

if TYPE_CHECKING:  # built after sign-in (or for a new database): not on the way to it
    from ui.cashier.approval_dialog import Approvers
    from ui.cashier.counter_start import CounterStart
    from ui.cashier.window import CashierWindow
    from ui.settings_dialog import DeviceActions
    from ui.setup_wizard.wizard import SetupActions, SetupWizard

log = logging.getLogger(__name__)


def _demo_marker(restaurant_settings: Callable[[], Mapping[str, str]]) -> bool:
    return is_demo(restaurant_settings())


def _collect_and_freeze() -> None:
    gc.collect()
    gc.freeze()


FIRST_RUN_DEMO_MEMBERS = 300
WARM_UP_AFTER_MS = 300  # the sign-in window is painted first


@dataclass(frozen=True)
class LaunchOptions:
    database_url: str
    demo_members_if_empty: int | None = FIRST_RUN_DEMO_MEMBERS
    language_override: str | None = None
    training: bool = False
    """Start in training (``pos --training``)."""
    training_folder: Path | None = None
    """Where the sandbox and the training records live (default: beside the database)."""
    backup_folder: Path | None = None
    """Where the daily backup of an embedded (SQLite) database goes; ``None``: none."""
    demo_history_days: int = 0
    """The first-run demo's days of past (``app.demo_history``); ``pos`` gives six weeks."""


class TillApp(QObject):
    """Owns the till object graph and whichever window is showing.

    Signals:
        sign_in_ready(): the sign-in window's staff list came back (or it says why not):
            a PIN can be typed. The run log says "sign-in window shown" then.
    """

    sign_in_ready = Signal()

    def __init__(
        self,
        qapp: QApplication,
        options: LaunchOptions,
        settings: TillSettingsService,
        clock: Clock | None = None,
    ) -> None:
        super().__init__()
        self._qapp, self._options, self._settings_service = qapp, options, settings
        collect_on_gui_thread(qapp)  # never in the daily jobs' thread: see ui.main_thread_gc
        self._clock = clock
        self.mode = TillMode.TRAINING if options.training else TillMode.LIVE
        self._languages = LanguageSwitcher(qapp)
        self.till: Till | None = None
        self.login: LoginDialog | None = None
        self.window: CashierWindow | None = None
        self._staff: StaffMember | None = None
        self._counter_jobs = BackgroundRunner(self, keep_threads=True)
        """The cashier windows' database work: one pool for the app's whole run, so the
        search's connection per thread is not left behind by each window."""
        self.daily_jobs: DailyJobs | None = None
        self.setup_wizard: SetupWizard | None = None
        self._opening: object | None = None
        """The ticket of the counter's first read while it is out (``_open_window``)."""
        self._signing_out = 0
        """Sign-outs being recorded off the GUI thread (``log_out``)."""
        self._replaced: tuple[CashierWindow | None, Till | None] = (None, None)
        """The window and till the settings replaced, let go once the new window shows."""
        self._server_down: StorageUnavailable | None = None
        """The server did not answer and has not answered since: sign-in goes to the copy
        at once instead of waiting for a timeout first."""

    @property
    def opening(self) -> bool:
        """The sign-in is under way: the staff list is being read or the PIN checked off
        the GUI thread, the last sign-out is still being recorded, or the counter's first
        read is out and its window not built yet."""
        if self._opening is not None or self._signing_out:
            return True
        return self.login is not None and self.login.waiting

    def _language(self, settings: TillSettings) -> Language:
        return resolve_language(self._options.language_override or settings.language)

    def start(self) -> None:
        """Sign-in, or the set-up wizard first on a brand-new database (when the launch
        seeds no demo into one)."""
        settings = self._settings_service.load()
        self._languages.apply(self._language(settings))
        if self._options.demo_members_if_empty is None and self._needs_setup():
            self.show_setup()
            return
        self._open_till(settings)

    def _needs_setup(self) -> bool:
        try:
            return needs_setup(self._options.database_url, self._timeouts())
        except StorageUnavailable as error:  # not a new database: the till opens from its
            self._server_down = error  # copy without waiting for the server again, or says why
            return False

    def _timeouts(self) -> DatabaseTimeouts:
        settings = self._settings_service.load()
        return DatabaseTimeouts(
            connect_s=settings.connect_timeout_s,
            statement_s=settings.statement_timeout_s,
            lock_s=settings.lock_timeout_s,
        )

    def _server_answered(self, reachable: bool) -> None:
        if reachable:
            self._server_down = None
            if self.daily_jobs is not None:  # a till started offline: the day's jobs now
                self.daily_jobs.server_back()

    def _open_till(self, settings: TillSettings) -> None:
        self.till = self._build_till(settings)
        self.show_login()
        self.daily_jobs = self._daily_jobs()  # after the window: they never delay it

    def show_setup(self) -> None:
        from ui.setup_wizard.wizard import SetupWizard

        self.setup_wizard = SetupWizard(self._setup_actions(), self._languages)
        self.setup_wizard.completed.connect(self._set_up)
        self.setup_wizard.rejected.connect(self._qapp.quit)  # closed: nothing was written
        self.setup_wizard.show()

    def _set_up(self, _done: SetupDone) -> None:
        wizard, self.setup_wizard = self.setup_wizard, None
        self._open_till(self._settings_service.load())
        if wizard is not None:
            wizard.rejected.disconnect(self._qapp.quit)
            wizard.deleteLater()

    def _setup_actions(self) -> SetupActions:
        """The wizard's blocking work: it runs these off the GUI thread."""
        url, clock = self._options.database_url, self._clock or SystemClock()

        def finish(request: SetupRequest, printer: str, reader: str) -> SetupDone:
            done = set_up_restaurant(url, request, clock)
            assert done.manager is not None
            old = self._settings_service.load()
            language = self._languages.language  # as switched in the wizard, if it was
            kept = old.language if self._language(old) == language else language
            new = replace(old, printer_url=printer, card_reader_url=reader, language=kept)
            try:  # the wizard checked the addresses; the restaurant is set up whatever happens
                with stored_roles(url, clock) as roles:
                    self._settings_service.update(done.manager, new, roles)
            except (OSError, ValueError, PermissionDenied) as error:
                log.warning("set-up: the till's devices were not saved: %s", error)
            return done

        def check(printer: str) -> str:
            from app.diagnostics import check_printer  # loads the PDF fonts

            finding = check_printer(printer)
            return ("✓ " if finding.ok else "✗ ") + finding.message

        def test_print(printer: str) -> str:
            from app.diagnostics import print_test_slip

            if print_test_slip(printer, clock.now()) is Delivery.CONFIRMED:
                return self.tr("Test slip printed.")
            return self.tr("Test slip sent (this printer does not confirm printing).")

        from ui.setup_wizard.wizard import SetupActions

        return SetupActions(finish, check, test_print)

    def _build_till(self, settings: TillSettings, reset_sandbox: bool = False) -> Till:
        config = TillConfig(
            database_url=self._options.database_url,
            till_id=settings.till_id,
            printer_url=settings.printer_url,
            card_reader_url=settings.card_reader_url,
            display_url=settings.display_url,
            demo_members_if_empty=self._options.demo_members_if_empty,
            demo_history_days=self._options.demo_history_days,
            receipt_language=self._language(settings),
            registration_token=self._token,
            local_copy_path=self._settings_service.path.parent / LOCAL_COPY_FILE,
            usual_dishes=settings.usual_dishes,
            pairing_hints=settings.pairing_hints,
            database_timeouts=DatabaseTimeouts(
                connect_s=settings.connect_timeout_s,
                statement_s=settings.statement_timeout_s,
                lock_s=settings.lock_timeout_s,
            ),
        )
        if self.mode is TillMode.TRAINING:
            config = training_config(config, self._training_folder, settings.training_real_printer)
            prepare_sandbox(
                self._options.database_url,
                config.database_url,
                self._today(),
                self._options.demo_members_if_empty,
                fresh=reset_sandbox,
            )
            return build_till(config, self._clock)
        till = build_till(config, self._clock, self._server_down)
        if till.config.till_id != settings.till_id:  # handed out by the database: keep it
            self._settings_service.remember_till_id(till.config.till_id)
        return till

    @property
    def _token(self) -> str:
        """This machine's registration token, kept beside its settings file."""
        return till_token(self._settings_service.path.parent)

    @property
    def _training_folder(self) -> Path:
        return self._options.training_folder or training_folder(self._options.database_url)

    def _today(self) -> date:
        return (self._clock or SystemClock()).now().date()

    def show_login(self) -> None:
        """The sign-in window shows at once, reading the staff list (and the demo marker)
        off the GUI thread: a stalled server never freezes it (``sign_in_ready`` once the
        list is in)."""
        assert self.till is not None
        till = self.till
        marker = None  # not asked of a server known to be gone (a till opened offline
        if self._server_down is None or till.started_offline is not None:  # reads its copy)
            catalog = till.catalog
            marker = partial(_demo_marker, catalog.restaurant_settings)
        desk = SignInDesk(till.auth, partial(copy_sign_in, till), self._server_down)
        login = self.login = LoginDialog(
            desk,
            marker,
            training=till.till_mode.training,
            jobs=RunnerJobs(self._counter_jobs),  # its reads and the PIN check
        )
        login.staff_signed_in.connect(self._signed_in)
        login.staff_listed.connect(partial(self._staff_listed, login))
        login.show()
        login.read_staff()
        QTimer.singleShot(WARM_UP_AFTER_MS, self._warm_up_counter)

    def _staff_listed(self, login: LoginDialog) -> None:
        if login is not self.login:
            return
        log.info("sign-in window shown")  # the run log's mark of a usable till: a PIN now
        self.sign_in_ready.emit()

    def _warm_up_counter(self) -> None:
        """Load the cashier window's modules and the counter's services while the cashier
        types a PIN: the start stays short, and the first sign-in does not pay for them."""
        if self.till is None or self.login is None:
            return
        import ui.cashier.compose  # noqa: F401

        for service in ("members", "checkout", "loyalty"):
            getattr(self.till, service)

    def _signed_in(self) -> None:
        assert self.login is not None and self.login.signed_in is not None
        self._staff = self.login.signed_in
        self._server_down = self.login.desk.unreachable
        self.login.show_opening()
        self._open_window(offline=self._server_down is not None)

    def _open_window(
        self,
        offline: bool = False,
        replacing: CashierWindow | None = None,
        old_till: Till | None = None,
    ) -> None:
        """Read what the counter opens with (menu, rules) off the GUI thread, then build
        the window; the sign-in window shows it is opening meanwhile. ``offline``: signed
        in from the copy. ``replacing`` (its ``old_till``): the window of the settings
        just changed, turned off until its successor shows."""
        assert self.till is not None and self._staff is not None
        from ui.cashier.compose import counter_services
        from ui.cashier.counter_start import counter_start_job

        ticket = self._opening = object()
        self._replaced = (replacing, old_till)
        if replacing is not None:
            replacing.setEnabled(False)
        job = counter_start_job(counter_services(self.till, offline))
        self._counter_jobs.submit(
            job, partial(self._opened, ticket, offline), partial(self._not_opened, ticket)
        )

    def _let_go_of_replaced(self) -> None:
        (window, till), self._replaced = self._replaced, (None, None)
        self._dispose(window)
        if till is not None:
            till.close()

    def _opened(self, ticket: object, offline: bool, start: CounterStart) -> None:
        if ticket is not self._opening:
            return
        self._opening = None
        assert self.till is not None and self._staff is not None
        if not offline:
            self._server_down = None  # it just answered
        self._build_window(start, offline)
        login, self.login = self.login, None
        if login is not None:  # hidden: its close() is refused while it shows "Opening…"
            login.hide()
            login.deleteLater()
        if offline and self.window is not None and self._server_down is not None:
            self.window.server.failed(self._server_down)  # signed in from the copy
        self._let_go_of_replaced()

    def _not_opened(self, ticket: object, error: Exception) -> None:
        """The counter could not be read: the sign-in window says why, and the next
        sign-in tries again (from the copy at once, when there is one)."""
        if ticket is not self._opening:
            return
        self._opening = None
        log.warning("the counter did not open: %s", error)
        self._staff = None
        lost = error if isinstance(error, StorageUnavailable) else None
        if lost is not None:
            why = self.tr(
                "The server cannot be reached, so the till could not open: try again in a moment."
            )
        else:
            from ui.errors import headline

            why = headline(error)
        if self.login is None:  # the settings were applied: back to signing in
            if lost is not None and not isinstance(lost, StorageBusy):
                self._server_down = lost
            self.show_login()
            self._let_go_of_replaced()
        elif lost is not None:
            self.login.desk.server_lost(lost)
        assert self.login is not None
        self.login.opening_failed(why)

    def _build_window(self, start: CounterStart, offline: bool) -> None:
        assert self.till is not None and self._staff is not None
        till = self.till
        from ui.cashier.compose import cashier_window

        self.window = cashier_window(
            till, self._staff, self._languages.language, self._counter_jobs, offline, start
        )
        needing = ("refundButton", "mergeButton", "loyaltyRulesButton", "workspaceButton")
        found = [self.window.findChild(QPushButton, name) for name in needing]
        mark_needing_server(self.window.server, [button for button in found if button])
        self.window.server.reachable_changed.connect(self._server_answered)
        self.window.logout_requested.connect(self.log_out)
        self.window.settings_requested.connect(self.edit_settings)
        self.window.training_requested.connect(self.switch_mode)
        if till.till_mode.training:
            assert till.coach is not None, "a training till coaches exercises"
            from ui.training.dress import dress_for_training

            bar = dress_for_training(self.window, till.coach, till.clock)
            bar.leave_requested.connect(self.switch_mode)
            bar.reset_requested.connect(self.reset_sandbox)
        self.window.resize(1366, 800)
        show_on_screen(self.window, self._settings_service.load().full_screen)
        # The catalog, widgets and database metadata now live as long as the window:
        # frozen, a garbage collection during a keystroke's search does not walk them.
        # Once the window is painted: the collection costs a fifth of a second.
        QTimer.singleShot(0, _collect_and_freeze)

    def _record_log_out(self, staff: StaffMember, later: bool = False) -> None:
        """``later``: off the GUI thread, while the sign-in window shows (the window never
        waits for it); otherwise now (the till is closed next)."""
        assert self.till is not None
        if self._server_down is not None:
            log.info("sign-out of %s not recorded: the server is unreachable", staff.username)
            return
        if later:
            self._signing_out += 1
            self._counter_jobs.submit(
                partial(self.till.auth.log_out, staff),
                lambda _done: self._log_out_recorded(staff, None),
                partial(self._log_out_recorded, staff),
            )
            return
        try:
            self.till.auth.log_out(staff)
        except StorageUnavailable as error:  # offline: the sign-out is not recorded
            log.info("sign-out of %s not recorded: %s", staff.username, error)

    def _log_out_recorded(self, staff: StaffMember, error: Exception | None) -> None:
        self._signing_out -= 1
        if error is not None:
            log.info("sign-out of %s not recorded: %s", staff.username, error)

    @staticmethod
    def _dispose(window: CashierWindow | None) -> None:
        """Close a replaced window; callers show its successor first, so Qt keeps running."""
        if window is not None:
            window.close()
            window.deleteLater()

    def log_out(self) -> None:
        assert self.till is not None
        if self.window is not None and not self.window.server.reachable:  # no timeout twice
            self._server_down = self._server_down or StorageUnavailable("server unreachable")
        if self._staff is not None:
            self._record_log_out(self._staff, later=True)
        self._staff = None
        old, self.window = self.window, None
        self.show_login()
        self._dispose(old)

    def edit_settings(self) -> None:
        assert self.window is not None and self._staff is not None and self.till is not None
        if not self.window.presenter.draft.is_empty():
            QMessageBox.information(
                self.window,
                self.tr("Settings"),
                self.tr("Finish or clear the current order before changing settings."),
            )
            return
        saved: list[TillSettings] = []
        old = self._settings_service.load()

        def save(new: TillSettings) -> str | None:
            assert self._staff is not None
            try:
                assert self.till is not None
                if new.till_id != old.till_id:  # read only: the restart claims it
                    check_till_id_free(self._options.database_url, new.till_id, self._token)
                saved.append(self._settings_service.update(self._staff, new, self.till.auth))
            except (PermissionDenied, DeviceUrlError, ValueError, TillIdTaken) as error:
                log.info("settings refused: %s", error)
                return self._refusal_text(error)
            return None

        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(old, save, self._device_actions(), self.window, self._backups())
        if dialog.exec() == QDialog.DialogCode.Accepted and saved:
            self._apply_settings(saved[-1])

    def _backups(self) -> BackupStatus | None:
        folder = self._options.backup_folder
        return None if folder is None else backup_status(self._options.database_url, folder)

    def switch_mode(self) -> None:
        """Into training or back, once a manager approved; everyone signs in again."""
        if not self._may_leave_window(self.tr("Training")):
            return
        assert self.window is not None and self._staff is not None and self.till is not None
        from ui.training.switching import approve_switch

        window = self.window
        approve_switch(
            window, self.till.till_mode, self._staff, self._approvers(), window.work,
            lambda: self._switch_approved(window),
        )  # fmt: skip

    def _switch_approved(self, window: CashierWindow) -> None:
        if window is not self.window:  # signed out meanwhile
            return
        self.mode = TillMode.LIVE if self.mode is TillMode.TRAINING else TillMode.TRAINING
        self._rebuild(reset_sandbox=False)

    def reset_sandbox(self) -> None:
        """Throw the sandbox away and build it afresh from the real restaurant."""
        if not self._may_leave_window(self.tr("Training")):
            return
        assert self.window is not None and self._staff is not None and self.till is not None
        from ui.training.switching import approve_reset

        window = self.window
        approve_reset(
            window, self.till.till_mode, self._staff, self._approvers(), window.work,
            lambda: self._reset_approved(window),
        )  # fmt: skip

    def _reset_approved(self, window: CashierWindow) -> None:
        if window is self.window:
            self._rebuild(reset_sandbox=True)

    def _approvers(self) -> Approvers:
        assert self.till is not None
        from ui.cashier.approval_dialog import Approvers

        return Approvers(self.till.auth.staff_on_duty, self.till.card_reader)

    def _may_leave_window(self, title: str) -> bool:
        assert self.window is not None
        if self.window.presenter.draft.is_empty():
            return True
        QMessageBox.information(
            self.window, title, self.tr("Finish or clear the current order first.")
        )
        return False

    def _rebuild(self, reset_sandbox: bool) -> None:
        assert self.till is not None and self._staff is not None
        old_window, old_till = self.window, self.till
        self._record_log_out(self._staff)
        self._staff, self.window = None, None
        if self.daily_jobs is not None:
            self.daily_jobs.stop()
            self.daily_jobs = None
        old_till.close()
        self.till = self._build_till(self._settings_service.load(), reset_sandbox)
        self.show_login()
        self.daily_jobs = self._daily_jobs()
        self._dispose(old_window)

    def _device_actions(self) -> DeviceActions:
        """Blocking checks for the settings page; it runs them off the GUI thread."""
        till, staff = self.till, self._staff
        assert till is not None and staff is not None

        def check(url: str) -> str:
            from app.diagnostics import check_printer

            finding = check_printer(url)
            return ("✓ " if finding.ok else "✗ ") + finding.message

        def test_print(url: str) -> str:
            from app.diagnostics import print_test_slip

            if print_test_slip(url, till.clock.now()) is Delivery.CONFIRMED:
                return self.tr("Test slip printed.")
            return self.tr("Test slip sent (this printer does not confirm printing).")

        def test_drawer(url: str) -> str:
            till.drawer.test_drawer(staff, url)
            return self.tr("Drawer pulse sent.")

        from ui.settings_dialog import DeviceActions

        return DeviceActions(check, test_print, test_drawer, serial_ports)

    def _apply_settings(self, new: TillSettings) -> None:
        """Switch language, rebuild the till (devices, receipt language) and the window."""
        assert self.till is not None
        self._languages.apply(self._language(new))
        old_window, old_till = self.window, self.till
        self.till = self._build_till(new)
        self._restart_daily_jobs()
        self.window = None
        self._open_window(replacing=old_window, old_till=old_till)

    def _restart_daily_jobs(self) -> None:
        assert self.till is not None
        if self.daily_jobs is not None:
            self.daily_jobs.stop()
        self.daily_jobs = self._daily_jobs()

    def _daily_jobs(self) -> DailyJobs:
        till = self.till
        assert till is not None
        backup = None
        if self._options.backup_folder is not None:
            backup = DailyBackup.of(
                self._options.database_url, self._options.backup_folder, till.clock
            )
        if till.copy_refresher is not None:  # a shared server: keep the local copy current
            till.copy_refresher.start()
        return DailyJobs(
            till.clock, till.points_expiry, till.tier_review, till.segments, self, backup,
            search_keys=till.search_keys, request_keys=till.request_key_pruning,
            member_values=till.member_values,
        )  # fmt: skip

    def _refusal_text(self, error: Exception) -> str:
        if isinstance(error, PermissionDenied):
            return self.tr("Only a manager may change the till id or devices.")
        if isinstance(error, TillIdTaken):
            return till_id_taken_text(error.till_id)
        if isinstance(error, DeviceUrlError):
            return self.tr("Device address not understood: %1").replace("%1", str(error))
        return str(error)

    def shut_down(self, collect_garbage: bool = True) -> None:
        """Sign out, delete the windows and close the till; call once the event loop ended.

        No event loop runs the deferred deletions any more, so they run here, while the
        QApplication exists: whatever is left at interpreter exit PySide deletes in an
        arbitrary order, parents before children, and that has crashed the process.
        ``collect_garbage=False`` leaves what the till froze while open (``_open_window``)
        frozen, for a caller that opens many tills in one process and collects their
        garbage together: a full collection passes over every object the process holds.
        """
        self._opening = None  # a counter read still out is handed to nobody
        self._let_go_of_replaced()
        if self._staff is not None and self.till is not None:
            self._record_log_out(self._staff)
            self._staff = None
        self._dispose(self.window)
        self.window = None
        if self.login is not None:
            self.login.close()
            self.login.deleteLater()
            self.login = None
        if self.setup_wizard is not None:
            self.setup_wizard.rejected.disconnect(self._qapp.quit)
            self.setup_wizard.close()
            self.setup_wizard.deleteLater()
            self.setup_wizard = None
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if collect_garbage:  # what _open_window froze for the window's lifetime may be garbage
            gc.unfreeze()
            gc.collect()
        gc.enable()  # the till's windows are gone: automatic collection is safe again
        self._languages.apply("en")  # leave no translator behind on the QApplication
        if self.daily_jobs is not None:
            self.daily_jobs.stop()
        # A staff list read or a sign-out still out ends before the till's engine goes
        # (its connection would be left open).
        self._counter_jobs.wait_for_done()
        if self.till is not None:
            self.till.close()

"""``pos`` without a command: the till's window (the sign-in window, or the set-up
wizard on a new database); and ``pos autostart``, which opens it when the user logs in."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.config import data_dir, resolve_database_url

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from app.clock import Clock
    from ui.app import TillApp

NO_DISPLAY = (
    "pos: no display found (DISPLAY and WAYLAND_DISPLAY are unset); run it in a desktop "
    "session, or set QT_QPA_PLATFORM=offscreen to run without a screen"
)


def run_gui(args: argparse.Namespace) -> int:
    opened = open_gui(args)
    if isinstance(opened, int):
        return opened
    qapp, till_app = opened
    qapp.setQuitOnLastWindowClosed(True)
    code = qapp.exec()
    till_app.shut_down()
    return int(code)


def open_gui(
    args: argparse.Namespace, clock: Clock | None = None
) -> tuple[QApplication, TillApp] | int:
    """Everything ``pos`` does before its event loop: the sign-in window (or the set-up
    wizard) is showing on return; an ``int`` is the exit code of a refused start."""
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    # The till's modules before Qt's: PySide reads the source of every module imported
    # after it (0.3 s a start).
    import app.bootstrap  # noqa: I001, F401
    from app.backups.database_check import start_up_problem
    from PySide6.QtWidgets import QApplication

    url = resolve_database_url(args.db)
    problem = start_up_problem(url)  # quick_check on a small file only: bounded time
    if problem is not None:
        print(f"pos: {problem}", file=sys.stderr)
        if os.environ.get("QT_QPA_PLATFORM") != "offscreen":  # someone may see a window
            from ui.i18n import LanguageSwitcher, resolve_language
            from ui.startup_problem import show_startup_problem

            qapp = QApplication(sys.argv[:1])
            LanguageSwitcher(qapp).apply(resolve_language(args.lang or "system"))
            show_startup_problem(problem)
        return 1

    from app.backups.catalogue import default_folder
    from app.services.till_settings import TillSettingsService
    from ui.app import LaunchOptions, TillApp

    qapp = QApplication(sys.argv[:1])
    qapp.setApplicationName("Membership till")
    if not claim_the_till(qapp, url, args.verbose):
        return 0
    dress_the_application(qapp)
    options = LaunchOptions(
        database_url=url,
        demo_members_if_empty=None,  # a new database opens the set-up wizard; pos demo
        language_override=args.lang,
        training=args.training,
        backup_folder=default_folder(),
    )
    settings = TillSettingsService(args.settings or data_dir() / "till-settings.json")
    till_app = TillApp(qapp, options, settings, clock)
    from app.server_down.errors import NoLocalCopy
    from app.stores.registration import TillIdTaken

    try:
        till_app.start()
    except TillIdTaken as clash:  # before the sign-in window: nothing was opened
        print(f"pos: {clash}", file=sys.stderr)
        if os.environ.get("QT_QPA_PLATFORM") != "offscreen":  # someone may see a window
            from ui.startup_problem import show_till_id_taken

            show_till_id_taken(clash.till_id)
        till_app.shut_down()
        return 1
    except NoLocalCopy as down:  # the server is gone and there is no copy to open from
        print(f"pos: {down}", file=sys.stderr)
        if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
            from ui.startup_problem import show_no_local_copy

            show_no_local_copy()
        till_app.shut_down()
        return 1
    return qapp, till_app


def dress_the_application(qapp: QApplication) -> None:
    """The bundle's CJK font where the system has none, and the till's icon."""
    from PySide6.QtGui import QIcon

    import resources
    from ui.bundled_fonts import register_bundled_fonts

    register_bundled_fonts()
    icon = Path(resources.__file__).parent / "icons" / "membership-till.png"
    qapp.setWindowIcon(QIcon(str(icon)))


def claim_the_till(qapp: QApplication, url: str, verbose: bool) -> bool:
    """False when a till is already running on this database: it was brought forward.
    Otherwise this till keeps its log and crash reports in the data folder from now on."""
    from app.run_log import start_run_log
    from ui.crash_guard import CrashGuard
    from ui.single_instance import RunningTill, bring_forward, instance_name, wake_running_till

    name = instance_name(url)
    if wake_running_till(name):
        print("pos: the till is already open on this database; it was brought to the front")
        return False
    running = RunningTill(name, parent=qapp)
    running.woken.connect(bring_forward)
    start_run_log(data_dir(), logging.DEBUG if verbose else logging.INFO)
    guard = CrashGuard(data_dir())
    guard.install()
    qapp.aboutToQuit.connect(guard.remove)
    return True


def add_autostart_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    autostart = commands.add_parser(
        "autostart", help="start the till when this user logs in (on, off, or status)"
    )
    autostart.add_argument("switch", choices=("on", "off", "status"))
    autostart.add_argument("--db", metavar="URL", dest="command_db", help="the till's database")


def run_autostart(switch: str, database_url: str | None) -> int:
    from app.autostart import autostart_enabled, disable_autostart, enable_autostart, launcher

    if switch == "status":
        print("on" if autostart_enabled() else "off")
        return 0
    if switch == "off":
        print(f"the till no longer starts at login ({disable_autostart().path} removed)")
        return 0
    command = launcher() + (["--db", database_url] if database_url else [])
    print(f"the till starts at login: {enable_autostart(command).path}")
    return 0

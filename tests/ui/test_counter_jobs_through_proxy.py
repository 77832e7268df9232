"""New order, a refund, a hand correction, an enrolment, a guest note, a manual discount
and bringing back a kept order while the PostgreSQL server stalls, is gone or loses a
commit's reply (a TCP proxy between till and server, tests/pg_proxy.py): the window keeps
turning, the failure is said in one sentence, what the cashier typed stays, the till
recovers by itself and the next tap does it once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTableWidget, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text

from app.domain.draft_snapshot import snapshot
from app.open_order_file import OpenOrderFile
from app.services.till_settings import TillSettingsService
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.pg_proxy import PgProxy
from tests.postgres_server import PostgresServer
from tests.ui.conftest import (
    click,
    on_next_modal,
    open_cashier,
    pay_exact_cash,
    ready,
    settle,
    without_local_copy,
)
from tests.ui.test_loyalty_at_till import label
from tests.ui.test_outage_through_proxy import WITHIN_MS
from ui.app import LaunchOptions, TillApp
from ui.cashier.kept_order import KeptOrder
from ui.cashier.window import CashierWindow

pytestmark = pytest.mark.postgres

UNREACHABLE = "The database cannot be reached: nothing was saved. Try again in a moment."
Counter = tuple[CashierWindow, PgProxy, str]


@pytest.fixture
def counter(
    request: pytest.FixtureRequest,
    qapp: QApplication,
    qtbot: QtBot,
    tmp_path: Path,
    clock: FakeClock,
    postgres: PostgresServer,
    demo_templates: DemoTemplates,
) -> Iterator[Counter]:
    """The demo manager at the counter (no approval asked), on PostgreSQL through a proxy,
    in English unless the test asks for another language."""
    url = postgres.new_url()
    demo_templates.fill(url, Demo(DEMO_MEMBERS, clock.now().date()))
    settings = tmp_path / "settings.json"  # short timeouts: the test waits less
    settings.write_text(json.dumps({"connect_timeout_s": 2, "statement_timeout_s": 1}))
    with PgProxy.before(url) as proxy:
        language = getattr(request, "param", "en")
        options = LaunchOptions(proxy.url(url), DEMO_MEMBERS, language)
        till_app = TillApp(qapp, options, TillSettingsService(settings), clock)
        till_app.start()
        ready(till_app)
        without_local_copy(till_app)
        if till_app.daily_jobs is not None:
            till_app.daily_jobs.settle()
        assert till_app.login is not None
        staff = till_app.login.staff_combo
        staff.setCurrentIndex(staff.findData("manager"))
        try:
            yield open_cashier(qtbot, till_app, pin="9999"), proxy, url
        finally:
            proxy.resume()
            till_app.shut_down()


def one(url: str, sql: str) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        found = connection.execute(text(sql)).scalar_one()
    engine.dispose()
    return int(found)


def cut_off(proxy: PgProxy, how: str, commit_after: str = "") -> None:
    """ "stall": every byte held, the till's own watchdog gives up; "dead": connections
    dropped and new ones refused; "reply lost": the server commits, the till never hears."""
    if how == "stall":
        proxy.stall()
    elif how == "dead":
        proxy.cut()
    else:
        proxy.swallow_commit_reply(commit_after)


def failed_while_turning(
    qtbot: QtBot, window: CashierWindow, proxy: PgProxy, how: str, said: QWidget, name: str
) -> str:
    """Waits until the failure is said on ``said``'s label ``name`` (a stall: while the
    GUI thread keeps turning), then until the server answers again; what was said."""
    if how == "stall":
        qtbot.waitUntil(lambda: proxy.held > 0, timeout=WITHIN_MS)  # the work is out
        turned: list[bool] = []
        QTimer.singleShot(0, lambda: turned.append(window.waiting))
        qtbot.waitUntil(lambda: bool(turned), timeout=1000)
        assert turned == [True]  # the GUI thread turned while the work was still out
    qtbot.waitUntil(lambda: bool(label(said, name)), timeout=WITHIN_MS)
    shown = label(said, name)
    assert not window.server.reachable  # the status bar says so
    proxy.resume()
    qtbot.waitUntil(lambda: window.server.reachable, timeout=WITHIN_MS)
    return shown


def discard(qtbot: QtBot) -> None:
    on_next_modal(lambda box: click(qtbot, box, "discardYes"))


@pytest.mark.parametrize("how", ["stall", "dead", "reply lost"])
def test_new_order_keeps_the_order_while_the_server_is_gone_and_voids_it_once_back(
    qtbot: QtBot, counter: Counter, how: str
) -> None:
    window, proxy, url = counter
    click(qtbot, window, "item_HOT-01")
    voids = "SELECT count(*) FROM audit_events WHERE action = 'order_voided'"
    before = one(url, voids)

    cut_off(proxy, how, "INSERT INTO audit_events")
    discard(qtbot)
    click(qtbot, window, "newOrderButton")
    assert window.paying  # the order waits for the void: nothing is rung up over it
    said = failed_while_turning(qtbot, window, proxy, how, window, "counterFailure")
    qtbot.waitUntil(lambda: not window.paying, timeout=WITHIN_MS)

    assert said == UNREACHABLE
    assert [line.item.code for line in window.presenter.draft.lines()] == ["HOT-01"]
    discard(qtbot)
    click(qtbot, window, "newOrderButton")
    settle(window)
    assert window.presenter.draft.is_empty() and not label(window, "counterFailure")
    assert one(url, voids) == before + 1


@pytest.mark.parametrize("how", ["stall", "dead", "reply lost"])
def test_a_refund_keeps_the_form_while_the_server_is_gone_and_refunds_once(
    qtbot: QtBot, counter: Counter, how: str
) -> None:
    window, proxy, url = counter
    click(qtbot, window, "item_HOT-01")
    pay_exact_cash(qtbot, window)
    seen: dict[str, object] = {}

    def refund(dialog: QWidget) -> None:
        dialog.findChild(QTableWidget, "recentOrdersTable").selectRow(0)
        settle(dialog)
        note = dialog.findChild(QLineEdit, "refundNoteEdit")
        note.setText("soup was cold")
        cut_off(proxy, how, "INSERT INTO refunds")
        click(qtbot, dialog, "confirmRefundButton")
        seen["said"] = failed_while_turning(qtbot, window, proxy, how, dialog, "refundError")
        seen["kept"] = (note.text(), dialog.isVisible())
        click(qtbot, dialog, "confirmRefundButton")  # the same request key
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WITHIN_MS)

    on_next_modal(refund)
    click(qtbot, window, "refundButton")
    settle(window)

    assert seen == {"said": UNREACHABLE, "kept": ("soup was cold", True)}
    assert label(window, "orderStatus").endswith("refunded: give back ¥38.00.")
    assert one(url, "SELECT count(*) FROM refunds") == 1


def test_the_refund_list_missed_while_the_server_stalls_is_read_when_it_answers_again(
    qtbot: QtBot, counter: Counter
) -> None:
    window, proxy, _url = counter
    click(qtbot, window, "item_HOT-01")
    pay_exact_cash(qtbot, window)
    seen: dict[str, object] = {}

    def watch(dialog: QWidget) -> None:  # called once the list's read has failed
        orders = dialog.findChild(QTableWidget, "recentOrdersTable")
        seen["said"] = (label(dialog, "refundError"), orders.rowCount())
        proxy.resume()
        qtbot.waitUntil(lambda: orders.rowCount() == 1, timeout=WITHIN_MS)  # by itself
        seen["after"] = label(dialog, "refundError")
        dialog.reject()

    on_next_modal(watch)
    proxy.stall()
    click(qtbot, window, "refundButton")

    assert seen == {"said": (UNREACHABLE, 0), "after": ""}


@pytest.mark.parametrize("how", ["stall", "dead", "reply lost"])
def test_a_points_correction_keeps_the_form_while_the_server_is_gone_and_counts_once(
    qtbot: QtBot, counter: Counter, how: str
) -> None:
    window, proxy, url = counter
    window.identify("13800138000")
    settle(window)
    points = "SELECT coalesce(sum(delta), 0) FROM points_ledger WHERE member_id = 1"
    before = one(url, points)
    seen: dict[str, object] = {}

    def adjust(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "adjustAmountEdit").setText("+200")
        note = dialog.findChild(QLineEdit, "adjustNoteEdit")
        note.setText("points missed on T1-0042")
        cut_off(proxy, how, "INSERT INTO points_ledger")
        click(qtbot, dialog, "confirmAdjustButton")
        seen["said"] = failed_while_turning(qtbot, window, proxy, how, dialog, "adjustError")
        seen["kept"] = (note.text(), dialog.isVisible())
        click(qtbot, dialog, "confirmAdjustButton")  # the same request key
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WITHIN_MS)

    on_next_modal(adjust)
    click(qtbot, window, "adjustButton")
    settle(window)

    assert seen == {"said": UNREACHABLE, "kept": ("points missed on T1-0042", True)}
    assert one(url, points) == before + 200
    assert label(window, "memberPoints") == f"{before + 200:,}"


@pytest.mark.parametrize("how", ["stall", "dead"])
def test_an_enrolment_keeps_the_form_while_the_server_is_gone_and_enrols_once(
    qtbot: QtBot, counter: Counter, how: str
) -> None:
    window, proxy, url = counter
    seen: dict[str, object] = {}

    def enrol(dialog: QWidget) -> None:
        phone = dialog.findChild(QLineEdit, "enrolPhoneEdit")
        name = dialog.findChild(QLineEdit, "enrolNameEdit")
        phone.setText("13700001234")
        name.setText("Wang Fang")
        cut_off(proxy, how)
        click(qtbot, dialog, "enrolConfirmButton")
        seen["said"] = failed_while_turning(qtbot, window, proxy, how, dialog, "enrolError")
        seen["kept"] = (phone.text(), name.text(), dialog.isVisible())
        click(qtbot, dialog, "enrolConfirmButton")
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WITHIN_MS)

    on_next_modal(enrol)
    click(qtbot, window, "enrolButton")
    settle(window)

    assert seen == {"said": UNREACHABLE, "kept": ("13700001234", "Wang Fang", True)}
    assert label(window, "memberName") == "Wang Fang"
    assert one(url, "SELECT count(*) FROM members WHERE phone = '13700001234'") == 1


@pytest.mark.parametrize("how", ["stall", "dead"])
def test_no_sale_says_why_while_the_server_is_gone_and_opens_once_back(
    qtbot: QtBot, counter: Counter, how: str
) -> None:
    window, proxy, url = counter
    opened = "SELECT count(*) FROM audit_events WHERE action = 'drawer_no_sale'"
    before = one(url, opened)

    cut_off(proxy, how)
    click(qtbot, window, "noSaleButton")
    said = failed_while_turning(qtbot, window, proxy, how, window, "orderStatus")
    click(qtbot, window, "noSaleButton")
    qtbot.waitUntil(lambda: label(window, "orderStatus") == "Cash drawer opened (no sale).")

    assert said == UNREACHABLE
    assert one(url, opened) == before + 1


@pytest.mark.parametrize("counter", ["zh"], indirect=True)
def test_the_cashier_reads_why_in_their_language(qtbot: QtBot, counter: Counter) -> None:
    window, proxy, _url = counter
    seen: list[str] = []

    def enrol(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "enrolPhoneEdit").setText("13700001234")
        dialog.findChild(QLineEdit, "enrolNameEdit").setText("王芳")
        proxy.cut()
        click(qtbot, dialog, "enrolConfirmButton")
        seen.append(failed_while_turning(qtbot, window, proxy, "dead", dialog, "enrolError"))

    on_next_modal(enrol)
    click(qtbot, window, "enrolButton")

    assert seen == [QCoreApplication.translate("Errors", UNREACHABLE)]
    assert "数据库" in seen[0]


@pytest.mark.parametrize("how", ["stall", "dead", "reply lost"])
def test_a_guest_note_keeps_the_form_while_the_server_is_gone_and_is_saved_once_back(
    qtbot: QtBot, counter: Counter, how: str
) -> None:
    window, proxy, url = counter
    window.identify("13800138000")
    settle(window)
    complaints = "SELECT count(*) FROM complaints"
    before = one(url, complaints)
    seen: dict[str, object] = {}

    def note(dialog: QWidget) -> None:
        allergies = dialog.findChild(QLineEdit, "guestAllergiesEdit")
        allergies.setText("peanuts")
        complaint = dialog.findChild(QPlainTextEdit, "complaintEdit")
        complaint.setPlainText("waited 40 minutes")
        cut_off(proxy, how, "INSERT INTO complaints")
        click(qtbot, dialog, "saveGuestNoteButton")
        seen["said"] = failed_while_turning(qtbot, window, proxy, how, dialog, "guestNoteError")
        seen["kept"] = (allergies.text(), complaint.toPlainText(), dialog.isVisible())
        click(qtbot, dialog, "saveGuestNoteButton")
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WITHIN_MS)

    on_next_modal(note)
    click(qtbot, window, "guestNoteButton")
    settle(window)

    assert seen == {"said": UNREACHABLE, "kept": ("peanuts", "waited 40 minutes", True)}
    assert label(window, "memberAllergies") == "peanuts"
    assert one(url, complaints) == before + 1


@pytest.mark.parametrize("how", ["stall", "reply lost"])
def test_a_manual_discount_keeps_the_form_while_the_server_is_gone_and_is_granted_once(
    qtbot: QtBot, counter: Counter, how: str
) -> None:
    window, proxy, url = counter
    click(qtbot, window, "item_HOT-01")
    seen: dict[str, object] = {}

    def grant(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit, "manualDiscountValue").setText("10")
        note = dialog.findChild(QLineEdit, "manualDiscountNote")
        note.setText("soup was late")
        cut_off(proxy, how, "INSERT INTO manual_discount_grants")
        click(qtbot, dialog, "manualDiscountApplyButton")
        said = failed_while_turning(qtbot, window, proxy, how, dialog, "manualDiscountError")
        seen["said"], seen["kept"] = said, (note.text(), dialog.isVisible())
        click(qtbot, dialog, "manualDiscountApplyButton")  # the same request key
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WITHIN_MS)

    on_next_modal(grant)
    click(qtbot, window, "manualDiscountButton")
    settle(window)

    assert seen == {"said": UNREACHABLE, "kept": ("soup was late", True)}
    assert window.presenter.bill().priced.manual_discount == 380
    assert one(url, "SELECT count(*) FROM manual_discount_grants") == 1


@pytest.mark.parametrize("how", ["stall", "dead"])
def test_a_kept_order_waits_for_the_server_and_comes_back_by_itself(
    qtbot: QtBot, counter: Counter, how: str, tmp_path: Path
) -> None:
    window, proxy, _url = counter
    click(qtbot, window, "item_HOT-01")
    window.identify("13800138000")
    settle(window)
    kept = OpenOrderFile(tmp_path / "kept", "T1")
    kept.save({**snapshot(window.presenter.draft), "paying": False})
    discard(qtbot)
    click(qtbot, window, "newOrderButton")
    settle(window)

    cut_off(proxy, how)
    window.keep_order(KeptOrder(kept, window.presenter))
    assert window.paying and not window.menu_panel.isEnabled()  # nothing rung up over it
    said = failed_while_turning(qtbot, window, proxy, how, window, "counterFailure")
    qtbot.waitUntil(lambda: not window.paying, timeout=WITHIN_MS)  # asked again by itself

    assert said == UNREACHABLE
    draft = window.presenter.draft
    assert [line.item.code for line in draft.lines()] == ["HOT-01"]
    assert draft.member is not None and draft.member.phone == "13800138000"
    assert "The order that was open when the till stopped is back." in label(window, "orderStatus")

"""Training mode: the sandbox is built from the real restaurant, everything done in it
stays in it (the real database is unchanged, row for row and byte for byte), slips are
marked and the drawer never opens, and the coach scores what the trainee really did."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from app.bootstrap import Till, TillConfig, build_till
from app.domain.approvals import PinApproval, ReasonCode
from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.enrolment import EnrolmentForm
from app.domain.payment import PaymentMethod, Tender
from app.domain.staff import StaffMember
from app.errors import LoginRefusal, LoginRefused, PermissionDenied
from app.services.printing import slip_text
from app.training.config import TRAINING_MARK, training_config
from app.training.sandbox import prepare_sandbox
from db.models import Base, MenuItemRow, OrderRow, StaffRow
from hardware.printing.document import ReceiptDocument
from hardware.printing.transports import SimTransport
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock


def dump(url: str) -> list[tuple[str, list[tuple[object, ...]]]]:
    """Every row of every table, in key order: the database's whole content."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [
                (
                    table.name,
                    [
                        tuple(row)
                        for row in connection.execute(
                            select(table).order_by(*table.primary_key.columns)
                        )
                    ],
                )
                for table in Base.metadata.sorted_tables
            ]
    finally:
        engine.dispose()


@pytest.fixture
def live_config(
    new_database_url: str, clock: FakeClock, demo_templates: DemoTemplates
) -> Iterator[TillConfig]:
    demo_templates.fill(new_database_url, Demo(DEMO_MEMBERS, clock.now().date()))
    config = TillConfig(new_database_url, demo_members_if_empty=DEMO_MEMBERS)
    build_till(config, clock).close()  # a live till that has run once
    yield config


@pytest.fixture
def trainee_till(live_config: TillConfig, tmp_path: Path, clock: FakeClock) -> Iterator[Till]:
    config = training_config(live_config, tmp_path / "training")
    prepare_sandbox(live_config.database_url, config.database_url, clock.now().date(), None)
    till = build_till(config, clock)
    yield till
    till.close()


def sign_in(till: Till, username: str = "zhaomin", pin: str = "2222") -> StaffMember:
    return till.auth.log_in(username, pin)


def order(till: Till, lookup: str | None, *codes: str) -> OrderDraft:
    catalog = till.catalog.load()
    draft = OrderDraft()
    for code in codes or ("HOT-01",):
        draft.add(next(item for item in catalog.items if item.code == code))
    if lookup is not None:
        found = till.members.identify(lookup)
        assert found.member is not None, found
        draft.set_member(found.member)
    return draft


def pay(
    till: Till, draft: OrderDraft, staff: StaffMember, method: PaymentMethod = PaymentMethod.CASH
) -> str:
    bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
    return till.checkout.check_out(draft, Tender(method, bill.due), staff).order_no


def test_the_sandbox_holds_the_real_restaurant_and_the_training_guests(
    trainee_till: Till, live_config: TillConfig
) -> None:
    live_items = {(r.code, r.price_fen) for r in rows(live_config.database_url, MenuItemRow)}
    sandbox_items = {
        (r.code, r.price_fen) for r in rows(trainee_till.config.database_url, MenuItemRow)
    }
    assert sandbox_items == live_items
    matches = trainee_till.members.identify("6688").candidates
    assert {c.member_no for c in matches} >= {"M9000001", "M9000002", "M9000003"}
    staff = {r.username: r.role for r in rows(trainee_till.config.database_url, StaffRow)}
    assert staff["zhaomin"] == "cashier"  # a trainee practises as a cashier
    assert staff["manager"] == "manager"


def rows(url: str, model: type) -> list:  # type: ignore[type-arg]
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(select(model.__table__)))  # type: ignore[attr-defined]
    finally:
        engine.dispose()


def test_a_trainee_cannot_sign_in_on_a_live_till(live_config: TillConfig, clock: FakeClock) -> None:
    till = build_till(live_config, clock)
    try:
        with pytest.raises(LoginRefused) as refused:
            sign_in(till)
        assert refused.value.reason is LoginRefusal.TRAINING_ONLY
    finally:
        till.close()


def test_a_whole_training_session_leaves_the_real_database_unchanged(
    live_config: TillConfig, trainee_till: Till, clock: FakeClock
) -> None:
    before = dump(live_config.database_url)
    sqlite_file = _sqlite_file(live_config.database_url)
    digest_before = _digest(sqlite_file) if sqlite_file else None
    till = trainee_till
    trainee = sign_in(till)
    # lookups, a checkout, a stored-value payment, a top-up, a renewal, a refund
    pay(till, order(till, "13600011122"), trainee, PaymentMethod.STORED_VALUE)
    top_up = order(till, "19900055566")
    top_up.top_up_amount = 100_000
    pay(till, top_up, trainee)
    renewal = order(till, "13788990011")
    assert renewal.member is not None
    outlook = till.loyalty.outlook(renewal.member, clock.now().date(), till.loyalty.rules())
    assert outlook.renewal is not None
    renewal.renewal = outlook.renewal
    refunded = pay(till, renewal, trainee)
    till.refunds.refund(
        refunded, trainee, ReasonCode.GUEST_CHANGED_MIND, "", PinApproval("manager", "9999")
    )
    # an enrolment with a card, then a merge of a duplicate
    new = till.enrolment.enrol(
        trainee, EnrolmentForm(phone="139 0000 1234", name="陈静", card="8890000000000101")
    )
    twin = till.enrolment.enrol(
        trainee, EnrolmentForm(phone="13900004321", name="陈 静"), accept_look_alike=True
    )
    till.merge.merge(
        trainee, new.member_id, twin.member_id, "duplicate", PinApproval("manager", "9999")
    )
    till.guest_notes.record_allergies(trainee, new.member_id, "花生过敏")
    till.auth.log_out(trainee)
    till.close()
    assert dump(live_config.database_url) == before
    if sqlite_file is not None:
        assert _digest(sqlite_file) == digest_before


def _sqlite_file(url: str) -> Path | None:
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_training_orders_have_their_own_numbers_and_marked_slips(trainee_till: Till) -> None:
    till = trainee_till
    order_no = pay(till, order(till, "13911226688"), sign_in(till))
    assert order_no.startswith("T1-TR-")
    preview = till.print_preview
    assert isinstance(preview, SimTransport)
    deadline = time.monotonic() + 10
    while not preview.jobs() and time.monotonic() < deadline:
        time.sleep(0.02)
    lines = [line.strip() for line in slip_text(preview.jobs()[-1]).splitlines() if line.strip()]
    assert "培训 TRAINING" in lines[0] and "培训 TRAINING" in "".join(lines[-3:])
    assert b"\x1bp" not in preview.jobs()[-1]  # no drawer kick, even for cash


def test_the_training_printer_marks_every_slip_top_and_bottom_and_never_kicks() -> None:
    from app.training.printer import MarkedPrinter

    seen: list[tuple[ReceiptDocument, bool]] = []

    class Recorder:
        def describe(self) -> str:
            return "recorder"

        def print_receipt(self, doc: ReceiptDocument, *, open_drawer: bool = False) -> object:
            seen.append((doc, open_drawer))
            return None

        def kick_drawer(self) -> object:
            raise AssertionError("kicked")

        def probe(self) -> None:
            return None

    printer = MarkedPrinter(Recorder(), TRAINING_MARK)  # type: ignore[arg-type]
    printer.print_receipt(ReceiptDocument(title="x", banner="重印 DUPLICATE"), open_drawer=True)
    doc, drawer = seen[-1]
    assert doc.banner.startswith(TRAINING_MARK) and "DUPLICATE" in doc.banner
    assert drawer is False
    from hardware.errors import HardwareError

    with pytest.raises(HardwareError):
        printer.kick_drawer()


def test_the_drawer_never_opens_in_training(trainee_till: Till) -> None:
    manager = sign_in(trainee_till, "manager", "9999")
    with pytest.raises(PermissionDenied):
        trainee_till.drawer.open_no_sale(manager)


def test_switching_needs_a_manager_and_is_audited(
    live_config: TillConfig, clock: FakeClock
) -> None:
    till = build_till(live_config, clock)
    try:
        cashier = till.auth.log_in("wangfang", "1111")
        with pytest.raises((LoginRefused, PermissionDenied)):
            till.till_mode.approve_switch(cashier, PinApproval("wangfang", "1111"))
        approver = till.till_mode.approve_switch(cashier, PinApproval("manager", "9999"))
        assert approver.username == "manager"
    finally:
        till.close()


def test_the_coach_scores_what_was_done_and_keeps_scores_across_a_reset(
    live_config: TillConfig, trainee_till: Till, clock: FakeClock, tmp_path: Path
) -> None:
    till = trainee_till
    coach = till.coach
    assert coach is not None
    trainee = sign_in(till)
    run = coach.start(trainee, "last-four")
    clock.advance(timedelta(seconds=20))
    wrong = pay(till, order(till, "13522336688"), trainee)  # 王晓明, also ending 6688
    assert wrong
    progress = coach.check(run)
    assert progress.steps_done == (False, False)
    assert [m.en for m in progress.mistakes] == ["Wrong member chosen"]
    clock.advance(timedelta(seconds=30))
    pay(till, order(till, "13911226688"), trainee)
    assert coach.check(run).completed
    attempt = coach.finish(run)
    assert (attempt.seconds, attempt.mistakes, attempt.score, attempt.passed) == (
        50,
        ("wrong_member",),
        85,
        True,
    )
    till.close()
    config = training_config(live_config, tmp_path / "training")
    prepare_sandbox(
        live_config.database_url, config.database_url, clock.now().date(), None, fresh=True
    )
    again = build_till(config, clock)
    try:
        assert again.coach is not None
        assert [a.score for a in again.coach.attempts()] == [85]
        assert again.members.identify("13522336688").member is not None
        assert not rows(config.database_url, OrderRow)  # the practice orders are gone
    finally:
        again.close()


def test_a_real_printer_allowed_in_training_prints_marked_slips_and_never_kicks(
    live_config: TillConfig, tmp_path: Path, clock: FakeClock
) -> None:
    target = tmp_path / "printer.bin"
    live = replace(live_config, printer_url=f"escpos+file://{target}")
    config = training_config(live, tmp_path / "training", real_printer=True)
    assert config.printer_url == live.printer_url and config.card_reader_url == "sim://"
    prepare_sandbox(live.database_url, config.database_url, clock.now().date(), None)
    till = build_till(config, clock)
    try:
        pay(till, order(till, "13911226688"), sign_in(till))  # cash: a live till would kick
        deadline = time.monotonic() + 10
        while not (target.exists() and target.stat().st_size) and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.2)
        data = target.read_bytes()
    finally:
        till.close()
    text = slip_text(data)
    assert text.count("NOT A RECEIPT") == 2
    assert b"\x1bp" not in data

"""``pos setup`` headless, in a real subprocess: a new database becomes a restaurant whose
manager signs in and sells a first member order with the restaurant's name on the receipt."""

from __future__ import annotations

import json
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app.bootstrap import TillConfig, build_till, prepare_database
from app.domain.draft import OrderDraft
from app.domain.enrolment import EnrolmentForm
from app.domain.payment import PaymentMethod, Tender
from app.domain.print_jobs import JobStatus
from app.domain.staff import Role
from app.setup.marker import is_demo
from hardware.printing.escpos_decode import decode_escpos
from tests.fakes import FakeClock
from tests.integration.test_cli import POS, ROOT, run_pos

DELIVERED = {JobStatus.PRINTED, JobStatus.SENT_UNCONFIRMED}  # a file cannot confirm
MENU = ROOT / "resources" / "templates" / "menu-template.csv"


def pin_file(folder: Path, pin: str = "2580", mode: int = 0o600) -> Path:
    path = folder / "manager.pin"
    path.write_text(f"{pin}\n")
    path.chmod(mode)
    return path


def setup_args(url: str, pins: Path, *extra: str) -> list[str]:
    return [
        "setup",
        "--db",
        url,
        "--restaurant",
        "老王面馆 Wang's Noodles",
        "--manager",
        "王老板",
        "--pin-file",
        str(pins),
        "--address",
        "上海市徐汇区漕溪北路1号",
        "--phone",
        "021-6400 1234",
        *extra,
    ]


def table(url: str, sql: str) -> list[tuple[object, ...]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]
    finally:
        engine.dispose()


def test_setup_opens_a_restaurant_that_sells_and_prints_its_own_name(
    database_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    done = run_pos(*setup_args(database_url, pin_file(tmp_path), "--menu-csv", str(MENU)))
    assert done.returncode == 0, done.stderr
    assert "王老板" in done.stdout and "4 menu items" in done.stdout

    receipts = tmp_path / "receipts.bin"
    # Launched as `pos` launches it (demo for a brand-new database): this one is not new.
    config = TillConfig(
        database_url, printer_url=f"escpos+file://{receipts}", demo_members_if_empty=5
    )
    till = build_till(config, clock)
    try:
        assert not is_demo(till.catalog.restaurant_settings())
        assert [s.display_name for s in till.auth.staff_on_duty()] == ["王老板"]
        manager = till.auth.log_in("manager", "2580")
        assert manager.role is Role.MANAGER
        till.enrolment.enrol(manager, EnrolmentForm(phone="13900001111", name="陈一"))
        draft = OrderDraft()
        items = {item.name_zh: item for item in till.catalog.load().items}
        assert "酸梅汤" not in items  # listed as not available in the CSV
        draft.add(items["宫保鸡丁"])
        draft.add(items["米饭"])
        member = till.members.identify("13900001111").member
        assert member is not None and member.tier.code == "SILVER"
        draft.member = member
        order = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 5_000), manager)
        deadline = time.monotonic() + 10
        while not any(
            job.reference == order.order_no and job.status in DELIVERED
            for job in till.spooler.recent()
        ):
            assert time.monotonic() < deadline, till.spooler.recent()
            time.sleep(0.02)
    finally:
        till.close()
    slip = decode_escpos(receipts.read_bytes(), strict=True).text
    head = slip[: slip.index("宫保鸡丁")]
    for expected in ("老王面馆 Wang's Noodles", "上海市徐汇区漕溪北路1号", "Tel 021-6400 1234"):
        assert expected in head, expected
    assert "川味小馆" not in slip
    assert "¥38.95" in slip  # ¥41.00 at Silver's 5% off, from the template
    actions = [a for (a,) in table(database_url, "SELECT action FROM audit_events ORDER BY id")]
    assert actions[:5] == [
        "restaurant_set_up",
        "store_renamed",  # the migration's "Main store" takes the restaurant's name
        "staff_created",
        "loyalty_programme_from_template",
        "menu_imported",
    ]
    assert table(database_url, "SELECT name, address FROM stores") == [
        ("老王面馆 Wang's Noodles", "上海市徐汇区漕溪北路1号")
    ]
    (detail,) = table(database_url, "SELECT detail FROM audit_events WHERE action='staff_created'")
    assert json.loads(str(detail[0]))["role"] == "manager"
    (pin_hash,) = table(database_url, "SELECT pin_hash FROM staff")
    assert "2580" not in str(pin_hash[0]) and str(pin_hash[0]).startswith("scrypt$")


def test_a_set_up_or_demo_database_is_refused_and_left_alone(
    database_url: str, tmp_path: Path
) -> None:
    pins = pin_file(tmp_path)
    assert run_pos(*setup_args(database_url, pins)).returncode == 0
    before = table(database_url, "SELECT count(*) FROM audit_events")
    again = run_pos(*setup_args(database_url, pins, "--template", "stored-value"))
    assert again.returncode == 1
    assert again.stderr.strip() == (
        "pos setup: this database is already set up (it has staff, tiers); nothing was changed"
    )
    assert table(database_url, "SELECT count(*) FROM audit_events") == before
    assert table(database_url, "SELECT code FROM tiers ORDER BY rank") == [
        ("SILVER",),
        ("GOLD",),
        ("PLATINUM",),
    ]


def test_the_demo_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert run_pos("demo", "--db", url, "--members", "3").returncode == 0
    refused = run_pos(*setup_args(url, pin_file(tmp_path)))
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "pos setup: this database holds the demo restaurant; set up a real restaurant in a "
        "new database"
    )


@pytest.mark.parametrize(
    ("pin", "mode", "message"),
    [
        ("2580", 0o644, "is readable by others; run chmod 600"),
        ("12", 0o600, "at least 4 digits"),
        ("123456789", 0o600, "at most 8 digits"),
        ("12a4", 0o600, "digits 0-9 only"),
        ("0000", 0o600, "one digit repeated"),
        ("4321", 0o600, "digits in a row"),
    ],
)
def test_a_bad_pin_file_is_refused_before_anything_is_written(
    tmp_path: Path, pin: str, mode: int, message: str
) -> None:
    db = tmp_path / "new.db"
    refused = run_pos(*setup_args(f"sqlite:///{db}", pin_file(tmp_path, pin, mode)))
    assert refused.returncode == 1 and message in refused.stderr
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert not db.exists()


def test_a_pin_is_never_taken_from_the_command_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    refused = run_pos("setup", "--db", url, "--restaurant", "R", "--manager", "M", "--pin", "2580")
    assert refused.returncode == 2 and "--pin-file" in refused.stderr
    assert not (tmp_path / "new.db").exists()


def test_two_set_ups_at_once_make_one_restaurant(database_url: str, tmp_path: Path) -> None:
    pins = pin_file(tmp_path)
    runs = [
        subprocess.Popen(
            [*POS, *setup_args(database_url, pins, "--template", template)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for template in ("paid-tiers", "stored-value")
    ]
    results = [(run.wait(timeout=120), *run.communicate()) for run in runs]
    assert sorted(code for code, _, _ in results) == [0, 1], results
    (refusal,) = [err for code, _, err in results if code == 1]
    assert refusal.strip().startswith("pos setup: this database is already set up")
    assert table(database_url, "SELECT count(*) FROM staff") == [(1,)]
    (made,) = [out for code, out, _ in results if code == 0]
    tiers = table(database_url, "SELECT count(*) FROM tiers")
    assert tiers == ([(3,)] if "paid-tiers" in made else [(1,)])


def test_an_empty_till_database_is_set_up_and_a_bad_menu_changes_nothing(
    database_url: str, tmp_path: Path
) -> None:
    prepare_database(database_url, None, date(2026, 11, 22)).dispose()  # as `pos --no-demo`
    menu = tmp_path / "menu.csv"
    menu.write_bytes("分类,菜品,价格\n热菜,宫保鸡丁,38.00\n热菜,水煮鱼,八十八\n".encode("gb18030"))
    pins = pin_file(tmp_path)
    refused = run_pos(*setup_args(database_url, pins, "--menu-csv", str(menu)))
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        f"pos setup: {menu}: line 3: the price: not an amount: '八十八'",
        "pos setup: 1 bad row(s); nothing was changed",
    ]
    assert table(database_url, "SELECT count(*) FROM staff") == [(0,)]
    assert table(database_url, "SELECT count(*) FROM audit_events") == [(0,)]

    menu.write_bytes("分类,菜品,价格\n热菜,宫保鸡丁,38.00\n".encode("gb18030"))
    done = run_pos(*setup_args(database_url, pins, "--menu-csv", str(menu)))
    assert done.returncode == 0, done.stderr
    assert table(database_url, "SELECT name_zh, price_fen, active FROM menu_items") == [
        ("宫保鸡丁", 3800, True)
    ]

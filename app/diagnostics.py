"""Device and database checks in plain words (``pos doctor``), and the test slip."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from app.audit_chain.verify import verify_database
from app.backups.backup import is_embedded
from app.backups.database_check import database_problem
from app.backups.status import backup_status, describe
from db import print_jobs
from db.engine import create_db_engine, session_factory
from db.migrate import has_schema, is_at_head
from hardware.errors import HardwareError
from hardware.printing.document import ReceiptDocument, ReceiptItem, ReceiptTotal
from hardware.printing.font_files import FONT_PATHS
from hardware.printing.printer import open_printer
from hardware.printing.transports import Delivery
from hardware.readers.serial_reader import probe_serial_port
from hardware.urls import ReaderKind, parse_reader_url


@dataclass(frozen=True)
class Finding:
    ok: bool
    subject: str
    message: str


def test_slip(now: datetime) -> ReceiptDocument:
    """Chinese and English lines, a wide-character alignment check, a QR code, a cut."""
    return ReceiptDocument(
        title="打印测试 PRINT TEST",
        header=(f"{now:%Y-%m-%d %H:%M:%S}",),
        facts=(("中文", "简体中文 GB18030"), ("English", "ASCII 0123456789")),
        items=(
            ReceiptItem("宫保鸡丁 Kung Pao Chicken", "¥38.00", "1 x ¥38.00  9折 -¥3.80"),
            ReceiptItem("標點：，。！？（）", "¥0.00"),
        ),
        totals=(ReceiptTotal("右对齐 Right edge", "¥12,345.67", emphasised=True),),
        footer=(
            "如果以上各行右端对齐，打印机工作正常。",
            "If the right edges line up, all is well.",
        ),
        reference=f"TEST-{now:%Y%m%d%H%M%S}",
    )


def print_test_slip(url: str, now: datetime) -> Delivery:
    """Print the test slip on ``url`` at once (blocking). Raises ``HardwareError``."""
    return open_printer(url).print_receipt(test_slip(now))


def check_printer(url: str) -> Finding:
    try:
        printer = open_printer(url)
        status = printer.probe()
    except HardwareError as error:
        return Finding(False, "printer", str(error))
    if status is None:
        return Finding(
            True,
            "printer",
            f"{printer.describe()} is reachable (it does not report paper or cover state)",
        )
    fault = status.fault()
    if fault is not None:
        return Finding(False, "printer", f"{printer.describe()}: {fault.value.replace('_', ' ')}")
    note = ", paper is running low" if status.paper_near_end else ""
    return Finding(True, "printer", f"{printer.describe()} is ready{note}")


def check_card_reader(url: str) -> Finding:
    try:
        spec = parse_reader_url(url)
    except HardwareError as error:
        return Finding(False, "card reader", str(error))
    if spec.kind is ReaderKind.SERIAL:
        problem = probe_serial_port(spec.port, spec.baudrate)
        if problem is not None:
            return Finding(False, "card reader", f"{spec.port} cannot be opened: {problem}")
        return Finding(True, "card reader", f"{spec.port} opens at {spec.baudrate} baud")
    if spec.kind is ReaderKind.WEDGE:
        return Finding(
            True,
            "card reader",
            f"keyboard-wedge reader: a burst of keys ending in {spec.suffix!r} "
            f"with at most {spec.gap_ms} ms between keys is a card read",
        )
    return Finding(True, "card reader", "simulated reader")


def check_database(url: str, till_id: str) -> list[Finding]:
    """Reachable, not damaged (SQLite: ``PRAGMA quick_check``, which checks every page's
    structure but not that indexes match their rows: seconds rather than minutes on big
    files), ours, current; then the print queue and the hash chains (``pos audit verify``)."""
    problem = database_problem(url, integrity="quick_check")
    if problem is not None:
        return [Finding(False, "database", problem)]
    engine = create_db_engine(url)
    try:
        if not has_schema(engine):
            return [
                Finding(
                    False,
                    "database",
                    f"{url} has no till data yet; start the till "
                    "once or run 'pos demo' to create it",
                )
            ]
        findings = [Finding(True, "database", f"{url} is reachable")]
        if is_embedded(url):
            findings.append(Finding(True, "integrity", "PRAGMA quick_check found no damage"))
        if not is_at_head(engine):
            findings.append(
                Finding(
                    False,
                    "database",
                    "the schema is older than this version "
                    "of the till; start the till once to upgrade it",
                )
            )
            return findings
        with session_factory(engine)() as session:
            waiting, failed, reasons = print_jobs.unfinished_summary(session, till_id)
        if failed:
            findings.append(
                Finding(
                    False,
                    "print queue",
                    f"{failed} slip(s) failed to print "
                    f"({', '.join(reasons)}); they print when the printer is back",
                )
            )
        elif waiting:
            findings.append(Finding(True, "print queue", f"{waiting} slip(s) waiting"))
        else:
            findings.append(Finding(True, "print queue", "nothing waiting"))
        verdict = verify_database(url)
        findings.append(Finding(verdict.ok, "hash chains", verdict.summary))
        return findings
    except SQLAlchemyError as error:
        return [
            Finding(
                False,
                "database",
                f"{url} cannot be used: {error.__class__.__name__}: {str(error).splitlines()[0]}",
            )
        ]
    finally:
        engine.dispose()


def check_backups(url: str, folder: Path, now: datetime) -> Finding:
    ok, message = describe(backup_status(url, folder), now)
    return Finding(ok, "last backup", message)


def check_font() -> Finding:
    if any(Path(path).exists() for path in FONT_PATHS):
        return Finding(True, "Chinese font", "WenQuanYi Micro Hei is installed")
    return Finding(
        False,
        "Chinese font",
        "install fonts-wqy-microhei: Chinese shows as boxes "
        "on screen and PDF receipts cannot be made",
    )

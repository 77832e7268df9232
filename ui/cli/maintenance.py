"""Looking after a till without a window: ``pos doctor``, ``pos print-test``,
``pos audit verify``, ``pos backup`` and ``pos restore``."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from app.config import data_dir


def add_doctor_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    database: argparse.ArgumentParser,
) -> None:
    commands.add_parser(
        "doctor",
        parents=[database],
        help="check the database, the print queue and the configured devices",
    )


def run_doctor(database_url: str, settings_file: Path | None) -> int:
    from app.backups.catalogue import default_folder
    from app.clock import SystemClock
    from app.config import load_till_settings
    from app.diagnostics import (
        check_backups,
        check_card_reader,
        check_database,
        check_font,
        check_printer,
    )

    settings = load_till_settings(settings_file or data_dir() / "till-settings.json")
    findings = [
        *check_database(database_url, settings.till_id or "T1"),
        check_backups(database_url, default_folder(), SystemClock().now()),
        check_printer(settings.printer_url),
        check_card_reader(settings.card_reader_url),
        check_font(),
    ]
    for finding in findings:
        print(f"{'ok ' if finding.ok else 'ERR'}  {finding.subject}: {finding.message}")
    problems = sum(not finding.ok for finding in findings)
    print("all good" if not problems else f"{problems} problem(s) found")
    return 0 if not problems else 1


def add_print_test_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    test = commands.add_parser(
        "print-test", help="print a test slip (Chinese, English, QR code, cut) and exit"
    )
    test.add_argument(
        "--printer",
        required=True,
        metavar="URL",
        help="printer URL, e.g. escpos+tcp://192.168.1.50:9100 (see hardware/urls.py)",
    )
    test.add_argument("--width", type=int, choices=(58, 80), help="paper width in mm")


def with_width(url: str, width: int | None) -> str:
    if width is None or "width=" in url:
        return url
    return f"{url}{'&' if '?' in url else '?'}width={width}"


def run_print_test(url: str, width: int | None) -> int:
    from datetime import datetime

    from app.devices import Delivery, HardwareError
    from app.diagnostics import print_test_slip

    try:
        delivery = print_test_slip(with_width(url, width), datetime.now())
    except HardwareError as error:
        print(f"pos print-test: {error}", file=sys.stderr)
        return 1
    if delivery is Delivery.CONFIRMED:
        print("test slip printed (the printer confirmed it)")
    else:
        print("test slip sent (this printer does not report whether it printed)")
    return 0


def add_audit_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    database: argparse.ArgumentParser,
) -> None:
    audit = commands.add_parser("audit", help="the audit log and ledgers' tamper evidence")
    audit_commands = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    audit_commands.add_parser(
        "verify",
        parents=[database],
        help="walk every hash chain; name the first broken link (exit 1) and check balances",
    )


def run_audit_verify(database_url: str) -> int:
    from app.audit_chain.verify import verify_database

    verdict = verify_database(database_url)
    print(f"{'ok ' if verdict.ok else 'ERR'}  {verdict.summary}")
    for line in verdict.details:
        print(f"     {line}")
    return 0 if verdict.ok else 1


def add_backup_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    database: argparse.ArgumentParser,
) -> None:
    backup = commands.add_parser(
        "backup",
        parents=[database],
        help="back up the database (SQLite: a verified copy; PostgreSQL: the pg_dump line)",
    )
    backup.add_argument(
        "--to", type=Path, metavar="DIR", help=f"folder (default: {data_dir() / 'backups'})"
    )
    restore = commands.add_parser(
        "restore",
        parents=[database],
        help="put a backup in place of the SQLite database (close the till first); the current "
        "one is kept aside",
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="the backup to restore")


def run_backup(url: str, folder: Path | None) -> int:
    from app.backups.backup import BackupRefused, back_up, is_embedded, pg_dump
    from app.backups.catalogue import default_folder
    from app.clock import SystemClock

    folder = folder or default_folder()
    if not is_embedded(url):
        dump = pg_dump(url, folder, SystemClock().now())
        print("back up this PostgreSQL database with (the password is asked for):")
        print("  " + shlex.join(dump.command))
        if not dump.installed:
            print(
                "pos backup: pg_dump is not installed here; install the PostgreSQL client "
                "(Debian: postgresql-client) or run it on the server",
                file=sys.stderr,
            )
            return 1
        return 0
    try:
        path = back_up(url, folder, SystemClock().now())
    except (BackupRefused, OSError) as refusal:
        print(f"pos backup: {refusal}", file=sys.stderr)
        return 1
    print(f"backup written to {path} and verified (integrity check, till schema)")
    return 0


def run_restore(backup: Path, url: str) -> int:
    from app.backups.restore import RestoreRefused, restore
    from app.clock import SystemClock

    try:
        done = restore(backup, url, SystemClock().now())
    except (RestoreRefused, OSError) as refusal:
        print(f"pos restore: {refusal}", file=sys.stderr)
        return 1
    if done.kept_aside is not None:
        print(f"the database that was there is kept as {done.kept_aside}")
    print(f"{backup} restored to {done.database} (schema {done.revision})")
    return 0

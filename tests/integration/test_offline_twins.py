"""The check the till's spooler makes before printing a receipt of the server's outbox
(``app/offline/twins.py``): the receipt of an order committed under a request key the
till also sold offline is recognised before the resync (the server's key answers) and
after it (the journal's outcome answers, the server is not asked); every other receipt
prints. On SQLite and PostgreSQL servers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app.bootstrap import Till
from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.payment import PaymentMethod, Tender
from app.domain.print_jobs import PrintJob
from app.domain.request_keys import new_request_key
from app.offline.cover import PrintedOffline
from app.offline.local_copy import LocalCopy
from app.offline.resync import Resync
from app.offline.selling import OfflineSeller
from app.offline.twins import OfflineTwins
from app.services.auth import AuthService
from app.unit_of_work import UnitOfWork
from tests.integration.test_local_copy import copy, server
from tests.integration.test_loyalty_admin import cashier

__all__ = ["copy", "server"]  # fixtures shared with the local copy's tests


def guest_order(till: Till, key: str) -> OrderDraft:
    draft = OrderDraft()
    draft.add(next(item for item in till.catalog.load().items if item.code == "HOT-01"))
    draft.request_key = key
    return draft


def receipts(till: Till) -> dict[str, PrintJob]:
    """The server's receipt jobs of this till by order number (from the slip)."""
    from hardware.printing.document import document_from_json

    with till.units() as uow:
        jobs = uow.print_jobs.recent("T1", 50)
    return {document_from_json(j.document).reference: j for j in jobs if j.kind == "receipt"}


class NoServer:
    """A server that must not be asked."""

    def __call__(self) -> UnitOfWork:
        raise AssertionError("the server was asked")


@pytest.fixture
def seller(till: Till, copy: LocalCopy) -> Iterator[OfflineSeller]:
    auth = AuthService(copy.units(), till.clock, "T1")
    yield OfflineSeller(copy.engine(), till.clock, till.offline_place, PrintedOffline(), auth)


def test_a_receipt_whose_sale_was_sold_again_offline_is_known_before_and_after_the_resync(
    till: Till, server: Engine, copy: LocalCopy, seller: OfflineSeller, tmp_path: Path
) -> None:
    key = new_request_key()
    draft = guest_order(till, key)
    due = build_bill(draft, till.loyalty.rules(), till.clock.now()).due
    lost = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, due), cashier(till))
    other = till.checkout.check_out(  # an ordinary sale of the same till
        guest_order(till, new_request_key()), Tender(PaymentMethod.CASH, due), cashier(till)
    ).order_no
    twins = OfflineTwins(copy, till.units)
    jobs = receipts(till)
    assert not twins.printed_offline(jobs[lost.order_no])  # not sold offline (yet)

    offline = guest_order(till, key)  # the cashier's retry, on the copy, same key
    sold = seller.check_out(offline, Tender(PaymentMethod.CASH, due), cashier(till))
    assert sold.order_no != lost.order_no

    assert twins.printed_offline(jobs[lost.order_no])  # the server's key says so
    assert not twins.printed_offline(jobs[other])
    Resync(seller.journal, till.units, till.clock, till.offline_place, till.auth).run()
    (entry,) = seller.journal.entries()
    assert entry.outcome is not None and entry.outcome["order_no"] == lost.order_no
    replayed = OfflineTwins(copy, NoServer())  # the journal's outcome is enough now
    assert replayed.printed_offline(jobs[lost.order_no])
    assert len(receipts(till)) == 2  # the replay queued none


def test_without_a_copy_or_a_journal_every_receipt_prints(
    till: Till, server: Engine, tmp_path: Path
) -> None:
    draft = guest_order(till, new_request_key())
    due = build_bill(draft, till.loyalty.rules(), till.clock.now()).due
    order_no = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, due), cashier(till))
    job = receipts(till)[order_no.order_no]
    missing = LocalCopy(server, tmp_path / "none" / "local-copy.db", till.clock)
    assert not OfflineTwins(missing, NoServer()).printed_offline(job)
    built = LocalCopy(server, tmp_path / "built" / "local-copy.db", till.clock)
    built.build()  # a copy nothing was sold on: no journal table
    try:
        assert not OfflineTwins(built, NoServer()).printed_offline(job)
    finally:
        built.close()

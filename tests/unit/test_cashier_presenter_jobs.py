"""The presenter's database work as jobs for a pool thread: the work touches no screen
state, the GUI thread takes the result (``paid``, ``take``); on hand-written fakes."""

from __future__ import annotations

from dataclasses import replace

from app.domain.loyalty import LoyaltyRules
from app.domain.payment import PaymentMethod, Tender
from app.domain.storage import StorageUnavailable
from app.services.catalog import Catalog
from app.services.member_outlook import MemberOutlook
from tests.fake_services import CASHIER, DUMPLINGS, NOODLES, RENEWAL, TEA, FakeMenu, FakeTill
from ui.cashier.presenter import CashierPresenter

ZHANG_PHONE = "13800138000"


def test_a_checkout_job_pays_the_order_as_it_was_when_the_job_was_made() -> None:
    till = FakeTill()
    presenter = CashierPresenter(till.services(), CASHIER)
    presenter.add_item(NOODLES)
    job = presenter.checkout_job(Tender(PaymentMethod.CASH, 5000))
    presenter.add_item(TEA)  # the window holds the order meanwhile; the job has a copy
    payment = job()
    [paid] = till.checkout.paid
    assert [line.item for line in paid.draft.lines()] == [NOODLES]
    assert [line.item for line in presenter.draft.lines()] == [NOODLES, TEA]  # not yet taken
    completed = presenter.paid(payment)
    assert presenter.draft.is_empty() and presenter.last_order == completed


def test_a_checkout_job_keeps_the_rules_the_checkout_priced_with_instead_of_reading_them() -> None:
    till = FakeTill()
    presenter = CashierPresenter(till.services(), CASHIER)
    presenter.add_item(NOODLES)
    job = presenter.checkout_job(Tender(PaymentMethod.CASH, 5000))
    edited = replace(till.loyalty.current_rules, grace_keeps_discount=True)
    reads = 0
    priced_with = till.loyalty.current_rules

    def rules() -> LoyaltyRules:  # the checkout's read, then an edit by another till
        nonlocal reads
        reads += 1
        return priced_with if reads == 1 else edited

    till.loyalty.rules = rules  # type: ignore[method-assign]
    payment = job()
    assert reads == 1 and payment.rules is priced_with
    presenter.paid(payment)
    assert presenter.rules is priced_with


class MenuGoneAfterCommit(FakeMenu):
    """The server goes away between the commit and the next read."""

    def __init__(self, till: FakeTill) -> None:
        super().__init__()
        self._till = till

    def load(self) -> Catalog:
        if self._till.checkout.paid:
            raise StorageUnavailable("server closed the connection")
        return super().load()


def test_an_order_committed_before_the_server_went_away_is_still_paid() -> None:
    till = FakeTill()
    services = replace(till.services(), menu=MenuGoneAfterCommit(till))
    presenter = CashierPresenter(services, CASHIER)
    presenter.add_item(DUMPLINGS)
    catalog = presenter.catalog
    payment = presenter.checkout_job(Tender(PaymentMethod.CASH, 2600))()
    assert payment.catalog is None  # not read again: the one in use stays
    completed = presenter.paid(payment)
    assert completed.order_no and presenter.draft.is_empty()
    assert presenter.catalog == catalog


def test_a_lookup_job_attaches_nobody_until_its_result_is_taken() -> None:
    till = FakeTill()
    till.loyalty.outlooks[1] = MemberOutlook(RENEWAL, None, None, 0)
    presenter = CashierPresenter(till.services(), CASHIER)
    found = presenter.identify_job(ZHANG_PHONE)()
    assert found.member is not None and found.outlook is not None
    assert presenter.draft.member is None
    identification = presenter.take(found)
    assert identification.member is not None
    assert presenter.draft.member is not None and presenter.draft.member.name == "Zhang Wei"
    assert presenter.outlook is not None and presenter.outlook.renewal == RENEWAL


def test_a_lookup_that_finds_nobody_leaves_the_order_without_a_member() -> None:
    presenter = CashierPresenter(FakeTill().services(), CASHIER)
    found = presenter.identify_job("13000000000")()
    assert found.member is None
    assert presenter.take(found).problem is not None
    assert presenter.draft.member is None


def test_a_search_job_returns_candidates_without_touching_the_order() -> None:
    presenter = CashierPresenter(FakeTill().services(), CASHIER)
    found = presenter.search_job("8000")()
    assert found.query == "8000"
    assert presenter.draft.member is None

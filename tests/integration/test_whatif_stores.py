"""The what-if replay across stores: each order is priced with the offers its own store
runs (an offer a store is excluded from stays out there, as at its till), and the
figures are split per store by name."""

from __future__ import annotations

from pathlib import Path

from app.domain.bill import build_bill
from app.domain.payment import PaymentMethod, Tender
from app.domain.stores import Store
from app.stores.admin import StoreAdmin
from app.whatif.run import read_live_rules, what_if
from tests.integration.test_loyalty import cashier
from tests.integration.test_offers import ZHANG_WEI, draft_for
from tests.integration.test_stores_and_tills import _Opener, demo_url, open_till

__all__ = ["demo_url", "open_till"]  # the fixtures, used by name


def test_an_offer_one_store_does_not_run_is_replayed_as_sold_and_stores_are_apart(
    open_till: _Opener, tmp_path: Path
) -> None:
    admin = StoreAdmin(open_till.url, open_till.clock)
    admin.add_store(Store(0, "Airport"))
    open_till("T2", tmp_path / "b").close()
    admin.move_till("T2", "Airport")
    assert admin.set_offer_runs("Airport", "FAMILY-4", runs=False)
    airport, main = open_till("T2", tmp_path / "b"), open_till("T1", tmp_path / "a")
    for till in (airport, main):
        draft = draft_for(till, ZHANG_WEI, "SET-03", "HOT-01")
        draft.open_table("A8", 4)
        bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
        till.checkout.check_out(draft, Tender(PaymentMethod.CASH, bill.due), cashier(till))
    today = open_till.clock.now().date()

    result = what_if(open_till.url, read_live_rules(open_till.url), today, today)

    assert result.not_reproduced == []  # the airport order had no FAMILY-4, nor has its replay
    main_name = main.registration.store.name if main.registration else ""
    stores = result.current.by_store
    assert set(stores) == {"Airport", main_name}
    assert (stores["Airport"].orders, stores[main_name].orders) == (1, 1)
    assert stores[main_name].discount_cost - stores["Airport"].discount_cost == 3000
    assert result.draft.by_store == stores  # the draft is the live rules: nothing moves

"""A receipt sold on the local copy says so beside the till's id, in the receipt's
language, and nowhere else; an online one is unchanged."""

from __future__ import annotations

import pytest

from app.domain.money import CNY
from app.domain.payment import PaymentMethod, Tender
from app.receipt_text import Language
from app.receipts import build_receipt
from tests.receipt_cases import CASHIER, DISHES, SETTINGS, _draft, _exact, _services


@pytest.mark.parametrize(("language", "mark"), [("zh", "T1 · 离线"), ("en", "T1 · offline")])
def test_an_offline_receipt_says_offline_beside_the_till(language: Language, mark: str) -> None:
    units, checkout, _ = _services()
    draft = _draft((DISHES[0], 1))
    order = checkout.check_out(draft, _exact(units, draft, Tender(PaymentMethod.CASH, 0)), CASHIER)
    online = build_receipt(order, SETTINGS, language, CNY)
    offline = build_receipt(order, SETTINGS, language, CNY, offline=True)
    till = 2  # order, time, till, cashier
    assert online.facts[till][1] == "T1" and offline.facts[till][1] == mark
    assert (
        offline.facts[:till] + offline.facts[till + 1 :]
        == online.facts[:till] + online.facts[till + 1 :]
    )
    assert (offline.items, offline.totals, offline.banner) == (online.items, online.totals, "")

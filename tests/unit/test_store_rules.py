"""The till ids the database hands out, and the offers a store is excluded from."""

from __future__ import annotations

from dataclasses import replace

from app.domain.loyalty import LoyaltyRules
from app.domain.offers import BenefitKind, Offer
from app.domain.stores import is_valid_till_id, next_till_id

CHAIN_WIDE = Offer("LUNCH", "午市", "Lunch", BenefitKind.PERCENT_OFF, 1000)
NOT_AT_AIRPORT = replace(CHAIN_WIDE, code="TEA", excluded_stores=frozenset({2}))


def test_the_next_id_is_one_above_the_highest_numbered_one() -> None:
    assert next_till_id([]) == "T1"
    assert next_till_id(["T1", "T3", "BAR", "T2-TR", "T10"]) == "T11"
    assert next_till_id(["BAR"]) == "T1"


def test_a_till_id_has_one_to_sixteen_characters_without_outer_spaces() -> None:
    assert is_valid_till_id("T1") and is_valid_till_id("BAR-UPSTAIRS-01")
    assert not is_valid_till_id("") and not is_valid_till_id(" T1")
    assert not is_valid_till_id("T" * 17)


def test_a_store_runs_every_offer_it_is_not_excluded_from() -> None:
    rules = LoyaltyRules(offers=(CHAIN_WIDE, NOT_AT_AIRPORT))

    assert [o.code for o in rules.in_store(1).offers] == ["LUNCH", "TEA"]
    assert [o.code for o in rules.in_store(2).offers] == ["LUNCH"]
    assert rules.in_store(None) is rules
    assert rules.in_store(2).store_id == 2

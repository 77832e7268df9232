"""The menu at the till without a display: an item sold out today is refused until the
next day, a member's recorded allergies are matched against an item's allergens, and
allergen names are read as people write them."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from app.domain.menu import Allergen, MenuItem
from app.menu_admin.allergens import mentioned_in, read_allergens
from app.services.catalog import Catalog
from tests.fake_services import CASHIER, CATALOG, NOODLES, TEA, FakeMenu, FakeTill
from ui.cashier.presenter import CashierPresenter, ItemUnavailable

PEANUT_NOODLES = replace(
    NOODLES, allergens=frozenset({Allergen.PEANUT, Allergen.WHEAT_GLUTEN, Allergen.SESAME})
)


def till_selling(*items: MenuItem) -> tuple[FakeTill, CashierPresenter]:
    catalog = Catalog(CATALOG.categories, items, CATALOG.tiers)
    till = FakeTill(menu=FakeMenu(catalog))
    return till, CashierPresenter(till.services(), CASHIER)


def test_an_item_sold_out_today_is_refused_and_sells_again_tomorrow() -> None:
    till, presenter = till_selling(TEA)
    sold_out = replace(TEA, sold_out_on=till.clock.now().date())
    with pytest.raises(ItemUnavailable):
        presenter.add_item(sold_out)
    assert presenter.draft.is_empty()
    with pytest.raises(ItemUnavailable):
        presenter.add_item(replace(TEA, active=False))
    till.clock.advance(timedelta(days=1))
    presenter.add_item(sold_out)
    assert [line.quantity for line in presenter.draft.lines()] == [1]


def test_the_cashier_is_warned_of_the_members_allergens_in_an_item() -> None:
    till, presenter = till_selling(PEANUT_NOODLES, TEA)
    zhang = next(iter(till.members.members.values()))
    till.members.members[zhang.member_id] = replace(zhang, allergies="花生过敏, no sesame")
    assert presenter.add_item(PEANUT_NOODLES) == frozenset()  # no member attached yet
    assert presenter.identify(zhang.phone).member is not None
    assert presenter.add_item(PEANUT_NOODLES) == {Allergen.PEANUT, Allergen.SESAME}
    assert presenter.add_item(TEA) == frozenset()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("花生过敏 peanuts", {Allergen.PEANUT}),
        ("Peanuts only", {Allergen.PEANUT}),  # "nuts" inside "peanuts" is not tree nuts
        ("tree nuts, shellfish", {Allergen.TREE_NUTS, Allergen.SHELLFISH}),
        ("乳糖不耐；对虾蟹贝类过敏", {Allergen.MILK, Allergen.SHELLFISH}),
        ("eggplant is fine", set()),
        ("", set()),
    ],
)
def test_allergies_written_freely_name_the_allergens_they_mention(
    text: str, expected: set[Allergen]
) -> None:
    assert mentioned_in(text) == expected


def test_an_allergens_cell_keeps_what_it_does_not_know_as_a_note() -> None:
    assert read_allergens(" 芝麻 、Wheat/Gluten|含 酒精 ; ") == (
        frozenset({Allergen.SESAME, Allergen.WHEAT_GLUTEN}),
        "含 酒精",
    )

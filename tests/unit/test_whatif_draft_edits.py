"""The workspace's parts of the simulator that need no database: the periods offered,
a draft edited with the editor's rules, and the edits that would make a draft live."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.loyalty import LoyaltyRules
from app.domain.loyalty_admin import OfferSpec, RuleRejected, TopUpRuleId, TopUpRuleSpec
from app.domain.offer_admin import OfferStacking
from app.domain.offers import StackingPolicy
from app.domain.points import PointsPolicy
from app.domain.renewal import OfferKind, RenewalOffer
from app.domain.stored_value import TopUpRule
from app.domain.tiers import TierId
from app.whatif.changes import EditKind, LiveSpecs, NotApplicable, rule_edits, tier_spec
from app.whatif.draft import DraftRules
from app.whatif.draft_edit import DraftEditor
from app.whatif.period import last_month, last_quarter
from tests.unit.test_whatif_draft import tier


@pytest.mark.parametrize(
    "today, month, quarter",
    [
        (date(2026, 11, 22), (date(2026, 10, 1), date(2026, 10, 31)),
         (date(2026, 7, 1), date(2026, 9, 30))),
        (date(2026, 1, 1), (date(2025, 12, 1), date(2025, 12, 31)),
         (date(2025, 10, 1), date(2025, 12, 31))),
        (date(2026, 3, 31), (date(2026, 2, 1), date(2026, 2, 28)),
         (date(2025, 10, 1), date(2025, 12, 31))),
    ],
)  # fmt: skip
def test_last_month_and_last_quarter_are_whole_calendar_periods(
    today: date, month: tuple[date, date], quarter: tuple[date, date]
) -> None:
    assert last_month(today) == month
    assert last_quarter(today) == quarter


def programme() -> DraftRules:
    rules = LoyaltyRules(top_up_rules=(TopUpRule(50_000, 5_000),))
    return DraftRules((tier("SILVER", 1, 500, 0), tier("GOLD", 2, 1000, 300_000)), rules)


def test_a_draft_tier_is_edited_by_the_editors_rules_and_the_original_stays() -> None:
    live = programme()
    editor = DraftEditor(live)
    gold = editor.tier_specs()[1]
    assert (gold.code, gold.tier_id) == ("GOLD", 2)

    saved = editor.save_tier(replace(gold, discount_bp=1200, qualify_spend=150_000))

    assert saved.tier_id == 2
    assert editor.draft.tiers[1].tier.discount_bp == 1200
    assert editor.draft.rules.thresholds[1].spend == 150_000  # thresholds follow the tiers
    assert live.tiers[1].tier.discount_bp == 1000
    with pytest.raises(RuleRejected, match="0% to 100%"):
        editor.save_tier(replace(gold, discount_bp=15_000))
    with pytest.raises(RuleRejected, match="already has rank 1"):
        editor.save_tier(replace(gold, rank=1))
    editor.save_tier(replace(gold, code="PLATINUM", rank=3, tier_id=None))
    assert [t.code for t in editor.draft.ranked()] == ["SILVER", "GOLD", "PLATINUM"]
    editor.delete_tier(3)
    editor.delete_tier(2)
    with pytest.raises(RuleRejected, match="at least one tier"):
        editor.delete_tier(1)


def test_top_up_bonuses_are_added_kept_in_order_and_removed() -> None:
    editor = DraftEditor(programme())
    saved = editor.save_top_up(TopUpRuleSpec(20_000, 1_000))
    assert saved.rule_id == 1
    assert editor.top_up_specs() == [
        TopUpRuleSpec(20_000, 1_000, True, TopUpRuleId(1)),
        TopUpRuleSpec(50_000, 5_000, True, TopUpRuleId(2)),
    ]
    with pytest.raises(RuleRejected, match="this minimum"):
        editor.save_top_up(TopUpRuleSpec(50_000, 1, True, TopUpRuleId(1)))
    editor.remove_top_up(2)
    assert editor.draft.rules.top_up_rules == (TopUpRule(20_000, 1_000),)


def live_specs(draft: DraftRules) -> LiveSpecs:
    tiers = [tier_spec(entry, TierId(10 + i)) for i, entry in enumerate(draft.tiers)]
    top_ups = [TopUpRuleSpec(50_000, 5_000, True, TopUpRuleId(7))]
    return LiveSpecs(tiers, [], top_ups, [], OfferStacking())


def test_the_edits_name_each_changed_rule_with_the_live_ids() -> None:
    live = programme()
    editor = DraftEditor(live)
    editor.save_tier(replace(editor.tier_specs()[1], discount_bp=1200))
    editor.remove_top_up(1)
    draft = replace(editor.draft, rules=replace(editor.draft.rules,
                                                stacking=StackingPolicy.ADDITIVE))  # fmt: skip

    edits = rule_edits(live_specs(live), live.rules, draft)

    assert [(e.kind, e.subject, e.key) for e in edits] == [
        (EditKind.SAVE_TIER, "GOLD", None),
        (EditKind.DEACTIVATE_TOP_UP, "50000", 7),
        (EditKind.SAVE_STACKING, "stacking", None),
    ]
    gold = edits[0].spec
    assert gold is not None and gold.tier_id == 11 and gold.discount_bp == 1200  # type: ignore[union-attr]
    assert rule_edits(live_specs(live), live.rules, live) == []


def test_a_draft_changing_rules_the_editor_cannot_is_not_applied() -> None:
    live = programme()
    draft = replace(live, rules=replace(live.rules, points=PointsPolicy(fen_per_point=2)))
    with pytest.raises(NotApplicable, match="points") as refused:
        rule_edits(live_specs(live), live.rules, draft)
    assert refused.value.fields == ("points",)


def test_renewal_offers_are_edited_and_an_inactive_one_leaves_the_draft() -> None:
    editor = DraftEditor(programme())
    saved = editor.save_offer(OfferSpec("EARLY-30", OfferKind.EARLY, 15_000, 30))
    assert saved.offer_id == 1
    editor.save_offer(replace(saved, fee=12_000))
    assert editor.draft.rules.renewal_offers == (RenewalOffer("EARLY-30", OfferKind.EARLY,
                                                              12_000, 30),)  # fmt: skip
    with pytest.raises(RuleRejected, match="already has the code"):
        editor.save_offer(OfferSpec("early-30", OfferKind.GRACE, 0, 7))
    assert editor.save_offer(replace(saved, active=False)).offer_id is None
    assert editor.draft.rules.renewal_offers == ()

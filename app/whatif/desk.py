"""The simulator for the manager's workspace: the live rules as a draft, the replay of a
period (blocking: run it off the GUI thread, with progress and a cancel check), and
"Apply draft", which makes the draft live through the loyalty editor's own service, so
each change is permission-checked and audited exactly as a hand edit is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from app.approvers import require_stored
from app.clock import Clock
from app.context import ActionContext
from app.domain.loyalty_admin import OfferId, OfferSpec, TierSpec, TopUpRuleId, TopUpRuleSpec
from app.domain.menu import MenuCategory
from app.domain.offer_admin import OfferStacking, TargetedOfferId, TargetedOfferSpec
from app.domain.staff import Permission, StaffMember
from app.domain.tiers import TierId
from app.errors import TillError
from app.services.loyalty_admin import LoyaltyAdminService
from app.unit_of_work import UnitOfWorkFactory
from app.whatif.changes import EditKind, LiveSpecs, RuleEdit, rule_edits
from app.whatif.draft import DraftRules
from app.whatif.figures import Comparison
from app.whatif.replay import Progress
from app.whatif.run import read_live_rules, what_if

APPLIED = "rules_draft_applied"


@dataclass(frozen=True)
class Applied:
    """The edits made, in order."""

    edits: tuple[RuleEdit, ...]


class PartlyApplied(TillError):
    """An edit was refused after ``made`` of ``total`` were made (they stay, audited)."""

    def __init__(self, made: int, total: int, refusal: TillError) -> None:
        self.made, self.total, self.refusal = made, total, refusal
        super().__init__(f"{made} of {total} changes were made, then one was refused: {refusal}")


class WhatIfDesk:
    def __init__(
        self,
        database_url: str,
        units: UnitOfWorkFactory,
        clock: Clock,
        till_id: str,
        admin: LoyaltyAdminService,
    ) -> None:
        self._url, self._units, self._clock = database_url, units, clock
        self._till_id, self._admin = till_id, admin

    def now(self) -> datetime:
        return self._clock.now()

    def today(self) -> date:
        return self._clock.now().date()

    def categories(self) -> list[MenuCategory]:
        """The menu categories a draft tier may exclude from its discount."""
        return self._admin.categories()

    def live_draft(self, staff: StaffMember) -> DraftRules:
        self._require(staff, Permission.VIEW_REPORTS, "run the what-if simulator")
        return read_live_rules(self._url)

    def replay(
        self,
        draft: DraftRules,
        first: date,
        last: date,
        staff: StaffMember,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Comparison:
        """Blocks for seconds to minutes; raises ``ReplayCancelled`` when ``cancelled()``."""
        self._require(staff, Permission.VIEW_REPORTS, "run the what-if simulator")
        return what_if(self._url, draft, first, last, progress, cancelled)

    def edits(self, draft: DraftRules) -> list[RuleEdit]:
        """What applying ``draft`` would change; raises ``NotApplicable``."""
        admin = self._admin
        live = LiveSpecs(
            admin.tiers(),
            admin.offers(),
            admin.top_up_rules(),
            admin.targeted_offers(),
            admin.offer_stacking(),
        )
        return rule_edits(live, read_live_rules(self._url).rules, draft)

    def apply(self, draft: DraftRules, staff: StaffMember) -> Applied:
        """Each edit through ``LoyaltyAdminService`` (its permission check and its
        ``loyalty_rule_changed`` event), then one ``rules_draft_applied`` event naming
        them. Stops at the first refusal: the edits before it stay, and ``PartlyApplied``
        says how many were made (the event names them and the refused one)."""
        self._require(staff, Permission.EDIT_LOYALTY_RULES, "edit the loyalty rules")
        edits = self.edits(draft)
        made: list[RuleEdit] = []
        try:
            for edit in edits:
                self._make(edit, staff)
                made.append(edit)
        except TillError as refusal:
            if not made:
                raise
            self._record(staff, made, refused=edits[len(made)])
            raise PartlyApplied(len(made), len(edits), refusal) from refusal
        self._record(staff, made)
        return Applied(tuple(made))

    def _record(
        self, staff: StaffMember, made: list[RuleEdit], refused: RuleEdit | None = None
    ) -> None:
        detail: dict[str, object] = {"edits": [_named(edit) for edit in made]}
        if refused is not None:
            detail["refused"] = _named(refused)
        with self._units() as uow:
            context = ActionContext.begin(self._clock, self._till_id, staff.staff_id)
            uow.audit.record(context, APPLIED, "loyalty_rules", detail)
            uow.commit()

    def _make(self, edit: RuleEdit, staff: StaffMember) -> None:
        admin, spec, key = self._admin, edit.spec, edit.key or 0
        match edit.kind:
            case EditKind.SAVE_TIER:
                assert isinstance(spec, TierSpec)
                admin.save_tier(spec, staff)
            case EditKind.DELETE_TIER:
                admin.delete_tier(TierId(key), staff)
            case EditKind.SAVE_RENEWAL_OFFER:
                assert isinstance(spec, OfferSpec)
                admin.save_offer(spec, staff)
            case EditKind.DEACTIVATE_RENEWAL_OFFER:
                admin.deactivate_offer(OfferId(key), staff)
            case EditKind.SAVE_TOP_UP:
                assert isinstance(spec, TopUpRuleSpec)
                admin.save_top_up_rule(spec, staff)
            case EditKind.DEACTIVATE_TOP_UP:
                admin.deactivate_top_up_rule(TopUpRuleId(key), staff)
            case EditKind.SAVE_TARGETED_OFFER:
                assert isinstance(spec, TargetedOfferSpec)
                admin.save_targeted_offer(spec, staff)
            case EditKind.DEACTIVATE_TARGETED_OFFER:
                admin.deactivate_targeted_offer(TargetedOfferId(key), staff)
            case EditKind.SAVE_STACKING:
                assert isinstance(spec, OfferStacking)
                admin.save_offer_stacking(spec, staff)

    def _require(self, staff: StaffMember, permission: Permission, doing: str) -> None:
        with self._units() as uow:
            require_stored(uow.staff, staff, permission, doing)


def _named(edit: RuleEdit) -> str:
    return f"{edit.kind.value}:{edit.subject}"

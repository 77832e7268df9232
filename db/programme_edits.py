"""Tiers, renewal offers and top-up rules as a manager edits them: every row, the inactive
ones too, read into ``app.domain.loyalty_admin``'s specs and written back from them.

Part of ``db.loyalty_rules.SqlLoyaltyProgramme``; the checks are the service's
(``app.services.loyalty_admin``).
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.loyalty_admin import OfferId, OfferSpec, TierSpec, TopUpRuleId, TopUpRuleSpec
from app.domain.menu import CategoryId
from app.domain.renewal import OfferKind
from app.domain.tiers import TierId
from db import queries
from db.models import (
    Base,
    MemberRow,
    MembershipRenewalRow,
    RenewalOfferRow,
    TierExcludedCategoryRow,
    TierRow,
    TopUpRuleRow,
)

Row = TypeVar("Row", TierRow, RenewalOfferRow, TopUpRuleRow)

_KINDS = {kind.value for kind in OfferKind}  # a row of another kind is ignored, as at the till


class SqlProgrammeEdits:
    _session: Session

    def tier_specs(self) -> list[TierSpec]:
        return [_tier_spec(row) for row in queries.tiers(self._session)]

    def lock_tier(self, tier_id: TierId) -> TierSpec | None:
        row = self._session.get(TierRow, tier_id, with_for_update=True)
        return _tier_spec(row) if row is not None else None

    def save_tier(self, spec: TierSpec) -> TierSpec:
        row = self._row(TierRow, spec.tier_id)
        _fill_tier(row, spec)
        self._session.flush()
        return _tier_spec(row)

    def tier_holders(self, tier_id: TierId) -> int:
        query = select(func.count()).select_from(MemberRow).where(MemberRow.tier_id == tier_id)
        return int(self._session.scalar(query) or 0)

    def history_naming_tier(self, tier_id: TierId) -> list[str]:
        """Found from the schema's foreign keys, so a new table cannot be forgotten here."""
        own = {"members.tier_id", "tier_excluded_categories.tier_id"}
        used: list[str] = []
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                name = f"{table.name}.{column.name}"
                if name in own or not any(
                    k.column.table.name == "tiers" for k in column.foreign_keys
                ):
                    continue
                query = select(func.count()).select_from(table).where(column == tier_id)
                if self._session.scalar(query):
                    used.append(name)
        return used

    def delete_tier(self, tier_id: TierId) -> None:
        self._session.delete(self._row(TierRow, tier_id))

    def renewal_offer_specs(self) -> list[OfferSpec]:
        rows = self._session.scalars(select(RenewalOfferRow).order_by(RenewalOfferRow.id))
        return [_offer_spec(row) for row in rows if row.kind in _KINDS]

    def renewal_offer_with_code(self, code: str) -> OfferId | None:
        query = select(RenewalOfferRow.id).where(RenewalOfferRow.code == code)
        found = self._session.scalar(query)
        return OfferId(found) if found is not None else None

    def lock_renewal_offer(self, offer_id: OfferId) -> OfferSpec | None:
        row = self._session.get(RenewalOfferRow, offer_id, with_for_update=True)
        return _offer_spec(row) if row is not None else None

    def renewals_sold(self, offer_code: str) -> bool:
        query = select(MembershipRenewalRow.id).where(MembershipRenewalRow.offer_code == offer_code)
        return self._session.scalar(query.limit(1)) is not None

    def save_renewal_offer(self, spec: OfferSpec) -> OfferSpec:
        row = self._row(RenewalOfferRow, spec.offer_id)
        row.code, row.kind, row.fee_fen = spec.code, spec.kind.value, spec.fee
        row.window_days, row.min_spend_fen = spec.window_days, spec.min_spend
        row.valid_from, row.valid_until = spec.valid_from, spec.valid_until
        row.active = spec.active
        self._session.flush()
        return _offer_spec(row)

    def top_up_rule_specs(self) -> list[TopUpRuleSpec]:
        query = select(TopUpRuleRow).order_by(TopUpRuleRow.minimum_fen)
        return [_top_up_spec(row) for row in self._session.scalars(query)]

    def lock_top_up_rule(self, rule_id: TopUpRuleId) -> TopUpRuleSpec | None:
        row = self._session.get(TopUpRuleRow, rule_id, with_for_update=True)
        return _top_up_spec(row) if row is not None else None

    def save_top_up_rule(self, spec: TopUpRuleSpec) -> TopUpRuleSpec:
        row = self._row(TopUpRuleRow, spec.rule_id)
        row.minimum_fen, row.bonus_fen, row.active = spec.minimum, spec.bonus, spec.active
        self._session.flush()
        return _top_up_spec(row)

    def _row(self, table: type[Row], row_id: int | None) -> Row:
        """The row to update, or a new one added to the session when ``row_id`` is None."""
        if row_id is None:
            row = table()
            self._session.add(row)
            return row
        found = self._session.get(table, row_id)
        if found is None:
            raise LookupError(f"no {table.__tablename__} {row_id}")
        return found


def _tier_spec(row: TierRow) -> TierSpec:
    return TierSpec(
        code=row.code,
        rank=row.rank,
        name_zh=row.name_zh,
        name_en=row.name_en,
        discount_bp=row.discount_bp,
        points_multiplier_bp=row.points_multiplier_bp,
        annual_fee=row.annual_fee_fen,
        qualify_spend=row.qualify_spend_fen,
        birthday_benefit_zh=row.birthday_benefit_zh,
        birthday_benefit_en=row.birthday_benefit_en,
        excluded_categories=frozenset(CategoryId(e.category_id) for e in row.excluded),
        tier_id=TierId(row.id),
    )


def _fill_tier(row: TierRow, spec: TierSpec) -> None:
    row.code, row.rank, row.name_zh, row.name_en = spec.code, spec.rank, spec.name_zh, spec.name_en
    row.discount_bp, row.points_multiplier_bp = spec.discount_bp, spec.points_multiplier_bp
    row.annual_fee_fen, row.qualify_spend_fen = spec.annual_fee, spec.qualify_spend
    row.birthday_benefit_zh = spec.birthday_benefit_zh
    row.birthday_benefit_en = spec.birthday_benefit_en
    # Keep the rows that stay: deleting and re-adding one primary key in a flush is fragile.
    kept = [e for e in row.excluded if e.category_id in spec.excluded_categories]
    new = sorted(spec.excluded_categories - {e.category_id for e in kept})
    row.excluded = kept + [TierExcludedCategoryRow(category_id=c) for c in new]


def _offer_spec(row: RenewalOfferRow) -> OfferSpec:
    return OfferSpec(
        code=row.code,
        kind=OfferKind(row.kind),
        fee=row.fee_fen,
        window_days=row.window_days,
        min_spend=row.min_spend_fen,
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        active=row.active,
        offer_id=OfferId(row.id),
    )


def _top_up_spec(row: TopUpRuleRow) -> TopUpRuleSpec:
    return TopUpRuleSpec(row.minimum_fen, row.bonus_fen, row.active, TopUpRuleId(row.id))

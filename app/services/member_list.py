"""The floor manager's member list: pages, counts, saved filters and bulk actions.

Every call checks ``Permission.WORK_MEMBER_LISTS``. Rows come with the phone masked;
full data leaves only through exports, and every export (finished, cancelled or
failed) leaves an audit event: who, the filter, the selection and the rows written.
A list for marketing (``ListExport.MARKETING_CSV``, ``ListExport.CALL_LIST``) leaves
out members without marketing consent, whatever the filter says.

A bulk action works on a selection (exactly those members, merged ones excepted) or,
with ``selection=None``, on everyone the filter finds. Pages and counts are quick
(see ``db.member_list``); exports and exact counts block for as long as they take:
call them off the GUI thread.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from pathlib import Path

from app.approvers import Authoriser
from app.clock import Clock
from app.context import ActionContext
from app.domain.contacts import ContactChannel, clean_note
from app.domain.member_filters import (
    InvalidFilter,
    ListPosition,
    MemberFilter,
    to_json,
    validate,
)
from app.domain.member_list import Criteria, plan_for
from app.domain.staff import Permission, StaffMember, may
from app.domain.store_scope import ScopeChoice, StoreScope, may_see, scope_choices
from app.errors import TillError
from app.exports import Progress, write_csv, write_pdf
from app.exports.model import Language
from app.member_list_reader import MemberListReader, MemberListReaders
from app.pdf_limits import PDF_ROW_LIMIT, refuse_large_pdf
from app.services import saved_filters
from app.services.member_list_exports import counted, describe, member_table
from app.services.member_list_query import (
    COUNT_CAP,
    MemberCount,
    MemberListRow,
    MemberSearch,
    PreparedList,
    Resolved,
    list_row,
    resolve,
    to_position,
)
from app.services.saved_filters import SavedFilter
from app.unit_of_work import UnitOfWorkFactory

PAGE_SIZE = 100
EXPORTED = "member_list_exported"
CONTACTED = "members_contacted"


class FilterRefused(TillError):
    """The filter cannot be applied; ``problem`` is the ``FilterProblem``."""

    def __init__(self, error: InvalidFilter) -> None:
        super().__init__(str(error))
        self.problem = error.problem


class ListScopeRefused(TillError):
    """A manager asked for the members of stores other than their own (audited)."""


class ListExport(enum.Enum):
    CSV = "csv"
    MARKETING_CSV = "marketing_csv"
    CALL_LIST = "call_list"
    """A PDF of whom to call, for marketing: consenting members only."""

    @property
    def for_marketing(self) -> bool:
        return self is not ListExport.CSV


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    kind: ListExport


class MemberListService:
    """Lists are read through ``lists`` (one reader per call); what a list action writes,
    and its audit event, goes through ``units``."""

    def __init__(
        self,
        units: UnitOfWorkFactory,
        lists: MemberListReaders,
        clock: Clock,
        till_id: str,
        auth: Authoriser,
        members: MemberSearch,
        pdf_row_limit: int = PDF_ROW_LIMIT,
        store_id: int | None = None,
    ) -> None:
        self._pdf_row_limit, self._store_id = pdf_row_limit, store_id
        self._units, self._lists = units, lists
        self._clock, self._till_id = clock, till_id
        self._auth, self._members = auth, members

    def prepare(self, staff: StaffMember, member_filter: MemberFilter) -> PreparedList:
        """Apply a filter: validate and resolve it, and count (up to ``COUNT_CAP``).

        Raises ``FilterRefused`` for a filter that cannot mean anything.
        """
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        with self._lists() as reader:
            resolved = self._resolve(reader, member_filter, staff)
            matches, exact = reader.count(resolved.criteria, COUNT_CAP)
        return PreparedList(resolved, MemberCount(matches, exact), plan_for(exact))

    def page(
        self,
        staff: StaffMember,
        prepared: PreparedList,
        after: ListPosition | None = None,
        limit: int = PAGE_SIZE,
    ) -> list[MemberListRow]:
        """The ``limit`` rows after ``after`` (a row's ``position``); fewer at the end."""
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        resolved = prepared.resolved
        with self._lists() as reader:
            found = reader.page(
                resolved.criteria, resolved.sort, to_position(after), limit, prepared.plan
            )
        return [list_row(row, resolved) for row in found]

    def exact_count(self, staff: StaffMember, prepared: PreparedList) -> int:
        """Every match counted (a scan of up to every member: off the GUI thread)."""
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        if prepared.count.exact:
            return prepared.count.value
        with self._lists() as reader:
            return reader.count(prepared.resolved.criteria, None)[0]

    def saved_filters(self, staff: StaffMember) -> list[SavedFilter]:
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        with self._units() as uow:
            return saved_filters.listed(uow)

    def save_filter(
        self, staff: StaffMember, name: str, member_filter: MemberFilter
    ) -> SavedFilter:
        """Raises ``SavedFilterRefused`` (blank, too long or taken name), ``FilterRefused``."""
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        checked = _validated(member_filter)
        with self._units() as uow:
            saved = saved_filters.save(uow, name, checked, staff.staff_id, self._clock.now())
            uow.commit()
        return saved

    def delete_filter(self, staff: StaffMember, filter_id: int) -> None:
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        with self._units() as uow:
            saved_filters.delete(uow, filter_id)
            uow.commit()

    def mark_contacted(
        self,
        staff: StaffMember,
        member_filter: MemberFilter,
        selection: Collection[int] | None,
        channel: ContactChannel,
        note: str,
    ) -> int:
        """A contact row per member (selection, or the filter's whole result) and one
        audit event, in one transaction; returns how many members were marked."""
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        note = clean_note(note)
        action = ActionContext.begin(self._clock, self._till_id, staff.staff_id)
        with self._lists() as reader:
            resolved = self._resolve(reader, member_filter, staff)
        criteria = _target(resolved, selection)
        with self._units() as uow:
            marked = uow.member_contacts.mark(
                criteria, at=action.now, staff_id=staff.staff_id, channel=channel.value, note=note
            )
            detail = _detail(resolved.filter, selection, rows=marked, channel=channel.value)
            detail["note"] = note
            uow.audit.record(action, CONTACTED, channel.value, detail)
            uow.commit()
        return marked

    def export(
        self,
        staff: StaffMember,
        member_filter: MemberFilter,
        selection: Collection[int] | None,
        kind: ListExport,
        path: Path,
        progress: Progress | None = None,
        language: Language = "zh",
        expected: Callable[[int | None], None] | None = None,
    ) -> ExportResult:
        """Write the members to ``path``: CSV, or the call list as PDF. Blocks.

        ``expected`` hears the row count before the first row is written (for a
        progress bar); a cancel (``progress`` returning ``False``) raises
        ``ExportCancelled`` and leaves no file. A call list of more than
        ``PDF_ROW_LIMIT`` members raises ``TooLargeForPdf`` before it starts (CSV is
        not limited). Audited in every case.
        """
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        if kind.for_marketing:
            member_filter = replace(member_filter, marketing_only=True)
        tally = [0]
        outcome = "failed"
        resolved: Resolved | None = None
        try:
            with self._lists() as reader:
                resolved = self._resolve(reader, member_filter, staff)
                criteria = _target(resolved, selection)
                matches, exact = reader.count(criteria, COUNT_CAP)
                total = matches if exact else reader.count(criteria, None)[0]
                if kind is ListExport.CALL_LIST:
                    refuse_large_pdf(total, self._pdf_row_limit)  # before a row is read
                if expected is not None:
                    expected(total)
                rows = reader.stream(criteria, resolved.sort, plan_for(exact))
                table = member_table(
                    counted(rows, tally),
                    call_list=kind is ListExport.CALL_LIST,
                    marketing=kind.for_marketing,
                    subtitle=describe(resolved.filter, resolved.tiers, language),
                    tiers=resolved.tiers,
                    expected=total,
                    at=self._clock.now(),
                    by=staff.display_name,
                    language=language,
                )
                writer = write_pdf if kind is ListExport.CALL_LIST else write_csv
                written = writer(table, path, progress)
            outcome = "done"
        except Exception as exc:
            outcome = type(exc).__name__
            raise
        finally:
            self._audit_export(staff, member_filter, selection, kind, tally[0], outcome, resolved)
        return ExportResult(path, written, kind)

    def _audit_export(
        self,
        staff: StaffMember,
        member_filter: MemberFilter,
        selection: Collection[int] | None,
        kind: ListExport,
        rows: int,
        outcome: str,
        resolved: Resolved | None,
    ) -> None:
        applied = resolved.filter if resolved is not None else member_filter
        detail = _detail(applied, selection, rows=rows, outcome=outcome)
        action = ActionContext.begin(self._clock, self._till_id, staff.staff_id)
        with self._units() as uow:
            uow.audit.record(action, EXPORTED, kind.value, detail)
            uow.commit()

    def scope_choices(self, staff: StaffMember) -> tuple[ScopeChoice, ...]:
        """What the Members tab's scope picker offers: this store only, unless ``staff``
        may see the chain (then every store, region and city, and the whole chain)."""
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        if self._store_id is None:
            return (ScopeChoice("chain", "", "", ""),)
        with self._lists() as reader:
            stores = reader.stores()
        return scope_choices(stores, self._store_id, self._sees_chain(staff))

    def default_scope(self, staff: StaffMember) -> StoreScope:
        """A chain manager's list starts with the whole chain, a store manager's with
        their own store."""
        if self._store_id is None or self._sees_chain(staff):
            return StoreScope()
        return StoreScope(self._store_id)

    def _sees_chain(self, staff: StaffMember) -> bool:
        with self._units() as uow:
            return may(uow.staff.find(staff.staff_id), Permission.VIEW_CHAIN)

    def _scoped(self, staff: StaffMember, member_filter: MemberFilter) -> MemberFilter:
        """A store manager lists their own store's members only: the whole chain (the
        filter's default) means their store; asking for another store or a region is
        refused and audited."""
        scope = member_filter.scope
        if self._store_id is None:
            return member_filter
        sees_chain = self._sees_chain(staff)
        if scope.is_chain and not sees_chain:
            return replace(member_filter, scope=StoreScope(self._store_id))
        if may_see(scope, self._store_id, sees_chain):
            return member_filter
        action = ActionContext.begin(self._clock, self._till_id, staff.staff_id)
        with self._units() as uow:
            detail = {"store": scope.store_id, "region": scope.region, "reason": "other_stores"}
            uow.audit.record(action, "member_list_refused", "members", detail)
            uow.commit()
        raise ListScopeRefused(f"{staff.display_name} may list this store's members only")

    def _resolve(
        self, reader: MemberListReader, member_filter: MemberFilter, staff: StaffMember
    ) -> Resolved:
        scoped = self._scoped(staff, member_filter)
        today = self._clock.now().date()
        return resolve(reader, self._members, _validated(scoped), today)


def _validated(member_filter: MemberFilter) -> MemberFilter:
    try:
        return validate(member_filter)
    except InvalidFilter as exc:
        raise FilterRefused(exc) from exc


def _target(resolved: Resolved, selection: Collection[int] | None) -> Criteria:
    """The filter's result, or exactly the selected members (for marketing: those who
    consented; erased ones only when the filter shows them)."""
    if selection is None:
        return resolved.criteria
    return Criteria(
        member_ids=tuple(sorted(set(selection))),
        marketing_only=resolved.filter.marketing_only,
        include_erased=resolved.filter.include_erased,
    )


def _detail(
    member_filter: MemberFilter, selection: Collection[int] | None, **facts: object
) -> dict[str, object]:
    """What an audit event says about a bulk action: the filter, the selection, facts."""
    chosen = None if selection is None else len(set(selection))
    detail: dict[str, object] = {"filter": json.loads(to_json(member_filter)), "selected": chosen}
    scope = member_filter.scope
    if not scope.is_chain:
        detail["scope"] = {"store": scope.store_id, "region": scope.region}
    return {**detail, **facts}

"""The member import as a manager runs it from the back office: the stored role checked,
the run cancellable, and who ran it in the audit log.

Cancelling is checked each time a batch of members has been written and once more before
the commit (the last progress report comes before it), so a cancelled import rolls back
whole, as a killed one does (``app.member_import.run`` is all or nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.approvers import require_stored
from app.clock import Clock
from app.domain.staff import Permission, StaffMember
from app.errors import TillError
from app.member_import.run import ImportOutcome, OnDuplicate, import_members
from app.setup.csv_text import decode
from app.unit_of_work import UnitOfWorkFactory

ENCODINGS = ("utf-8", "utf-8-sig", "gb18030")
"""What a person can choose: GB18030 reads every GBK file."""


class ImportCancelled(TillError):
    pass


@dataclass(frozen=True)
class ImportRequest:
    data: bytes
    source: str
    on_duplicate: OnDuplicate
    encoding: str | None = None
    mapping: dict[str, str] | None = None


def detected_encoding(data: bytes) -> str:
    """One of ``ENCODINGS``; ``UnreadableCsv`` when the file is none of them."""
    return decode(data)[1]


class MemberImporter:
    """Runs ``import_members`` on the till's database for a manager. Blocking: call it
    off the GUI thread; ``progress`` and ``cancelled`` are then called on that thread."""

    def __init__(self, database_url: str, units: UnitOfWorkFactory, clock: Clock) -> None:
        self._url, self._units, self._clock = database_url, units, clock

    def run(
        self,
        manager: StaffMember,
        request: ImportRequest,
        *,
        dry_run: bool,
        progress: Callable[[int, int], None] = lambda done, total: None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> ImportOutcome:
        with self._units() as uow:
            require_stored(uow.staff, manager, Permission.IMPORT_MEMBERS, "import members")

        def report(done: int, total: int) -> None:
            if cancelled():
                raise ImportCancelled("the import was cancelled: nothing was imported")
            progress(done, total)

        if cancelled():
            raise ImportCancelled("the import was cancelled: nothing was imported")
        return import_members(
            self._url,
            request.data,
            self._clock,
            on_duplicate=request.on_duplicate,
            dry_run=dry_run,
            encoding=request.encoding,
            mapping=request.mapping,
            source=request.source,
            progress=report,
            staff_id=manager.staff_id,
            by="back office member import",
        )

"""One sale, one slip: the server's receipt of a sale the till also sold, and printed,
from its local copy is not printed again.

How it happens: the server commits a checkout (its receipt job with it), the reply is
lost with the connection, the counter switches to the copy and the cashier's retry sells
the same order there under the same request key, printing its offline slip. Once the
server answers, the till's spooler would print the server's job too. The resync gets the
committed order back for that key (nothing is charged twice), but the slip is the
spooler's: it asks ``printed_offline`` before each job (``PrintSpooler.skip_when``).
"""

from __future__ import annotations

from datetime import timedelta

from app.domain.print_jobs import PrintJob
from app.offline.local_copy import LocalCopy
from app.unit_of_work import UnitOfWorkFactory
from db.offline_twins import offline_checkouts_since
from hardware.printing.document import document_from_json

CLOCK_MARGIN = timedelta(minutes=5)
"""The offline sale came after the online commit by the same till's clock; a margin for a
clock set back meanwhile."""


class OfflineTwins:
    """``printed_offline(job)``: whether ``job`` (on the server's outbox) is the receipt of an
    order the till also sold offline. Cheap for an ordinary receipt: one read of the local
    journal, which holds no checkout sold after it."""

    def __init__(self, copy: LocalCopy, server: UnitOfWorkFactory) -> None:
        self._copy, self._server = copy, server

    def printed_offline(self, job: PrintJob) -> bool:
        if job.kind != "receipt" or job.order_id is None or not self._copy.path.exists():
            return False
        sold = offline_checkouts_since(self._copy.engine(), job.created_at - CLOCK_MARGIN)
        if not sold:
            return False
        order_no = document_from_json(job.document).reference
        waiting = []
        for key, replayed_as in sold:
            if replayed_as == order_no:  # the replay got this order back for its key
                return True
            if replayed_as is None:
                waiting.append(key)
        if not waiting:
            return False
        with self._server() as uow:  # not replayed yet: is the key this order's?
            for key in waiting:
                committed = uow.request_keys.find(key)
                if committed is not None and committed.outcome.get("reference") == order_no:
                    return True
        return False

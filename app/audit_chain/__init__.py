"""Tamper evidence: the audit log's and the ledgers' hash chains verified (``pos audit
verify``, ``pos doctor``)."""

"""Moving a single till from its SQLite file to PostgreSQL (``pos migrate-to``): copy every
table, prove the copy, then switch the till over (table copying and the checks' SQL in
``db/table_copy.py`` and ``db/move_checks.py``)."""

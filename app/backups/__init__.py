"""Keeping the data safe: backups and restores, the daily backup with its retention, and
the checks that refuse a damaged, foreign or newer database (no Qt; SQLite file work in
``db/sqlite_files.py``)."""

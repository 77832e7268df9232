"""Selling without the server: the till's local copy of the shared data, kept current by
the server's change feed (``local_copy.py``, ``refresher.py``; ``docs/OFFLINE.md``)."""

LOCAL_COPY_FILE = "local-copy.db"
"""In the till's data folder, beside the settings file and the till token."""

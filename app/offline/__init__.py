"""Selling without the server (``docs/OFFLINE.md``): the till's local copy of the shared
data, kept current by the server's change feed (``local_copy.py``, ``refresher.py``), and
selling on it: the same services over the local file's units, a journal kept with each
sale, allowances per tier, and the exact replay on the server under the same request keys."""

LOCAL_COPY_FILE = "local-copy.db"
"""In the till's data folder, beside the settings file and the till token."""

"""Selling without the server: the till's local copy of the shared data, kept current by
the server's change feed (``local_copy.py``, ``refresher.py``; ``docs/OFFLINE.md``)."""

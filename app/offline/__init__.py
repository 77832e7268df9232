"""Selling on the till's local copy while the server is down, and the exact resync:
the same services over the local file's units, a journal kept with each sale, allowances
per tier, and a replay on the server under the same request keys."""

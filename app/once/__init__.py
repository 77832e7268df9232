"""Exactly once: checkouts, refunds and adjustments carry a key made on the till, and the
database commits each key once; a retry with the same key gets the committed outcome."""

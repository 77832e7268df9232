"""Stores and tills: a till registers its id and store at start; managers list, add and
move them (``pos stores``, ``pos tills``)."""

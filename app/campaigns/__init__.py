"""Campaigns: holding back a control group when an offer starts, and what the offer did
(``desk.py``; rules in ``app/domain/campaigns.py``, SQL in ``db/campaigns.py``)."""

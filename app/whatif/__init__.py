"""The what-if simulator: a draft of the loyalty rules as a file, and the replay of a
period's paid orders under the live rules and under the draft (``replay.py``)."""

"""The first-run set-up wizard and the restaurant profile form it shares with the back office."""

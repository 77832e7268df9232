"""Screens for managers: the loyalty programme's data."""

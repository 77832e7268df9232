"""Bringing members from another system: ``pos members import``."""

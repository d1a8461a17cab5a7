"""The person's notes are messages (``simulator/i18n/messages.py``);
re-exported here for the analyses and views that import them from the
person package."""
from simulator.engine.household.notes import Message, Note, month_ranges

__all__ = ["Message", "Note", "month_ranges"]

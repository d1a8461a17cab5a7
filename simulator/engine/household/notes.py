"""The person's notes are messages: ``simulator/i18n/messages.py``
(``Message(code, params)``, the texts ``msg.<code>`` in
``simulator/i18n/messages_text.py``). ``Note`` is the former name, kept for
the code that still imports it from here."""
from simulator.i18n.messages import Message, month_ranges

Note = Message

__all__ = ["Message", "Note", "month_ranges"]

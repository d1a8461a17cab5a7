"""The one translations table (Finnish first, English), gathered from one
module per owner, and the number formats.

``label(key, lang)`` gives a label; a key may be in one owner's table only
(a test checks that every key has both languages).
"""
from __future__ import annotations

from simulator.i18n import engine, person, app, app_fields, access, export, uncertainty, app_sensitivity, messages_text, parties, compare
from simulator.i18n.formats import fmt_datetime, fmt_eur, fmt_month, fmt_number, fmt_percent

LABELS: dict[str, tuple[str, str]] = {}
for _owner in (engine, person, app, app_fields, access, export, uncertainty, app_sensitivity, messages_text, parties, compare):
    _dup = LABELS.keys() & _owner.LABELS.keys()
    assert not _dup, f"label keys declared twice: {sorted(_dup)}"
    LABELS.update(_owner.LABELS)

__all__ = ["LABELS", "fmt_datetime", "fmt_eur", "fmt_month", "fmt_number", "fmt_percent", "label"]


def label(key: str, lang: str = "fi") -> str:
    pair = LABELS.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "fi" else pair[1]

"""Warnings and notes of the person's view, in both languages.

A note is a code and its values; the text comes from the one translations
table (``simulator/i18n.py``, keys ``person.warn.<code>``), formatted for
the language: months as ``3/2024`` in Finnish, numbers with a decimal comma.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from simulator.model.conventions import month_number
from ..i18n import fmt_month, fmt_number, label


def month_ranges(months: list[str], lang: str = "en") -> str:
    """["2023-01", "2023-02", "2023-05"] -> "2023-01–2023-02, 2023-05" (3/2023… in Finnish)."""
    if not months:
        return "–"
    nums = sorted(month_number(m) for m in months)
    runs, start, prev = [], nums[0], nums[0]
    for n in nums[1:] + [None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        a = fmt_month(f"{start // 12:04d}-{start % 12 + 1:02d}", lang)
        b = fmt_month(f"{prev // 12:04d}-{prev % 12 + 1:02d}", lang)
        runs.append(a if start == prev else f"{a}–{b}")
        if n is not None:
            start = prev = n
    return ", ".join(runs)


@dataclass(frozen=True)
class Note:
    """One warning: ``code`` names the text ``person.warn.<code>``; ``values``
    fill it. Lists of months are shown as ranges; floats as euros."""
    code: str
    values: tuple = field(default=())  # ((name, value), ...) hashable

    @classmethod
    def make(cls, code: str, **values) -> "Note":
        return cls(code, tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in values.items()))

    def text(self, lang: str = "fi") -> str:
        vals = {}
        for k, v in self.values:
            if k == "branch":
                vals[k] = f" ({label('person.branch.' + v, lang)})" if v else ""
            elif isinstance(v, tuple):
                vals[k] = month_ranges(list(v), lang)
            elif isinstance(v, float):
                vals[k] = fmt_number(v, 2, lang)
            else:
                vals[k] = v
        template = label(f"person.warn.{self.code}", lang)
        try:
            return template.format(**vals)
        except (KeyError, IndexError):
            return f"{template} {vals}"

    def to_dict(self) -> dict:
        """Both languages and the raw values (months as YYYY-MM)."""
        return {"code": self.code, "fi": self.text("fi"), "en": self.text("en"),
                "values": {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.values}}


_GAP = re.compile(r"^(?P<name>[\w.]+): no sourced value for (?P<years>[^;]+); the last known value is carried forward$")


def parameter_warning(text: str, lang: str = "fi") -> str:
    """An engine-style parameter warning in the chosen language."""
    m = _GAP.match(text)
    if not m or lang != "fi":
        return text
    return label("person.warn.parameter_gap", "fi").format(name=m["name"], years=m["years"])

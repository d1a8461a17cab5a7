"""Messages as values: a code and its parameters; the words come when shown.

Every warning or note the program makes (engine, parameters, person's view,
public purse) is a ``Message``: ``code`` names the template ``msg.<code>``
in the translations table (``messages_text.py``), ``params`` fill it. The
text is made only when a reader's language is known: ``render("fi")``.

A template names its fields as ``str.format`` does, with an optional kind
after a colon; without one the kind follows the value:

- ``str`` as is; a month ``YYYY-MM`` as ``3/2024`` in Finnish;
- ``int`` as is (years, counts); ``float`` a number with two decimals
  (``1 234,56`` in Finnish: decimal comma, narrow no-break space);
- a list of months as ranges (``1/2022–7/2022, 9/2022``), a list of years as
  ranges (``2022–2023, 2025``), any other list as ``M1, M2 ja M3``;
- ``Text(fi, en)`` (or ``{"fi": .., "en": ..}``): the reader's language.

Kinds: ``eur`` (``1 234,56 €`` / ``€1,234.56``), ``eur0`` (whole euros),
``num0``/``num1``/``num2`` (decimals), ``g`` (a number without trailing
zeros: ``12``, ``12,5``), ``branch`` (a pipeline branch, `` (osuus …)``).
"""
from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass
from functools import cached_property, total_ordering

from simulator.i18n import LABELS
from simulator.i18n.formats import fmt_eur, fmt_month, fmt_number

LANGS = ("fi", "en")
_YM = re.compile(r"^\d{4}-\d{2}$")
_AND = {"fi": "ja", "en": "and"}


@dataclass(frozen=True)
class Text:
    """A parameter that is itself words in both languages (a parameter's description)."""
    fi: str
    en: str

    def get(self, lang: str) -> str:
        return (self.fi if lang == "fi" else self.en) or self.fi or self.en


def _freeze(v):
    """Parameters as hashable plain values (numpy scalars become Python ones)."""
    if hasattr(v, "item") and not isinstance(v, (list, tuple, dict)):
        v = v.item()
    if isinstance(v, dict):
        if set(v) <= set(LANGS):
            return Text(str(v.get("fi", "")), str(v.get("en", "")))
        raise TypeError(f"a message parameter may not be a mapping: {v!r}")
    if isinstance(v, (set, frozenset)):
        return tuple(_freeze(x) for x in sorted(v))
    if isinstance(v, (list, tuple)):
        return tuple(_freeze(x) for x in v)
    return v


def _plain(v):
    """A parameter for JSON: tuples as lists, ``Text`` as ``{"fi", "en"}``."""
    if isinstance(v, Text):
        return {"fi": v.fi, "en": v.en}
    if isinstance(v, tuple):
        return [_plain(x) for x in v]
    return v


@total_ordering
@dataclass(frozen=True)
class Message:
    """One warning or note: ``code`` and ``params`` (name -> value).

    Frozen and hashable (a set of messages drops repeats), sortable (by code,
    then parameters). ``Message("code", {"a": 1})`` and
    ``Message.make("code", a=1)`` are the same message.
    """
    code: str
    params: tuple = ()   # ((name, value), ...) sorted by name

    def __post_init__(self):
        items = self.params.items() if isinstance(self.params, dict) else self.params
        object.__setattr__(self, "params", tuple(sorted((str(k), _freeze(v)) for k, v in items)))

    @classmethod
    def make(cls, code: str, **params) -> "Message":
        return cls(code, params)

    @property
    def values(self) -> dict:
        """The parameters as a dict."""
        return dict(self.params)

    def get(self, name: str, default=None):
        return self.values.get(name, default)

    @cached_property
    def _sort_key(self):
        return (self.code, json.dumps(_plain(self.values), sort_keys=True, ensure_ascii=False, default=str))

    def _key(self):
        return self._sort_key

    def __lt__(self, other):
        if not isinstance(other, Message):
            return NotImplemented
        return self._key() < other._key()

    def render(self, lang: str = "fi") -> str:
        """The text in ``lang``: the template ``msg.<code>`` with the parameters formatted."""
        pair = LABELS.get(f"msg.{self.code}")
        if pair is None:
            return f"{self.code}: " + ", ".join(f"{k}={format_value(v, '', lang)}" for k, v in self.params)
        template = pair[0] if lang == "fi" else pair[1]
        try:
            return _Formatter(lang).vformat(template, (), self.values)
        except (KeyError, IndexError, ValueError):
            return template + " (" + ", ".join(f"{k}={format_value(v, '', lang)}" for k, v in self.params) + ")"

    text = render   # the person view's former name

    def to_dict(self, lang: str = "fi") -> dict:
        """For JSON: the code, the parameters, the text in ``lang`` and in both languages."""
        return {"code": self.code, "params": {k: _plain(v) for k, v in self.params},
                "text": self.render(lang), "fi": self.render("fi"), "en": self.render("en")}


def render_all(messages, lang: str = "fi") -> list[str]:
    """Texts of messages in ``lang``, repeats dropped, in order."""
    return list(dict.fromkeys(m.render(lang) for m in messages))


def to_dicts(messages, lang: str = "fi") -> list[dict]:
    return [m.to_dict(lang) for m in messages]


# ------------------------------------------------------------------ formatting

class _Formatter(string.Formatter):
    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang

    def format_field(self, value, format_spec):
        return format_value(value, format_spec, self.lang)


def format_value(v, kind: str = "", lang: str = "fi") -> str:
    """One parameter as text for ``lang`` (see the module docstring for kinds)."""
    if kind == "branch":
        return f" ({LABELS.get('person.branch.' + v, (v, v))[0 if lang == 'fi' else 1]})" if v else ""
    if kind in ("eur", "eur0"):
        return fmt_eur(v, 0 if kind == "eur0" else 2, lang)
    if kind in ("num0", "num1", "num2"):
        return fmt_number(v, int(kind[-1]), lang)
    if kind == "g":
        return _compact(v, lang)
    if kind:
        raise ValueError(f"unknown kind {kind!r}")
    if isinstance(v, Text):
        return v.get(lang)
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return fmt_number(v, 2, lang)
    if isinstance(v, str):
        return fmt_month(v, lang) if _YM.match(v) else v
    if isinstance(v, tuple):
        if v and all(isinstance(x, str) and _YM.match(x) for x in v):
            return month_ranges(list(v), lang)
        if v and all(isinstance(x, int) and not isinstance(x, bool) for x in v):
            return year_ranges(list(v))
        return join_list([format_value(x, "", lang) for x in v], lang)
    return "–" if v is None else str(v)


def _compact(x, lang: str) -> str:
    text = fmt_number(x, 2, lang)
    sep = "," if lang == "fi" else "."
    return text.rstrip("0").rstrip(sep) if sep in text else text


def join_list(items: list[str], lang: str = "fi") -> str:
    """["M1", "M2", "M3"] -> "M1, M2 ja M3" (and in English)."""
    if len(items) < 2:
        return "".join(items) or "–"
    return ", ".join(items[:-1]) + f" {_AND.get(lang, 'and')} " + items[-1]


def _runs(nums: list[int]) -> list[tuple[int, int]]:
    nums = sorted(set(nums))
    runs = []
    for n in nums:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def year_ranges(years: list[int]) -> str:
    """[2022, 2023, 2025] -> "2022–2023, 2025"."""
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in _runs(years)) or "–"


def month_ranges(months: list[str], lang: str = "fi") -> str:
    """["2023-01", "2023-02", "2023-05"] -> "1/2023–2/2023, 5/2023" in Finnish
    ("2023-01–2023-02, 2023-05" in English)."""
    def num(ym):
        y, m = ym.split("-")
        return int(y) * 12 + int(m) - 1

    def ym(n):
        return fmt_month(f"{n // 12:04d}-{n % 12 + 1:02d}", lang)
    return ", ".join(ym(a) if a == b else f"{ym(a)}–{ym(b)}" for a, b in _runs([num(m) for m in months])) or "–"

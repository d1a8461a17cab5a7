"""The assumptions that differ between the compared scenarios, like a
spreadsheet's scenario summary: field path, label (the field schema,
``simulator/model/schema.py``) and each scenario's value.

The changes come from ``simulator.store.diff.walk`` on the scenarios'
documents (the first scenario against each of the others); a path found in
any pair is one row, with every scenario's value at that path. The
scenario's name, description and base file are not assumptions and are
left out. An item (a person, a revenue line …) that only some scenarios
have is one row with the whole item, ``None`` where it is absent.
"""
from __future__ import annotations

import types
import typing
from dataclasses import dataclass

from pydantic import BaseModel

from simulator.i18n import LABELS, fmt_month, fmt_number, label
from simulator.model.scenario import MODELS, Scenario
from simulator.model.schema import field_meta, labels_by_name, names_of_kind
from simulator.store.diff import walk

NOT_ASSUMPTIONS = ("name", "description", "base")
_PCT = names_of_kind(MODELS, "pct")
_MONTHS = names_of_kind(MODELS, "month")


@dataclass
class Difference:
    path: str
    label_key: str | None          # i18n key of the field's label (None: no label)
    values: dict                   # scenario name -> value (None: absent)
    field: str = ""                # the field's own name ("" for a whole item)

    def label(self, lang: str = "fi") -> str:
        return label(self.label_key, lang) if self.label_key else self.path

    def to_dict(self) -> dict:
        return {"path": self.path, "label": {"fi": self.label("fi"), "en": self.label("en")},
                "values": self.values}


def _classes(tp) -> list[type]:
    """The pydantic model classes inside a field's annotation."""
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    if typing.get_origin(tp) in (typing.Union, types.UnionType, list, tuple, dict):
        return [c for a in typing.get_args(tp) for c in _classes(a)]
    return [tp] if isinstance(tp, type) and issubclass(tp, BaseModel) else []


def field_label(steps) -> tuple[str | None, str]:
    """(label key, field name) of the last mapping key of a change's steps, read
    along the scenario's model classes (the first class that has the key)."""
    classes, key, name = [Scenario], None, ""
    for s in steps:
        if s.kind != "key":
            continue
        name = str(s.value)
        owners = [c for c in classes if name in c.model_fields]
        key = field_meta(owners[0], name).label if owners else labels_by_name(MODELS).get(name)
        classes = list(dict.fromkeys(c for o in owners for c in _classes(o.model_fields[name].annotation)))
    return key, name


def assumption_differences(scenarios, names) -> list[Difference]:
    docs = [s.model_dump(mode="json") for s in scenarios]
    for d in docs:
        for k in NOT_ASSUMPTIONS:
            d.pop(k, None)
    rows: dict[str, Difference] = {}
    for k in range(1, len(docs)):
        for c in walk(docs[0], docs[k]):
            if c.path not in rows:
                key, fld = field_label(c.steps)
                rows[c.path] = Difference(c.path, key, {n: _at(d, c.steps) for n, d in zip(names, docs)},
                                          fld if c.kind == "changed" else "")
    return list(rows.values())


def _at(doc, steps):
    """The value at a change's steps in a scenario document (None where absent)."""
    from simulator.store.diff import item_key
    cur = doc
    for s in steps:
        if cur is None:
            return None
        if s.kind == "key":
            cur = cur.get(s.value) if isinstance(cur, dict) else None
        elif s.kind == "item":
            cur = next((x for x in cur or [] if item_key(x) == s.value), None)
        else:   # index or phase: by position
            cur = cur[s.value] if isinstance(cur, list) and s.value < len(cur) else None
    return cur


# a choice's words: field -> the label key of a value (as the app's forms name them, ui/groups.py)
_CHOICE_KEYS = {"accident_insurance_class": "opt.accident_{}", "palkkatuki": "opt.pt_{}", "vat": "opt.vat_{}",
                "model": "{}"}


def _choice_key(field: str, v: str) -> str | None:
    """The label key of a choice value (``opt.<value>`` unless the field names its own), or None."""
    for key in (_CHOICE_KEYS.get(field, "").format(v), f"opt.{v}"):
        if key and key in LABELS:
            return key
    return None


def value_text(field: str, v, lang: str = "fi") -> str:
    """A value as shown in a view: shares ×100 %, months as months, items by their name."""
    if v is None:
        return label("verdict.removed", lang)
    if isinstance(v, bool):
        return label("opt.yes" if v else "opt.no", lang)
    if isinstance(v, (int, float)):
        if field in _PCT:
            return f"{fmt_number(v * 100, 2, lang).rstrip('0').rstrip(',.')} %"
        return fmt_number(v, 2, lang).rstrip("0").rstrip(",.") if isinstance(v, float) else str(v)
    if isinstance(v, str):
        if field in _MONTHS or (len(v) == 7 and v[4] == "-" and v[:4].isdigit()):
            return fmt_month(v, lang)
        key = _choice_key(field, v)
        if key:
            return label(key, lang)
        return v if len(v) <= 60 else v[:57] + "…"
    if isinstance(v, dict):
        from simulator.store.diff import item_key
        k = item_key(v)
        if k:
            return str(k)
        return ", ".join(f"{a}: {value_text(a, b, lang)}" for a, b in v.items() if b is not None)[:80]
    if isinstance(v, list):
        return "; ".join(value_text(field, x, lang) for x in v)[:80]
    return str(v)

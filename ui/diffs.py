"""What changed between two versions of a scenario, in words (no Streamlit).

The changes themselves come from ``simulator.store.diff.walk`` (shared with
the history and the conflict check); this module names them with the app's labels."""
from __future__ import annotations

from simulator.i18n import fmt_month, label
from simulator.store.diff import Change, walk

from .inputs import number_text
from simulator.model.scenario import MODELS
from simulator.model.schema import names_of_kind

from .groups import GENERAL_FIELDS, OPT, OPT_PT, OPT_VAT_ITEM, PIPELINE_FIELDS
from .placing import FIELD_LABELS

# field and section names -> label keys, from the schema; the form's labels where they differ
_LABELS = dict(FIELD_LABELS)
_LABELS.update({f.path[-1]: f.label for f in GENERAL_FIELDS + PIPELINE_FIELDS})
_LABELS.update(start="f.start", kind="f.item_kind", opening_cash="f.opening_cash")
PCT = names_of_kind(MODELS, "pct")          # shares shown ×100
MONTHS = names_of_kind(MODELS, "month")
_OPTS = {**OPT, **{f"vat:{k}": v for k, v in OPT_VAT_ITEM.items()}, **{f"pt:{k}": v for k, v in OPT_PT.items()}}
def value_text(field: str, v, lang: str) -> str:
    if v is None:
        return "–"
    if isinstance(v, bool):
        return label("opt.yes" if v else "opt.no", lang)
    if isinstance(v, (int, float)):
        if field in PCT:
            return f"{number_text(v * 100, lang)} %"
        return number_text(v, lang)
    if isinstance(v, str):
        if field in MONTHS:
            try:
                return fmt_month(v, lang)
            except ValueError:
                return v
        if field in ("palkkatuki",) and f"pt:{v}" in _OPTS:
            return label(_OPTS[f"pt:{v}"], lang)
        if v in OPT:
            return label(OPT[v], lang)
        if v in ("cooperative", "subcontracting", "salaried"):
            return label(v, lang)
        return v if len(v) <= 60 else v[:57] + "…"
    if isinstance(v, list):
        return "; ".join(value_text(field, x, lang) for x in v)
    if isinstance(v, dict):
        return ", ".join(f"{_name(k, lang)} {value_text(k, x, lang)}" for k, x in v.items() if x is not None)
    return str(v)


def _name(field: str, lang: str) -> str:
    key = _LABELS.get(field)
    return label(key, lang) if key else field


def _phase_name(ph: dict, lang: str) -> str:
    return f"{label('opt.' + ph.get('kind', ''), lang)} {fmt_month(ph.get('start'), lang) if ph.get('start') else ''}".strip()


def changes(old: dict, new: dict, lang: str = "fi") -> list[str]:
    """Readable lines ``where: old → new`` (``(added)``/``(removed)`` for items)."""
    return [change_text(c, lang) for c in walk(old, new)]


def where_text(steps, lang: str) -> str:
    """A change's place in the app's words: ``Henkilöt › M1 › Palkkatyö 7/2022 › Tunnit/vko``."""
    where = []
    for s in steps:
        if s.kind == "key":
            if s.value != "phases":
                where.append(_name(s.value, lang))
        elif s.kind == "phase":
            where.append(_phase_name(s.obj, lang))
        elif s.kind == "index":
            where.append(str(s.value + 1))
        else:
            where.append(str(s.value))
    return " › ".join(where)


def change_text(c: Change, lang: str = "fi") -> str:
    """One change (``simulator.store.diff.Change``) in words."""
    here = where_text(c.steps, lang)
    if c.kind == "added":
        return f"{here}: {label('ui.added', lang)}"
    if c.kind == "removed":
        return f"{here}: {label('ui.removed', lang)}"
    return f"{here}: {value_text(c.field, c.old, lang)} → {value_text(c.field, c.new, lang)}"

"""What changed between two versions of a scenario, in words (no Streamlit)."""
from __future__ import annotations

from simulator.i18n import fmt_month, label

from .inputs import number_text
from .model import FIELD_LABELS, GENERAL_FIELDS, OPT, OPT_PT, OPT_VAT_ITEM, PIPELINE_FIELDS

SECTION_LABELS = {"people": "ui.tbl.people", "staff": "ui.tbl.staff", "revenue": "ui.tbl.revenue",
                  "overheads": "ui.tbl.overheads", "grants": "ui.tbl.grants", "financing": "ui.groups.financing",
                  "share_capital": "ui.tbl.share_capital", "loans": "ui.tbl.loans",
                  "pipeline": "ui.tbl.pipeline", "assumptions": "ui.groups.general",
                  "after_conversion": "opt.employment", "phases": None, "opening_cash": "f.opening_cash"}
_LABELS = dict(FIELD_LABELS)
_LABELS.update({f.path[-1]: f.label for f in GENERAL_FIELDS + PIPELINE_FIELDS})
_LABELS["start"] = "f.start"
PCT = {"wage_growth", "price_growth", "cost_inflation", "discount_rate", "accident_insurance_rate",
       "group_life_insurance_rate", "conversion_rate", "volume_from_paid_hours", "growth", "annual_rate", "rate"}
MONTHS = {"start", "end", "month", "drawdown"}
_OPTS = {**OPT, **{f"vat:{k}": v for k, v in OPT_VAT_ITEM.items()}, **{f"pt:{k}": v for k, v in OPT_PT.items()}}


def _key(item):
    if isinstance(item, dict):
        return item.get("id") or item.get("name") or item.get("role")
    return None


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
    key = _LABELS.get(field) or SECTION_LABELS.get(field)
    return label(key, lang) if key else field


def _phase_name(ph: dict, lang: str) -> str:
    return f"{label('opt.' + ph.get('kind', ''), lang)} {fmt_month(ph.get('start'), lang) if ph.get('start') else ''}".strip()


def changes(old: dict, new: dict, lang: str = "fi") -> list[str]:
    """Readable lines ``where: old → new`` (``(added)``/``(removed)`` for items)."""
    out: list[str] = []
    _walk(old, new, [], out, lang)
    return out


def _walk(old, new, where: list, out: list, lang: str, field: str = ""):
    if old == new:
        return
    here = " › ".join(where)
    if isinstance(old, dict) and isinstance(new, dict):
        for k in dict.fromkeys(list(old) + list(new)):
            if k == "phases":
                _walk_phases(old.get(k) or [], new.get(k) or [], where, out, lang)
                continue
            name = _name(k, lang)
            _walk(old.get(k), new.get(k), where + ([name] if name else []), out, lang, k)
        return
    if isinstance(old, list) and isinstance(new, list) and (old or new) and \
            all(_key(x) for x in old + new):
        old_by = {_key(x): x for x in old}
        new_by = {_key(x): x for x in new}
        for k, item in old_by.items():
            if k not in new_by:
                out.append(f"{' › '.join(where + [str(k)])}: {label('ui.removed', lang)}")
        for k, item in new_by.items():
            if k not in old_by:
                out.append(f"{' › '.join(where + [str(k)])}: {label('ui.added', lang)}")
            else:
                _walk(old_by[k], item, where + [str(k)], out, lang)
        return
    if isinstance(old, list) and isinstance(new, list) and old and isinstance(old[0], dict):
        for i in range(max(len(old), len(new))):
            a = old[i] if i < len(old) else None
            b = new[i] if i < len(new) else None
            if a is None:
                out.append(f"{here} › {i + 1}: {label('ui.added', lang)}")
            elif b is None:
                out.append(f"{here} › {i + 1}: {label('ui.removed', lang)}")
            else:
                _walk(a, b, where + [str(i + 1)], out, lang)
        return
    out.append(f"{here}: {value_text(field, old, lang)} → {value_text(field, new, lang)}")


def _walk_phases(old: list, new: list, where: list, out: list, lang: str):
    """Phases are matched by position when their number is unchanged, else by start month and kind."""
    old_by = {(p.get("start"), p.get("kind")): p for p in old}
    new_by = {(p.get("start"), p.get("kind")): p for p in new}
    if len(old_by) != len(old) or len(new_by) != len(new) or len(old) == len(new):
        old_by = {i: p for i, p in enumerate(old)}
        new_by = {i: p for i, p in enumerate(new)}
    for k, p in old_by.items():
        if k not in new_by:
            out.append(f"{' › '.join(where + [_phase_name(p, lang)])}: {label('ui.removed', lang)}")
    for k, p in new_by.items():
        if k not in old_by:
            out.append(f"{' › '.join(where + [_phase_name(p, lang)])}: {label('ui.added', lang)}")
        else:
            _walk(old_by[k], p, where + [_phase_name(p, lang)], out, lang)

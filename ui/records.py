"""A scenario's records as the editor shows them (no Streamlit).

A scenario is held as its full JSON dump (``Scenario.model_dump(mode="json")``).
Each table of the editor (``ui/groups.py``) lists *records*: one dict per
row, built from the scenario by the functions here, with ``_ref`` pointing
back at the item. ``table_rows``/``field_text`` turn values into the text
the cells and inputs show.
"""
from __future__ import annotations

from .inputs import factors_text, month_text, number_text, percent_text

PIPELINE_DEFAULT = {"avotyo_time_limit_months": 6, "conversion_rate": 0.2,
                    "after_conversion": {"employer": "company", "hours_per_week": 18.0,
                                         "hourly_wage": 11.0, "monthly_pay": None, "palkkatuki": "auto"}}


def people_records(s):
    return [{**{k: v for k, v in p.items() if k != "phases"}, "_ref": i} for i, p in enumerate(s["people"])]


def phase_records(kinds):
    def records(s):
        out = []
        for i, p in enumerate(s["people"]):
            for j, ph in enumerate(p["phases"]):
                if ph["kind"] in kinds:
                    rec = {**ph, "person": p["id"], "_ref": (i, j)}
                    if ph["kind"] == "employment":
                        pt = ph.get("palkkatuki", "none")
                        if isinstance(pt, dict):
                            rec.update(pt_choice="explicit", pt_rate=pt.get("rate"), pt_months=pt.get("months"),
                                       pt_cap=pt.get("monthly_cap"))
                        else:
                            rec.update(pt_choice=pt, pt_rate=None, pt_months=None, pt_cap=None)
                    out.append(rec)
        out.sort(key=lambda r: (r["_ref"][0], r.get("start") or ""))
        return out
    return records


def list_records(*path):
    def records(s):
        items = s
        for p in path:
            items = items[p]
        return [{**it, "_ref": i} for i, it in enumerate(items)]
    return records


def new_work_activity():
    return {"kind": "work_activity", "days_per_month": 15.0, "tyoosuusraha_per_day": 5.0, "day_price": 0.0,
            "cost_per_day": 0.0, "meal_fee_per_day": 0.0, "arranged_by": "this",
            "company_fee_per_day": None, "company_fee_vat": None, "time_limited": None}


def new_employment():
    return {"kind": "employment", "employer": "this", "hours_per_week": 20.0, "pt_choice": "none"}


def people_ids(s: dict) -> tuple:
    return tuple(p["id"] for p in s["people"])


# ----------------------------------------------------------------- display

def cell_text(kind: str, value, lang: str):
    if kind == "num":
        return number_text(value, lang)
    if kind == "pct":
        return percent_text(value, lang)
    if kind == "int":
        return "" if value is None else str(int(value))
    if kind == "month":
        return month_text(value, lang)
    if kind == "factors":
        return factors_text(value, lang)
    if kind == "text":
        return "" if value is None else str(value)
    if kind == "bool":
        return bool(value) if value is not None else False
    return value  # choice


def table_rows(table, scenario: dict, lang: str) -> list[dict]:
    """Rows shown in the editor: one dict per record, values as the cells show them."""
    return [{c.key: cell_text(c.kind, rec.get(c.key), lang) for c in table.cols}
            for rec in table.records(scenario)]


def field_value(f, scenario: dict):
    if f.path == ("pipeline", "enabled"):
        return scenario.get("pipeline") is not None
    node = scenario
    for p in f.path:
        if node is None:
            node = None
            break
        node = node.get(p) if isinstance(node, dict) else None
    if node is None and f.path[0] == "pipeline":
        node = PIPELINE_DEFAULT
        for p in f.path[1:]:
            node = node.get(p)
    return node


def field_text(f, scenario: dict, lang: str):
    v = field_value(f, scenario)
    if f.kind in ("text", "textarea"):
        return "" if v is None else str(v)
    if f.kind in ("bool", "choice"):
        return v
    return cell_text(f.kind, v, lang)

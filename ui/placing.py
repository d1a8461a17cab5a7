"""Placing the engine's validation problems next to the table row or field they belong to (no Streamlit).

``problems_by_source`` reads ``ScenarioError.problems`` (path, english,
finnish), finds the row or field the path points at, names the engine's
field names by their labels and shows limits in the user's format (percent
fields in percent). Labels and which fields are percents come from the
scenario's schema (``simulator.model.schema``).
"""
from __future__ import annotations

import re

from simulator.i18n import label
from simulator.model.scenario import MODELS
from simulator.model.schema import labels_by_name, names_of_kind

from .edits import GroupResult, Problem, row_where
from .groups import TABLES, Group
from .inputs import number_text


# field name -> label key (the first scenario class that has the name; ``schema.labels_by_name``)
FIELD_LABELS = labels_by_name(MODELS)
_TABLE_COL = {"palkkatuki.rate": "pt_rate", "palkkatuki.months": "pt_months",
              "palkkatuki.monthly_cap": "pt_cap", "palkkatuki": "pt_choice"}
_PCT_FIELDS = names_of_kind(MODELS, "pct") | {"palkkatuki.rate"}   # shares shown ×100
_WORD = re.compile(r"\b(" + "|".join(sorted(FIELD_LABELS, key=len, reverse=True)) + r")\b")


def _friendly(message: str, lang: str, percent: bool) -> str:
    """Name fields by their labels and show limits in the user's format (percent fields in percent)."""
    message = re.sub(r"(vähintään|enintään|at least|at most|greater than or equal to|less than or equal to)"
                     r" (-?\d+(?:\.\d+)?)",
                     lambda m: f"{m.group(1)} " + (f"{number_text(float(m.group(2)) * 100, lang)} %" if percent
                                                   else number_text(float(m.group(2)), lang)), message)
    # only the engine's raw field names (snake_case words) are replaced
    return _WORD.sub(lambda m: label(FIELD_LABELS[m.group(1)], lang).split(" (")[0]
                     if "_" in m.group(1) else m.group(1), message)


def problems_by_source(problems: list, group: Group, result: GroupResult, lang: str) -> list[Problem]:
    """Place ``ScenarioError.problems`` (path, english, finnish) next to a row or field."""
    out = []
    field_ids = {f.id for f in group.fields}
    for path, en, fi in problems:
        msg = fi if lang == "fi" else en
        src, where = None, ""
        m = re.match(r"^((?:[a-z_]+\.)?[a-z_]+\[\d+\](?:\.phases\[\d+\])?)\.?(.*)$", path)
        if m and m.group(1) in result.rowmap:
            tid, row = result.rowmap[m.group(1)]
            rest = m.group(2)
            col = _TABLE_COL.get(rest, rest.split(".")[0] if rest else None)
            table = TABLES[tid]
            if col and col not in {c.key for c in table.cols}:
                col = None
            src, where = f"t:{tid}", row_where(table, result.records[tid], row, col, lang)
            pct = rest in _PCT_FIELDS
        else:
            fid = next((fid for fid in sorted(field_ids, key=len, reverse=True)
                        if path == fid or path.startswith(fid + ".")), None)
            if fid is None and path.startswith("pipeline"):
                fid = "pipeline.enabled"
            src = f"f:{fid}" if fid else f"g:{group.id}"
            if fid is None:
                where = path
            pct = path.split(".")[-1] in _PCT_FIELDS
        person = re.match(r"^people\[(\d+)\]", path)
        if person:   # "overlaps phases[0]" -> the row the user sees
            def phase_ref(m, pi=person.group(1)):
                ref = result.rowmap.get(f"people[{pi}].phases[{m.group(1)}]")
                if not ref:
                    return m.group(0)
                return row_where(TABLES[ref[0]], result.records[ref[0]], ref[1], None, lang)
            msg = re.sub(r"phases\[(\d+)\]", phase_ref, msg)
        out.append(Problem(src, where, _friendly(msg, lang, pct)))
    return out

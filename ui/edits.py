"""Parsing a group's edits into candidate sections of the scenario (no Streamlit).

Edits arrive as the data editor's delta (``edited_rows``/``added_rows``/
``deleted_rows``) and as the form fields' text; ``apply_group`` turns them
into candidate sections plus the input errors (``Problem``), each placed at
its table row or field.

Only the cells a user touched are parsed; untouched values are copied as
they are, so a round trip through text never changes a number.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

from simulator.i18n import fmt_month, label

from .groups import TABLES, Group, Table
from .inputs import InputError, is_blank, parse_factors, parse_int, parse_month, parse_number, parse_percent
from .records import field_text, field_value


def parse_cell(kind: str, value, lang: str):
    if kind == "num":
        return parse_number(value, lang)
    if kind == "pct":
        return parse_percent(value, lang)
    if kind == "int":
        return parse_int(value, lang)
    if kind == "month":
        return parse_month(value, lang)
    if kind == "factors":
        return parse_factors(value, lang)
    if kind == "text":
        return None if is_blank(value) else str(value).strip()
    if kind == "textarea":
        return "" if value is None else str(value)
    if kind == "bool":
        return bool(value) if value is not None else False
    return None if is_blank(value) else value


@dataclass
class Problem:
    """One message for the user, attached to a table row or a field."""
    source: str           # "t:<table id>" or "f:<field id>"
    where: str            # "rivi 3 (M3 · 9/2022) · Tunnit/vko" ("" for a field)
    message: str

    def text(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


def _norm_index(k) -> int:
    return int(k)


def apply_delta(table: Table, records: list, delta: dict | None, lang: str) -> tuple[list, list]:
    """Records after the editor's delta; errors as (row number, column key, message)."""
    out = [copy.deepcopy(r) for r in records]
    errors = []
    if not delta:
        return out, errors
    cols = {c.key: c for c in table.cols}
    for k, changes in (delta.get("edited_rows") or {}).items():
        i = _norm_index(k)
        if not 0 <= i < len(out):
            continue
        for key, value in (changes or {}).items():
            col = cols.get(key)
            if col is None:
                continue
            try:
                out[i][key] = parse_cell(col.kind, value, lang)
            except InputError as e:
                out[i][key] = _BAD
                errors.append((i, key, e.message(lang)))
    deleted = {_norm_index(k) for k in (delta.get("deleted_rows") or [])}
    keep = [(i, r) for i, r in enumerate(out) if i not in deleted]
    errors = [(next(n for n, (j, _) in enumerate(keep) if j == i), key, msg)
              for i, key, msg in errors if i not in deleted]
    out = [r for _, r in keep]
    for added in delta.get("added_rows") or []:
        rec = table.new_record()
        rec["_ref"] = None
        row = len(out)
        for key, value in (added or {}).items():
            col = cols.get(key)
            if col is None:
                continue
            try:
                rec[key] = parse_cell(col.kind, value, lang)
            except InputError as e:
                rec[key] = _BAD
                errors.append((row, key, e.message(lang)))
        out.append(rec)
    return out, errors


class _Bad:
    def __repr__(self):
        return "<invalid>"


_BAD = _Bad()


def _clean(rec: dict, drop=("_ref",)) -> dict:
    """Drop UI-only keys and empty values (an empty cell means 'use the default')."""
    return {k: v for k, v in rec.items() if k not in drop and v is not None}


def _required_errors(table: Table, records: list, lang: str) -> list:
    errs = []
    for i, rec in enumerate(records):
        for c in table.cols:
            if c.required and rec.get(c.key) is None:
                errs.append((i, c.key, label("ui.err.required", lang)))
    return errs


def row_where(table: Table, records: list, i: int, col_key: str | None, lang: str) -> str:
    rec = records[i] if i < len(records) else {}
    bits = [label(table.title, lang), label("ui.row", lang).format(n=i + 1)]
    ident = []
    for k in ("person", "id", "name", "role"):
        v = rec.get(k)
        if isinstance(v, str) and v:
            ident.append(v)
            break
    if isinstance(rec.get("start"), str):
        ident.append(fmt_month(rec["start"], lang))
    elif isinstance(rec.get("month"), str):
        ident.append(fmt_month(rec["month"], lang))
    if ident:
        bits[-1] += f" ({' · '.join(ident)})"
    text = ", ".join(bits)
    if col_key:
        col = next((c for c in table.cols if c.key == col_key), None)
        text += " · " + (label(col.label, lang) if col else col_key)
    return text


@dataclass
class GroupResult:
    sections: dict | None            # candidate values of the group's sections (None if input errors)
    problems: list = field(default_factory=list)
    rowmap: dict = field(default_factory=dict)   # scenario path prefix -> (table id, row)
    records: dict = field(default_factory=dict)  # table id -> records after the delta


def apply_group(group: Group, scenario: dict, deltas: dict, values: dict, lang: str) -> GroupResult:
    """Candidate sections of ``group`` from table deltas (by table id) and field values (by field id)."""
    res = GroupResult(sections=None)
    problems = []
    for t in group.tables:
        recs, errs = apply_delta(t, t.records(scenario), deltas.get(t.id), lang)
        errs += [e for e in _required_errors(t, recs, lang) if not any(e[:2] == x[:2] for x in errs)]
        res.records[t.id] = recs
        problems += [Problem(f"t:{t.id}", row_where(t, recs, i, key, lang), msg) for i, key, msg in errs]
    fvals = {}
    for f in group.fields:
        shown = field_text(f, scenario, lang)
        raw = values.get(f.id, shown)
        if raw == shown:            # untouched: keep the value exactly as it is
            fvals[f.id] = field_value(f, scenario)
            continue
        try:
            v = parse_cell(f.kind, raw, lang)
        except InputError as e:
            problems.append(Problem(f"f:{f.id}", "", e.message(lang)))
            continue
        if v is None and f.kind not in ("bool",) and not f.optional:
            problems.append(Problem(f"f:{f.id}", "", label("ui.err.required", lang)))
            continue
        fvals[f.id] = v
    if problems:
        res.problems = problems
        return res
    sections = {}
    if group.id == "people":
        sections["people"], more, res.rowmap = _assemble_people(scenario, res.records, lang)
        problems += more
        sections["staff"] = [_clean(r) for r in res.records["staff"]]
        if fvals.get("pipeline.enabled"):
            ac = {k.split(".")[-1]: v for k, v in fvals.items() if k.startswith("pipeline.after_conversion.")}
            sections["pipeline"] = {"avotyo_time_limit_months": fvals["pipeline.avotyo_time_limit_months"],
                                    "conversion_rate": fvals["pipeline.conversion_rate"],
                                    "after_conversion": ac}
        else:
            sections["pipeline"] = None
        for t in ("staff",):
            for i, r in enumerate(res.records[t]):
                res.rowmap[f"{t}[{i}]"] = (t, i)
    elif group.id in ("revenue", "costs", "grants"):
        t = group.tables[0]
        section = group.sections[0]
        sections[section] = [_clean(r) for r in res.records[t.id]]
        res.rowmap.update({f"{section}[{i}]": (t.id, i) for i in range(len(res.records[t.id]))})
    elif group.id == "financing":
        sections["financing"] = {"share_capital": [_clean(r) for r in res.records["share_capital"]],
                                 "loans": [_clean(r) for r in res.records["loans"]]}
        sections["opening_cash"] = fvals["opening_cash"]
        for t, sec in (("share_capital", "financing.share_capital"), ("loans", "financing.loans")):
            res.rowmap.update({f"{sec}[{i}]": (t, i) for i in range(len(res.records[t]))})
    elif group.id == "general":
        assumptions = dict(scenario["assumptions"])
        for f in group.fields:
            if f.path[0] == "assumptions":
                assumptions[f.path[1]] = fvals.get(f.id)
            else:
                sections[f.path[0]] = fvals.get(f.id) if fvals.get(f.id) is not None else ""
        sections["assumptions"] = _clean(assumptions)
    if problems:
        res.problems = problems
        return res
    res.sections = sections
    return res


_AVOTYO_ONLY = ("company_fee_per_day", "company_fee_vat", "time_limited")


def _assemble_people(scenario: dict, records: dict, lang: str):
    problems, rowmap = [], {}
    people = []
    by_id = {}
    for i, rec in enumerate(records["people"]):
        person = _clean(rec)
        person["phases"] = []
        people.append(person)
        by_id.setdefault(rec.get("id"), (len(people) - 1, i))
    phase_src = {}
    for tid in ("wa", "emp"):
        table = TABLES[tid]
        for r, rec in enumerate(records[tid]):
            pid = rec.get("person")
            if pid not in by_id:
                problems.append(Problem(f"t:{tid}", row_where(table, records[tid], r, "person", lang),
                                        label("ui.err.unknown_person", lang).format(id=pid)))
                continue
            ph = _clean(rec, drop=("_ref", "person", "pt_choice", "pt_rate", "pt_months", "pt_cap"))
            if tid == "wa":
                if ph.get("kind") == "work_activity":
                    for k in _AVOTYO_ONLY:
                        ph.pop(k, None)
            else:
                ph["kind"] = "employment"
                choice = rec.get("pt_choice") or "none"
                if choice == "explicit":
                    if rec.get("pt_rate") is None or rec.get("pt_months") is None:
                        problems.append(Problem("t:emp", row_where(table, records["emp"], r, "pt_choice", lang),
                                                label("ui.err.explicit_pt", lang)))
                        continue
                    ph["palkkatuki"] = _clean({"rate": rec["pt_rate"], "months": rec["pt_months"],
                                               "monthly_cap": rec.get("pt_cap")})
                else:
                    ph["palkkatuki"] = choice
            pi = by_id[pid][0]
            people[pi]["phases"].append(ph)
            phase_src[id(ph)] = (tid, r)
    for pi, person in enumerate(people):
        person["phases"].sort(key=lambda ph: ph.get("start") if isinstance(ph.get("start"), str) else "")
        for j, ph in enumerate(person["phases"]):
            rowmap[f"people[{pi}].phases[{j}]"] = phase_src[id(ph)]
    for pid, (pi, r) in by_id.items():
        rowmap[f"people[{pi}]"] = ("people", r)
    return people, problems, rowmap



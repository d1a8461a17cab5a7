"""The editable view of a scenario: groups, tables, form fields (no Streamlit).

A scenario is held as its full JSON dump (``Scenario.model_dump(mode="json")``).
Each *group* (people, revenue, costs, grants, financing, general) owns some
top-level sections of it and is edited through tables (``st.data_editor``)
and form fields. Edits arrive as the data editor's delta
(``edited_rows``/``added_rows``/``deleted_rows``) and as the form fields' text;
``apply_group`` turns them into candidate sections plus the input errors, and
``problems_by_source`` places the engine's validation problems (``ScenarioError``)
next to the table row or field they belong to.

Only the cells a user touched are parsed; untouched values are copied as
they are, so a round trip through text never changes a number.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Callable

from simulator.i18n import fmt_month, label

from .inputs import (InputError, factors_text, is_blank, month_text, number_text, parse_factors,
                     parse_int, parse_month, parse_number, parse_percent, percent_text)

TEXT_KINDS = ("text", "num", "pct", "int", "month", "factors")
PIPELINE_DEFAULT = {"avotyo_time_limit_months": 6, "conversion_rate": 0.2,
                    "after_conversion": {"employer": "company", "hours_per_week": 18.0,
                                         "hourly_wage": 11.0, "monthly_pay": None, "palkkatuki": "auto"}}


@dataclass(frozen=True)
class Col:
    key: str
    kind: str                      # text num pct int month factors bool choice
    label: str                     # i18n key
    help: str | None = None        # i18n key
    options: tuple = ()
    opt_label: dict | None = None  # option -> i18n key
    width: int = 100
    required: bool = False


@dataclass(frozen=True)
class Table:
    id: str
    title: str
    caption: str | None
    cols: tuple
    records: Callable[[dict], list]      # scenario dict -> records (dicts)
    new_record: Callable[[], dict]


@dataclass(frozen=True)
class Field:
    path: tuple                    # ("assumptions", "wage_growth")
    kind: str                      # text textarea num pct int month bool choice
    label: str
    help: str | None = None
    options: tuple = ()
    opt_label: dict | None = None
    optional: bool = False

    @property
    def id(self) -> str:
        return ".".join(self.path)


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    sections: tuple
    tables: tuple = ()
    fields: tuple = ()
    caption: str | None = None


OPT = {k: f"opt.{k}" for k in ("work_activity", "avotyo", "employment", "this", "other", "company",
                                 "municipality", "project_grant", "per_hour", "per_unit", "per_month",
                                 "standard", "exempt", "monthly", "annual", "one_off", "annuity",
                                 "straight")}
OPT_VAT_ITEM = {"standard": "opt.standard", "none": "opt.vat_none"}
OPT_PT = {"none": "opt.pt_none", "auto": "opt.pt_auto", "explicit": "opt.pt_explicit"}
OPT_MODEL = {"cooperative": "cooperative", "subcontracting": "subcontracting", "salaried": "salaried"}
MONTHS_1_12 = tuple(range(1, 13))


def option_text(opt_label: dict | None, value, lang: str) -> str:
    if opt_label and value in opt_label:
        return label(opt_label[value], lang)
    return "" if value is None else str(value)


# ----------------------------------------------------------------- records

def _people_records(s):
    return [{**{k: v for k, v in p.items() if k != "phases"}, "_ref": i} for i, p in enumerate(s["people"])]


def _phase_records(kinds):
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


def _list_records(*path):
    def records(s):
        items = s
        for p in path:
            items = items[p]
        return [{**it, "_ref": i} for i, it in enumerate(items)]
    return records


def _new_wa():
    return {"kind": "work_activity", "days_per_month": 15.0, "tyoosuusraha_per_day": 5.0, "day_price": 0.0,
            "cost_per_day": 0.0, "meal_fee_per_day": 0.0, "arranged_by": "this",
            "company_fee_per_day": None, "company_fee_vat": None, "time_limited": None}


def _new_emp():
    return {"kind": "employment", "employer": "this", "hours_per_week": 20.0, "pt_choice": "none"}


def people_ids(s: dict) -> tuple:
    return tuple(p["id"] for p in s["people"])


TABLES = {
    "people": Table("people", "ui.tbl.people", "ui.cap.people", (
        Col("id", "text", "f.id", "h.id", width=90, required=True),
        Col("birth_year", "int", "f.birth_year", "h.birth_year", width=110),
        Col("reduced_work_capacity", "bool", "f.reduced_work_capacity", "h.reduced_work_capacity", width=130),
        Col("disability_pension", "num", "f.disability_pension", "h.disability_pension", width=190),
    ), _people_records, lambda: {"reduced_work_capacity": True, "phases": []}),
    "wa": Table("wa", "ui.tbl.wa", "ui.cap.wa", (
        Col("person", "choice", "f.person", None, width=90, required=True),
        Col("kind", "choice", "f.phase_kind", None, ("work_activity", "avotyo"), OPT, width=120, required=True),
        Col("start", "month", "f.start", "h.start", width=110, required=True),
        Col("end", "month", "f.end", "h.end", width=110),
        Col("days_per_month", "num", "f.days_per_month", "h.days_per_month", width=90),
        Col("tyoosuusraha_per_day", "num", "f.tyoosuusraha_per_day", "h.tyoosuusraha_per_day", width=150),
        Col("day_price", "num", "f.day_price", "h.day_price", width=130),
        Col("cost_per_day", "num", "f.cost_per_day", "h.cost_per_day", width=120),
        Col("meal_fee_per_day", "num", "f.meal_fee_per_day", "h.meal_fee_per_day", width=140),
        Col("arranged_by", "choice", "f.arranged_by", "h.arranged_by", ("this", "other"), OPT, width=150),
        Col("company_fee_per_day", "num", "f.company_fee_per_day", "h.company_fee_per_day", width=150),
        Col("company_fee_vat", "choice", "f.company_fee_vat", None, ("standard", "exempt"), OPT, width=130),
        Col("time_limited", "bool", "f.time_limited", "h.time_limited", width=110),
    ), _phase_records(("work_activity", "avotyo")), _new_wa),
    "emp": Table("emp", "ui.tbl.emp", "ui.cap.emp", (
        Col("person", "choice", "f.person", None, width=90, required=True),
        Col("start", "month", "f.start", "h.start", width=110, required=True),
        Col("end", "month", "f.end", "h.end", width=110),
        Col("employer", "choice", "f.employer", "h.employer", ("this", "company"), OPT, width=150),
        Col("hours_per_week", "num", "f.hours_per_week", "h.hours_per_week", width=100, required=True),
        Col("hourly_wage", "num", "f.hourly_wage", "h.hourly_wage", width=130),
        Col("monthly_pay", "num", "f.monthly_pay", "h.monthly_pay", width=150),
        Col("pt_choice", "choice", "f.palkkatuki", "h.palkkatuki", ("none", "auto", "explicit"), OPT_PT, width=150),
        Col("pt_rate", "pct", "f.pt_rate", "h.pt_rate", width=90),
        Col("pt_months", "int", "f.pt_months", "h.pt_rate", width=110),
        Col("pt_cap", "num", "f.pt_cap", "h.pt_rate", width=140),
    ), _phase_records(("employment",)), _new_emp),
    "staff": Table("staff", "ui.tbl.staff", "ui.cap.staff", (
        Col("role", "text", "f.role", None, width=160, required=True),
        Col("name", "text", "f.name", None, width=120),
        Col("fte", "num", "f.fte", "h.fte", width=110, required=True),
        Col("monthly_pay", "num", "f.staff_monthly_pay", None, width=180, required=True),
        Col("paid_by", "choice", "f.paid_by", "h.paid_by", ("this", "municipality", "project_grant"), OPT, width=180),
        Col("start", "month", "f.start", "h.start", width=110),
        Col("end", "month", "f.end", "h.end", width=110),
    ), _list_records("staff"), lambda: {"paid_by": "this", "fte": 1.0}),
    "revenue": Table("revenue", "ui.tbl.revenue", "ui.cap.revenue", (
        Col("name", "text", "f.name", None, width=220, required=True),
        Col("basis", "choice", "f.basis", "h.basis", ("per_hour", "per_unit", "per_month"), OPT, width=120),
        Col("price", "num", "f.price", None, width=120, required=True),
        Col("volume", "num", "f.volume", "h.volume", width=90),
        Col("volume_from_paid_hours", "pct", "f.volume_from_paid_hours", "h.volume_from_paid_hours", width=150),
        Col("start", "month", "f.start", "h.start", width=110),
        Col("end", "month", "f.end", "h.end", width=110),
        Col("growth", "pct", "f.growth", "h.growth", width=120),
        Col("seasonality", "factors", "f.seasonality", "h.seasonality", width=260),
        Col("vat", "choice", "f.vat", "h.vat", ("standard", "exempt"), OPT, width=120),
    ), _list_records("revenue"), lambda: {"basis": "per_hour", "volume": 1.0, "vat": "standard"}),
    "overheads": Table("overheads", "ui.tbl.overheads", "ui.cap.overheads", (
        Col("name", "text", "f.name", None, width=220, required=True),
        Col("kind", "choice", "f.item_kind", "h.item_kind", ("monthly", "annual", "one_off"), OPT, width=120),
        Col("amount", "num", "f.amount", "h.amount", width=130, required=True),
        Col("start", "month", "f.start", "h.start", width=110),
        Col("end", "month", "f.end", "h.end", width=110),
        Col("due_month", "int", "f.due_month", None, width=130),
        Col("vat", "choice", "f.vat", "h.vat", ("standard", "none"), OPT_VAT_ITEM, width=120),
        Col("indexed", "bool", "f.indexed", "h.indexed", width=140),
    ), _list_records("overheads"), lambda: {"kind": "monthly", "vat": "none", "indexed": True}),
    "grants": Table("grants", "ui.tbl.grants", "ui.cap.grants", (
        Col("name", "text", "f.name", None, width=220, required=True),
        Col("kind", "choice", "f.item_kind", "h.item_kind", ("monthly", "annual", "one_off"), OPT, width=120),
        Col("amount", "num", "f.amount", None, width=130, required=True),
        Col("start", "month", "f.start", "h.start", width=110),
        Col("end", "month", "f.end", "h.end", width=110),
        Col("due_month", "int", "f.due_month", None, width=130),
        Col("subsidy", "bool", "f.subsidy", "h.subsidy", width=90),
        Col("indexed", "bool", "f.indexed", "h.indexed", width=140),
    ), _list_records("grants"), lambda: {"kind": "one_off", "subsidy": True, "indexed": False}),
    "share_capital": Table("share_capital", "ui.tbl.share_capital", None, (
        Col("month", "month", "f.sc_month", None, width=130, required=True),
        Col("amount", "num", "f.sc_amount", None, width=120, required=True),
        Col("note", "text", "f.note", None, width=320),
    ), _list_records("financing", "share_capital"), lambda: {"note": ""}),
    "loans": Table("loans", "ui.tbl.loans", None, (
        Col("name", "text", "f.name", None, width=160, required=True),
        Col("amount", "num", "f.loan_amount", None, width=120, required=True),
        Col("drawdown", "month", "f.drawdown", None, width=150, required=True),
        Col("annual_rate", "pct", "f.annual_rate", "h.annual_rate", width=110, required=True),
        Col("term_months", "int", "f.term_months", None, width=120, required=True),
        Col("repayment", "choice", "f.repayment", None, ("annuity", "straight"), OPT, width=130),
    ), _list_records("financing", "loans"), lambda: {"repayment": "annuity"}),
}

PIPELINE_FIELDS = (
    Field(("pipeline", "enabled"), "bool", "f.pipeline_enabled", "h.time_limited"),
    Field(("pipeline", "avotyo_time_limit_months"), "int", "f.avotyo_time_limit_months"),
    Field(("pipeline", "conversion_rate"), "pct", "f.conversion_rate", "h.conversion_rate"),
    Field(("pipeline", "after_conversion", "employer"), "choice", "f.employer", "h.employer", ("this", "company"), OPT),
    Field(("pipeline", "after_conversion", "hours_per_week"), "num", "f.hours_per_week", "h.hours_per_week"),
    Field(("pipeline", "after_conversion", "hourly_wage"), "num", "f.hourly_wage", "h.hourly_wage", optional=True),
    Field(("pipeline", "after_conversion", "monthly_pay"), "num", "f.monthly_pay", "h.monthly_pay", optional=True),
    Field(("pipeline", "after_conversion", "palkkatuki"), "choice", "f.palkkatuki", "h.palkkatuki", ("auto", "none"), OPT_PT),
)

GENERAL_FIELDS = (
    Field(("name",), "text", "f.scenario_name"),
    Field(("budget_owner",), "text", "f.budget_owner"),
    Field(("model",), "choice", "f.model", None, ("cooperative", "subcontracting", "salaried"), OPT_MODEL),
    Field(("start",), "month", "f.start_month", "h.start"),
    Field(("horizon_months",), "int", "f.horizon_months", "h.horizon_months"),
    Field(("assumptions", "wage_growth"), "pct", "f.wage_growth", "h.percent"),
    Field(("assumptions", "price_growth"), "pct", "f.price_growth", "h.percent"),
    Field(("assumptions", "cost_inflation"), "pct", "f.cost_inflation", "h.percent"),
    Field(("assumptions", "discount_rate"), "pct", "f.discount_rate", "h.percent"),
    Field(("assumptions", "accident_insurance_rate"), "pct", "f.accident_insurance_rate", "h.optional_rate", optional=True),
    Field(("assumptions", "group_life_insurance_rate"), "pct", "f.group_life_insurance_rate", "h.optional_rate", optional=True),
    Field(("assumptions", "customer_payment_term_days"), "int", "f.customer_payment_term_days"),
    Field(("assumptions", "palkkatuki_payment_delay_months"), "int", "f.palkkatuki_payment_delay_months"),
    Field(("assumptions", "holiday_pay_month"), "choice", "f.holiday_pay_month", None, MONTHS_1_12),
    Field(("assumptions", "income_tax_payment_month"), "choice", "f.income_tax_payment_month", None, MONTHS_1_12),
    Field(("assumptions", "vat_registered"), "bool", "f.vat_registered"),
    Field(("assumptions", "pays_income_tax"), "bool", "f.pays_income_tax"),
    Field(("description",), "textarea", "f.description"),
)

GROUPS = {
    "people": Group("people", "ui.groups.people", ("people", "staff", "pipeline"),
                    (TABLES["people"], TABLES["wa"], TABLES["emp"], TABLES["staff"]), PIPELINE_FIELDS),
    "revenue": Group("revenue", "ui.groups.revenue", ("revenue",), (TABLES["revenue"],)),
    "costs": Group("costs", "ui.groups.costs", ("overheads",), (TABLES["overheads"],)),
    "grants": Group("grants", "ui.groups.grants", ("grants",), (TABLES["grants"],)),
    "financing": Group("financing", "ui.groups.financing", ("financing", "opening_cash"),
                       (TABLES["share_capital"], TABLES["loans"]),
                       (Field(("opening_cash",), "num", "f.opening_cash", "h.opening_cash"),), "ui.cap.financing"),
    "general": Group("general", "ui.groups.general",
                     ("name", "description", "budget_owner", "model", "start", "horizon_months", "assumptions"),
                     (), GENERAL_FIELDS),
}

SECTION_GROUP = {sec: g.id for g in GROUPS.values() for sec in g.sections}


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


def table_rows(table: Table, scenario: dict, lang: str) -> list[dict]:
    """Rows shown in the editor: one dict per record, values as the cells show them."""
    return [{c.key: cell_text(c.kind, rec.get(c.key), lang) for c in table.cols}
            for rec in table.records(scenario)]


def field_value(f: Field, scenario: dict):
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


def field_text(f: Field, scenario: dict, lang: str):
    v = field_value(f, scenario)
    if f.kind in ("text", "textarea"):
        return "" if v is None else str(v)
    if f.kind in ("bool", "choice"):
        return v
    return cell_text(f.kind, v, lang)


# ----------------------------------------------------------------- parsing

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


# ----------------------------------------------------------------- engine problems

FIELD_LABELS = {
    "id": "f.id", "birth_year": "f.birth_year", "age": "f.age", "disability_pension": "f.disability_pension",
    "reduced_work_capacity": "f.reduced_work_capacity",
    "start": "f.start", "end": "f.end", "days_per_month": "f.days_per_month",
    "tyoosuusraha_per_day": "f.tyoosuusraha_per_day", "day_price": "f.day_price",
    "cost_per_day": "f.cost_per_day", "meal_fee_per_day": "f.meal_fee_per_day",
    "arranged_by": "f.arranged_by", "company_fee_per_day": "f.company_fee_per_day",
    "company_fee_vat": "f.company_fee_vat", "time_limited": "f.time_limited", "employer": "f.employer",
    "hours_per_week": "f.hours_per_week", "hourly_wage": "f.hourly_wage", "monthly_pay": "f.monthly_pay",
    "palkkatuki": "f.palkkatuki", "rate": "f.pt_rate", "months": "f.pt_months", "monthly_cap": "f.pt_cap",
    "role": "f.role", "name": "f.name", "fte": "f.fte", "paid_by": "f.paid_by", "basis": "f.basis",
    "price": "f.price", "volume": "f.volume", "volume_from_paid_hours": "f.volume_from_paid_hours",
    "growth": "f.growth", "seasonality": "f.seasonality", "vat": "f.vat", "kind": "f.item_kind",
    "amount": "f.amount", "due_month": "f.due_month", "indexed": "f.indexed", "subsidy": "f.subsidy",
    "month": "f.sc_month", "note": "f.note", "drawdown": "f.drawdown", "annual_rate": "f.annual_rate",
    "term_months": "f.term_months", "repayment": "f.repayment",
}
_TABLE_COL = {"palkkatuki.rate": "pt_rate", "palkkatuki.months": "pt_months",
              "palkkatuki.monthly_cap": "pt_cap", "palkkatuki": "pt_choice"}
_PCT_FIELDS = {"wage_growth", "price_growth", "cost_inflation", "discount_rate", "accident_insurance_rate",
               "group_life_insurance_rate", "conversion_rate", "volume_from_paid_hours", "growth",
               "annual_rate", "palkkatuki.rate", "rate"}
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

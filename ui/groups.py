"""The editable view of a scenario: groups, tables and form fields (no Streamlit).

Each *group* (people, revenue, costs, grants, financing, general) owns some
top-level sections of the scenario and is edited through tables
(``st.data_editor``) and form fields. Which fields a table or form shows,
in which order and how wide, is chosen here; each field's label, help,
input kind, choices and whether it is required come from the scenario's
schema (``simulator.model.schema``), so they are declared once, on the model.

Records and the cells' text are ``ui/records.py``; parsing the edits
``ui/edits.py``; placing the engine's problems next to fields ``ui/placing.py``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from simulator.i18n import label
from simulator.model import scenario as sc
from simulator.model.schema import field_meta

from .records import list_records, new_employment, new_work_activity, people_records, phase_records

TEXT_KINDS = ("text", "num", "pct", "int", "month", "factors")


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
OPT_PENSION = {k: f"opt.{k}" for k in ("tyel_average", "tyel_basic", "keva")}
OPT_ACCIDENT = {"average": "opt.accident_average", "cleaning": "opt.accident_cleaning"}
MONTHS_1_12 = tuple(range(1, 13))

# the schema's input kind -> the widget kind, in a table cell and in a form
_CELL = {"calendar_month": "int", "palkkatuki": "choice", "textarea": "text"}
_FORM = {"calendar_month": "choice", "palkkatuki": "choice"}


def option_text(opt_label: dict | None, value, lang: str) -> str:
    if opt_label and value in opt_label:
        return label(opt_label[value], lang)
    return "" if value is None else str(value)


def col(model, name: str, width: int, key: str | None = None, *, options: tuple | None = None,
        opt_label: dict | None = OPT, required: bool | None = None) -> Col:
    """A table column of ``model.name``: label, help, kind, choices and required from the schema."""
    m = field_meta(model, name)
    kind = _CELL.get(m.kind, m.kind)
    return Col(key or name, kind, m.label, m.help, options if options is not None else m.choices,
               opt_label if kind == "choice" else None, width, m.required if required is None else required)


def fld(model, *path: str, options: tuple | None = None, opt_label: dict | None = None) -> Field:
    """A form field at ``path`` (its last part a field of ``model``), from the schema."""
    m = field_meta(model, path[-1])
    kind = _FORM.get(m.kind, m.kind)
    if m.kind == "calendar_month":
        options = MONTHS_1_12
    return Field(tuple(path), kind, m.label, m.help, options if options is not None else m.choices,
                 opt_label if opt_label is not None else (OPT if kind == "choice" and m.choices
                                                         and m.kind != "calendar_month" else None),
                 m.optional)


_PERSON = Col("person", "choice", "f.person", None, width=90, required=True)   # the row's person (by id)
_WA, _EMP, _PT = sc.AvotyoPhase, sc.EmploymentPhase, sc.ExplicitPalkkatuki

TABLES = {
    "people": Table("people", "ui.tbl.people", "ui.cap.people", (
        col(sc.Person, "id", 90), col(sc.Person, "birth_year", 110),
        col(sc.Person, "reduced_work_capacity", 130), col(sc.Person, "disability_pension", 190),
    ), people_records, lambda: {"reduced_work_capacity": True, "phases": []}),
    "wa": Table("wa", "ui.tbl.wa", "ui.cap.wa", (
        _PERSON,
        col(_WA, "kind", 120, options=("work_activity", "avotyo")),
        col(_WA, "start", 110), col(_WA, "end", 110), col(_WA, "days_per_month", 90),
        col(_WA, "tyoosuusraha_per_day", 150), col(_WA, "day_price", 130), col(_WA, "cost_per_day", 120),
        col(_WA, "meal_fee_per_day", 140), col(_WA, "arranged_by", 150),
        col(_WA, "company_fee_per_day", 150), col(_WA, "company_fee_vat", 130), col(_WA, "time_limited", 110),
    ), phase_records(("work_activity", "avotyo")), new_work_activity),
    "emp": Table("emp", "ui.tbl.emp", "ui.cap.emp", (
        _PERSON,
        col(_EMP, "start", 110), col(_EMP, "end", 110), col(_EMP, "employer", 150),
        col(_EMP, "hours_per_week", 100), col(_EMP, "hourly_wage", 130), col(_EMP, "monthly_pay", 150),
        col(_EMP, "palkkatuki", 150, "pt_choice", options=("none", "auto", "explicit"), opt_label=OPT_PT),
        col(_PT, "rate", 90, "pt_rate", required=False), col(_PT, "months", 110, "pt_months", required=False),
        col(_PT, "monthly_cap", 140, "pt_cap"),
    ), phase_records(("employment",)), new_employment),
    "staff": Table("staff", "ui.tbl.staff", "ui.cap.staff", (
        col(sc.Staff, "role", 160), col(sc.Staff, "name", 120), col(sc.Staff, "fte", 110),
        col(sc.Staff, "monthly_pay", 180), col(sc.Staff, "paid_by", 180),
        col(sc.Staff, "start", 110), col(sc.Staff, "end", 110),
    ), list_records("staff"), lambda: {"paid_by": "this", "fte": 1.0}),
    "revenue": Table("revenue", "ui.tbl.revenue", "ui.cap.revenue", tuple(
        col(sc.RevenueLine, n, w) for n, w in (
            ("name", 220), ("basis", 120), ("price", 120), ("volume", 90), ("volume_from_paid_hours", 150),
            ("start", 110), ("end", 110), ("growth", 120), ("seasonality", 260), ("vat", 120))),
        list_records("revenue"), lambda: {"basis": "per_hour", "volume": 1.0, "vat": "standard"}),
    "overheads": Table("overheads", "ui.tbl.overheads", "ui.cap.overheads", tuple(
        col(sc.Item, n, w, opt_label=OPT_VAT_ITEM if n == "vat" else OPT) for n, w in (
            ("name", 220), ("kind", 120), ("amount", 130), ("start", 110), ("end", 110), ("due_month", 130),
            ("vat", 120), ("indexed", 140), ("depreciation_years", 130))),
        list_records("overheads"), lambda: {"kind": "monthly", "vat": "none", "indexed": True}),
    "grants": Table("grants", "ui.tbl.grants", "ui.cap.grants", tuple(
        col(sc.Grant, n, w) for n, w in (
            ("name", 220), ("kind", 120), ("amount", 130), ("start", 110), ("end", 110), ("due_month", 130),
            ("subsidy", 90), ("indexed", 140))),
        list_records("grants"), lambda: {"kind": "one_off", "subsidy": True, "indexed": False}),
    "share_capital": Table("share_capital", "ui.tbl.share_capital", None, tuple(
        col(sc.ShareCapital, n, w) for n, w in (("month", 130), ("amount", 120), ("note", 320))),
        list_records("financing", "share_capital"), lambda: {"note": ""}),
    "loans": Table("loans", "ui.tbl.loans", None, tuple(
        col(sc.Loan, n, w) for n, w in (("name", 160), ("amount", 120), ("drawdown", 150), ("annual_rate", 110),
                                        ("term_months", 120), ("repayment", 130))),
        list_records("financing", "loans"), lambda: {"repayment": "annuity"}),
}

_AC = ("pipeline", "after_conversion")
PIPELINE_FIELDS = (
    Field(("pipeline", "enabled"), "bool", "f.pipeline_enabled", "h.time_limited"),   # pipeline: None or not
    fld(sc.Pipeline, "pipeline", "avotyo_time_limit_months"),
    fld(sc.Pipeline, "pipeline", "conversion_rate"),
    fld(sc.AfterConversion, *_AC, "employer"),
    fld(sc.AfterConversion, *_AC, "hours_per_week"),
    fld(sc.AfterConversion, *_AC, "hourly_wage"),
    fld(sc.AfterConversion, *_AC, "monthly_pay"),
    fld(sc.AfterConversion, *_AC, "palkkatuki", opt_label=OPT_PT),
)

GENERAL_FIELDS = (
    fld(sc.Scenario, "name"), fld(sc.Scenario, "budget_owner"),
    fld(sc.Scenario, "model", opt_label=OPT_MODEL),
    fld(sc.Scenario, "start"), fld(sc.Scenario, "horizon_months"),
    *(fld(sc.Assumptions, "assumptions", n) for n in (
        "wage_growth", "price_growth", "cost_inflation", "discount_rate", "accident_insurance_rate",
        "group_life_insurance_rate", "customer_payment_term_days", "palkkatuki_payment_delay_months",
        "holiday_pay_month", "income_tax_payment_month", "vat_registered", "pays_income_tax")),
    fld(sc.Assumptions, "assumptions", "pension_scheme", opt_label=OPT_PENSION),
    fld(sc.Assumptions, "assumptions", "accident_insurance_class", opt_label=OPT_ACCIDENT),
    fld(sc.Assumptions, "assumptions", "sick_days_per_year"),
    fld(sc.Assumptions, "assumptions", "occupational_health_per_person"),
    fld(sc.Scenario, "description"),
)

GROUPS = {
    "people": Group("people", "ui.groups.people", ("people", "staff", "pipeline"),
                    (TABLES["people"], TABLES["wa"], TABLES["emp"], TABLES["staff"]), PIPELINE_FIELDS),
    "revenue": Group("revenue", "ui.groups.revenue", ("revenue",), (TABLES["revenue"],)),
    "costs": Group("costs", "ui.groups.costs", ("overheads",), (TABLES["overheads"],)),
    "grants": Group("grants", "ui.groups.grants", ("grants",), (TABLES["grants"],)),
    "financing": Group("financing", "ui.groups.financing", ("financing", "opening_cash"),
                       (TABLES["share_capital"], TABLES["loans"]),
                       (fld(sc.Scenario, "opening_cash"),), "ui.cap.financing"),
    "general": Group("general", "ui.groups.general",
                     ("name", "description", "budget_owner", "model", "start", "horizon_months", "assumptions"),
                     (), GENERAL_FIELDS),
}

SECTION_GROUP = {sec: g.id for g in GROUPS.values() for sec in g.sections}

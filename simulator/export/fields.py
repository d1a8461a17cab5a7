"""The layout of the Assumptions sheet: every scenario input, its type and
where it lives. The writer and the importer both read this table, so a
workbook always imports back into the scenario it was made from.

A scalar field is one row (column A: the field path, B: the label, C: the
value, D: the unit). A table is a block of rows: a marker row (column A
``[table]``), a row of labels, a row of field keys, then one row per item.

Field types:

- ``str``, ``str?``       text (``?`` = may be empty)
- ``month``, ``month?``   ``YYYY-MM`` as text
- ``float``, ``float?``   a number
- ``int``, ``int?``       a whole number
- ``bool``                TRUE / FALSE
- ``choice:a|b|c``        one of the words (``choice?:`` may be empty)
- ``palkkatuki``          ``auto``, ``none`` or ``explicit`` (then the three
  ``palkkatuki_*`` columns give the rate, months and monthly cap)
"""
from __future__ import annotations

MARKER = "#employment-simulator assumptions v1"
DATA_MARKER = "#employment-simulator data v1"

# (path, type, unit key or "")
SCALARS: list[tuple[str, str, str]] = [
    ("name", "str", ""),
    ("model", "choice:cooperative|subcontracting|salaried", ""),
    ("budget_owner", "str", ""),
    ("description", "str?", ""),
    ("base", "str?", ""),
    ("start", "month", "month"),
    ("horizon_months", "int", "months"),
    ("opening_cash", "float", "eur"),
]

# Units of scalar assumptions (label keys xl.unit.*); other fields have none.
UNITS = {
    "wage_growth": "share_year", "price_growth": "share_year", "cost_inflation": "share_year",
    "discount_rate": "share_year", "accident_insurance_rate": "share_blank_statutory",
    "group_life_insurance_rate": "share_blank_statutory", "customer_payment_term_days": "days",
    "palkkatuki_payment_delay_months": "months", "holiday_pay_month": "calendar_month",
    "vat_registered": "bool", "pays_income_tax": "bool", "income_tax_payment_month": "calendar_month",
}
MONTH_FIELDS = {"start", "end", "month", "drawdown"}


def kind_of(model, name: str) -> str:
    """The sheet type of a pydantic field (see the module docstring)."""
    import types
    import typing
    info = model.model_fields[name]
    ann = info.annotation
    opt = False
    if typing.get_origin(ann) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(ann) if a is not type(None)]
        opt = len(args) < len(typing.get_args(ann))
        ann = args[0] if len(args) == 1 else ann
    if typing.get_origin(ann) is typing.Annotated:
        ann = typing.get_args(ann)[0]
    q = "?" if opt else ""
    if typing.get_origin(ann) is typing.Literal:
        return f"choice{q}:" + "|".join(str(a) for a in typing.get_args(ann))
    if ann is bool:
        return "bool" + q
    if ann is int:
        return "int" + q
    if ann is float:
        return "float" + q
    if ann is str:
        return ("month" if name in MONTH_FIELDS or info.description == "YYYY-MM" else "str") + q
    raise TypeError(f"{model.__name__}.{name}: no sheet type for {info.annotation!r}")


def model_columns(model, exclude=()) -> list[tuple[str, str]]:
    return [(name, kind_of(model, name)) for name in model.model_fields if name not in exclude]


def _models():
    from simulator.model import scenario as sc
    return sc


ASSUMPTIONS: list[tuple[str, str, str]] = [
    (f"assumptions.{name}", kind, UNITS.get(name, ""))
    for name, kind in model_columns(_models().Assumptions)]

PIPELINE: list[tuple[str, str, str]] = [
    ("pipeline.avotyo_time_limit_months", "int?", "months"),
    ("pipeline.conversion_rate", "float?", "share"),
    ("pipeline.after_conversion.employer", "choice?:this|company", ""),
    ("pipeline.after_conversion.hours_per_week", "float?", "hours_week"),
    ("pipeline.after_conversion.hourly_wage", "float?", "eur_hour"),
    ("pipeline.after_conversion.monthly_pay", "float?", "eur_month"),
    ("pipeline.after_conversion.palkkatuki", "palkkatuki?", ""),
    ("pipeline.after_conversion.palkkatuki_rate", "float?", "share"),
    ("pipeline.after_conversion.palkkatuki_months", "int?", "months"),
    ("pipeline.after_conversion.palkkatuki_cap", "float?", "eur_month"),
]

PALKKATUKI_COLUMNS = ("palkkatuki", "palkkatuki_rate", "palkkatuki_months", "palkkatuki_cap")
WA_FIELDS = ("days_per_month", "tyoosuusraha_per_day", "day_price", "cost_per_day",
             "meal_fee_per_day", "arranged_by")
AVOTYO_FIELDS = ("company_fee_per_day", "company_fee_vat", "time_limited")
EMPLOYMENT_FIELDS = ("employer", "hours_per_week", "hourly_wage", "monthly_pay") + PALKKATUKI_COLUMNS

SEASON_COLUMNS = tuple(f"seasonality_{m}" for m in range(1, 13))

# table name -> [(field, type)]. Tables of plain items follow their models,
# so a field added to the scenario model reaches the workbook and comes back.
_sc = _models()
TABLES: dict[str, list[tuple[str, str]]] = {
    "people": model_columns(_sc.Person, exclude=("phases",)),
    "phases": [("person", "str"), ("kind", "choice:work_activity|avotyo|employment"),
               ("start", "month"), ("end", "month?"),
               ("employer", "choice?:this|company"), ("hours_per_week", "float?"),
               ("hourly_wage", "float?"), ("monthly_pay", "float?"),
               ("palkkatuki", "palkkatuki?"), ("palkkatuki_rate", "float?"),
               ("palkkatuki_months", "int?"), ("palkkatuki_cap", "float?"),
               ("days_per_month", "float?"), ("tyoosuusraha_per_day", "float?"),
               ("day_price", "float?"), ("cost_per_day", "float?"), ("meal_fee_per_day", "float?"),
               ("arranged_by", "choice?:this|other"), ("company_fee_per_day", "float?"),
               ("company_fee_vat", "choice?:standard|exempt"), ("time_limited", "bool?")],
    "staff": model_columns(_sc.Staff),
    "revenue": model_columns(_sc.RevenueLine, exclude=("seasonality",))
               + [(c, "float?") for c in SEASON_COLUMNS],
    "overheads": model_columns(_sc.Item),
    "grants": model_columns(_sc.Grant),
    "share_capital": model_columns(_sc.ShareCapital),
    "loans": model_columns(_sc.Loan),
}
PLAIN_TABLES = {"people": "people", "staff": "staff", "overheads": "overheads", "grants": "grants",
                "share_capital": "financing.share_capital", "loans": "financing.loans"}

# Columns whose cells are user text (never numbers or formulas).
TEXT_TYPES = ("str", "str?")


def base_type(kind: str) -> str:
    """``float?`` -> ``float``; ``choice?:a|b`` -> ``choice``."""
    return kind.split(":")[0].rstrip("?")


def choices(kind: str) -> tuple[str, ...]:
    return tuple(kind.split(":", 1)[1].split("|")) if ":" in kind else ()


def palkkatuki_cells(choice) -> dict:
    """A scenario's palkkatuki choice as the four columns of the sheet."""
    if choice is None:
        return {c: None for c in PALKKATUKI_COLUMNS}
    if isinstance(choice, str):
        return {"palkkatuki": choice, "palkkatuki_rate": None, "palkkatuki_months": None,
                "palkkatuki_cap": None}
    return {"palkkatuki": "explicit", "palkkatuki_rate": choice.rate,
            "palkkatuki_months": choice.months, "palkkatuki_cap": choice.monthly_cap}


def scalar_values(s) -> dict:
    """Field path -> value for the scalar rows of a scenario."""
    out = {"name": s.name, "model": s.model, "budget_owner": s.budget_owner,
           "description": s.description, "base": s.base, "start": s.start,
           "horizon_months": s.horizon_months, "opening_cash": s.opening_cash}
    a = s.assumptions
    for path, _, _ in ASSUMPTIONS:
        out[path] = getattr(a, path.split(".", 1)[1])
    p = s.pipeline
    if p is None:
        for path, _, _ in PIPELINE:
            out[path] = None
    else:
        ac = p.after_conversion
        out.update({
            "pipeline.avotyo_time_limit_months": p.avotyo_time_limit_months,
            "pipeline.conversion_rate": p.conversion_rate,
            "pipeline.after_conversion.employer": ac.employer,
            "pipeline.after_conversion.hours_per_week": ac.hours_per_week,
            "pipeline.after_conversion.hourly_wage": ac.hourly_wage,
            "pipeline.after_conversion.monthly_pay": ac.monthly_pay,
        })
        for k, v in palkkatuki_cells(ac.palkkatuki).items():
            out[f"pipeline.after_conversion.{k}"] = v
    return out


def table_rows(s) -> dict[str, list[dict]]:
    """Table name -> rows (field -> value, None = empty cell) for a scenario."""
    out = {}
    for table, path in PLAIN_TABLES.items():
        obj = s
        for part in path.split("."):
            obj = getattr(obj, part)
        out[table] = [{f: getattr(it, f) for f, _ in TABLES[table]} for it in obj]
    phases = []
    for p in s.people:
        for ph in p.phases:
            row = {f: None for f, _ in TABLES["phases"]}
            row.update(person=p.id, kind=ph.kind, start=ph.start, end=ph.end)
            if ph.kind == "employment":
                row.update(employer=ph.employer, hours_per_week=ph.hours_per_week,
                           hourly_wage=ph.hourly_wage, monthly_pay=ph.monthly_pay)
                row.update(palkkatuki_cells(ph.palkkatuki))
            else:
                row.update({f: getattr(ph, f) for f in WA_FIELDS})
                if ph.kind == "avotyo":
                    row.update({f: getattr(ph, f) for f in AVOTYO_FIELDS})
            phases.append(row)
    out["phases"] = phases
    revenue = []
    for r in s.revenue:
        row = {f: getattr(r, f) for f, _ in TABLES["revenue"] if not f.startswith("seasonality_")}
        for m, c in enumerate(SEASON_COLUMNS):
            row[c] = r.seasonality[m] if r.seasonality else None
        revenue.append(row)
    out["revenue"] = revenue
    return out

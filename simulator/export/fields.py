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

from simulator.model import scenario as _sc
from simulator.model.schema import FieldMeta, field_meta, fields

# The workbook's unit texts (``xl.unit.*``) of the schema's units
# (``simulator.model.schema.UNITS``); a unit without one shows no text.
XL_UNIT = {"eur": "eur", "eur_month": "eur_month", "eur_hour": "eur_hour", "share": "share",
           "share_year": "share_year", "share_pay": "share_blank_statutory", "hours_week": "hours_week",
           "days": "days", "months": "months", "month": "month", "calendar_month": "calendar_month",
           "days_year": "days_year", "eur_person_year": "eur_person_year", "years": "years"}


def unit_of(m: FieldMeta) -> str:
    """The ``xl.unit.*`` key of a field's unit on the sheet ("" = none); yes/no fields say TRUE / FALSE."""
    if m.base is bool:
        return "bool"
    return XL_UNIT.get(m.unit or "", "")


def sheet_kind(m: FieldMeta) -> str:
    """The sheet type of a field (see the module docstring)."""
    q = "?" if m.optional else ""
    if m.kind == "palkkatuki":
        return "palkkatuki" + q
    if m.base == "choice":
        return f"choice{q}:" + "|".join(str(a) for a in m.choices)
    if m.kind == "month":
        return "month" + q
    if m.kind == "textarea":
        return "str?"                       # free text, may be empty
    if m.base in (bool, int, float, str):
        return m.base.__name__ + q
    raise TypeError(f"{m.model.__name__}.{m.name}: no sheet type for {m.base!r}")


def kind_of(model, name: str) -> str:
    """The sheet type of a pydantic field (see the module docstring)."""
    return sheet_kind(field_meta(model, name))


def model_columns(model, exclude=()) -> list[tuple[str, str]]:
    return [(name, kind_of(model, name)) for name in model.model_fields if name not in exclude]


def _scalar(m: FieldMeta) -> bool:
    return m.base not in ("list", "section") and m.kind != "palkkatuki"


def _rows(model, prefix: str = "", optional: bool = False) -> list[tuple[str, str, str]]:
    """(path, type, unit) of a class's scalar fields; the palkkatuki choice as its four columns."""
    out = []
    for m in fields(model):
        if not _scalar(m) and m.kind != "palkkatuki":
            continue
        kind = sheet_kind(m)
        if optional and "?" not in kind.split(":")[0]:
            kind = kind.replace(":", "?:", 1) if ":" in kind else kind + "?"
        if m.kind == "palkkatuki":
            out.append((f"{prefix}{m.name}", kind, ""))
            out += [(f"{prefix}{col}", k, u) for col, (_, k, u) in
                    zip(PALKKATUKI_COLUMNS[1:], _rows(_sc.ExplicitPalkkatuki, optional=True))]
        else:
            out.append((f"{prefix}{m.name}", kind, unit_of(m)))
    return out


PALKKATUKI_COLUMNS = ("palkkatuki", "palkkatuki_rate", "palkkatuki_months", "palkkatuki_cap")

# (path, type, unit key or "") of the scalar rows, from the scenario's schema
SCALARS: list[tuple[str, str, str]] = _rows(_sc.Scenario)
# The description takes a row per language: ``description`` the Finnish text
# (or the one text), ``description_en`` the English one where it differs (a
# row older workbooks lack: OPTIONAL_ROWS).
SCALARS.insert(next(i for i, (p, _, _) in enumerate(SCALARS) if p == "description") + 1,
               ("description_en", "str?", ""))
OPTIONAL_ROWS = {"description_en"}
ASSUMPTIONS: list[tuple[str, str, str]] = _rows(_sc.Assumptions, "assumptions.")
PIPELINE: list[tuple[str, str, str]] = (
    _rows(_sc.Pipeline, "pipeline.", optional=True)
    + _rows(_sc.AfterConversion, "pipeline.after_conversion.", optional=True))

# Units of scalar assumptions (label keys xl.unit.*); other fields have none.
UNITS = {path.split(".", 1)[1]: unit for path, _, unit in ASSUMPTIONS if unit}
MONTH_FIELDS = {m.name for c in (_sc.Scenario, _sc.Staff, _sc.ShareCapital, _sc.Loan) for m in fields(c)
                if m.kind == "month"}


def _own(model, base=()) -> tuple[str, ...]:
    """Fields of a phase class besides ``kind`` and those of ``base``."""
    return tuple(n for n in model.model_fields if n != "kind" and n not in base)


_COMMON = ("start", "end")
EMPLOYMENT_FIELDS = tuple(n for n in _own(_sc.EmploymentPhase, _COMMON) if n != "palkkatuki") + PALKKATUKI_COLUMNS
WA_FIELDS = _own(_sc.WorkActivityPhase, _COMMON)
AVOTYO_FIELDS = _own(_sc.AvotyoPhase, _COMMON + WA_FIELDS)


def _phase_columns() -> list[tuple[str, str]]:
    """One row a phase: the person, the kind, the common dates, then each kind's own fields (may be empty)."""
    kinds = [field_meta(c, "kind").choices[0] for c in (_sc.WorkActivityPhase, _sc.AvotyoPhase, _sc.EmploymentPhase)]
    cols = [("person", "str"), ("kind", "choice:" + "|".join(kinds))]
    cols += model_columns(_sc.EmploymentPhase, exclude=[n for n in _sc.EmploymentPhase.model_fields
                                                           if n not in _COMMON])
    for model, own in ((_sc.EmploymentPhase, EMPLOYMENT_FIELDS), (_sc.WorkActivityPhase, WA_FIELDS),
                       (_sc.AvotyoPhase, AVOTYO_FIELDS)):
        cols += [(path, k) for path, k, _ in _rows(model, optional=True) if path in own]
    return cols


SEASON_COLUMNS = tuple(f"seasonality_{m}" for m in range(1, 13))

# table name -> [(field, type)]. Tables of plain items follow their models,
# so a field added to the scenario model reaches the workbook and comes back.
TABLES: dict[str, list[tuple[str, str]]] = {
    "people": model_columns(_sc.Person, exclude=("phases",)),
    "phases": _phase_columns(),
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
           "description": s.description_text("fi"),
           "description_en": s.description["en"] if isinstance(s.description, dict) else None,
           "base": s.base, "start": s.start,
           "horizon_months": s.horizon_months, "opening_cash": s.opening_cash,
           "organisation_founded": s.organisation_founded, "overhead_basis": s.overhead_basis}
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
                           hourly_wage=ph.hourly_wage, monthly_pay=ph.monthly_pay, pay_basis=ph.pay_basis)
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

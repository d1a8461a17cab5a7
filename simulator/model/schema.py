"""The scenario's field schema: unit, label, help, limits and input kind of every field.

Each field of the scenario model (``scenario.py``) carries its metadata
beside its type::

    hours_per_week: Annotated[float, Field(ge=0, le=60),
                              meta("hours_week", "f.hours_per_week", "h.hours_per_week",
                                   short="ua.hours_per_week")]

``meta`` stores a dict in pydantic's ``json_schema_extra`` (so it also
shows in ``Scenario.model_json_schema()``); ``field_meta(model, name)``
reads it back together with what the type says (base type, choices,
optional, required, ge/le limits, integer). ``fields(model)`` lists a
class's fields in declaration order. The texts behind the keys are in
``simulator/i18n`` (``f.*`` labels and ``h.*`` help in ``app_fields.py``,
``ua.*`` short names in ``uncertainty.py``).

The editor (``ui/``), the workbook's Assumptions sheet and importer
(``simulator/export/fields.py``) and the assumption paths (``paths.py``)
derive their units, labels, limits and field lists from here.
"""
from __future__ import annotations

import types
import typing
from dataclasses import dataclass

from pydantic import BaseModel, Field
from pydantic_core import PydanticUndefined

# The units a field can have ("" = no unit). Each surface shows them its own
# way: the editor's labels (``u.*`` texts), the workbook's unit column
# (``simulator/export/fields.py``) and the assumption paths (``paths.py``).
UNITS = (
    "",                 # no unit: texts, choices, yes/no, sections
    "eur",              # euros (an amount, a price per basis unit)
    "eur_month",        # euros a month
    "eur_day",          # euros a day
    "eur_hour",         # euros an hour
    "share",            # a fraction 0–1 (shown ×100 as %)
    "share_year",       # a fraction a year (0.02 = 2 %/year)
    "share_pay",        # a fraction of pay; empty = the statutory figure
    "hours_week",       # hours a week
    "days_month",       # days a month
    "days",             # days
    "days_year",        # days a year
    "months",           # a number of months
    "month",            # a calendar month YYYY-MM
    "calendar_month",   # a month number 1–12
    "year",             # a calendar year
    "years",            # a number of years
    "fte",              # full-time equivalents
    "units_month",      # hours or units a month
    "units_day",        # hours or units a participant-day
    "persons",          # a number of people
    "factor",           # a multiplier
    "eur_person_year",  # euros a person a year
)

# Upper bounds by unit, for the fields whose declaration gives none (``meta`` adds
# them): one place, so that a price of 1e308 never reaches the engine (it gave
# Infinity and NaN). Each is far above anything the model's users need.
MONEY_MAX = 10_000_000            # € (an amount, a price, a pay, a fee: a month, a day, an hour, a year)
UPPER_BOUNDS = {
    "eur": MONEY_MAX, "eur_month": MONEY_MAX, "eur_day": MONEY_MAX, "eur_hour": MONEY_MAX,
    "eur_person_year": MONEY_MAX,
    "units_month": 1_000_000,     # hours or units a month
    "units_day": 10_000,          # hours or units a participant-day
    "factor": 100,                # a seasonal factor
}
# any number in the uncertainty section (a range, a mean): above every bound above
VALUE_MAX = 1_000_000_000

# Input kinds where the type alone does not say how a value is entered
# and shown; the others follow the type (float num, int int, bool bool,
# Literal choice, str text, str "YYYY-MM" month, list list, model section).
KINDS = ("text", "textarea", "num", "pct", "int", "month", "calendar_month", "bool", "choice",
         "factors", "palkkatuki", "list", "section")


def meta(unit: str, label: str, help: str | None = None, *, kind: str | None = None,
         short: str | None = None):
    """The metadata of one field, for ``Annotated[...]`` in the model.

    ``unit``: a key of ``UNITS`` ("" = no unit, said explicitly);
    ``label``/``help``: i18n keys; ``kind``: the input kind where the type
    does not say it (``pct`` = a share shown ×100, ``calendar_month``,
    ``textarea``, ``factors``, ``palkkatuki``); ``short``: the i18n key of
    the field's short name in assumption paths; only fields with a short
    name are assumptions (tornado, Monte Carlo, goal seek). A field whose
    unit has an upper bound in ``UPPER_BOUNDS`` gets it here (``le``)."""
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r} (schema.UNITS)")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown input kind {kind!r} (schema.KINDS)")
    extra = {"unit": unit, "label": label, "help": help, "kind": kind, "short": short}
    bound = {"le": UPPER_BOUNDS[unit]} if unit in UPPER_BOUNDS and kind != "factors" else {}
    return Field(json_schema_extra={k: v for k, v in extra.items() if v is not None}, **bound)


@dataclass(frozen=True)
class FieldMeta:
    """One field of a scenario model class: its metadata and what its type says."""
    model: type
    name: str
    unit: str | None          # None = the field has no metadata (a test fails)
    label: str | None
    help: str | None
    kind: str                 # input kind (KINDS)
    short: str | None         # short-name key: the field is an assumption path
    base: object              # float int str bool, "choice", "list", "section", "union"
    choices: tuple            # Literal words ("palkkatuki": the words besides the explicit form)
    optional: bool            # accepts None
    required: bool            # no default
    default: object
    ge: float | None
    le: float | None
    integer: bool

    @property
    def has_meta(self) -> bool:
        return self.unit is not None and self.label is not None

    @property
    def numeric(self) -> bool:
        return self.base in (int, float)

    @property
    def assumption(self) -> bool:
        return self.short is not None


def _limits(info) -> tuple[float | None, float | None, bool]:
    """(ge, le, is_int) of a pydantic field, looking inside Optional/Annotated."""
    lo = hi = None
    metas = list(info.metadata)
    is_int = False

    def walk(tp):
        nonlocal is_int
        if tp is int:
            is_int = True
        if typing.get_origin(tp) is typing.Annotated:
            args = typing.get_args(tp)
            walk(args[0])
            for m in args[1:]:
                metas.extend(getattr(m, "metadata", []) or [m])
        else:
            for a in typing.get_args(tp):
                walk(a)
    walk(info.annotation)
    for m in metas:
        if getattr(m, "ge", None) is not None:
            lo = float(m.ge)
        if getattr(m, "le", None) is not None:
            hi = float(m.le)
    return lo, hi, is_int


def _strip(tp):
    """The type inside Annotated[...]."""
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp


def _base(info) -> tuple[object, tuple, bool]:
    """(base, choices, optional) of a field's annotation."""
    ann = _strip(info.annotation)
    optional = False
    if typing.get_origin(ann) in (typing.Union, types.UnionType):
        args = [_strip(a) for a in typing.get_args(ann)]
        optional = type(None) in args
        args = [a for a in args if a is not type(None)]
        if len(args) == 1:
            ann = args[0]
        else:
            words = tuple(w for a in args if typing.get_origin(a) is typing.Literal for w in typing.get_args(a))
            return "union", words, optional
    if typing.get_origin(ann) is typing.Literal:
        return "choice", tuple(typing.get_args(ann)), optional
    if typing.get_origin(ann) is list:
        return "list", (), optional
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return "section", (), optional
    return ann, (), optional


_TYPE_KIND = {float: "num", int: "int", bool: "bool", str: "text", "choice": "choice", "list": "list",
              "section": "section", "union": "choice"}


def field_meta(model: type, name: str) -> FieldMeta:
    """The metadata of ``model.name`` (``KeyError`` if the class has no such field)."""
    info = model.model_fields[name]
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    base, choices, optional = _base(info)
    lo, hi, is_int = _limits(info)
    month = base is str and (extra.get("unit") == "month" or info.description == "YYYY-MM")
    kind = extra.get("kind") or ("month" if month else _TYPE_KIND.get(base, "text"))
    return FieldMeta(model=model, name=name, unit=extra.get("unit"), label=extra.get("label"),
                     help=extra.get("help"), kind=kind, short=extra.get("short"), base=base,
                     choices=choices, optional=optional, required=info.default is PydanticUndefined
                     and info.default_factory is None, default=info.default, ge=lo, le=hi,
                     integer=is_int and base is int)


def fields(model: type) -> list[FieldMeta]:
    """Every field of ``model`` in declaration order (inherited ones first)."""
    return [field_meta(model, name) for name in model.model_fields]


def assumption_fields(model: type) -> list[str]:
    """Names of the fields of ``model`` that are assumption paths (they have a short name)."""
    return [m.name for m in fields(model) if m.assumption]


def classes_in(module) -> list[type]:
    """Every pydantic model class with fields declared in ``module``, in source order."""
    return [c for c in vars(module).values()
            if isinstance(c, type) and issubclass(c, BaseModel) and c.__module__ == module.__name__
            and c.model_fields]


def labels_by_name(classes) -> dict[str, str]:
    """Field name -> label key over ``classes`` (the first class that declares the name wins).

    For naming a field when only its name is known (an engine message, a change)."""
    out: dict[str, str] = {}
    for cls in classes:
        for m in fields(cls):
            if m.label and m.name not in out:
                out[m.name] = m.label
    return out


def names_of_kind(classes, kind: str) -> set[str]:
    """Names of the fields of ``classes`` entered as ``kind`` (e.g. "pct")."""
    return {m.name for cls in classes for m in fields(cls) if m.kind == kind}

"""Assumption paths: name, read and replace one numeric assumption of a scenario.

A path names one number of a scenario, the way a director would vary it:

    opening_cash
    assumptions.<field>                          wage_growth, discount_rate, customer_payment_term_days …
    people[<id>].<field>                         disability_pension, withholding_rate … (the person's view)
    people[<id>].phases[<i>].<field>             hours_per_week, hourly_wage, monthly_pay, days_per_month,
                                                 tyoosuusraha_per_day, day_price, cost_per_day,
                                                 meal_fee_per_day, company_fee_per_day
    people[<id>].phases[<i>].palkkatuki.<f>      rate, months, monthly_cap (explicit palkkatuki only)
    people[<id>].phases[<i>].start               a month (kind "month")
    revenue[<name>].price|volume|volume_from_paid_hours|growth
    overheads[<name>].amount    grants[<name>].amount
    staff[<name or role>].monthly_pay|fte
    financing.share_capital[<month or i>].amount
    financing.loans[<name or i>].amount|annual_rate|term_months
    pipeline.conversion_rate|avotyo_time_limit_months
    pipeline.after_conversion.hours_per_week|hourly_wage|monthly_pay|palkkatuki.<f>

``<i>`` is the 0-based index in the scenario's listed order. An item is
named by its ``id``/``name`` (staff: name, else role); a unique
case-insensitive prefix of the name is accepted, and an index when names
repeat (the canonical path then uses the index). Fields that are absent
(None), booleans, texts and dates other than phase starts are not
assumptions. Calendar-month settings (holiday_pay_month,
income_tax_payment_month, due_month) are conventions, not assumptions.

``with_values`` replaces values with ``model_copy(update=...)`` along the
path and does NOT re-validate (Monte Carlo passes numpy arrays). Scalar
values of integer fields are rounded to int.

A phase start (``people[M5].phases[1].start``) takes a "YYYY-MM" label, a
month number, or None ("never": the phase is dropped). Rule: the moved
phase covers its months from the new start to its own end; an earlier
phase that ran up to it (explicit end the month before its old start)
follows: it ends the month before the new start, and when the phase is
dropped it runs on to the dropped phase's end (no end = until the next
phase or the horizon). Earlier phases the new start overlaps are cut or
dropped. A new start after the phase's own end, or at or after the next
phase's start, drops the phase ("never").
"""
from __future__ import annotations

import difflib
import re
import typing
from dataclasses import dataclass

import numpy as np

from simulator.model.conventions import month_label, month_number
from simulator.i18n import fmt_month, label
from simulator.model.scenario import (AfterConversion, Assumptions, AvotyoPhase, EmploymentPhase, ExplicitPalkkatuki,
                                      Item, Loan, Person, Pipeline, RevenueLine, Scenario, ShareCapital, Staff)
from simulator.model.schema import UPPER_BOUNDS, field_meta, fields


class AssumptionError(ValueError):
    """A bad assumption path or value; ``str()`` is "english / suomeksi"."""

    def __init__(self, en: str, fi: str):
        self.en, self.fi = en, fi
        super().__init__(f"{en} / {fi}")


@dataclass(frozen=True)
class Assumption:
    """One numeric assumption of a scenario.

    ``value`` is the current value; for kind "month" it is the month number
    (year × 12 + month − 1) and ``minimum``/``maximum`` span the projection.
    ``affects_engine`` is False for the person's-view fields (pensions, tax
    rate …), which change only ``net_income:<id>``.
    """
    path: str
    label_fi: str
    label_en: str
    value: float
    unit: str
    integer: bool
    minimum: float | None
    maximum: float | None
    kind: str  # "continuous" | "integer" | "month"
    affects_engine: bool = True
    #: the schema's sanity cap for the field's unit (``schema.UPPER_BOUNDS``,
    #: e.g. 10 M€), or None: a ``minimum`` of −cap or ``maximum`` of cap is
    #: that cap, not a limit of the field, and a goal seek does not search to it
    sanity_cap: float | None = None

    def label(self, lang: str = "fi") -> str:
        return self.label_fi if lang == "fi" else self.label_en


# ------------------------------------------------------------------ field tables

# How the paths name the schema's units (``Assumption.unit``; ``simulator.model.schema.UNITS``).
PATH_UNIT = {"eur": "€", "eur_month": "€", "eur_day": "€/day", "eur_hour": "€/h", "share": "share",
             "share_year": "share", "share_pay": "share", "hours_week": "h/week", "days_month": "days/month",
             "days": "days", "days_year": "days/year", "months": "months", "fte": "fte",
             "units_month": "units/month", "units_day": "units/day", "eur_person_year": "€/person/year"}


def _table(model) -> dict[str, str]:
    """Field -> unit of the fields of ``model`` that are assumptions (those with a short name in the schema)."""
    return {m.name: PATH_UNIT[m.unit] for m in fields(model) if m.assumption}


def _short(model, name: str) -> tuple[str, str]:
    """The field's short name (fi, en) from the schema."""
    return _L(field_meta(model, name).short)


ASSUMPTION_FIELDS = _table(Assumptions)
PERSON_FIELDS = _table(Person)
PHASE_FIELDS = {**_table(EmploymentPhase), **_table(AvotyoPhase)}
PALKKATUKI_FIELDS = _table(ExplicitPalkkatuki)
REVENUE_FIELDS = _table(RevenueLine)
ITEM_FIELDS = _table(Item)
STAFF_FIELDS = _table(Staff)
SHARE_CAPITAL_FIELDS = _table(ShareCapital)
LOAN_FIELDS = _table(Loan)
PIPELINE_FIELDS = _table(Pipeline)
AFTER_FIELDS = _table(AfterConversion)
GROUPS = ("opening_cash", "assumptions", "people", "revenue", "overheads", "grants", "staff", "financing",
          "pipeline")

_KIND_WORD = {"work_activity": "ua.kind.work_activity", "avotyo": "ua.kind.avotyo",
              "employment": "ua.kind.employment"}


# ------------------------------------------------------------------ parsing

_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
MAX_PATH = 300      # characters of an assumption path (the longest real one has about 60)


def _parse(path: str) -> list[tuple[str, str | None]]:
    """``people[M1].phases[0].hours_per_week`` -> [(people, M1), (phases, 0), (hours_per_week, None)]."""
    if not isinstance(path, str) or not path.strip():
        raise AssumptionError("empty assumption path", "oletuksen polku puuttuu")
    if len(path) > MAX_PATH:
        raise AssumptionError(f"assumption path {path[:40]!r}… is too long ({len(path)} characters, at most {MAX_PATH})",
                              f"oletuksen polku {path[:40]!r}… on liian pitkä ({len(path)} merkkiä, "
                              f"enintään {MAX_PATH})")
    text, i, out = path.strip(), 0, []
    while i < len(text):
        m = _TOKEN.match(text, i)
        if not m:
            raise AssumptionError(f"cannot read assumption path {path!r} at {text[i:]!r}",
                                  f"oletuksen polkua {path!r} ei voi lukea kohdasta {text[i:]!r}")
        name, i, sel = m.group(0), m.end(), None
        if i < len(text) and text[i] == "[":
            j = i + 1
            while True:
                j = text.find("]", j)
                if j < 0:
                    raise AssumptionError(f"missing ']' in assumption path {path!r}",
                                          f"oletuksen polusta {path!r} puuttuu ']'")
                if j + 1 == len(text) or text[j + 1] in ".[":
                    break
                j += 1
            sel, i = text[i + 1:j].strip(), j + 1
        out.append((name, sel))
        if i < len(text):
            if text[i] != ".":
                raise AssumptionError(f"cannot read assumption path {path!r} at {text[i:]!r}",
                                      f"oletuksen polkua {path!r} ei voi lukea kohdasta {text[i:]!r}")
            i += 1
            if i == len(text):
                raise AssumptionError(f"assumption path {path!r} ends with '.'",
                                      f"oletuksen polku {path!r} päättyy pisteeseen")
    return out


def _close(word: str, names) -> tuple[str, str]:
    names = [str(n) for n in names]
    near = difflib.get_close_matches(word, names, n=4, cutoff=0.5)
    shown = near or names[:12]
    lst = ", ".join(shown) if shown else "–"
    more = "" if near or len(names) <= 12 else ", …"
    return (f" (did you mean: {lst})" if near else f" (valid: {lst}{more})",
            f" (tarkoititko: {lst})" if near else f" (sallitut: {lst}{more})")


def _fail(path: str, part: str, en: str, fi: str, names=()) -> typing.NoReturn:
    hint_en, hint_fi = _close(part, names) if names is not None else ("", "")
    raise AssumptionError(f"assumption {path!r}: {en}{hint_en}", f"oletus {path!r}: {fi}{hint_fi}")


def _item_key(group: str, item) -> str:
    if group == "people":
        return item.id
    if group == "staff":
        return item.name or item.role
    if group == "share_capital":
        return item.month
    return item.name


def _select(path: str, group: str, items: list, sel: str | None) -> tuple[int, str]:
    """(index, canonical selector) of ``group[sel]``; by key, unique prefix, or index."""
    if sel is None or sel == "":
        _fail(path, group, f"{group} needs [name] or [index]", f"{group} tarvitsee [nimi] tai [indeksi]",
              names=None)
    keys = [_item_key(group, it) for it in items]
    if group == "staff":
        alt = [it.role for it in items]
    else:
        alt = keys

    def canon(i):
        return keys[i] if keys.count(keys[i]) == 1 else str(i)

    for cand in (keys, alt):
        hits = [i for i, k in enumerate(cand) if k == sel]
        if len(hits) == 1:
            return hits[0], canon(hits[0])
    if sel.lstrip("-").isdigit():
        i = int(sel)
        if 0 <= i < len(items):
            return i, canon(i)
        _fail(path, sel, f"{group}[{sel}]: index out of range (0–{len(items) - 1})",
              f"{group}[{sel}]: indeksi ei ole välillä 0–{len(items) - 1}", names=None)
    low = sel.casefold()
    hits = sorted({i for cand in (keys, alt) for i, k in enumerate(cand) if k.casefold().startswith(low)})
    if len(hits) == 1:
        return hits[0], canon(hits[0])
    if len(hits) > 1:
        _fail(path, sel, f"{group}[{sel}] matches several: " + ", ".join(keys[i] for i in hits),
              f"{group}[{sel}] sopii useaan: " + ", ".join(keys[i] for i in hits), names=None)
    if not items:
        _fail(path, sel, f"the scenario has no {group}", f"skenaariossa ei ole kohtaa {group}", names=None)
    _fail(path, sel, f"no {group} item {sel!r}", f"kohdassa {group} ei ole nimeä {sel!r}",
          names=sorted(set(keys + alt)))


# ------------------------------------------------------------------ resolution

@dataclass(frozen=True)
class _Target:
    """Where a path points: ``steps`` are (attribute, index|None) from the scenario."""
    steps: tuple
    canonical: str
    model: type
    field: str
    unit: str
    label_fi: str
    label_en: str
    kind: str  # continuous | integer | month
    affects_engine: bool = True


def _field(path, parts, k, table, names_extra=(), indexed=()) -> str:
    if k >= len(parts):
        _fail(path, parts[-1][0], "names no field", "ei nimeä kenttää", names=list(table) + list(names_extra))
    name, sel = parts[k]
    if name not in table and name not in names_extra:
        _fail(path, name, f"unknown field {name!r}", f"tuntematon kenttä {name!r}",
              names=list(table) + list(names_extra))
    if sel is not None and name not in indexed:
        _fail(path, name, f"{name} takes no [..]", f"{name} ei ota hakasulkeita", names=None)
    return name


def _end(path, parts, k):
    if k < len(parts):
        _fail(path, parts[k][0], f"unexpected {parts[k][0]!r} after the field",
              f"ylimääräinen {parts[k][0]!r} kentän jälkeen", names=None)


def _L(key: str) -> tuple[str, str]:
    return label(key, "fi"), label(key, "en")


def _resolve(s: Scenario, path: str) -> _Target:
    parts = _parse(path)
    head, sel = parts[0]
    if head not in GROUPS:
        _fail(path, head, f"unknown part {head!r}", f"tuntematon osa {head!r}", names=GROUPS)
    if head != "people" and head not in ("revenue", "overheads", "grants", "staff") and sel is not None:
        _fail(path, head, f"{head} takes no [..]", f"{head} ei ota hakasulkeita", names=None)

    if head == "opening_cash":
        _end(path, parts, 1)
        fi, en = _short(Scenario, "opening_cash")
        return _Target((("opening_cash", None),), "opening_cash", Scenario, "opening_cash", "€", fi, en,
                       "continuous")
    if head == "assumptions":
        f = _field(path, parts, 1, ASSUMPTION_FIELDS)
        _end(path, parts, 2)
        fi, en = _short(Assumptions, f)
        return _Target((("assumptions", None), (f, None)), f"assumptions.{f}", Assumptions, f,
                       ASSUMPTION_FIELDS[f], fi, en, "continuous")
    if head == "people":
        i, key = _select(path, "people", s.people, sel)
        person = s.people[i]
        f = _field(path, parts, 1, PERSON_FIELDS, ("phases",), indexed=("phases",))
        if f != "phases":
            _end(path, parts, 2)
            fi, en = _short(Person, f)
            return _Target((("people", i), (f, None)), f"people[{key}].{f}", Person, f, PERSON_FIELDS[f],
                           f"{key}: {fi}", f"{key}: {en}", "continuous", affects_engine=False)
        psel = parts[1][1]
        n = len(person.phases)
        if psel is None or not psel.isdigit() or int(psel) >= n:
            _fail(path, f"phases[{psel}]", f"phases[{psel}]: give a phase index 0–{n - 1}" if n else
                  "the person has no phases", f"phases[{psel}]: anna vaiheen indeksi 0–{n - 1}" if n else
                  "henkilöllä ei ole vaiheita", names=None)
        j = int(psel)
        ph = person.phases[j]
        allowed = {k: v for k, v in PHASE_FIELDS.items() if k in type(ph).model_fields}
        f = _field(path, parts, 2, allowed, ("start", "palkkatuki") if ph.kind == "employment" else ("start",))
        kind_fi, kind_en = _L(_KIND_WORD[ph.kind])
        kind_fi = f"{kind_fi} {fmt_month(ph.start, 'fi')}"      # "työsuhde 7/2022"
        kind_en = f"{kind_en} {ph.start}"
        base = f"people[{key}].phases[{j}]"
        steps = (("people", i), ("phases", j))
        if f == "start":
            _end(path, parts, 3)
            fi, en = _L("ua.start")
            return _Target(steps + (("start", None),), f"{base}.start", type(ph), "start", "month",
                           f"{key}: {fi} ({kind_fi})", f"{key}: {en} ({kind_en})", "month")
        if f == "palkkatuki":
            if not isinstance(ph.palkkatuki, ExplicitPalkkatuki):
                _fail(path, "palkkatuki", f"palkkatuki is {ph.palkkatuki!r}, not an explicit rate/months/cap",
                      f"palkkatuki on {ph.palkkatuki!r}, ei oma määritys (rate/months/monthly_cap)", names=None)
            g = _field(path, parts, 3, PALKKATUKI_FIELDS)
            _end(path, parts, 4)
            fi, en = _short(ExplicitPalkkatuki, g)
            return _Target(steps + (("palkkatuki", None), (g, None)), f"{base}.palkkatuki.{g}", ExplicitPalkkatuki,
                           g, PALKKATUKI_FIELDS[g], f"{key}: {fi} ({kind_fi})",
                           f"{key}: {en} ({kind_en})", "continuous")
        _end(path, parts, 3)
        fi, en = _short(type(ph), f)
        return _Target(steps + ((f, None),), f"{base}.{f}", type(ph), f, allowed[f],
                       f"{key}: {fi} ({kind_fi})", f"{key}: {en} ({kind_en})", "continuous")
    if head in ("revenue", "overheads", "grants", "staff"):
        items = getattr(s, head)
        i, key = _select(path, head, items, sel)
        table = {"revenue": REVENUE_FIELDS, "staff": STAFF_FIELDS}.get(head, ITEM_FIELDS)
        f = _field(path, parts, 1, table)
        _end(path, parts, 2)
        unit = table[f]
        if head == "revenue":
            basis = items[i].basis
            if f == "price" and basis == "per_hour":
                unit = "€/h"
            if f == "volume":
                unit = "h/month" if basis == "per_hour" else "units/month"
        fi, en = _short(type(items[i]), f)
        return _Target(((head, i), (f, None)), f"{head}[{key}].{f}", type(items[i]), f, unit,
                       f"{key}: {fi}", f"{key}: {en}", "continuous")
    if head == "financing":
        g, gsel = parts[1] if len(parts) > 1 else ("", None)
        if g not in ("share_capital", "loans"):
            _fail(path, g, f"unknown part {g!r}", f"tuntematon osa {g!r}", names=("share_capital", "loans"))
        items = getattr(s.financing, g)
        i, key = _select(path, g, items, gsel)
        table = SHARE_CAPITAL_FIELDS if g == "share_capital" else LOAN_FIELDS
        f = _field(path, parts, 2, table)
        _end(path, parts, 3)
        fi, en = _short(ShareCapital if g == "share_capital" else Loan, f)
        who = items[i].month if g == "share_capital" else items[i].name
        return _Target((("financing", None), (g, i), (f, None)), f"financing.{g}[{key}].{f}",
                       ShareCapital if g == "share_capital" else Loan, f, table[f], f"{who}: {fi}", f"{who}: {en}",
                       "continuous")
    # pipeline
    if s.pipeline is None:
        _fail(path, "pipeline", "the scenario has no pipeline", "skenaariossa ei ole avotyöpolkua (pipeline)",
              names=None)
    f = _field(path, parts, 1, PIPELINE_FIELDS, ("after_conversion",))
    if f != "after_conversion":
        _end(path, parts, 2)
        fi, en = _short(Pipeline, f)
        return _Target((("pipeline", None), (f, None)), f"pipeline.{f}", Pipeline, f, PIPELINE_FIELDS[f], fi, en,
                       "continuous")
    g = _field(path, parts, 2, AFTER_FIELDS, ("palkkatuki",))
    steps = (("pipeline", None), ("after_conversion", None))
    pre_fi, pre_en = _L("ua.after_conversion")
    if g == "palkkatuki":
        if not isinstance(s.pipeline.after_conversion.palkkatuki, ExplicitPalkkatuki):
            _fail(path, "palkkatuki", "palkkatuki is not an explicit rate/months/cap",
                  "palkkatuki ei ole oma määritys (rate/months/monthly_cap)", names=None)
        h = _field(path, parts, 3, PALKKATUKI_FIELDS)
        _end(path, parts, 4)
        fi, en = _short(ExplicitPalkkatuki, h)
        return _Target(steps + (("palkkatuki", None), (h, None)), f"pipeline.after_conversion.palkkatuki.{h}",
                       ExplicitPalkkatuki, h, PALKKATUKI_FIELDS[h], f"{pre_fi}: {fi}", f"{pre_en}: {en}",
                       "continuous")
    _end(path, parts, 3)
    fi, en = _short(AfterConversion, g)
    return _Target(steps + ((g, None),), f"pipeline.after_conversion.{g}", AfterConversion, g, AFTER_FIELDS[g],
                   f"{pre_fi}: {fi}", f"{pre_en}: {en}", "continuous")


def _walk(s: Scenario, steps) -> object:
    obj = s
    for name, idx in steps:
        obj = getattr(obj, name)
        if idx is not None:
            obj = obj[idx]
    return obj


# ------------------------------------------------------------------ public API

def check_path(scenario: Scenario, path: str) -> str:
    """Raise AssumptionError unless ``path`` names a numeric assumption that
    has a value in ``scenario``; return the canonical path."""
    t = _resolve(scenario, path)
    v = _walk(scenario, t.steps)
    if v is None:
        raise AssumptionError(f"assumption {path!r}: {t.field} is not set in this scenario",
                              f"oletus {path!r}: kenttää {t.field} ei ole annettu tässä skenaariossa")
    return t.canonical


def canonical(scenario: Scenario, path: str) -> str:
    """The canonical spelling of a path (full names, indices where names repeat)."""
    return check_path(scenario, path)


def describe(scenario: Scenario, path: str) -> Assumption:
    """The Assumption a path names (value, unit, bounds, labels)."""
    t = _resolve(scenario, path)
    v = _walk(scenario, t.steps)
    if v is None:
        check_path(scenario, path)
    if t.kind == "month":
        m = month_number(v)
        lo, hi = float(min(m, scenario.first_month)), float(max(m, scenario.last_month))
        return Assumption(t.canonical, t.label_fi, t.label_en, float(m), "month", True, lo, hi, "month")
    m = field_meta(t.model, t.field)
    value = v if isinstance(v, np.ndarray) else float(v)
    return Assumption(t.canonical, t.label_fi, t.label_en, value, t.unit, m.integer, m.ge, m.le,
                      "integer" if m.integer else "continuous", t.affects_engine, UPPER_BOUNDS.get(m.unit))


def get_value(scenario: Scenario, path: str):
    """The value at ``path``: a float (int fields: int), or "YYYY-MM" for a phase start."""
    t = _resolve(scenario, path)
    v = _walk(scenario, t.steps)
    if v is None:
        check_path(scenario, path)
    return v


def _candidate_paths(s: Scenario) -> list[str]:
    out = ["opening_cash"] + [f"assumptions.{f}" for f in ASSUMPTION_FIELDS]

    def key(group, items, i):
        k = _item_key(group, items[i])
        return k if [_item_key(group, x) for x in items].count(k) == 1 else str(i)

    for i, p in enumerate(s.people):
        pk = key("people", s.people, i)
        for j, ph in enumerate(p.phases):
            base = f"people[{pk}].phases[{j}]"
            out += [f"{base}.{f}" for f in PHASE_FIELDS if f in type(ph).model_fields]
            if ph.kind == "employment" and isinstance(ph.palkkatuki, ExplicitPalkkatuki):
                out += [f"{base}.palkkatuki.{f}" for f in PALKKATUKI_FIELDS]
            out.append(f"{base}.start")
        out += [f"people[{pk}].{f}" for f in PERSON_FIELDS]
    for group, table in (("revenue", REVENUE_FIELDS), ("overheads", ITEM_FIELDS), ("grants", ITEM_FIELDS),
                         ("staff", STAFF_FIELDS)):
        items = getattr(s, group)
        for i, it in enumerate(items):
            k = key(group, items, i)
            for f in table:
                if group == "revenue" and f == "volume" and it.volume_from_paid_hours is not None:
                    continue  # volume is not used when it follows paid hours
                out.append(f"{group}[{k}].{f}")
    for i in range(len(s.financing.share_capital)):
        out.append(f"financing.share_capital[{i}].amount")
    for i, ln in enumerate(s.financing.loans):
        k = key("loans", s.financing.loans, i)
        out += [f"financing.loans[{k}].{f}" for f in LOAN_FIELDS]
    if s.pipeline is not None:
        out += [f"pipeline.{f}" for f in PIPELINE_FIELDS]
        ac = s.pipeline.after_conversion
        out += [f"pipeline.after_conversion.{f}" for f in AFTER_FIELDS]
        if isinstance(ac.palkkatuki, ExplicitPalkkatuki):
            out += [f"pipeline.after_conversion.palkkatuki.{f}" for f in PALKKATUKI_FIELDS]
    return out


def numeric_assumptions(scenario: Scenario, months: bool = True) -> list[Assumption]:
    """Every numeric assumption with a value in ``scenario``, in scenario
    order (phase starts, kind "month", only with ``months=True``)."""
    out = []
    for path in _candidate_paths(scenario):
        t = _resolve(scenario, path)
        if t.kind == "month" and not months:
            continue
        v = _walk(scenario, t.steps)
        if v is None or isinstance(v, bool):
            continue
        out.append(describe(scenario, path))
    return out


# ------------------------------------------------------------------ replacing values

def _set(obj, steps, value):
    """A copy of ``obj`` with the value at ``steps`` replaced (no validation)."""
    (name, idx), rest = steps[0], steps[1:]
    if not rest and idx is None:
        return obj.model_copy(update={name: value})
    child = getattr(obj, name)
    if idx is None:
        return obj.model_copy(update={name: _set(child, rest, value)})
    items = list(child)
    items[idx] = _set(items[idx], rest, value)
    return obj.model_copy(update={name: items})


def _coerce(t: _Target, value):
    if isinstance(value, np.ndarray):
        return value
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise AssumptionError(f"assumption {t.canonical!r}: expected a number, got {value!r}",
                              f"oletus {t.canonical!r}: odotettiin lukua, annettu {value!r}")
    return int(round(float(value))) if field_meta(t.model, t.field).integer else float(value)


def _month_value(t: _Target, value) -> int | None:
    if value is None:
        return None
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return month_number(value)
        except ValueError:
            pass
    raise AssumptionError(f"assumption {t.canonical!r}: expected a month YYYY-MM or null (never), got {value!r}",
                          f"oletus {t.canonical!r}: odotettiin kuukautta VVVV-KK tai null (ei koskaan), "
                          f"annettu {value!r}")


def _move_phases(person: Person, changes: dict[int, int | None]) -> Person:
    """Apply new start months (None = never) to phases by listed index (module docstring)."""
    starts = [month_number(ph.start) for ph in person.phases]
    ends = [month_number(ph.end) if ph.end else None for ph in person.phases]
    alive = [True] * len(starts)
    order = sorted(range(len(starts)), key=lambda j: starts[j])
    for j in sorted(changes, key=lambda j: starts[j]):
        new = changes[j]
        pos = order.index(j)
        prev = next((order[q] for q in range(pos - 1, -1, -1) if alive[order[q]]), None)
        nxt = next((order[q] for q in range(pos + 1, len(order)) if alive[order[q]]), None)
        # the phase before runs up to this one: no end of its own, or ends the month before
        follows = prev is not None and (ends[prev] is None or ends[prev] == starts[j] - 1)
        if new is None or (ends[j] is not None and new > ends[j]) or (nxt is not None and new >= starts[nxt]):
            alive[j] = False
            if follows:
                ends[prev] = ends[j]
            continue
        if follows and ends[prev] is not None:
            ends[prev] = new - 1
        starts[j] = new
        for k in order[:pos]:
            if not alive[k]:
                continue
            if starts[k] >= new:
                alive[k] = False
            elif ends[k] is not None and ends[k] >= new:
                ends[k] = new - 1
    phases = []
    for k, ph in enumerate(person.phases):
        if not alive[k]:
            continue
        upd = {}
        if starts[k] != month_number(ph.start):
            upd["start"] = month_label(starts[k])
        old_end = month_number(ph.end) if ph.end else None
        if ends[k] != old_end:
            upd["end"] = None if ends[k] is None else month_label(ends[k])
        phases.append(ph.model_copy(update=upd) if upd else ph)
    return person.model_copy(update={"phases": phases})


def with_values(scenario: Scenario, values: dict) -> Scenario:
    """A copy of ``scenario`` with each ``{path: value}`` replaced.

    No re-validation (values may be numpy arrays over draws). Numbers first,
    then phase starts, person by person, on the listed phase indices."""
    s = scenario
    moves: dict[int, dict[int, int | None]] = {}
    targets = [(_resolve(scenario, p), v) for p, v in values.items()]
    for t, v in targets:
        if t.kind == "month":
            moves.setdefault(t.steps[0][1], {})[t.steps[1][1]] = _month_value(t, v)
        else:
            if _walk(scenario, t.steps) is None:
                check_path(scenario, t.canonical)
            s = _set(s, t.steps, _coerce(t, v))
    if moves:
        people = list(s.people)
        for i, changes in moves.items():
            people[i] = _move_phases(people[i], changes)
        s = s.model_copy(update={"people": people})
    return s


def uncertainty_problems(scenario) -> list[tuple[str, str, str]]:
    """Assumption names in the uncertainty section that are not fields of the
    scenario, and two distributions on one field spelt differently (a name
    prefix; the same spelling twice is an ``own_problems`` check, part of
    validation)."""
    u = scenario.uncertainty
    if u is None:
        return []
    probs = []
    for group in ("sensitivity", "distributions"):
        seen = {}
        for i, item in enumerate(getattr(u, group)):
            where = f"uncertainty.{group}[{i}].assumption"
            try:
                path = check_path(scenario, item.assumption)
            except AssumptionError as exc:
                en, _, fi = str(exc).partition(" / ")
                probs.append((where, en, fi or en))
                continue
            k = seen.setdefault(path, i)
            if k != i and group == "distributions" and item.assumption != u.distributions[k].assumption:
                other = u.distributions[k].assumption
                probs.append((where, f"{path} already has a distribution (distributions[{k}]: {other!r})",
                              f"oletukselle {path} on jo jakauma (distributions[{k}]: {other!r})"))
    return probs

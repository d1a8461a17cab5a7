"""The person's money month by month under a scenario (employment-models.md §0).

For each row of the engine's roster that belongs to the person (one row, or
the avotyö pipeline's ``paid_work`` and ``returned`` branches with their
weights), month by month:

Income
- ``gross_pay``: monthly pay ``B`` while employed here or at a company, with
  wage growth (the engine's ``base_pay`` × growth index), plus lomaraha
  paid by this organisation in the holiday month or at the end of the
  employment (the engine's ``holiday_bonus_paid``). A company's lomaraha is
  not in the scenario and is left out.
- ``tyoosuusraha``: days × €/day in work activity and avotyö (any arranger).
  Tax-free up to ``tyoosuusraha.tax_free_per_day`` a day; the excess a day
  is taxable other earned income (``tyoosuusraha_taxable``).
- ``kela_pension``: the person's ``disability_pension`` (Kela pension incl.
  takuueläke, in the scenario's first-month terms) × the Kela index (the
  ratio of ``pension.takuuelake_full`` to its first-month value). It rests
  whole in months where ``B`` exceeds ``pension.earnings_limit``; a rest
  lasts at least 3 months while the person stays employed, and ends when
  the pay is back under the limit (after the minimum) or the employment
  ends (verneri.net). With ``let_pension_rest`` the pension rests through
  every employment spell in which the pay exceeds the limit in some month.
  Lomaraha is not counted against the limit [simplification].
- ``earnings_related_pension``: nominal €/month; rests above the higher of
  ``pension.earnings_limit`` and the person's ``personal_earnings_limit``
  (40 % / 60 % of earlier earnings). A full pension that would turn into a
  partial one is treated as resting [simplification].
- ``hoitotuki`` (eläkettä saavan hoitotuki, level as entered) while a
  pension is paid; in months where every pension of the person rests,
  ``vammaistuki`` at the highest rate instead (verneri.net). ``vammaistuki``
  (level as entered) every month. ``housing_allowance`` as entered, every
  month (it can continue while the pension rests; the income test is not
  modelled). All tax-free; amounts from ``data/parameters/benefits``.

Deductions
- ``employee_pension``: TyEL employee share (7.15 %, 8.65 % at 53–62 until
  2025; 7.30 % from 2026) of pay in months where ``B`` reaches
  ``tyel.earnings_floor``, ages 17–67.
- ``employee_unemployment``: ``unemployment_insurance.employee`` × pay, ages 18–64.
- ``daily_allowance_contribution``: päivärahamaksu × pay, in years whose
  wage reaches the threshold, ages 16–67.
- ``income_tax``: the annual estimate of ``tax.py`` for the calendar year
  (state, municipal, sairaanhoitomaksu, YLE), spread over the year's months
  in proportion to taxable income (so a job later in the year also raises
  the tax of its earlier months); or the person's ``withholding_rate`` ×
  taxable income. A year cut by the projection's start or end is taxed as
  if the rest of the year were like its projected months.
- ``work_activity_fees``: meal fee (the phase's, or the person's
  ``meal_fee_per_day``) and ``transport_fee_per_day`` × days in work activity.

``net_income`` = income − deductions. The baseline is the person's first
phase continued to the end of the projection (``staying``); ``change`` =
net income − baseline net income. ``tyel_accrual`` is the yearly
earnings-related pension a month's pay adds (``pension.tyel_accrual``,
1.7 % at 53–62 until 2025), before index adjustments and the life
expectancy coefficient.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from simulator.model.conventions import WEEKS_PER_MONTH, month_label, month_number
from simulator.engine.projection import Projection, project
from simulator.engine.lines import pay as pay_lines
from simulator.model.parameters import ParameterSet
from simulator.model.scenario import AvotyoPhase, Person, Scenario
from . import tax as taxmod
from .checks import check_people, find_person
from .notes import Note

INCOME_LINES = ("gross_pay", "tyoosuusraha", "kela_pension", "earnings_related_pension",
                "hoitotuki", "vammaistuki", "housing_allowance")
DEDUCTION_LINES = ("employee_pension", "employee_unemployment", "daily_allowance_contribution",
                   "income_tax", "work_activity_fees")
TAX_PARTS = ("state_tax", "municipal_tax", "medical_care", "yle_tax")
#: lines summed over a year (the rest are averaged or counted)
SUM_LINES = INCOME_LINES + DEDUCTION_LINES + TAX_PARTS + (
    "net_income", "tyoosuusraha_taxable", "tyoosuusraha_here", "work_activity_fees_here",
    "day_price_other", "pension_resting", "taxable_income", "tyel_accrual", "paid_hours",
    "work_activity_days")
MIN_REST_MONTHS = 3
MAX_REST_MONTHS = 24
BENEFIT_LEVELS = ("basic", "raised", "highest")


def _series(params: ParameterSet, name: str, months: np.ndarray, warnings: set) -> np.ndarray:
    return params.series(name, months, warnings)


def _spans(person: Person, last: int):
    """(first month, last month, phase) of each phase, as the roster reads them."""
    phases = sorted(person.phases, key=lambda ph: month_number(ph.start))
    out = []
    for k, ph in enumerate(phases):
        a = month_number(ph.start)
        nxt = month_number(phases[k + 1].start) if k + 1 < len(phases) else None
        b = month_number(ph.end) if ph.end else (nxt - 1 if nxt else last)
        out.append((a, b, ph))
    return out


def _other_arranged(person: Person, months: np.ndarray, last: int):
    """Meal fee and day price a day of work activity arranged by another unit,
    by month (the roster keeps them only for this unit's own activity)."""
    meal, price = np.zeros(len(months)), np.zeros(len(months))
    for a, b, ph in _spans(person, last):
        if ph.kind in ("work_activity", "avotyo") and ph.arranged_by == "other":
            sel = (months >= a) & (months <= b)
            meal[sel] = ph.meal_fee_per_day
            price[sel] = ph.day_price
    return meal, price


def _rest_months(over: np.ndarray, employed: np.ndarray, whole_spell: bool) -> np.ndarray:
    """Months a pension rests: from the first month over the limit, at least
    ``MIN_REST_MONTHS`` while employed, until the pay is back under the limit;
    or (``whole_spell``) every month of an employment spell with a month over."""
    n = len(over)
    rest = np.zeros(n, dtype=bool)
    if whole_spell:
        t = 0
        while t < n:
            if not employed[t]:
                t += 1
                continue
            u = t
            while u < n and employed[u]:
                u += 1
            if over[t:u].any():
                rest[t:u] = True
            t = u
        return rest
    t = 0
    while t < n:
        if not over[t]:
            t += 1
            continue
        end = t
        while end + 1 < n and over[end + 1]:
            end += 1
        end = max(end, t + MIN_REST_MONTHS - 1)
        u = t
        while u < n and u <= end and (employed[u] or over[u]):
            rest[u] = True
            u += 1
        t = max(u, t + 1)
    return rest


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    out, t, n = [], 0, len(mask)
    while t < n:
        if mask[t]:
            u = t
            while u + 1 < n and mask[u + 1]:
                u += 1
            out.append((t, u))
            t = u + 1
        else:
            t += 1
    return out


@dataclass
class Branch:
    """One roster row of the person (``weight`` 1, or a pipeline branch)."""
    row_id: str
    weight: float
    lines: dict
    taxes: dict = field(default_factory=dict)      # year -> TaxResult (annualised estimate)
    months_in_year: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)


def _branch(ctx, i: int, person: Person, scenario: Scenario, params: ParameterSet,
            municipality: str, warn: set, lomaraha: np.ndarray) -> Branch:
    r = ctx.roster
    months = r.months
    n = len(months)
    years = months // 12
    index = ctx.index(scenario.assumptions.wage_growth)
    employed = r.employed_here[i] | r.employed_company[i]
    B = np.where(employed, r.base_pay[i], 0.0) * index
    gross = B + lomaraha
    hours = np.where(employed, r.hours_per_week[i], 0.0)
    age = r.age[i]
    L = {}
    L["hours_per_week"] = hours
    L["paid_hours"] = hours * WEEKS_PER_MONTH
    L["employed"] = employed.astype(float)
    L["pay_regular"] = B
    L["gross_pay"] = gross

    # work activity (any arranger)
    days_here, days_other = r.wa_days[i], r.wa_days_other[i]
    days = days_here + days_other
    rate = r.tyoosuusraha_rate[i]
    free = _series(params, "tyoosuusraha.tax_free_per_day", months, warn)
    L["work_activity_days"] = days
    L["in_work_activity"] = r.in_work_activity[i].astype(float)
    L["tyoosuusraha"] = days * rate
    L["tyoosuusraha_here"] = days_here * rate
    L["tyoosuusraha_taxable"] = days * np.maximum(rate - free, 0.0)
    meal_other, price_other = _other_arranged(person, months, scenario.last_month)
    if person.meal_fee_per_day is not None:
        meal_here = days_here * person.meal_fee_per_day
        meal_oth = days_other * person.meal_fee_per_day
    else:
        meal_here = days_here * r.meal_fee[i]
        meal_oth = days_other * meal_other
    transport = days * (person.transport_fee_per_day or 0.0)
    L["work_activity_fees"] = meal_here + meal_oth + transport
    L["work_activity_fees_here"] = meal_here + days_here * (person.transport_fee_per_day or 0.0)
    L["day_price_other"] = days_other * price_other * ctx.index(scenario.assumptions.price_growth)

    # pensions and the earnings limit
    limit = _series(params, "pension.earnings_limit", months, warn)
    L["earnings_limit"] = limit
    kela_amount = person.disability_pension or 0.0
    er_amount = person.earnings_related_pension or 0.0
    notes = []
    if kela_amount > 0:
        takuu = _series(params, "pension.takuuelake_full", months, warn)
        kela = kela_amount * takuu / takuu[0]
    else:
        kela = np.zeros(n)
    er = np.full(n, er_amount)
    whole = bool(person.let_pension_rest)
    over_k = (B > limit + 1e-9) & (kela_amount > 0)
    er_limit = np.maximum(limit, person.personal_earnings_limit or 0.0)
    over_e = (B > er_limit + 1e-9) & (er_amount > 0)
    rest_k = _rest_months(over_k, employed, whole) & (kela_amount > 0)
    rest_e = _rest_months(over_e, employed, whole) & (er_amount > 0)
    L["kela_pension"] = np.where(rest_k, 0.0, kela)
    L["earnings_related_pension"] = np.where(rest_e, 0.0, er)
    L["pension_resting"] = kela - L["kela_pension"] + er - L["earnings_related_pension"]
    L["kela_rests"] = rest_k.astype(float)
    L["earnings_related_rests"] = rest_e.astype(float)
    labels = [month_label(int(m)) for m in months]
    branch_name = r.ids[i].split(":", 1)[1] if ":" in r.ids[i] else ""
    for kind, over, rest, lim in (("kela", over_k, rest_k, limit), ("earnings_related", over_e, rest_e, er_limit)):
        if over.any() or rest.any():
            notes.append(Note.make(
                f"pension_rests_{kind}" + ("_chosen" if whole else ""), pid=person.id, branch=branch_name,
                n_over=int(over.sum()), over=[labels[t] for t in np.nonzero(over)[0]],
                n_rest=int(rest.sum()), rest=[labels[t] for t in np.nonzero(rest)[0]],
                limit=float(lim[np.nonzero(over)[0][0]]) if over.any() else float(lim[0])))
            for a, b in _runs(rest):
                if b - a + 1 > MAX_REST_MONTHS:
                    notes.append(Note.make("rest_over_two_years", pid=person.id, branch=branch_name,
                                           months=labels[a:b + 1], n=int(b - a + 1)))

    # benefits (tax-free)
    has_pension = kela_amount > 0 or er_amount > 0
    all_rest = np.full(n, has_pension) & (rest_k | (kela_amount <= 0)) & (rest_e | (er_amount <= 0))
    L["hoitotuki"] = np.zeros(n)
    L["vammaistuki"] = np.zeros(n)
    if person.hoitotuki:
        h = _series(params, f"benefits.hoitotuki_{person.hoitotuki}", months, warn)
        top = _series(params, "benefits.vammaistuki_highest", months, warn)
        L["hoitotuki"] = np.where(all_rest, 0.0, h)
        L["vammaistuki"] = np.where(all_rest, top, 0.0)
        if all_rest.any():
            notes.append(Note.make("hoitotuki_to_vammaistuki", pid=person.id, branch=branch_name,
                                   months=[labels[t] for t in np.nonzero(all_rest)[0]]))
    if person.vammaistuki:
        L["vammaistuki"] = L["vammaistuki"] + _series(params, f"benefits.vammaistuki_{person.vammaistuki}", months, warn)
    L["housing_allowance"] = np.full(n, person.housing_allowance or 0.0)

    # the employee's contributions
    floor = _series(params, "tyel.earnings_floor", months, warn)
    t_norm = _series(params, "tyel.employee_share_under_53", months, warn)
    t_5362 = _series(params, "tyel.employee_share_53_62", months, warn)
    lo, hi = params.get("tyel.employee_share_53_62").ages
    t_rate = np.where((age >= lo) & (age <= hi), t_5362, t_norm)
    t_rate = np.where((age >= taxmod.TYEL_AGES[0]) & (age <= taxmod.TYEL_AGES[1]) & (B >= floor), t_rate, 0.0)
    L["employee_pension"] = t_rate * gross
    u_lo, u_hi = params.get("unemployment_insurance.employee").ages
    u_rate = _series(params, "unemployment_insurance.employee", months, warn)
    L["employee_unemployment"] = np.where((age >= u_lo) & (age <= u_hi), u_rate, 0.0) * gross
    acc = _series(params, "pension.tyel_accrual", months, warn)
    acc_5362 = _series(params, "pension.tyel_accrual_53_62", months, warn)
    a_lo, a_hi = params.get("pension.tyel_accrual_53_62").ages
    L["tyel_accrual"] = np.where((age >= a_lo) & (age <= a_hi), acc_5362, acc) * np.where(t_rate > 0, gross, 0.0)

    # income tax by calendar year
    pension_paid = L["kela_pension"] + L["earnings_related_pension"]
    taxable = gross + pension_paid + L["tyoosuusraha_taxable"]
    L["taxable_income"] = taxable
    prm = np.zeros(n)
    tax = np.zeros(n)
    parts = {k: np.zeros(n) for k in TAX_PARTS}
    taxes, in_year = {}, {}
    rating = person.disability_rating or 0.0
    for y in np.unique(years):
        sel = years == y
        k = int(sel.sum())
        f = 12.0 / k
        rules = taxmod.rules_for_year(params, int(y), municipality)
        warn.update(rules.warnings)
        W, E, O = gross[sel].sum(), pension_paid[sel].sum(), L["tyoosuusraha_taxable"][sel].sum()
        age_y = int(age[sel][0])
        prm_rate = rules.prm_rate_for(age_y) if W * f >= rules.prm_threshold else 0.0
        prm[sel] = prm_rate * gross[sel]
        res = taxmod.income_tax(rules, W * f, E * f, O * f, age=age_y, disability_rating=rating,
                                tyel=L["employee_pension"][sel].sum() * f,
                                unemployment=L["employee_unemployment"][sel].sum() * f,
                                daily_allowance=prm[sel].sum() * f)
        taxes[int(y)] = res
        in_year[int(y)] = k
        total_y = res.total / f
        if person.withholding_rate is not None:
            total_y = taxmod.withholding(person.withholding_rate, W, E, O)
        base = taxable[sel].sum()
        if base > 0:
            tax[sel] = total_y * taxable[sel] / base
            est = res.total
            for key in TAX_PARTS:
                share = getattr(res, key) / est if est > 0 else (1.0 if key == "municipal_tax" else 0.0)
                parts[key][sel] = tax[sel] * share
        # the päivärahamaksu notch: a wage just over the threshold pays it on the whole wage
        W_year = W * f
        if prm_rate > 0 and W_year < rules.prm_threshold / (1.0 - prm_rate):
            notes.append(Note.make("daily_allowance_notch", pid=person.id, branch=branch_name, year=str(int(y)),
                                   wage=float(W_year), threshold=float(rules.prm_threshold)))
        if k < 12:
            notes.append(Note.make("partial_year", year=str(int(y)), n=k))
    notch = (B >= floor) & (B < floor / (1.0 - t_rate.clip(max=0.5)) ) & (t_rate > 0)
    if notch.any():
        notes.append(Note.make("tyel_floor_notch", pid=person.id, branch=branch_name,
                               months=[labels[t] for t in np.nonzero(notch)[0]]))
    L["daily_allowance_contribution"] = prm
    L["income_tax"] = tax
    L.update(parts)
    if (L["tyoosuusraha_taxable"] > 0).any():
        sel = L["tyoosuusraha_taxable"] > 0
        notes.append(Note.make("tyoosuusraha_taxable", pid=person.id, branch=branch_name,
                               limit=float(free[sel][0]), amount=float(L["tyoosuusraha_taxable"].sum()),
                               months=[labels[t] for t in np.nonzero(sel)[0]]))
    L["net_income"] = (sum(L[k] for k in INCOME_LINES) - sum(L[k] for k in DEDUCTION_LINES))
    return Branch(r.ids[i], float(r.weight[i]), L, taxes, in_year, notes)


def branches(projection: Projection, person: Person, params: ParameterSet | None = None,
             warn: set | None = None) -> list[Branch]:
    """The person's rows of a projection, each computed on its own."""
    params = params or projection.context.params
    ctx = projection.context
    scenario = projection.scenario
    municipality = person.municipality or taxmod.MODEL_TOWN[scenario.model]
    warn = set() if warn is None else warn
    lomaraha = pay_lines.holiday_bonus_paid(ctx)
    rows = [i for i, pid in enumerate(ctx.roster.person_ids)
            if pid == person.id and not ctx.roster.is_staff[i]]
    return [_branch(ctx, i, person, scenario, params, municipality, warn, lomaraha[i]) for i in rows]


def _weighted(bs: list[Branch]) -> dict:
    keys = bs[0].lines.keys()
    return {k: sum(b.weight * b.lines[k] for b in bs) for k in keys}


def baseline_scenario(scenario: Scenario) -> Scenario:
    """Every person's first phase continued to the end of the projection
    (no time-limited avotyö, so no pipeline split): "staying"."""
    people = []
    for p in scenario.people:
        if not p.phases:
            people.append(p)
            continue
        first = min(p.phases, key=lambda ph: month_number(ph.start))
        update = {"end": None}
        if isinstance(first, AvotyoPhase):
            update["time_limited"] = False
        people.append(p.model_copy(update={"phases": [first.model_copy(update=update)]}))
    return scenario.model_copy(update={"people": people})


@dataclass
class PersonView:
    """A person's money under one scenario, against staying in the first phase."""
    scenario: Scenario
    person: Person
    municipality: str
    tax_mode: str                      # "estimate" or "withholding"
    months: list
    lines: dict                        # weighted over the person's rows
    baseline: dict                     # the same lines when staying in the first phase
    branches: list
    baseline_branches: list
    notes: list
    parameter_warnings: list

    @property
    def change(self) -> np.ndarray:
        return self.lines["net_income"] - self.baseline["net_income"]

    def monthly(self) -> pd.DataFrame:
        keys = (["gross_pay", "tyoosuusraha", "kela_pension", "earnings_related_pension", "hoitotuki",
                 "vammaistuki", "housing_allowance", "employee_pension", "employee_unemployment",
                 "daily_allowance_contribution", "income_tax", "work_activity_fees", "net_income"])
        df = pd.DataFrame({k: self.lines[k] for k in keys})
        df.insert(0, "month", self.months)
        df.insert(1, "hours_per_week", self.lines["hours_per_week"])
        df["baseline_net_income"] = self.baseline["net_income"]
        df["change"] = self.change
        df["earnings_limit"] = self.lines["earnings_limit"]
        df["pension_resting"] = self.lines["pension_resting"]
        df["kela_pension_rests"] = self.lines["kela_rests"]
        df["tyoosuusraha_taxable"] = self.lines["tyoosuusraha_taxable"]
        df["tyel_accrual"] = self.lines["tyel_accrual"]
        return df

    def yearly(self) -> pd.DataFrame:
        m = self.monthly()
        m["year"] = m["month"].str[:4]
        agg = {c: "sum" for c in m.columns if c not in ("month", "year", "hours_per_week", "earnings_limit",
                                                           "kela_pension_rests")}
        agg.update(hours_per_week="mean", kela_pension_rests="sum", earnings_limit="min")
        out = m.groupby("year", sort=True).agg(agg).reset_index()
        out.insert(1, "months", m.groupby("year").size().to_numpy())
        return out

    def summary(self) -> dict:
        L, n = self.lines, len(self.months)
        rest_months = float(L["kela_rests"].sum() + L["earnings_related_rests"].sum())
        return {
            "net_income_total": float(L["net_income"].sum()),
            "net_income_per_month": float(L["net_income"].sum() / n),
            "baseline_net_income_total": float(self.baseline["net_income"].sum()),
            "change_total": float(self.change.sum()),
            "change_per_month": float(self.change.sum() / n),
            "gross_pay_total": float(L["gross_pay"].sum()),
            "tax_total": float(L["income_tax"].sum()),
            "contributions_total": float(L["employee_pension"].sum() + L["employee_unemployment"].sum()
                                         + L["daily_allowance_contribution"].sum()),
            "pension_rest_months": rest_months,
            "pension_lost_total": float(L["pension_resting"].sum()),
            "tyel_accrual_total": float(L["tyel_accrual"].sum()),
            "tyel_accrual_per_month": float(L["tyel_accrual"].sum() / 12.0),
            "paid_hours": float(L["paid_hours"].sum()),
            "net_gain_per_paid_hour": (float(self.change.sum() / L["paid_hours"].sum())
                                       if L["paid_hours"].sum() > 0 else None),
        }

    def all_notes(self) -> list:
        return list(dict.fromkeys(self.notes))

    def first_paid_year(self) -> int | None:
        """The first calendar year with paid work (any branch), for the cliff curve."""
        for m, e in zip(self.months, self.lines["employed"]):
            if e > 0:
                return int(m[:4])
        return None

    def to_dict(self) -> dict:
        s = self.scenario
        cents = lambda v: round(float(v), 2)
        return {
            "scenario": {"name": s.name, "model": s.model, "start": s.start, "horizon_months": s.horizon_months},
            "person": self.person.id,
            "municipality": self.municipality,
            "tax_mode": self.tax_mode,
            "summary": {k: (None if v is None else cents(v)) for k, v in self.summary().items()},
            "years": [{k: (cents(v) if isinstance(v, (float, np.floating)) else v) for k, v in rec.items()}
                      for rec in self.yearly().to_dict(orient="records")],
            "months": [{k: (cents(v) if isinstance(v, (float, np.floating)) else v) for k, v in rec.items()}
                       for rec in self.monthly().to_dict(orient="records")],
            # the annual tax estimate of each row, year by year (a year cut by the
            # projection is annualised: see months_in_year)
            "branches": [{"row": b.row_id, "weight": b.weight, "months_in_year": {str(y): k for y, k in
                                                                                 b.months_in_year.items()},
                          "taxes": {str(y): {k: (cents(v) if isinstance(v, float) else v)
                                             for k, v in res.to_dict().items() if k != "warnings"}
                                    for y, res in b.taxes.items()}} for b in self.branches],
            "warnings": [n.to_dict() for n in self.all_notes()],
            "parameter_warnings": sorted(self.parameter_warnings),
        }


def person_view(scenario: Scenario, person_id: str, params: ParameterSet | None = None,
                projection: Projection | None = None, baseline: Projection | None = None,
                source: str = "<scenario>") -> PersonView:
    """The person's monthly money under ``scenario`` and under staying in the
    first phase. Bad input raises ``ScenarioError`` (bilingual)."""
    params = params or ParameterSet.load()
    person = find_person(scenario, person_id, source)
    check_people(scenario, source)
    projection = projection or project(scenario, params)
    baseline = baseline or project(baseline_scenario(scenario), params)
    warn: set = set()
    bs = branches(projection, person, params, warn)
    base_person = next(p for p in baseline.scenario.people if p.id == person_id)
    bb = branches(baseline, base_person, params, set())
    lines, base_lines = _weighted(bs), _weighted(bb)
    notes = [n for b in bs for n in b.notes]
    change = lines["net_income"] - base_lines["net_income"]
    years = projection.context.roster.months // 12
    for y in np.unique(years):
        d = float(change[years == y].sum())
        if d < -0.5 and lines["paid_hours"][years == y].sum() > 0:
            notes.append(Note.make("less_than_staying", pid=person.id, year=str(int(y)), amount=-d))
    return PersonView(scenario, person, person.municipality or taxmod.MODEL_TOWN[scenario.model],
                      "withholding" if person.withholding_rate is not None else "estimate",
                      [month_label(int(m)) for m in projection.context.roster.months], lines, base_lines,
                      bs, bb, notes, sorted(warn))

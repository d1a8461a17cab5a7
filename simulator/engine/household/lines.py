"""The person's lines a month, assembled from one function per line, for
each roster row of the person and weighted over the rows; and the same
lines when the person stays in the first phase (the baseline).

A person has one roster row, or the avotyö pipeline's ``paid_work`` and
``returned`` rows with their weights; each row is computed on its own
(``Branch``) and the person's lines are the weighted sum, so a pipeline
person's months are expected values.

``net_income`` = the income lines − the deduction lines; ``change`` =
net income − the baseline's net income.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from simulator.model.conventions import month_label, month_number
from simulator.model.scenario import AvotyoPhase, Person, Scenario
from simulator.engine.lines import pay as pay_lines
from . import benefits, client_fees, contributions, housing, income, income_tax, pension_rest, social_assistance
from . import unemployment
from .income_tax import TAX_PARTS
from .row import Row
from .tax import MODEL_TOWN

#: the benefits, each its own line (payers: Kela pays all of them; from 2025
#: the employment area shares labour-market support's cost)
BENEFIT_LINES = ("hoitotuki", "vammaistuki", "housing_allowance", "pensioners_housing_allowance",
                 "general_housing_allowance", "labour_market_support", "basic_social_assistance")
INCOME_LINES = ("gross_pay", "tyoosuusraha", "kela_pension", "earnings_related_pension") + BENEFIT_LINES
CONTRIBUTION_LINES = ("employee_pension", "employee_unemployment", "daily_allowance_contribution")
#: fees: work activity's meals and transport; the housing service's client fee
FEE_LINES = ("work_activity_fees", "client_fee")
DEDUCTION_LINES = CONTRIBUTION_LINES + ("income_tax",) + FEE_LINES
#: an extra 100 € of pay a month, for the effective marginal tax rate
MARGINAL_STEP = 100.0
#: the person's month as the person view, ``run --format json`` (``people``),
#: the workbook and the app show it, in this order (after ``month``)
MONTH_COLUMNS = ("hours_per_week",) + INCOME_LINES + CONTRIBUTION_LINES + (
    "employee_contributions", "income_tax") + FEE_LINES + (
    "net_income", "baseline_net_income", "change", "disposable_income", "status_quo_disposable_income",
    "marginal_tax_rate", "participation_tax_rate",
    "earnings_limit", "pension_resting", "kela_pension_rests", "tyoosuusraha_taxable", "tyel_accrual")


#: rates (shares), not euros; NaN (no rise in earnings) is written as null
RATE_COLUMNS = ("marginal_tax_rate", "participation_tax_rate")


def _round(v, digits: int):
    v = float(v)
    return None if np.isnan(v) else round(v, digits)


@dataclass
class Branch:
    """One roster row of the person (``weight`` 1, or a pipeline branch)."""
    row_id: str
    weight: float
    lines: dict
    taxes: dict = field(default_factory=dict)      # year -> TaxResult (annualised estimate)
    months_in_year: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)


def branch(row: Row) -> Branch:
    """Every line of one row, and its notes; ``net_income_plus`` is the net
    income with ``MARGINAL_STEP`` € more regular pay every month (the same
    lines on a copy of the row), for the effective marginal tax rate."""
    r, i = row.ctx.roster, row.i
    L = lines(row)
    plus = Row(row.ctx, row.i, row.person, row.municipality, row.lomaraha, set(),
               {"pay_regular": income.pay_regular(row) + MARGINAL_STEP})
    L["net_income_plus"] = lines(plus)["net_income"]
    yt = income_tax.yearly_tax(row)
    notes = (pension_rest.rest_notes(row) + benefits.benefit_notes(row) + yt.notes
             + contributions.tyel_floor_notes(row) + income_tax.tyoosuusraha_notes(row))
    return Branch(r.ids[i], float(r.weight[i]), L, yt.taxes, yt.months_in_year, notes)


def lines(row: Row) -> dict:
    """Every line of one row (name -> one value a month)."""
    r, i = row.ctx.roster, row.i
    L = {
        "hours_per_week": income.hours_per_week(row),
        "paid_hours": income.paid_hours(row),
        "employed": row.employed.astype(float),
        "pay_regular": income.pay_regular(row),
        "gross_pay": income.gross_pay(row),
        "work_activity_days": income.work_activity_days(row),
        "in_work_activity": r.in_work_activity[i].astype(float),
        "tyoosuusraha": income.tyoosuusraha(row),
        "tyoosuusraha_here": income.tyoosuusraha_here(row),
        "tyoosuusraha_taxable": income.tyoosuusraha_taxable(row),
        "work_activity_fees": income.work_activity_fees(row),
        "work_activity_fees_here": income.work_activity_fees_here(row),
        "day_price_other": income.day_price_other(row),
        "earnings_limit": pension_rest.earnings_limit(row),
        "kela_pension": pension_rest.kela_pension(row),
        "earnings_related_pension": pension_rest.earnings_related_pension(row),
        "pension_resting": pension_rest.pension_resting(row),
        "kela_rests": pension_rest.kela_rests(row).astype(float),
        "earnings_related_rests": pension_rest.earnings_related_rests(row).astype(float),
        "hoitotuki": benefits.hoitotuki(row),
        "vammaistuki": benefits.vammaistuki(row),
        "housing_allowance": benefits.housing_allowance(row),
        "labour_market_support": unemployment.labour_market_support(row),
        "pensioners_housing_allowance": housing.pensioners_housing_allowance(row),
        "general_housing_allowance": housing.general_housing_allowance(row),
        "basic_social_assistance": social_assistance.basic_social_assistance(row),
        "client_fee": client_fees.client_fee(row),
        "employee_pension": contributions.employee_pension(row),
        "employee_unemployment": contributions.employee_unemployment(row),
        "tyel_accrual": contributions.tyel_accrual(row),
        "taxable_income": income_tax.taxable_income(row),
        "daily_allowance_contribution": income_tax.daily_allowance_contribution(row),
        "income_tax": income_tax.income_tax(row),
    }
    L.update({k: income_tax.tax_part(row, k) for k in TAX_PARTS})
    L["employee_contributions"] = sum(L[k] for k in CONTRIBUTION_LINES)
    L["benefits"] = sum(L[k] for k in BENEFIT_LINES)
    L["net_income"] = sum(L[k] for k in INCOME_LINES) - sum(L[k] for k in DEDUCTION_LINES)
    return L


def municipality(scenario: Scenario, person: Person) -> str:
    """The person's municipality for the tax: as entered, else the pilot's town."""
    return person.municipality or MODEL_TOWN[scenario.model]


def branches(projection, person: Person, warn: set | None = None) -> list[Branch]:
    """The person's rows of a projection (anything with a ``context``), each
    computed on its own; parameter warnings are added to ``warn``."""
    ctx = projection.context
    warn = set() if warn is None else warn
    lomaraha = ctx.memo("household_lomaraha", lambda: pay_lines.holiday_bonus_paid(ctx))
    town = municipality(ctx.scenario, person)
    rows = [i for i, pid in enumerate(ctx.roster.person_ids) if pid == person.id and not ctx.roster.is_staff[i]]
    return [branch(Row(ctx, i, person, town, lomaraha[i], warn)) for i in rows]


def weighted(bs: list[Branch]) -> dict:
    """The person's lines: the rows' lines × their weights, summed."""
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
class PersonLines:
    """One person's lines a month under a scenario (weighted over the rows),
    and, when computed with a baseline, the same lines when staying in the
    first phase."""
    person: Person
    municipality: str
    tax_mode: str                      # "estimate" or "withholding"
    months: list
    lines: dict
    branches: list
    notes: list
    parameter_warnings: list
    baseline: dict | None = None
    baseline_branches: list | None = None

    @property
    def change(self) -> np.ndarray:
        """Net income − the baseline's net income."""
        return self.lines["net_income"] - self.baseline["net_income"]

    def columns(self) -> dict:
        """The person's month (``MONTH_COLUMNS``): name -> one value a month."""
        return month_columns(self.lines, self.baseline)

    def month_records(self) -> list[dict]:
        """One record a month, money rounded to cents (the JSON of ``person``
        and of ``run``'s ``people``)."""
        cols = self.columns()
        return [{"month": m, **{k: _round(v[t], 4 if k in RATE_COLUMNS else 2) for k, v in cols.items()}}
                for t, m in enumerate(self.months)]


def marginal_tax_rate(lines: dict) -> np.ndarray:
    """Of an extra ``MARGINAL_STEP`` € of pay a month, the share lost to tax,
    contributions, reduced benefits and fees: 1 − Δ net income / 100."""
    return 1.0 - (np.asarray(lines["net_income_plus"]) - np.asarray(lines["net_income"])) / MARGINAL_STEP


def participation_tax_rate(lines: dict, baseline: dict) -> np.ndarray:
    """Moving from the first phase (work activity) into the model's work:
    1 − Δ net income / Δ earnings (pay + työosuusraha); NaN in months the
    earnings do not rise."""
    earn = np.asarray(lines["gross_pay"]) + np.asarray(lines["tyoosuusraha"])
    base = np.asarray(baseline["gross_pay"]) + np.asarray(baseline["tyoosuusraha"])
    d_earn = earn - base
    d_net = np.asarray(lines["net_income"]) - np.asarray(baseline["net_income"])
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(d_earn > 0.5, 1.0 - d_net / np.where(d_earn > 0.5, d_earn, 1.0), np.nan)


def month_columns(lines: dict, baseline: dict) -> dict:
    """The person's month (``MONTH_COLUMNS``) from the person's lines and
    the baseline's: name -> one value a month. ``disposable_income`` is the
    net income (every income and benefit less tax, contributions and fees);
    ``status_quo_disposable_income`` the baseline's."""
    src = dict(lines, baseline_net_income=baseline["net_income"], change=lines["net_income"] - baseline["net_income"],
               kela_pension_rests=lines["kela_rests"], disposable_income=lines["net_income"],
               status_quo_disposable_income=baseline["net_income"], marginal_tax_rate=marginal_tax_rate(lines),
               participation_tax_rate=participation_tax_rate(lines, baseline))
    return {k: np.asarray(src[k], float) for k in MONTH_COLUMNS}


def person_lines(projection, person_id: str, baseline=None) -> PersonLines:
    """The person's lines in ``projection``; with ``baseline`` (the
    projection of ``baseline_scenario``) also the baseline's lines."""
    ctx = projection.context
    person = next(p for p in ctx.scenario.people if p.id == person_id)
    warn: set = set()
    bs = branches(projection, person, warn)
    base_lines = base_bs = None
    if baseline is not None:
        base_person = next(p for p in baseline.context.scenario.people if p.id == person_id)
        base_bs = branches(baseline, base_person, set())
        base_lines = weighted(base_bs)
    return PersonLines(person, municipality(ctx.scenario, person),
                       "withholding" if person.withholding_rate is not None else "estimate",
                       [month_label(int(m)) for m in ctx.roster.months], weighted(bs), bs,
                       [n for b in bs for n in b.notes], sorted(warn), base_lines, base_bs)


def people_lines(projection, baseline) -> list[PersonLines]:
    """Every person's lines and baseline, in the scenario's order."""
    return [person_lines(projection, p.id, baseline) for p in projection.context.scenario.people]

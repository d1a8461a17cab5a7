"""Money of an outside company that employs a person (not this organisation's money).

After time-limited avotyö converts to a job at a company
(``pipeline.after_conversion`` with ``employer: company``), or in any
employment phase with ``employer: company``, the company may receive
palkkatuki. The rate, months and cap are the palkkatuki rules of
``lines/subsidies.py`` (``pay_subsidy_rules``, called by roster.py for every
employment phase of a person); this module only applies them to the
company's pay. The line is a transfer from the palkkatuki payer (the state's
TE services; from 1.1.2025 the municipality's employment area, law 380/2023)
to the company: the parties analysis gives it its payer.
"""
from __future__ import annotations

import numpy as np

from simulator.engine.lines import pay
from simulator.engine.lines.context import Context

# Statutory average rates of an employer whose own rates are not known (data/parameters).
_AVERAGE_RATES = ("tyel.employer_average", "health_insurance.employer", "unemployment_insurance.employer_lower",
                  "accident_insurance.average", "group_life_insurance.average")


def company_pay(ctx: Context) -> np.ndarray:
    """Monthly pay of each row while employed by a company: the entered pay × the row's
    pay index (wage growth each January, or the employment's collective agreement: ``pay.pay_index``)."""
    r = ctx.roster
    return np.where(r.employed_company, r.base_pay, 0.0) * pay.pay_index(ctx)   # wage growth or the TES's raises


def company_contribution_rate(ctx: Context) -> np.ndarray:
    """The company's side-cost rate (one value a month): the statutory average
    rates (TyEL employers' average, health insurance, the lower unemployment
    insurance rate, the average accident and group life insurance), used only
    by the palkkatuki rules before 1.7.2023, which subsidised pay with side costs."""
    return sum(ctx.rate(name) for name in _AVERAGE_RATES)


def company_pay_subsidy(ctx: Context) -> np.ndarray:
    """Palkkatuki an outside company receives for a person it employs, rows ×
    months: min(rate × B, cap) for employments from 1.7.2023 (law 371/2023,
    base pay only); before that min(rate × B × (1 + c), cap) with ``c`` the
    statutory average side-cost rate (``company_contribution_rate``; the
    lomaraha share of the old rules is not included). Rate, months and cap
    are those ``subsidies.pay_subsidy_rules`` gives the phase. Not this
    organisation's money (a line for the parties analysis)."""
    r = ctx.roster
    b = company_pay(ctx)
    rate = r.company_subsidy_rate
    c = company_contribution_rate(ctx)[None, :]
    new = np.minimum(rate * b, r.company_subsidy_cap)
    old = np.minimum(rate * b * (1 + c), r.company_subsidy_cap)
    return np.where(r.company_subsidy_old_rules, old, new) * (rate > 0)

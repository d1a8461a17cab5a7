"""The person's income tax and päivärahamaksu a month.

The tax is the annual estimate of ``tax.py`` (income-tax.md §8: state,
municipal, sairaanhoitomaksu, YLE) for each calendar year, spread over the
year's months in proportion to taxable income (pay + pensions paid + the
taxable excess of työosuusraha + labour-market support, other earned income), so a job later in the year also raises
the tax of its earlier months. With the person's ``withholding_rate`` the
year's tax is that rate × taxable income instead (``tax.withholding``). A
year cut by the projection's start or end is taxed as if the rest of the
year were like its projected months (annualised, then scaled back).

Päivärahamaksu (``health_insurance.employee_daily_allowance``) is charged
on the whole wage of a year whose (annualised) wage reaches
``health_insurance.daily_allowance_threshold``, at its ages (income-tax.md
§5).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import tax as taxmod
from .contributions import employee_pension, employee_unemployment
from .income import gross_pay, tyoosuusraha_taxable
from simulator.i18n.messages import Message
from .pension_rest import earnings_related_pension, kela_pension
from .row import Row
from .unemployment import labour_market_support

TAX_PARTS = ("state_tax", "municipal_tax", "medical_care", "yle_tax")


@dataclass
class YearlyTax:
    """The tax lines a month and the annual estimate of each year."""
    daily_allowance: np.ndarray
    income_tax: np.ndarray
    parts: dict
    taxes: dict = field(default_factory=dict)      # year -> TaxResult (annualised estimate)
    months_in_year: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)


def taxable_income(row: Row) -> np.ndarray:
    """Taxable earned income a month: gross pay + pensions paid + the taxable
    excess of työosuusraha + labour-market support (the other benefits are
    tax-free)."""
    return (gross_pay(row) + kela_pension(row) + earnings_related_pension(row) + tyoosuusraha_taxable(row)
            + labour_market_support(row))


def yearly_tax(row: Row) -> YearlyTax:
    """Päivärahamaksu and income tax, year by year (see the module docstring)."""
    return row.memo("yearly_tax", lambda: _yearly_tax(row))


def _yearly_tax(row: Row) -> YearlyTax:
    n = row.n
    years = row.months // 12
    gross = gross_pay(row)
    pension_paid = kela_pension(row) + earnings_related_pension(row)
    other = tyoosuusraha_taxable(row) + labour_market_support(row)
    taxable = taxable_income(row)
    tyel, unemployment = employee_pension(row), employee_unemployment(row)
    out = YearlyTax(np.zeros(n), np.zeros(n), {k: np.zeros(n) for k in TAX_PARTS})
    rating = row.person.disability_rating or 0.0
    for y in np.unique(years):
        sel = years == y
        k = int(sel.sum())
        f = 12.0 / k
        rules = row.ctx.memo(("household_tax_rules", int(y), row.municipality),
                             lambda: taxmod.rules_for_year(row.params, int(y), row.municipality))
        row.warn.update(rules.warnings)
        W, E, O = gross[sel].sum(), pension_paid[sel].sum(), other[sel].sum()
        age_y = int(row.age[sel][0])
        prm_rate = rules.prm_rate_for(age_y) if W * f >= rules.prm_threshold else 0.0
        out.daily_allowance[sel] = prm_rate * gross[sel]
        res = taxmod.income_tax(rules, W * f, E * f, O * f, age=age_y, disability_rating=rating,
                                tyel=tyel[sel].sum() * f, unemployment=unemployment[sel].sum() * f,
                                daily_allowance=out.daily_allowance[sel].sum() * f)
        out.taxes[int(y)] = res
        out.months_in_year[int(y)] = k
        total_y = res.total / f
        if row.person.withholding_rate is not None:
            total_y = taxmod.withholding(row.person.withholding_rate, W, E, O)
        base = taxable[sel].sum()
        if base > 0:
            out.income_tax[sel] = total_y * taxable[sel] / base
            est = res.total
            for key in TAX_PARTS:
                share = getattr(res, key) / est if est > 0 else (1.0 if key == "municipal_tax" else 0.0)
                out.parts[key][sel] = out.income_tax[sel] * share
        # the päivärahamaksu notch: a wage just over the threshold pays it on the whole wage
        W_year = W * f
        if prm_rate > 0 and W_year < rules.prm_threshold / (1.0 - prm_rate):
            out.notes.append(Message.make("daily_allowance_notch", pid=row.person.id, branch=row.branch,
                                       year=str(int(y)), wage=float(W_year), threshold=float(rules.prm_threshold)))
        if k < 12:
            out.notes.append(Message.make("partial_year", year=str(int(y)), n=k))
    return out


def daily_allowance_contribution(row: Row) -> np.ndarray:
    """Päivärahamaksu: the rate × gross pay in a year whose wage reaches the threshold."""
    return yearly_tax(row).daily_allowance


def income_tax(row: Row) -> np.ndarray:
    """The year's income tax spread over its months by taxable income."""
    return yearly_tax(row).income_tax


def tax_part(row: Row, key: str) -> np.ndarray:
    """One part of ``income_tax`` (state tax, municipal tax, sairaanhoitomaksu,
    YLE tax) in the proportions of the year's estimate; for the public purse."""
    return yearly_tax(row).parts[key]


def tyoosuusraha_notes(row: Row) -> list:
    """A note for the months työosuusraha exceeds the tax-free amount a day."""
    taxable = tyoosuusraha_taxable(row)
    sel = taxable > 0
    if not sel.any():
        return []
    free = row.series("tyoosuusraha.tax_free_per_day")
    return [Message.make("tyoosuusraha_taxable", pid=row.person.id, branch=row.branch, limit=float(free[sel][0]),
                      amount=float(taxable.sum()), months=row.labels(sel))]

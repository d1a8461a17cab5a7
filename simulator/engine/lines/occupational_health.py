"""Occupational health care (työterveyshuolto) and Kela's reimbursement.

Työterveyshuoltolaki 1383/2001: preventive occupational health care is
compulsory for every employer. ``assumptions.occupational_health_per_person``
is its gross cost a person a year (first-year prices, rising with cost
inflation), charged for each month a person or staff member is employed
here (VAT-exempt health care). Kela reimburses 60 % of accepted preventive
(class I) costs (``occupational_health.reimbursement_rate_preventive``;
kela.fi). The reimbursement is applied for after the financial period (here
the calendar year) and paid once,
``occupational_health.reimbursement_delay_months`` after the year ends
([check]: payroll-rules.md § 5). The per-employee cost ceilings are not
applied (2021–2026 values are a gap).
"""
from __future__ import annotations

import numpy as np

from simulator.model.conventions import calendar_year
from simulator.engine.lines.context import Context
from simulator.engine.lines.prices import row_cost_index
from simulator.engine.lines.sick_pay import per_row


def _gross(ctx: Context) -> np.ndarray:
    """Gross cost a month, one value a month (per draw where inflation is drawn)."""
    def calc():
        r = ctx.roster
        per_month = per_row(ctx.a.occupational_health_per_person) / 12.0
        rows = np.where(r.employed_here, per_month, 0.0) * row_cost_index(ctx)
        return ctx.total(rows)
    return ctx.memo("ohc_gross", calc)


def _reimbursement_accrued(ctx: Context) -> np.ndarray:
    return _gross(ctx) * ctx.rate("occupational_health.reimbursement_rate_preventive")


def occupational_health_care(ctx: Context) -> np.ndarray:
    """Accrual: the cost of preventive occupational health care net of Kela's
    60 % reimbursement (laki 1383/2001; kela.fi korvauksen määrä)."""
    return _gross(ctx) - _reimbursement_accrued(ctx)


def occupational_health_care_paid(ctx: Context) -> np.ndarray:
    """Cash: the provider's invoices, the gross cost, in the month."""
    return _gross(ctx)


def occupational_health_reimbursement_received(ctx: Context) -> np.ndarray:
    """Cash: Kela's reimbursement of a calendar year's costs, paid once,
    the delay's months after the year's end (what falls past the horizon is
    dropped)."""
    if np.all(np.asarray(ctx.a.occupational_health_per_person) <= 0):
        return np.zeros_like(_gross(ctx))
    ctx.flag_estimates("occupational_health.reimbursement_delay_months")
    accrued = _reimbursement_accrued(ctx)
    months = ctx.months
    years = calendar_year(months)
    out = np.zeros_like(accrued)
    for y in np.unique(years):
        year_end = int(y) * 12 + 11
        delay = int(round(ctx.params.value("occupational_health.reimbursement_delay_months", year_end)))
        t = year_end + delay - int(months[0])
        if t < len(months):
            out[..., t] += accrued[..., years == y].sum(axis=-1)
    return out

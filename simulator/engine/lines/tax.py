"""The cooperative's income tax: 20 % of a positive annual result after
losses carried forward (TVL; corporate rate 20 % since 2014), booked in
December (or the last month of the projection) and paid in the
assumption's month of the following year."""
from __future__ import annotations

import numpy as np

from simulator.model.conventions import calendar_month, calendar_year
from simulator.engine.lines.context import Context


def income_tax_schedule(ctx: Context, result_before_tax: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(accrued, paid) income tax, one value a month each (per draw, when
    the result carries a leading draws axis)."""
    accrued, paid = np.zeros(result_before_tax.shape), np.zeros(result_before_tax.shape)
    if not ctx.a.pays_income_tax:
        return accrued, paid
    years = calendar_year(ctx.months)
    cal = calendar_month(ctx.months)
    rate = ctx.rate("corporate_tax.rate")
    losses = np.zeros(result_before_tax.shape[:-1])
    for y in np.unique(years):
        idx = np.nonzero(years == y)[0]
        taxable = result_before_tax[..., idx].sum(axis=-1)
        loss_year = taxable < 0
        use = np.where(loss_year, 0.0, np.minimum(losses, taxable))
        losses = np.where(loss_year, losses - taxable, losses - use)
        tax = np.where(loss_year, 0.0, rate[idx[-1]] * (taxable - use))
        accrued[..., idx[-1]] += tax
        pay_at = np.nonzero((years == y + 1) & (cal == ctx.a.income_tax_payment_month))[0]
        if pay_at.size:
            paid[..., pay_at[0]] += tax
    return accrued, paid


def income_tax(ctx: Context, col: dict) -> np.ndarray:
    """Accrual: 20 % (corporate_tax.rate) of the year's positive result before
    tax less losses carried forward, booked in the year's last projected
    month; only if the organisation pays income tax (TVL 124 §)."""
    return ctx.memo("income_tax", lambda: income_tax_schedule(ctx, col["result_before_tax"]))[0]


def income_tax_paid(ctx: Context, col: dict) -> np.ndarray:
    """Cash out: a year's income tax paid in the assumption's month
    (income_tax_payment_month) of the following year, if within the horizon."""
    return ctx.memo("income_tax", lambda: income_tax_schedule(ctx, col["result_before_tax"]))[1]

"""Value added tax: charged on sales, deducted on purchases, remitted.

Rate by delivery month: 24 % until 31.8.2024, 25.5 % from 1.9.2024 (vero.fi).
VAT of a month is due on the 12th of the second month after it. A unit that
is not VAT-registered charges none and cannot deduct it: VAT on its
purchases is then a cost.
"""
from __future__ import annotations

import numpy as np

from simulator.i18n.messages import Message
from simulator.model.conventions import calendar_year, shift
from simulator.engine.lines import overheads, revenue, work_activity
from simulator.engine.lines.context import Context


def vat_rate(ctx: Context) -> np.ndarray:
    return ctx.rate("vat.standard_rate")


def taxable_sales(ctx: Context) -> np.ndarray:
    """Standard-rated sales: revenue lines plus avotyö fees marked standard."""
    r = ctx.roster
    fees = ctx.total(np.where(r.company_fee_standard_vat, work_activity.avotyo_fees(ctx), 0.0))
    return revenue.sales_standard_rated(ctx) + fees


def output_vat(ctx: Context) -> np.ndarray:
    """VAT charged to customers on standard-rated sales (if registered)."""
    if not ctx.a.vat_registered:
        _threshold_warning(ctx)
        return np.zeros(len(ctx.months))
    return taxable_sales(ctx) * vat_rate(ctx)


def input_vat(ctx: Context) -> np.ndarray:
    """VAT paid on purchases, deductible if registered."""
    return overheads.purchases_standard_rated(ctx) * vat_rate(ctx)


def non_deductible_vat(ctx: Context) -> np.ndarray:
    """VAT on purchases that an unregistered unit bears as a cost."""
    return np.zeros(len(ctx.months)) if ctx.a.vat_registered else input_vat(ctx)


def vat_payable(ctx: Context) -> np.ndarray:
    """Signed VAT due to the tax authority: paid two months later (refunds likewise)."""
    if not ctx.a.vat_registered:
        return np.zeros(len(ctx.months))
    return ctx.memo("vat_payable", lambda: shift(output_vat(ctx) - input_vat(ctx), 2))


def vat_paid(ctx: Context) -> np.ndarray:
    """Cash out: a positive month's VAT due (output − input VAT) remitted on
    the 12th of the second month after it (arvonlisäverolaki 1501/1993,
    vero.fi: due dates of VAT)."""
    return np.maximum(vat_payable(ctx), 0.0)


def vat_refund(ctx: Context) -> np.ndarray:
    """Cash in: a negative month's VAT due (more input than output VAT)
    refunded by the tax authority in the same second month after it (vero.fi)."""
    return np.maximum(-vat_payable(ctx), 0.0)


def _threshold_warning(ctx: Context) -> None:
    sales = taxable_sales(ctx)
    years = calendar_year(ctx.months)
    limit = ctx.rate("vat.registration_threshold")
    for y in np.unique(years):
        sel = years == y
        year_sales = float(sales[..., sel].sum(axis=-1).max())
        if year_sales > limit[sel].max():
            ctx.warnings.add(Message.make("vat_threshold", year=int(y), sales=year_sales,
                                          limit=float(limit[sel].max())))

"""Value added tax: charged on sales, deducted on purchases, remitted.

Rate by delivery month: 24 % until 31.8.2024, 25.5 % from 1.9.2024 (vero.fi).
VAT of a month is due on the 12th of the second month after it. A unit that
is not VAT-registered charges none and cannot deduct it: VAT on its
purchases is then a cost.
"""
from __future__ import annotations

import numpy as np

from simulator.i18n.messages import Message
from simulator.model.conventions import calendar_month, calendar_year, first_day, shift
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


TURNOVER = ("sales", "avotyo_fees", "day_price_income", "client_fees")


def vat_relief(ctx: Context, col: dict) -> np.ndarray:
    """Accrual: the VAT relief for small businesses (alarajahuojennus) of a
    financial period (the calendar year), booked in its December, for the
    years ``vat.relief_in_force`` (tax years to 2024; abolished 1.1.2025).

    V = output VAT − deductible input VAT of the year; LV = the year's
    turnover (sales, avotyö fees, day prices and client fees, VAT-exempt
    social-service sales included [check]) scaled to 12 months over the
    months the organisation exists. Relief = V if LV ≤ lower limit;
    V − (LV − lower) × V / (upper − lower) below the upper limit; else 0;
    none if V ≤ 0. Taxable income of the business [check]. Sources:
    vero.fi, arvonlisäveron alarajahuojennus (payroll-rules.md §7).
    """
    if not ctx.a.vat_registered:
        return np.zeros(np.broadcast_shapes(*(np.shape(col[k]) for k in TURNOVER), (len(ctx.months),)))
    months = ctx.months
    years = calendar_year(months)
    due = output_vat(ctx) - input_vat(ctx)
    out = np.zeros(np.broadcast_shapes(*(np.shape(col[k]) for k in TURNOVER), np.shape(due),
                                       (len(ctx.months),)))
    turnover = sum(col[k] for k in TURNOVER)
    exists = months >= ctx.scenario.founded_month
    for y in np.unique(years):
        dec = np.nonzero((years == y) & (calendar_month(months) == 12))[0]
        if dec.size == 0:
            continue                                  # the period does not end within the horizon
        day = first_day(int(months[dec[0]]))
        if ctx.params.value("vat.relief_in_force", day) <= 0:
            continue
        n = int(((years == y) & exists).sum())        # months of the period within the horizon
        if n == 0:
            continue
        lo = ctx.params.value("vat.relief_lower_limit", day)
        up = ctx.params.value("vat.relief_upper_limit", day)
        v = np.sum(np.where(years == y, due, 0.0), axis=-1)
        lv = np.sum(np.where(years == y, turnover, 0.0), axis=-1) * 12.0 / n
        relief = np.where(lv <= lo, v, np.where(lv < up, v - (lv - lo) * v / (up - lo), 0.0))
        out[..., dec[0]] = np.maximum(relief, 0.0) * (v > 0)
    return out


def vat_relief_received(ctx: Context, col: dict) -> np.ndarray:
    """Cash in: the relief, claimed on the last VAT return of the period
    (December's, due on the 12th of the second month after it) and refunded
    then (vero.fi; payroll-rules.md §7)."""
    return shift(col["vat_relief"], 2)


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

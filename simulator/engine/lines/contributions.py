"""Employer's statutory contributions on pay (työnantajan sivukulut).

Each is a rate from data/parameters on all pay earned (wages, holiday pay,
lomaraha), within the parameter's age band. They accrue with the pay and are
paid the month after the pay itself is paid (12th of the next month).
Simplification: the rate of the month the pay is earned is used, also for
holiday pay paid later.
"""
from __future__ import annotations

import numpy as np

from simulator.model.conventions import calendar_year, shift
from simulator.engine.lines import pay, pension_scheme
from simulator.engine.lines.context import Context
from simulator.engine.lines.settle import settle


def employer_pension(ctx: Context) -> np.ndarray:
    """Employer's pension contribution under the scenario's pension scheme
    (TyEL average share, TyEL basic rate, or Keva; see pension_scheme.py),
    from age 17 to the upper age limit of the birth year, on months whose pay
    reaches the TyEL earnings floor (TyEL 395/2006, JuEL 81/2016)."""
    return ctx.memo("employer_pension", lambda: _pension_rate(ctx) * pay.pay_cost_base(ctx))


def _pension_rate(ctx: Context) -> np.ndarray:
    return ctx.memo("r_tyel", lambda: pension_scheme.employer_pension_rate(ctx)
                    * (pay.monthly_pay(ctx) >= ctx.rate("tyel.earnings_floor")[None, :]))


def employer_health_insurance(ctx: Context) -> np.ndarray:
    """Employer's health insurance contribution (sava), ages 16–67 (Kela, Vero)."""
    return ctx.memo("employer_health", lambda: _health_rate(ctx) * pay.pay_cost_base(ctx))


def _health_rate(ctx: Context) -> np.ndarray:
    return ctx.memo("r_sava", lambda: ctx.rate("health_insurance.employer")[None, :]
                    * ctx.age_mask("health_insurance.employer"))


def _unemployment_rate(ctx: Context) -> np.ndarray:
    """Effective employer unemployment rate a month: the lower rate on the
    year's payroll up to the threshold, the upper rate above it."""
    base = ctx.total(pay.pay_cost_base(ctx))
    years = calendar_year(ctx.months)
    running = np.cumsum(base, axis=-1)
    year_start = np.searchsorted(years, years)            # first column of each month's year
    before = running - base - np.where(year_start > 0, running[..., year_start - 1], 0.0)
    # the threshold and upper rate matter (and warn about gaps) only where
    # a year's payroll passes the threshold
    threshold = ctx.params.series("unemployment_insurance.payroll_threshold", ctx.months)
    below = np.clip(threshold - before, 0.0, base)
    lo = ctx.rate("unemployment_insurance.employer_lower")
    if np.all(below >= base):
        return lo
    ctx.rate("unemployment_insurance.payroll_threshold")
    hi = ctx.rate("unemployment_insurance.employer_upper")
    with np.errstate(invalid="ignore", divide="ignore"):
        eff = np.where(base > 0, (lo * below + hi * (base - below)) / np.where(base > 0, base, 1.0), lo)
    return eff


def employer_unemployment_insurance(ctx: Context) -> np.ndarray:
    """Employer's unemployment insurance contribution, ages 17–64 (Työllisyysrahasto)."""
    return ctx.memo("employer_unemployment", lambda: _unemployment_rate_rows(ctx) * pay.pay_cost_base(ctx))


def _unemployment_rate_rows(ctx: Context) -> np.ndarray:
    return ctx.memo("r_unemp", lambda: _unemployment_rate(ctx)[..., None, :]
                    * ctx.age_mask("unemployment_insurance.employer_lower"))


def accident_insurance(ctx: Context) -> np.ndarray:
    """Accident and occupational disease insurance (TyTAL): the scenario's rate
    or the statutory average; no age limits."""
    return ctx.memo("accident_insurance", lambda: _accident_rate(ctx) * pay.pay_cost_base(ctx))


def _accident_rate(ctx: Context) -> np.ndarray:
    """The scenario's own rate; else by risk class: the national average or
    the cleaning estimate (no tariff found: payroll-rules.md §3, warned)."""
    parameter = "accident_insurance.average"
    if ctx.a.accident_insurance_class == "cleaning":
        parameter = "accident_insurance.cleaning_estimate"
        if ctx.a.accident_insurance_rate is None:
            ctx.flag_estimates(parameter)
    return _own_or_average(ctx, ctx.a.accident_insurance_rate, parameter)


def group_life_insurance(ctx: Context) -> np.ndarray:
    """Group life insurance (TRHV): the scenario's rate or the average."""
    return ctx.memo("group_life_insurance", lambda: _group_life_rate(ctx) * pay.pay_cost_base(ctx))


def _group_life_rate(ctx: Context) -> np.ndarray:
    return _own_or_average(ctx, ctx.a.group_life_insurance_rate, "group_life_insurance.average")


def _own_or_average(ctx: Context, own, parameter: str) -> np.ndarray:
    """The scenario's own rate (possibly a batch of draws) or the parameter's
    average, shaped to multiply rows × months."""
    r = ctx.rate(parameter) if own is None else own + np.zeros(len(ctx.months))
    return r[..., None, :]


LINES = (employer_pension, employer_health_insurance, employer_unemployment_insurance,
         accident_insurance, group_life_insurance)


def employer_contributions(ctx: Context) -> np.ndarray:
    """All employer contributions accrued, rows × months: the combined rate
    × the pay base (equal to the sum of the lines)."""
    return ctx.memo("contrib", lambda: contribution_rate(ctx) * pay.pay_cost_base(ctx))


def contribution_rate(ctx: Context) -> np.ndarray:
    """Combined contribution rate per row and month (the sum of the lines' rates; 0 without pay)."""
    def calc():
        # the rates that never vary by draw first (2-D), then the ones that may
        rates = (_health_rate(ctx) + _accident_rate(ctx) + _group_life_rate(ctx)) \
            + _pension_rate(ctx) + _unemployment_rate_rows(ctx)
        return np.where(pay.pay_cost_base(ctx) > 0, rates, 0.0)
    return ctx.memo("contrib_rate", calc)


def employer_contributions_paid(ctx: Context) -> np.ndarray:
    """Cash: contributions on wages the next month; on holiday pay and
    lomaraha the month after these are paid. One value a month."""
    rate = contribution_rate(ctx)
    on_wages = rate * pay.wages(ctx)
    on_holiday = rate * (pay.holiday_pay(ctx) + pay.holiday_bonus(ctx))
    paid = on_wages + settle(on_holiday, pay.holiday_settled_upto(ctx))
    return shift(ctx.total(paid), 1)

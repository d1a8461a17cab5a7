"""Sick pay the employer bears (sairausajan palkka).

Työsopimuslaki 55/2001, 2:11: an employee who has been employed at least
one month gets full pay for the day of falling ill and the next 9 working
days (Mon–Sat); Kela's sairauspäiväraha starts only after that waiting
period. The model takes ``assumptions.sick_days_per_year`` as the expected
paid sick working days of each person (and staff member) employed here,
all within that waiting period (short absences), so **no Kela
reimbursement is due**; longer absences paid under a collective agreement,
where Kela pays the päiväraha to the employer, are not modelled.

Monthly pay already pays for the sick days; what the employer bears on top
is pay without output. The line values it as the cost of those days: days a
year / 12 × pay share × monthly pay / working days of a month (25, Mon–Sat,
as vuosilomalaki 10 §), plus the employer's contributions on it at the
row's combined rate. Sources: payroll-rules.md § 4a; data/parameters/sick_pay.
"""
from __future__ import annotations

import numpy as np

from simulator.model.conventions import shift
from simulator.engine.lines import contributions, pay
from simulator.engine.lines.context import Context


def per_row(value) -> np.ndarray:
    """An assumption shaped to multiply rows × months arrays: a scalar as is,
    a batch of Monte Carlo draws ``(draws, 1)`` as ``(draws, 1, 1)``."""
    value = np.asarray(value, dtype=float)
    return value if value.ndim == 0 else value.reshape(-1, 1, 1)


def sick_pay_rows(ctx: Context) -> np.ndarray:
    """Rows × months: expected sick pay of each row employed here."""
    def calc():
        days = per_row(ctx.a.sick_days_per_year) / 12.0
        share = ctx.rate("sick_pay.pay_share")[None, :]
        if np.any(days > 0):
            ctx.flag_estimates("sick_pay.pay_share")
        return days * share * pay.monthly_pay(ctx) / ctx.rate("holiday.working_days_per_month")[None, :]
    return ctx.memo("sick_pay", calc)


def sick_pay(ctx: Context) -> np.ndarray:
    """Sick pay for the day of falling ill + 9 working days (TSL 2:11): the
    expected sick days × the day's pay, one value a month."""
    return ctx.total(sick_pay_rows(ctx))


def sick_pay_contributions(ctx: Context) -> np.ndarray:
    """Employer's contributions on sick pay: the row's combined contribution
    rate (pension, health, unemployment, accident, group life) × sick pay."""
    return ctx.total(contributions.contribution_rate(ctx) * sick_pay_rows(ctx))


def sick_pay_paid(ctx: Context) -> np.ndarray:
    """Cash: sick pay is paid with the month's wages."""
    return sick_pay(ctx)


def sick_pay_contributions_paid(ctx: Context) -> np.ndarray:
    """Cash: contributions on sick pay are paid the month after, as on wages."""
    return shift(sick_pay_contributions(ctx), 1)

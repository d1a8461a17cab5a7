"""The employer's pension contribution rate by pension scheme (rows × months).

``assumptions.pension_scheme`` chooses the scheme of the employer:

- ``tyel_average``: the TyEL employers' average share (as before);
- ``tyel_basic``: a small TyEL employer's basic rate (perusmaksu) + the
  company expense loading − the employee's share by age;
- ``keva``: Keva's pay-based contribution (palkkaperusteinen maksu, JuEL
  81/2016) − the employee's share by age; a joint municipal authority pays
  no tasausmaksu.

Every scheme applies from the calendar year of the 17th birthday to the
upper age limit of the person's birth year (68/69/70, ``tyel.upper_age``).
Sources: payroll-rules.md §§ 1a, 1c, 2 and the parameter files.
"""
from __future__ import annotations

import numpy as np

from simulator.engine.lines.context import Context


def employee_share(ctx: Context) -> np.ndarray:
    """The employee's TyEL/JuEL share by age, rows × months: the 53–62 rate
    inside its age band (2021–2025), else the general rate (Keva uses the
    same rates as TyEL; keva.fi budgeting page)."""
    def calc():
        band = ctx.age_mask("tyel.employee_share_53_62")
        return np.where(band, ctx.rate("tyel.employee_share_53_62")[None, :],
                        ctx.rate("tyel.employee_share_under_53")[None, :])
    return ctx.memo("r_employee_share", calc)


def tyel_average(ctx: Context) -> np.ndarray:
    """TyEL employers' average share (Ilmarinen archive, sttinfo), by age band."""
    return ctx.rate("tyel.employer_average")[None, :] * ctx.age_mask("tyel.employer_average")


def tyel_basic(ctx: Context) -> np.ndarray:
    """A small employer's TyEL: perusmaksu + expense loading − the employee's
    share (TyEL 395/2006; Ilmarinen archive, Elo; the loading is [check])."""
    ctx.flag_estimates("tyel.basic_expense_loading")
    total = ctx.rate("tyel.basic_rate") + ctx.rate("tyel.basic_expense_loading")
    return (total[None, :] - employee_share(ctx)) * ctx.age_mask("tyel.basic_rate")


def keva(ctx: Context) -> np.ndarray:
    """Keva's palkkaperusteinen maksu (JuEL 81/2016) − the employee's share
    it includes (keva.fi, Tietoa eläkevakuutusmaksuista)."""
    total = ctx.rate("keva.pay_based_contribution")
    return (total[None, :] - employee_share(ctx)) * ctx.age_mask("keva.pay_based_contribution")


SCHEMES = {"tyel_average": tyel_average, "tyel_basic": tyel_basic, "keva": keva}


def employer_pension_rate(ctx: Context) -> np.ndarray:
    """The employer's pension rate of each row and month under the scenario's scheme."""
    return ctx.memo("r_pension_scheme", lambda: SCHEMES[ctx.a.pension_scheme](ctx))

"""The employee's own contributions a month, withheld from pay, and the
pension the pay earns (payroll-rules.md; income-tax.md §3).

- ``employee_pension``: the TyEL employee share of gross pay
  (``tyel.employee_share_under_53``; ``tyel.employee_share_53_62`` at the
  ages of its ``applies_to_ages`` in 2021–2025; 7.30 % for all from 2026)
  in the months the regular pay reaches ``tyel.earnings_floor``, inside the
  TyEL insurance ages (those of ``tyel.employer_average``, the upper age by
  birth year from ``tyel.upper_age``).
- ``employee_unemployment``: ``unemployment_insurance.employee`` × gross
  pay at the ages of its ``applies_to_ages`` (18–64).
- ``daily_allowance_contribution`` (päivärahamaksu) depends on the year's
  wage: see ``income_tax.py``.
- ``tyel_accrual``: the yearly earnings-related pension a month's pay adds
  (``pension.tyel_accrual``; ``pension.tyel_accrual_53_62`` at 53–62 until
  2025), before index adjustments and the life-expectancy coefficient.
"""
from __future__ import annotations

import numpy as np

from .income import gross_pay, pay_regular
from simulator.i18n.messages import Message
from .row import Row


def employee_pension_rate(row: Row) -> np.ndarray:
    """The TyEL employee share that applies a month (0 outside the insured
    ages or below the earnings floor)."""
    def calc():
        floor = row.series("tyel.earnings_floor")
        rate = np.where(row.age_band("tyel.employee_share_53_62"), row.series("tyel.employee_share_53_62"),
                        row.series("tyel.employee_share_under_53"))
        return np.where(row.age_band("tyel.employer_average") & (pay_regular(row) >= floor), rate, 0.0)
    return row.memo("tyel_rate", calc)


def employee_pension(row: Row) -> np.ndarray:
    """The employee's TyEL contribution: the share × gross pay."""
    return employee_pension_rate(row) * gross_pay(row)


def employee_unemployment(row: Row) -> np.ndarray:
    """The employee's unemployment insurance contribution × gross pay."""
    rate = row.series("unemployment_insurance.employee")
    return np.where(row.age_band("unemployment_insurance.employee"), rate, 0.0) * gross_pay(row)


def tyel_accrual(row: Row) -> np.ndarray:
    """Yearly pension earned by the month's TyEL-insured pay."""
    acc = np.where(row.age_band("pension.tyel_accrual_53_62"), row.series("pension.tyel_accrual_53_62"),
                   row.series("pension.tyel_accrual"))
    return acc * np.where(employee_pension_rate(row) > 0, gross_pay(row), 0.0)


def tyel_floor_notes(row: Row) -> list:
    """A note for the months pay is just over the TyEL floor, where the
    employee's contribution makes the net pay lower than just under it."""
    floor = row.series("tyel.earnings_floor")
    rate = employee_pension_rate(row)
    B = pay_regular(row)
    notch = (B >= floor) & (B < floor / (1.0 - rate.clip(max=0.5))) & (rate > 0)
    if notch.any():
        return [Message.make("tyel_floor_notch", pid=row.person.id, branch=row.branch, months=row.labels(notch))]
    return []

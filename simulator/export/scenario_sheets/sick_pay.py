"""Sick pay on the workbook (rules: ``simulator/engine/lines/sick_pay.py``):
each row employed here bears ``sick_days_per_year / 12`` paid sick days a
month at the day's pay (monthly pay × ``sick_pay.pay_share`` / working
days of a month), plus the employer's contributions on it at the row's
combined rate. Sick pay is paid with the month's wages, its contributions
the month after.
"""
from __future__ import annotations

from simulator.engine.lines import contributions as con
from simulator.engine.lines import sick_pay as sp


def values(ctx, v) -> dict:
    rows = sp.sick_pay_rows(ctx)
    return {"sick_pay": rows, "sick_pay_contributions": con.contribution_rate(ctx) * rows}


def block(cs, b) -> dict:
    """Formulas of a roster row's sick-pay rows, by month ``j``."""
    P, X = cs.P, b.X
    days = cs.sh.name("assumptions.sick_days_per_year")
    return {
        "sick_pay": lambda j: (
            f"={days}/12*{P('sick_pay.pay_share', j)}*{X('monthly_pay', j)}"
            f"/{P('holiday.working_days_per_month', j)}"),
        "sick_pay_contributions": lambda j: f"={X('contribution_rate', j)}*{X('sick_pay', j)}",
    }


def monthly(m) -> dict:
    M = m.M
    return {
        "sick_pay": lambda j: "=" + m.wsum("sick_pay", j),
        "sick_pay_contributions": lambda j: "=" + m.wsum("sick_pay_contributions", j),
        "sick_pay_paid": lambda j: f"={M('sick_pay', j)}",
        "sick_pay_contributions_paid": lambda j: "=0" if j == 0 else f"={M('sick_pay_contributions', j - 1)}",
    }

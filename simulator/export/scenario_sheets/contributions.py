"""Employer contributions on the workbook (rules: ``simulator/engine/lines/contributions.py``):
the pension contribution (the scheme's rate, ``pension_scheme``), health
insurance, unemployment insurance (lower rate up to the payroll threshold of
the calendar year, upper above it), accident insurance (the scenario's rate,
else by risk class: the average or the cleaning estimate) and group life
insurance on the pay cost base; contributions on holiday pay fall due when
the holiday pay is paid; everything is paid the month after.
"""
from __future__ import annotations

import numpy as np

from simulator.engine.lines import contributions as con
from simulator.engine.lines import pay
from simulator.engine.lines.settle import settle
from .cells import cl
from .layout import CONTRIB_ROWS
from .pay import settled


def values(ctx, v) -> dict:
    crate = con.contribution_rate(ctx)
    on_hol = crate * (v["holiday_pay"] + v["holiday_bonus"])
    return {
        **{fn.__name__: fn(ctx) for fn in con.LINES},
        "contribution_rate": crate,
        "cum_holiday_contrib": np.cumsum(on_hol, axis=1),
        "contributions_due": crate * v["wages"] + settle(on_hol, pay.holiday_settled_upto(ctx)),
    }


def write_payroll(cs):
    """The organisation's payroll by month and year to date, and the unemployment
    insurance rate that follows from the threshold."""
    n, E, P, c, row = cs.n, cs.E, cs.P, cs.c, cs.row
    payroll = cs.ctx.total(cs.vals["pay_base"])
    years = cs.Yv
    ytd = np.zeros(n)
    for j in range(n):
        ytd[j] = payroll[j] + (ytd[j - 1] if j and years[j] == years[j - 1] else 0.0)
    before = ytd - payroll
    thr = cs.pv["unemployment_insurance.payroll_threshold"]
    below = np.clip(thr - before, 0.0, payroll)
    lo, hi = cs.pv["unemployment_insurance.employer_lower"], cs.pv["unemployment_insurance.employer_upper"]
    with np.errstate(invalid="ignore", divide="ignore"):
        eff = np.where(payroll > 0, (lo * below + hi * (payroll - below)) / np.where(payroll > 0, payroll, 1), lo)
    # An explicit sum (not SUMPRODUCT over the blocks): the blocks' unemployment
    # insurance rows depend on this row, and a range over them would be circular.
    pb_rows = [(c[(pl.index, "header")], c[(pl.index, "pay_base")]) for pl in cs.sh.plans]
    payroll_fx = lambda j: "=" + ("+".join(f"$C${h + 1}*{cl(j)}{b + 1}" for h, b in pb_rows) or "0")
    row("payroll", [payroll_fx(j) for j in range(n)], payroll)
    row("payroll_ytd", [f"={E('payroll', 0)}" if j == 0 else
                        f"=IF({E('t_year', j)}={E('t_year', j - 1)},{E('payroll_ytd', j - 1)},0)+{E('payroll', j)}"
                        for j in range(n)], ytd)
    row("payroll_before", [f"={E('payroll_ytd', j)}-{E('payroll', j)}" for j in range(n)], before)
    row("payroll_below", [
        f"=MIN(MAX({P('unemployment_insurance.payroll_threshold', j)}-{E('payroll_before', j)},0),{E('payroll', j)})"
        for j in range(n)], below)
    row("unemployment_rate", [
        f"=IF({E('payroll', j)}>0,({P('unemployment_insurance.employer_lower', j)}*{E('payroll_below', j)}"
        f"+{P('unemployment_insurance.employer_upper', j)}*({E('payroll', j)}-{E('payroll_below', j)}))"
        f"/{E('payroll', j)},{P('unemployment_insurance.employer_lower', j)})" for j in range(n)], eff, "pct")


def block(cs, b) -> dict:
    """Formulas of a roster row's contribution rows, by month ``j``."""
    E, P, X, Xp = cs.E, cs.P, b.X, b.Xp
    acc = cs.sh.name("assumptions.accident_insurance_rate")
    acc_class = cs.sh.name("assumptions.accident_insurance_class")
    gl = cs.sh.name("assumptions.group_life_insurance_rate")
    return {
        "employer_pension": lambda j: (
            f"={X('pension_rate', j)}*"
            f"IF({X('monthly_pay', j)}>={P('tyel.earnings_floor', j)},1,0)*{X('pay_base', j)}"),
        "employer_health_insurance": lambda j: (
            f"={P('health_insurance.employer', j)}*{b.agemask('health_insurance.employer', j)}*{X('pay_base', j)}"),
        "employer_unemployment_insurance": lambda j: (
            f"={E('unemployment_rate', j)}*{b.agemask('unemployment_insurance.employer_lower', j)}*{X('pay_base', j)}"),
        "accident_insurance": lambda j: (
            f'=IF(ISNUMBER({acc}),{acc},IF({acc_class}="cleaning",{P("accident_insurance.cleaning_estimate", j)},'
            f'{P("accident_insurance.average", j)}))*{X("pay_base", j)}'),
        "group_life_insurance": lambda j: (
            f"=IF(ISNUMBER({gl}),{gl},{P('group_life_insurance.average', j)})*{X('pay_base', j)}"),
        "contribution_rate": lambda j: (
            f"=IF({X('pay_base', j)}>0,SUM({X('employer_pension', j)}:{X('group_life_insurance', j)})"
            f"/{X('pay_base', j)},0)"),
        "cum_holiday_contrib": lambda j: (
            f"={Xp('cum_holiday_contrib', j)}+{X('contribution_rate', j)}*({X('holiday_pay', j)}+{X('holiday_bonus', j)})"),
        "contributions_due": lambda j: (
            f"={X('contribution_rate', j)}*{X('wages', j)}+"
            + settled(b, "cum_holiday_contrib", j)[1:]),
    }


def monthly(m) -> dict:
    M = m.M
    return {
        **{k: (lambda k: lambda j: "=" + m.wsum(k, j))(k) for k in CONTRIB_ROWS},
        "employer_contributions": lambda j: f"=SUM({M('employer_pension', j)}:{M('group_life_insurance', j)})",
        "employer_contributions_paid": lambda j: "=0" if j == 0 else "=" + m.wsum("contributions_due", j - 1),
    }

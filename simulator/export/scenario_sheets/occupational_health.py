"""Occupational health care on the workbook (rules:
``simulator/engine/lines/occupational_health.py``): the gross cost
``occupational_health_per_person / 12`` × the cost index for each month a
row is employed here, paid in the month; the accrual is net of Kela's
reimbursement (``occupational_health.reimbursement_rate_preventive``),
which is received once a calendar year,
``occupational_health.reimbursement_delay_months`` after its last month
(looked up at 1 December of the year; past the horizon it is dropped).
"""
from __future__ import annotations

import numpy as np

from simulator.engine.lines.sick_pay import per_row
from simulator.engine.lines import prices
from .cells import param_name

DELAY = "occupational_health.reimbursement_delay_months"    # layout.YEAR_END_PARAMS


def values(ctx, v) -> dict:
    per_month = per_row(ctx.a.occupational_health_per_person) / 12.0
    return {"occupational_health": np.where(ctx.roster.employed_here, per_month, 0.0)
            * prices.row_cost_index(ctx)}


def block(cs, b) -> dict:
    """Formulas of a roster row's gross occupational health care, by month ``j``."""
    per_person = cs.sh.name("assumptions.occupational_health_per_person")
    return {
        "occupational_health": lambda j: (
            f"=IF({b.pp('employed_here', j)}=1,{per_person}/12*{cs.E('t_cost_index', j)},0)"),
    }


def write_month(cs):
    """Gross cost and Kela's reimbursement a month, the month number the
    reimbursement of the month's year is paid in, and what is received."""
    n, E, P, row, ctx = cs.n, cs.E, cs.P, cs.row, cs.ctx
    gross = cs.col["occupational_health_care_paid"]
    row("ohc_gross", ["=" + cs.wsum("occupational_health", j) for j in range(n)], gross)
    rate = cs.pv["occupational_health.reimbursement_rate_preventive"]
    row("ohc_reimbursement", [f"={E('ohc_gross', j)}*{P('occupational_health.reimbursement_rate_preventive', j)}"
                              for j in range(n)], gross * rate)
    pn = param_name(DELAY)
    paid_at = np.array([y * 12 + 11 + ctx.params.value(DELAY, int(y) * 12 + 11) for y in cs.Yv])
    row("ohc_paid_at", [f"={E('t_year', j)}*12+11+LOOKUP(DATE({E('t_year', j)},12,1),{pn}_from,{pn})"
                        for j in range(n)], paid_at, "int")
    row("ohc_received", [f"=SUMPRODUCT(({cs.rng('ohc_paid_at')}={E('t_month_no', j)})*{cs.rng('ohc_reimbursement')})"
                         for j in range(n)], cs.col["occupational_health_reimbursement_received"])


def monthly(m) -> dict:
    return {
        "occupational_health_care": lambda j: f"={m.Cc('ohc_gross', j)}-{m.Cc('ohc_reimbursement', j)}",
        "occupational_health_care_paid": lambda j: f"={m.Cc('ohc_gross', j)}",
        "occupational_health_reimbursement_received": lambda j: f"={m.Cc('ohc_received', j)}",
    }

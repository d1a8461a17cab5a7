"""Pay on the workbook (rules: ``simulator/engine/lines/pay.py``): monthly pay,
holiday days and holiday pay earned, wages, lomaraha, the pay cost base, the
holiday-pay settlement (paid in the holiday month for the year to 31 March,
or when employment ends), paid hours and head counts of people in paid work.
"""
from __future__ import annotations

import numpy as np

from simulator.engine.lines import pay
from .cells import param_name


def values(ctx, v) -> dict:
    """Each roster row's figures (rows × months), the cached values of its block rows."""
    r_ = ctx.roster
    H = pay.holiday_pay(ctx)
    Lb = pay.holiday_bonus(ctx)
    return {
        "pay_index": pay.pay_index(ctx),
        "monthly_pay": pay.monthly_pay(ctx), "holiday_days": pay.holiday_days_earned(ctx),
        "holiday_pay": H, "wages": pay.wages(ctx), "holiday_bonus": Lb, "pay_base": pay.pay_cost_base(ctx),
        "holiday_settled_upto": pay.holiday_settled_upto(ctx).astype(float),
        "cum_holiday_pay": np.cumsum(H, axis=1), "cum_holiday_bonus": np.cumsum(Lb, axis=1),
        "holiday_pay_paid": pay.holiday_pay_paid(ctx), "holiday_bonus_paid": pay.holiday_bonus_paid(ctx),
        "paid_hours": pay.paid_hours(ctx),
        "people_in_paid_work": (r_.employed_here | r_.employed_company).astype(float),
        "people_employed_here": r_.employed_here.astype(float),
    }


def settled(b, cum_key, j) -> str:
    """Paid this month = cumulative accrual up to the settled column now,
    minus the same a month earlier (column D holds the 'nothing yet' state)."""
    up, upp = b.X("holiday_settled_upto", j), b.Xp("holiday_settled_upto", j)
    return f"=INDEX({b.Xr(cum_key)},1,{up}+2)-INDEX({b.Xr(cum_key)},1,{upp}+2)"


def agreement_index(cs, basis, j) -> str:
    """A collective agreement's pay index in month ``j`` (engine: ``pay.agreement_index``):
    the product of (1 + raise) of the raises dated after the first month's first
    day up to this month's, × (1 + wage growth) for each year after the file's last known date."""
    E, pn = cs.E, param_name(pay.RAISES[basis])
    first = f"$E${cs.c['t_first_day'] + 1}"
    base = f"$E${cs.c['t_year'] + 1}"
    known = cs.ctx.params.get(pay.RAISES[basis]).known_until.year
    return (f"EXP(SUMPRODUCT(({pn}_from>{first})*({pn}_from<={E('t_first_day', j)})*LN(1+{pn})))"
            f"*(1+{cs.sh.name('assumptions.wage_growth')})^MAX(0,{E('t_year', j)}-MAX({known},{base}))")


def pay_index(cs, b, j) -> str:
    """The row's pay index in month ``j``: by the pay basis of the employment in force
    (its Assumptions cell); wage growth where none (work activity, after conversion)."""
    ms = b.pl.month_source[j]
    if ms is None or ms[1].kind != "employment" or ms[0].kind == "pipeline":
        return f"={cs.E('t_wage_index', j)}"
    ref = cs.sh.src_ref(ms[0], "pay_basis")
    out = cs.E("t_wage_index", j)
    for basis in pay.RAISES:
        out = f'IF({ref}="{basis}",{agreement_index(cs, basis, j)},{out})'
    return "=" + out


def block(cs, b) -> dict:
    """Formulas of a roster row's pay rows, by month ``j``."""
    E, P, pp, X, Xp = cs.E, cs.P, b.pp, b.X, b.Xp
    holiday_month = cs.sh.name("assumptions.holiday_pay_month")
    return {
        "pay_index": lambda j: pay_index(cs, b, j),
        "monthly_pay": lambda j: f"={pp('employed_here', j)}*{pp('base_pay', j)}*{X('pay_index', j)}",
        "holiday_days": lambda j: (
            f"=IF(AND({pp('employed_here', j)}=1,{pp('hours_per_week', j)}*(52/12)>="
            f"{P('holiday.min_hours_for_full_month', j)}),IF({pp('employment_start', j)}<="
            f"{E('t_holiday_cutoff', j)},{P('holiday.days_per_month', j)},"
            f"{P('holiday.days_per_month_first_year', j)}),0)"),
        "holiday_pay": lambda j: f"={X('holiday_days', j)}*{X('monthly_pay', j)}/{P('holiday.working_days_per_month', j)}",
        "wages": lambda j: f"={X('monthly_pay', j)}-{X('holiday_pay', j)}",
        "holiday_bonus": lambda j: f"={X('holiday_pay', j)}*{P('holiday.lomaraha_share', j)}",
        "pay_base": lambda j: f"={X('monthly_pay', j)}+{X('holiday_bonus', j)}",
        "holiday_settled_upto": lambda j: (
            f"=MAX({Xp('holiday_settled_upto', j)},IF(OR({pp('employed_here', j)}=1,{pp('employment_last', j)}=1),"
            f"IF({pp('employment_last', j)}=1,{E('t_index', j)},IF({E('t_cal_month', j)}="
            f"{holiday_month},{E('t_index', j)}-MOD({E('t_cal_month', j)}-3,12),-1)),-1))"),
        "cum_holiday_pay": lambda j: f"={Xp('cum_holiday_pay', j)}+{X('holiday_pay', j)}",
        "cum_holiday_bonus": lambda j: f"={Xp('cum_holiday_bonus', j)}+{X('holiday_bonus', j)}",
        "holiday_pay_paid": lambda j: settled(b, "cum_holiday_pay", j),
        "holiday_bonus_paid": lambda j: settled(b, "cum_holiday_bonus", j),
        "paid_hours": lambda j: f"=IF({pp('employed_here', j)}=1,{pp('hours_per_week', j)}*(52/12),0)",
        "people_in_paid_work": lambda j: f"=IF(OR({pp('employed_here', j)}=1,{pp('employed_company', j)}=1),1,0)",
        "people_employed_here": lambda j: f"=IF({pp('employed_here', j)}=1,1,0)",
    }


def monthly(m) -> dict:
    """Monthly lines of pay: accrual, cash and volumes."""
    w = m.wsum
    return {
        "wages": lambda j: "=" + w("wages", j),
        "holiday_pay": lambda j: "=" + w("holiday_pay", j),
        "holiday_bonus": lambda j: "=" + w("holiday_bonus", j),
        "wages_paid": lambda j: f"={m.M('wages', j)}",
        "holiday_pay_paid": lambda j: "=" + w("holiday_pay_paid", j),
        "holiday_bonus_paid": lambda j: "=" + w("holiday_bonus_paid", j),
        "paid_hours": lambda j: "=" + w("paid_hours", j),
        "people_in_paid_work": lambda j: "=" + w("people_in_paid_work", j),
        "people_employed_here": lambda j: "=" + w("people_employed_here", j),
    }

"""Work activity on the workbook (rules: ``simulator/engine/lines/work_activity.py``):
työosuusraha paid to participants, day prices from the county, avotyö fees
from companies (some at the standard VAT rate), meal fees from clients, the
unit's costs per day, and head counts of people in work activity and avotyö.
"""
from __future__ import annotations

import numpy as np

from simulator.engine.lines import company
from simulator.engine.lines import work_activity as wa

# the statutory average side-cost rates of a company (lines/company.py)
_COMPANY_RATES = ("tyel.employer_average", "health_insurance.employer", "unemployment_insurance.employer_lower",
                  "accident_insurance.average", "group_life_insurance.average")


def values(ctx, v) -> dict:
    r_ = ctx.roster
    fees = wa.avotyo_fees(ctx)
    return {
        "work_activity_pay": wa.work_activity_pay(ctx), "day_price_income": wa.day_price_income(ctx),
        "avotyo_fees": fees, "avotyo_fees_standard": np.where(r_.company_fee_standard_vat, fees, 0.0),
        "client_fees": wa.client_fees(ctx), "work_activity_costs": wa.work_activity_costs(ctx),
        "people_in_work_activity": (r_.in_work_activity & ~r_.in_avotyo).astype(float),
        "people_in_avotyo": (r_.in_work_activity & r_.in_avotyo).astype(float),
        "participant_days_here": wa.participant_days_here(ctx),
        "day_price_elsewhere": r_.wa_days_other * r_.day_price_other * ctx.row_index(ctx.a.price_growth),
        "company_pay_subsidy": company.company_pay_subsidy(ctx),
    }


def block(cs, b) -> dict:
    """Formulas of a roster row's work-activity rows, by month ``j``."""
    E, pp, X = cs.E, b.pp, b.X
    return {
        "work_activity_pay": lambda j: f"={pp('wa_days', j)}*{pp('tyoosuusraha_rate', j)}",
        "day_price_income": lambda j: f"={pp('wa_days', j)}*{pp('day_price', j)}*{E('t_price_index', j)}",
        "avotyo_fees": lambda j: f"={pp('wa_days', j)}*{pp('company_fee', j)}*{E('t_price_index', j)}",
        "avotyo_fees_standard": lambda j: f"={X('avotyo_fees', j)}*{pp('company_fee_standard_vat', j)}",
        "client_fees": lambda j: f"={pp('wa_days', j)}*{pp('meal_fee', j)}",
        "work_activity_costs": lambda j: f"={pp('wa_days', j)}*{pp('cost_per_day', j)}*{E('t_cost_index', j)}",
        "people_in_work_activity": lambda j: (
            f"=IF(AND({pp('in_work_activity', j)}=1,{pp('in_avotyo', j)}<>1),1,0)"),
        "people_in_avotyo": lambda j: (
            f"=IF(AND({pp('in_work_activity', j)}=1,{pp('in_avotyo', j)}=1),1,0)"),
        "participant_days_here": lambda j: f"=IF({pp('in_avotyo', j)}=1,0,{pp('wa_days', j)})",
        "day_price_elsewhere": lambda j: (
            f"={pp('wa_days_other', j)}*{pp('day_price_other', j)}*{E('t_price_index', j)}"),
        "company_pay_subsidy": lambda j: _company_subsidy(cs, pp, X, j),
    }


def _company_subsidy(cs, pp, X, j) -> str:
    """min(rate × B, cap), before 7/2023 min(rate × B × (1 + c), cap) (lines/company.py)."""
    rate, cap, old = (pp(k, j) for k in ("company_subsidy_rate", "company_subsidy_cap", "company_subsidy_old_rules"))
    b = f"{pp('base_pay', j)}*{pp('employed_company', j)}*{X('pay_index', j)}"   # the row's pay index (pay.py)
    c = "+".join(cs.P(p, j) for p in _COMPANY_RATES)
    return f"=IF({rate}>0,IF({old}=1,MIN({rate}*{b}*(1+{c}),{cap}),MIN({rate}*{b},{cap})),0)"


def monthly(m) -> dict:
    M, w = m.M, m.wsum
    return {
        "avotyo_fees": lambda j: "=" + w("avotyo_fees", j),
        "day_price_income": lambda j: "=" + w("day_price_income", j),
        "client_fees": lambda j: "=" + w("client_fees", j),
        "work_activity_pay": lambda j: "=" + w("work_activity_pay", j),
        "work_activity_costs": lambda j: "=" + w("work_activity_costs", j),
        "client_fees_received": lambda j: f"={M('client_fees', j)}",
        "work_activity_pay_paid": lambda j: f"={M('work_activity_pay', j)}",
        "work_activity_costs_paid": lambda j: f"={M('work_activity_costs', j)}",
        "people_in_work_activity": lambda j: "=" + w("people_in_work_activity", j),
        "people_in_avotyo": lambda j: "=" + w("people_in_avotyo", j),
        "participant_days_here": lambda j: "=" + w("participant_days_here", j),
        "day_price_elsewhere": lambda j: "=" + w("day_price_elsewhere", j),
        "company_pay_subsidy": lambda j: "=" + w("company_pay_subsidy", j),
    }

"""Work activity on the workbook (rules: ``simulator/engine/lines/work_activity.py``):
työosuusraha paid to participants, day prices from the county, avotyö fees
from companies (some at the standard VAT rate), meal fees from clients, the
unit's costs per day, and head counts of people in work activity and avotyö.
"""
from __future__ import annotations

import numpy as np

from simulator.engine.lines import work_activity as wa


def values(ctx, v) -> dict:
    r_ = ctx.roster
    fees = wa.avotyo_fees(ctx)
    return {
        "work_activity_pay": wa.work_activity_pay(ctx), "day_price_income": wa.day_price_income(ctx),
        "avotyo_fees": fees, "avotyo_fees_standard": np.where(r_.company_fee_standard_vat, fees, 0.0),
        "client_fees": wa.client_fees(ctx), "work_activity_costs": wa.work_activity_costs(ctx),
        "people_in_work_activity": (r_.in_work_activity & ~r_.in_avotyo).astype(float),
        "people_in_avotyo": (r_.in_work_activity & r_.in_avotyo).astype(float),
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
    }


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
    }

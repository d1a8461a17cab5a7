"""Key figures of a projection.

- break-even month: the first month from which the cumulative result stays
  at or above zero to the end of the projection (None if it never does);
- minimum closing cash and its month;
- NPV of the monthly net cash flows at the scenario's discount rate
  (Excel convention, see conventions.npv) and the annualised IRR where defined;
- cost per paid work hour (all costs / paid hours of people employed here);
- subsidy share of income (subsidies / (revenue + subsidies)).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .conventions import irr_annual, npv


def break_even_index(cumulative: np.ndarray, tol: float = 1e-9) -> int | None:
    """Index of the first month from which ``cumulative`` stays >= 0."""
    below = np.nonzero(cumulative < -tol)[0]
    if below.size == 0:
        return 0
    last = below[-1]
    return None if last == len(cumulative) - 1 else int(last + 1)


def _num(x: float) -> float:
    return round(float(x), 2)


def compute_kpis(monthly: pd.DataFrame, scenario) -> dict:
    months = monthly["month"].to_numpy()
    cum = monthly["cumulative_result"].to_numpy()
    be = break_even_index(cum)
    cash = monthly["closing_cash"].to_numpy()
    i_min = int(np.argmin(cash))
    ncf = monthly["net_cash_flow"].to_numpy()
    hours = float(monthly["paid_hours"].sum())
    income = float(monthly["revenue"].sum() + monthly["subsidies"].sum())
    years = monthly["month"].str[:4]
    yearly = monthly.groupby(years, sort=True)["result"].sum()
    irr = irr_annual(ncf)
    return {
        "break_even_month": None if be is None else str(months[be]),
        "min_cash": _num(cash[i_min]),
        "min_cash_month": str(months[i_min]),
        "closing_cash": _num(cash[-1]),
        "npv": _num(npv(scenario.assumptions.discount_rate, ncf)),
        "irr": None if irr is None else round(irr, 6),
        "total_result": _num(monthly["result"].sum()),
        "total_revenue": _num(monthly["revenue"].sum()),
        "total_subsidies": _num(monthly["subsidies"].sum()),
        "total_costs": _num(monthly["costs"].sum()),
        "result_by_year": {str(y): _num(v) for y, v in yearly.items()},
        "paid_hours": _num(hours),
        "cost_per_paid_hour": None if hours <= 0 else _num(monthly["costs"].sum() / hours),
        "subsidy_share": None if income <= 0 else round(float(monthly["subsidies"].sum()) / income, 6),
        "people_in_paid_work_end": _num(monthly["people_in_paid_work"].iloc[-1]),
        "person_months_in_paid_work": _num(monthly["people_in_paid_work"].sum()),
    }

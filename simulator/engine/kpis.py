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

from simulator.model.conventions import irr_annual, npv


def break_even_indices(cumulative: np.ndarray, tol: float = 1e-9) -> np.ndarray:
    """Per row (a Monte Carlo draw, or the one projection), the index of the
    first month from which ``cumulative`` stays >= 0 (to within ``tol`` euros
    of floating-point noise); -1 where it never does."""
    cumulative = np.atleast_2d(cumulative)
    below = cumulative < -tol
    m = cumulative.shape[-1]
    last = m - 1 - np.argmax(below[:, ::-1], axis=-1)
    out = np.where(below.any(axis=-1), last + 1, 0)
    return np.where(out >= m, -1, out)


def break_even_index(cumulative: np.ndarray, tol: float = 1e-9) -> int | None:
    """Index of the first month from which ``cumulative`` stays >= 0, or None."""
    be = int(break_even_indices(cumulative, tol)[0])
    return None if be < 0 else be


def _num(x: float) -> float:
    return round(float(x), 2)


def compute_kpis(col: dict, month_labels: list[str], scenario) -> dict:
    """KPIs from the projection's columns (numpy arrays, one value a month)."""
    months = month_labels
    be = break_even_index(col["cumulative_result"])
    cash = col["closing_cash"]
    i_min = int(np.argmin(cash))
    ncf = col["net_cash_flow"]
    hours = float(col["paid_hours"].sum())
    subsidies = float(col["subsidies"].sum())
    income = float(col["revenue"].sum()) + subsidies
    costs = float(col["costs"].sum())
    first_year = int(months[0][:4])
    month_years = first_year + (np.arange(len(months)) + int(months[0][5:7]) - 1) // 12
    yearly = {str(y): _num(col["result"][month_years == y].sum()) for y in np.unique(month_years)}
    irr = irr_annual(ncf)
    return {
        "break_even_month": None if be is None else months[be],
        "min_cash": _num(cash[i_min]),
        "min_cash_month": months[i_min],
        "closing_cash": _num(cash[-1]),
        "npv": _num(npv(scenario.assumptions.discount_rate, ncf)),
        "irr": None if irr is None else round(irr, 6),
        "total_result": _num(col["result"].sum()),
        "total_revenue": _num(col["revenue"].sum()),
        "total_subsidies": _num(subsidies),
        "total_costs": _num(costs),
        "result_by_year": yearly,
        "paid_hours": _num(hours),
        "cost_per_paid_hour": None if hours <= 0 else _num(costs / hours),
        "subsidy_share": None if income <= 0 else round(subsidies / income, 6),
        "people_in_paid_work_end": _num(col["people_in_paid_work"][-1]),
        "person_months_in_paid_work": _num(col["people_in_paid_work"].sum()),
    }

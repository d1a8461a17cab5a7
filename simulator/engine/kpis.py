"""Key figures of a projection.

- break-even month: the first month from which the cumulative result stays
  at or above zero to the end of the projection (None if it never does);
- minimum closing cash and its month;
- NPV of the monthly net cash flows at the scenario's discount rate
  (Excel convention, see conventions.npv) and the annualised IRR where defined;
- cost per paid work hour (all costs / paid hours of people employed here);
- subsidy share of income (subsidies / (revenue + subsidies)).

Every key figure is the organisation's: it counts the months from the
organisation's founding month (``organisation_founded``, default the
start) only; before it only the public parties and the people have money
(``organisation_columns``; docs/rules.md, "The organisation's founding month").
"""
from __future__ import annotations

import numpy as np

from simulator.model.conventions import irr_annual
from simulator.model.conventions import npv as _npv


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


# One function per key figure, each of the figure's own name (the
# catalogue's ``kpis.<name>``): ``col`` are the projection's columns (one
# value a month), ``months`` their ``YYYY-MM`` labels.

def break_even_month(col: dict, months: list[str], scenario) -> str | None:
    """The first month from which the cumulative result stays >= 0 to the end, or None."""
    be = break_even_index(col["cumulative_result"])
    return None if be is None else months[be]


def min_cash(col: dict, months: list[str], scenario) -> float:
    """The lowest closing cash."""
    return _num(col["closing_cash"][int(np.argmin(col["closing_cash"]))])


def min_cash_month(col: dict, months: list[str], scenario) -> str:
    """The (first) month of the lowest closing cash."""
    return months[int(np.argmin(col["closing_cash"]))]


def closing_cash(col: dict, months: list[str], scenario) -> float:
    """Closing cash of the last month."""
    return _num(col["closing_cash"][-1])


def npv(col: dict, months: list[str], scenario) -> float:
    """NPV of the monthly net cash flows at the discount rate (Excel's NPV, conventions.npv)."""
    return _num(_npv(scenario.assumptions.discount_rate, col["net_cash_flow"]))


def irr(col: dict, months: list[str], scenario) -> float | None:
    """Annualised IRR of the monthly net cash flows (conventions.irr_annual), or None."""
    value = irr_annual(col["net_cash_flow"])
    return None if value is None else round(value, 6)


def irr_reason(col: dict, months: list[str], scenario) -> str | None:
    """Why ``irr`` is null: ``irr_undefined`` where the net cash flows do not
    change sign exactly once or the rate lies beyond ±50 % a month; None
    where the IRR is defined."""
    return "irr_undefined" if irr_annual(col["net_cash_flow"]) is None else None


def total_result(col: dict, months: list[str], scenario) -> float:
    """Σ result."""
    return _num(col["result"].sum())


def total_revenue(col: dict, months: list[str], scenario) -> float:
    """Σ revenue."""
    return _num(col["revenue"].sum())


def total_subsidies(col: dict, months: list[str], scenario) -> float:
    """Σ subsidies."""
    return _num(float(col["subsidies"].sum()))


def total_costs(col: dict, months: list[str], scenario) -> float:
    """Σ costs."""
    return _num(float(col["costs"].sum()))


def result_by_year(col: dict, months: list[str], scenario) -> dict:
    """Σ result by calendar year, ``{"YYYY": value}``."""
    first_year = int(months[0][:4])
    month_years = first_year + (np.arange(len(months)) + int(months[0][5:7]) - 1) // 12
    return {str(y): _num(col["result"][month_years == y].sum()) for y in np.unique(month_years)}


def paid_hours(col: dict, months: list[str], scenario) -> float:
    """Σ paid hours of people (not staff) employed here."""
    return _num(float(col["paid_hours"].sum()))


def cost_per_paid_hour(col: dict, months: list[str], scenario) -> float | None:
    """Σ costs / Σ paid hours; None without paid hours."""
    hours = float(col["paid_hours"].sum())
    return None if hours <= 0 else _num(float(col["costs"].sum()) / hours)


def subsidy_share(col: dict, months: list[str], scenario) -> float | None:
    """Σ subsidies / (Σ revenue + Σ subsidies); None without income."""
    subsidies = float(col["subsidies"].sum())
    income = float(col["revenue"].sum()) + subsidies
    return None if income <= 0 else round(subsidies / income, 6)


def people_in_paid_work_end(col: dict, months: list[str], scenario) -> float:
    """People in paid work in the last month."""
    return _num(col["people_in_paid_work"][-1])


def person_months_in_paid_work(col: dict, months: list[str], scenario) -> float:
    """Σ people in paid work over the months."""
    return _num(col["people_in_paid_work"].sum())


def founded_index(scenario) -> int:
    """Index of the organisation's founding month among the projection's months (0 = the start)."""
    return max(0, scenario.founded_month - scenario.first_month)


def organisation_columns(col: dict, month_labels: list[str], scenario) -> tuple[dict, list[str]]:
    """The columns and month labels from the founding month on (the months the
    organisation's KPIs count); the cumulative result restarts there. Columns
    may carry a leading draws axis (Monte Carlo)."""
    k0 = founded_index(scenario)
    if k0 == 0:
        return col, month_labels
    out = {k: v[..., k0:] for k, v in col.items()}
    if "result" in out:
        out["cumulative_result"] = np.cumsum(out["result"], axis=-1)
    return out, month_labels[k0:]


def compute_kpis(col: dict, month_labels: list[str], scenario) -> dict:
    """KPIs from the projection's columns (numpy arrays, one value a month),
    over the months from the organisation's founding month, in the
    catalogue's order, each by the function the catalogue names."""
    from simulator.engine.catalogue import KPIS
    here = globals()
    col, month_labels = organisation_columns(col, month_labels, scenario)
    return {name: here[entry.function.split(".", 1)[1]](col, month_labels, scenario)
            for name, entry in KPIS.items()}

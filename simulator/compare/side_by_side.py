"""Side-by-side comparison of projections on the same people and years."""
from __future__ import annotations

import pandas as pd

from simulator.engine.projection import Projection

COMPARED_KPIS = ("break_even_month", "min_cash", "min_cash_month", "closing_cash", "npv",
                 "total_result", "total_revenue", "total_subsidies", "total_costs",
                 "paid_hours", "cost_per_paid_hour", "subsidy_share",
                 "people_in_paid_work_end", "person_months_in_paid_work")


def kpi_table(projections: list[Projection]) -> pd.DataFrame:
    """KPIs (rows) × scenarios (columns), plus yearly results."""
    data = {}
    for p in projections:
        col = {k: p.kpis.get(k) for k in COMPARED_KPIS}
        for y, v in p.kpis["result_by_year"].items():
            col[f"result_{y}"] = v
        data[p.scenario.name] = col
    return pd.DataFrame(data)


def differences(table: pd.DataFrame) -> pd.DataFrame:
    """Numeric differences of each scenario against the first one."""
    num = table.apply(pd.to_numeric, errors="coerce")
    first = num.iloc[:, 0]
    return num.iloc[:, 1:].sub(first, axis=0)


def yearly(projections: list[Projection], line: str = "result") -> pd.DataFrame:
    """A line summed by calendar year, scenarios side by side."""
    out = {}
    for p in projections:
        m = p.monthly
        out[p.scenario.name] = m.groupby(m["month"].str[:4])[line].sum()
    return pd.DataFrame(out)


def to_dict(projections: list[Projection]) -> dict:
    """JSON of a comparison: each scenario's full run plus the KPI table."""
    table = kpi_table(projections)
    return {
        "scenarios": [p.to_dict() for p in projections],
        "comparison": {name: {k: v for k, v in col.items()} for name, col in table.to_dict().items()},
    }

"""The cost index: what costs that follow consumer prices cost a month,
relative to the scenario's first year.

Actual yearly consumer-price change (Statistics Finland, ``cpi.annual_change``,
payroll-rules.md §9) for each year it is known, from 1 January of the year;
after the last actual year the scenario's ``cost_inflation`` each 1 January.
"""
from __future__ import annotations

import numpy as np

from simulator.model.conventions import calendar_year
from simulator.engine.lines.context import Context

CPI = "cpi.annual_change"


def cost_index(ctx: Context) -> np.ndarray:
    """Cost index a month, 1 in the first year: the product of (1 + CPI
    change) over the years after the first year up to the month's year
    while the CPI is known (the entries dated 1 January of each year up to
    ``known_until``), × (1 + ``cost_inflation``) for each later year.
    ``(draws, months)`` when ``cost_inflation`` is a Monte Carlo batch."""
    def calc():
        p = ctx.params.get(CPI)
        years = calendar_year(ctx.months)
        idx = np.ones(len(years))
        for e in p.entries:
            y = e.valid_from.year
            if y > ctx.base_year:
                idx = np.where(years >= y, idx * (1.0 + e.value * p.scale), idx)
        ctx.flag_estimates(CPI)
        after = np.maximum(years - max(p.known_until.year, ctx.base_year), 0)
        return idx * (1.0 + ctx.a.cost_inflation) ** after
    return ctx.memo("cost_index", calc)


def row_cost_index(ctx: Context) -> np.ndarray:
    """The cost index shaped to multiply rows × months arrays."""
    return cost_index(ctx)[..., None, :]

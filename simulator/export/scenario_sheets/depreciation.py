"""Investments and depreciation on the workbook (rules:
``simulator/engine/lines/depreciation.py``): a one-off overhead with
``depreciation_years`` (an editable cell) is an investment. Its price
(the item's amount row: the amount in its month, raised by cost inflation
if indexed, times the scenario's unit share if shared by the unit's
participants) leaves as ``investment_payments`` in the month of purchase, and
the result carries price / (12 × years) a month from that month for
12 × years months. One row per one-off overhead on the Calculation sheet
(zero while it has no depreciation period).
"""
from __future__ import annotations

import numpy as np

from simulator.engine.lines.depreciation import depreciation_by_item
from .cells import cl
from .layout import one_off_overheads


def investment_cond(sh) -> str:
    """The condition (over the overhead rows) of an investment: a one-off with a depreciation period."""
    kind, years = (sh.table_ranges.get(("overheads", f)) for f in ("kind", "depreciation_years"))
    return f'({kind}="one_off")*({years}>0)'


def expensed_one_off_cond(sh) -> str:
    """The condition of a one-off expensed at once (no depreciation period)."""
    kind, years = (sh.table_ranges.get(("overheads", f)) for f in ("kind", "depreciation_years"))
    return f'({kind}="one_off")*(1-({years}>0))'


def _values(cs, it) -> np.ndarray:
    """The engine's depreciation of one item (depreciation.depreciation_by_item:
    the unit share of a shared investment included); zero without a period."""
    if not it.depreciation_years:
        return np.zeros(cs.n)
    return depreciation_by_item(cs.ctx, [it])[0]


def write_items(cs):
    """One row per one-off overhead: its depreciation a month."""
    ws, sh, n, E, c = cs.ws, cs.sh, cs.n, cs.E, cs.c
    cs.section("sec_depreciation")
    last = sh.last_col()
    for i in one_off_overheads(cs.s):
        it = cs.s.overheads[i]
        r = c[("depreciation", i)]
        ws.write_string(r, 0, f"{sh.L('xl.table.overheads')} {i + 1}")
        ws.write_string(r, 1, "depreciation_item", cs.f["key"])
        ws.write_string(r, 2, it.name)
        fr, ar = c[("overheads", "flag", i)] + 1, c[("overheads", "amount", i)] + 1
        kind, years = sh.tref("overheads", i, "kind"), sh.tref("overheads", i, "depreciation_years")
        bought = f"SUMPRODUCT($E${fr}:${last}${fr},{cs.rng('t_month_no')})"   # the purchase month's number
        price = f"SUM($E${ar}:${last}${ar})"                                  # 0 if bought outside the horizon

        def fx(j):
            t = E("t_month_no", j)
            return (f'=IF(AND({kind}="one_off",{years}>0),IF(AND({t}>={bought},{t}<{bought}+12*{years}),'
                    f"{price}/(12*{years}),0),0)")
        sh.write_row(ws, r, [fx(j) for j in range(n)], _values(cs, it), "eur")


def monthly(m) -> dict:
    sh, c = m.sh, m.c
    rows = [c[("depreciation", i)] + 1 for i in one_off_overheads(m.s)]
    return {
        "depreciation": lambda j: (f"=SUM({m.Cq}!{cl(j)}{rows[0]}:{cl(j)}{rows[-1]})" if rows else "=0"),
        "investment_payments": lambda j: "=" + m.group_sum("overheads", j, investment_cond(sh)),
    }

"""Income tax on the workbook (rules: ``simulator/engine/lines/tax.py``): at each
year end, corporate tax on the year's result before tax less losses carried
forward; a loss adds to the losses carried; the tax is paid in the assumed
month of the next year. Only for an organisation that pays income tax.
"""
from __future__ import annotations

import numpy as np


def write_income_tax(cs):
    n, E, P, mref, prev, rng = cs.n, cs.E, cs.P, cs.mref, cs.prev, cs.rng
    sh, col, years, ye, row = cs.sh, cs.col, cs.Yv, cs.ye, cs.row
    rbt = col["result_before_tax"]
    tytd, pool = np.zeros(n), np.zeros(n)
    for j in range(n):
        tytd[j] = rbt[j] + (tytd[j - 1] if j and years[j] == years[j - 1] else 0.0)
        p0 = pool[j - 1] if j else 0.0
        pool[j] = (p0 - tytd[j] if tytd[j] < 0 else p0 - min(p0, tytd[j])) if ye[j] else p0
    row("tax_ytd", [f"={mref('result_before_tax', 0)}" if j == 0 else
                    f"=IF({E('t_year', j)}={E('t_year', j - 1)},{E('tax_ytd', j - 1)},0)+{mref('result_before_tax', j)}"
                    for j in range(n)], tytd)
    cs.ws.write_number(cs.c["losses_carried"], 3, 0, cs.f["st_int"])
    row("losses_carried", [
        f"=IF({E('t_year_end', j)}=1,IF({E('tax_ytd', j)}<0,{prev('losses_carried', j)}-{E('tax_ytd', j)},"
        f"{prev('losses_carried', j)}-MIN({prev('losses_carried', j)},{E('tax_ytd', j)})),{prev('losses_carried', j)})"
        for j in range(n)], pool)
    pays = sh.name("assumptions.pays_income_tax")
    row("income_tax", [
        f"=IF(AND({pays},{E('t_year_end', j)}=1,{E('tax_ytd', j)}>=0),{P('corporate_tax.rate', j)}"
        f"*({E('tax_ytd', j)}-MIN({prev('losses_carried', j)},{E('tax_ytd', j)})),0)" for j in range(n)],
        col["income_tax"])
    pm = sh.name("assumptions.income_tax_payment_month")
    row("income_tax_paid", [
        f"=IF(AND({pays},{E('t_cal_month', j)}={pm}),SUMPRODUCT(({rng('t_year')}={E('t_year', j)}-1)"
        f"*{rng('income_tax')}),0)" for j in range(n)], col["income_tax_paid"])


def monthly(m) -> dict:
    return {
        "income_tax": lambda j: f"={m.Cc('income_tax', j)}",
        "income_tax_paid": lambda j: f"={m.Cc('income_tax_paid', j)}",
    }

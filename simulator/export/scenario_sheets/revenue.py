"""Revenue on the workbook (rules: ``simulator/engine/lines/revenue.py``):
each sales line is price × volume (or × paid hours) × seasonality, grown
by its own or the general price growth, in its active months; customers
pay sales, avotyö fees, day prices and output VAT after the payment term
(rounded up to whole months).
"""
from __future__ import annotations

import numpy as np

from simulator.engine import catalogue
from simulator.engine.lines import revenue as rv
from simulator.model.conventions import month_number
from .cells import cl


def sales_lines(cs) -> np.ndarray:
    """The engine's sales by line (lines × months), computed once per sheet."""
    if not hasattr(cs, "_sales_lines"):
        cs._sales_lines = rv.sales_by_line(cs.ctx)
    return cs._sales_lines


def receipt_lag_name(sh) -> str:
    return f"s{sh.k}_receipt_lag"


def write_receipt_lag(cs):
    """Months from a sale to the customer's payment (a defined name)."""
    sh = cs.sh
    lag_r = cs.c["receipt_lag"]
    cs.label(lag_r, "receipt_lag")
    lag = int(np.ceil(max(cs.a.customer_payment_term_days, 0) / 30))
    cs.ws.write_formula(lag_r, 2, f"=ROUNDUP(MAX({sh.name('assumptions.customer_payment_term_days')},0)/30,0)",
                        cs.f["int"], lag)
    sh.wb.define_name(receipt_lag_name(sh), f"={sh.q['calc']}!$C${lag_r + 1}")


def write_receipts(cs):
    """What customers owe in a month (incl. output VAT), and what they pay the lag later."""
    E, n, mref = cs.E, cs.n, cs.mref
    col, lag_name = cs.col, receipt_lag_name(cs.sh)
    recv = col["sales"] + col["avotyo_fees"] + col["day_price_income"] + cs.out_vat
    cs.row("receivables", [f"={mref('sales', j)}+{mref('avotyo_fees', j)}+{mref('day_price_income', j)}"
                           f"+{E('output_vat', j)}" for j in range(n)], recv)
    cs.row("customer_receipts", [
        f"=IF({E('t_index', j)}-{lag_name}>=0,INDEX({cs.rng('receivables')},1,{E('t_index', j)}-{lag_name}+1),0)"
        for j in range(n)], col["customer_receipts"])


def write_items(cs):
    """One active-months row and one amount row per sales line."""
    ws, sh, n, E, months = cs.ws, cs.sh, cs.n, cs.E, cs.months
    Mq, mr = cs.Mq, cs.mr
    group = "revenue"
    cs.section("sec_" + group)
    for i, it in enumerate(cs.s.revenue):
        a0 = month_number(it.start) if it.start else months[0]
        b0 = month_number(it.end) if it.end else months[-1]
        fr = cs.flag_row(group, i, (months >= a0) & (months <= b0))
        ar = cs.amount_key(group, i)
        tr = lambda fld: sh.tref(group, i, fld)
        ws.write_string(ar, 0, f"{sh.L('xl.calc.sales_line')} {i + 1}")
        ws.write_string(ar, 2, it.name)
        season_rng = f"{tr('seasonality_1')}:{tr('seasonality_12').split('!')[1]}"
        growth = f"IF(ISNUMBER({tr('growth')}),{tr('growth')},{sh.name('assumptions.price_growth')})"
        vfph = tr('volume_from_paid_hours')
        vppd = tr('volume_per_participant_day')
        vol = lambda j: (f"IF(ISNUMBER({vfph}),{vfph}*{Mq}!{cl(j)}{mr['paid_hours'] + 1},"
                         f"IF(ISNUMBER({vppd}),{vppd}*{Mq}!{cl(j)}{mr['participant_days_here'] + 1},"
                         f"{tr('volume')}))")
        fx = [(f"={cl(j)}{fr + 1}*{tr('price')}*(1+{growth})^{E('t_years', j)}*" + vol(j) +
               f"*IF(COUNT({season_rng})>0,INDEX({season_rng},1,{E('t_cal_month', j)}),1)")
              for j in range(n)]
        sh.write_row(ws, ar, fx, sales_lines(cs)[i], "eur")


def monthly(m) -> dict:
    M = m.M
    kind = m.sh.table_ranges.get(("revenue", "kind"))
    return {
        "sales": lambda j: "=" + m.group_sum("revenue", j, f'{kind}<>"avoided_cost"'),
        "avoided_costs": lambda j: "=" + m.group_sum("revenue", j, f'{kind}="avoided_cost"'),
        "revenue": lambda j: "=" + "+".join(M(k, j) for k in catalogue.COLUMNS["revenue"].sums),
        "customer_receipts": lambda j: f"={m.Cc('customer_receipts', j)}",
    }

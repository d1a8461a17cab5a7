"""VAT on the workbook (rules: ``simulator/engine/lines/vat.py``): a registered
organisation charges output VAT on standard-rated sales and avotyö fees and
deducts input VAT on standard-rated purchases, settling the difference two
months later (a refund when negative); an unregistered one bears the input
VAT as a cost.
"""
from __future__ import annotations

import numpy as np

from simulator.engine.lines.items import schedule
from simulator.engine.lines import vat
from .cells import cl, param_name
from .revenue import sales_lines


def write_vat(cs):
    """Taxable sales, output VAT, standard-rated purchases, input VAT, VAT due and payable.
    Sets ``cs.out_vat`` (customers pay it with the sales)."""
    s, c, n, E, P, a = cs.s, cs.c, cs.n, cs.E, cs.P, cs.a
    sh, row = cs.sh, cs.row
    vat_rate = cs.pv["vat.standard_rate"]
    rev_amount = [c[("revenue", "amount", i)] for i in range(len(s.revenue))]
    std_sales = np.zeros(n)
    lines = sales_lines(cs)
    for i, ln in enumerate(s.revenue):
        if ln.vat == "standard" and ln.kind == "sale":   # avoided costs never carry VAT
            std_sales = std_sales + lines[i]
    taxable = std_sales + cs.ctx.total(cs.vals["avotyo_fees_standard"])

    def rev_std(j):
        if not s.revenue:
            return ""
        rr = f"{cl(j)}{rev_amount[0] + 1}:{cl(j)}{rev_amount[-1] + 1}"
        return (f'SUMPRODUCT(({sh.table_ranges[("revenue", "vat")]}="standard")'
                f'*({sh.table_ranges[("revenue", "kind")]}<>"avoided_cost")*({rr}))+')
    row("taxable_sales", [f"={rev_std(j)}{cs.wsum('avotyo_fees_standard', j)}" for j in range(n)], taxable)
    reg = sh.name("assumptions.vat_registered")
    out_vat = taxable * vat_rate if a.vat_registered else np.zeros(n)
    row("output_vat", [f"=IF({reg},{E('taxable_sales', j)}*{P('vat.standard_rate', j)},0)"
                       for j in range(n)], out_vat)
    items_std = [o for o in s.overheads if o.vat == "standard"]
    purchases = schedule(cs.ctx, items_std).sum(axis=0)

    def oh_sum(j, cond):
        if not s.overheads:
            return "0"
        a0, a1 = c[("overheads", "amount", 0)], c[("overheads", "amount", len(s.overheads) - 1)]
        return f"SUMPRODUCT(({cond})*({cl(j)}{a0 + 1}:{cl(j)}{a1 + 1}))"
    vat_rng = sh.table_ranges.get(("overheads", "vat"))
    std_cond = f'{vat_rng}="standard"'
    row("purchases_standard", ["=" + oh_sum(j, std_cond) for j in range(n)], purchases)
    in_vat = purchases * vat_rate
    row("input_vat", [f"={E('purchases_standard', j)}*{P('vat.standard_rate', j)}" for j in range(n)], in_vat)
    due = (out_vat - in_vat) if a.vat_registered else np.zeros(n)
    row("vat_due", [f"=IF({reg},{E('output_vat', j)}-{E('input_vat', j)},0)" for j in range(n)], due)
    payable = np.concatenate([np.zeros(min(2, n)), due[:-2]]) if n > 2 else np.zeros(n)
    row("vat_payable", ["=0" if j < 2 else f"={E('vat_due', j - 2)}" for j in range(n)], payable)
    cs.out_vat = out_vat
    write_relief(cs)


def write_relief(cs):
    """The VAT relief for small businesses (engine: ``vat.vat_relief``): the
    turnover a month, and in each December the relief of the year from the
    year's VAT due (V) and its turnover scaled to 12 months (LV)."""
    n, E, sh, row = cs.n, cs.E, cs.sh, cs.row
    last = sh.last_col()
    mrow = lambda k: f"{cs.Mq}!{{c}}{cs.mr[k] + 1}"
    row("vat_turnover", ["=" + "+".join(mrow(k).format(c=cl(j)) for k in vat.TURNOVER) for j in range(n)],
        sum(cs.col[k] for k in vat.TURNOVER))
    rng = lambda k: f"$E${cs.c[k] + 1}:${last}${cs.c[k] + 1}"
    lk = lambda name, j: f"LOOKUP(DATE({E('t_year', j)},12,1),{param_name(name)}_from,{param_name(name)})"
    founded = cs.s.founded_month
    reg = sh.name("assumptions.vat_registered")

    def fx(j):
        y = E("t_year", j)
        v = f"SUMIF({rng('t_year')},{y},{rng('vat_due')})"
        n_months = f'COUNTIFS({rng("t_year")},{y},{rng("t_month_no")},">={founded}")'
        lv = f"SUMIF({rng('t_year')},{y},{rng('vat_turnover')})*12/{n_months}"
        lo, up = lk("vat.relief_lower_limit", j), lk("vat.relief_upper_limit", j)
        relief = f"IF({v}<=0,0,IF({lv}<={lo},{v},IF({lv}<{up},{v}-({lv}-{lo})*{v}/({up}-{lo}),0)))"
        return (f"=IF(AND({E('t_cal_month', j)}=12,{reg},{lk('vat.relief_in_force', j)}>0,{n_months}>0),"
                f"MAX({relief},0),0)")
    row("vat_relief", [fx(j) for j in range(n)], cs.col["vat_relief"])


def monthly(m) -> dict:
    reg = m.sh.name("assumptions.vat_registered")
    return {
        "vat_relief": lambda j: f"={m.Cc('vat_relief', j)}",
        "vat_relief_received": lambda j: "=0" if j < 2 else f"={m.Cc('vat_relief', j - 2)}",
        "non_deductible_vat": lambda j: f"=IF({reg},0,{m.Cc('input_vat', j)})",
        "vat_refund": lambda j: f"=MAX(-{m.Cc('vat_payable', j)},0)",
        "vat_paid": lambda j: f"=MAX({m.Cc('vat_payable', j)},0)",
    }

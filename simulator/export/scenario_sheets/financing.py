"""Financing on the workbook (rules: ``simulator/engine/lines/financing.py``):
share capital paid in its month; each loan drawn down in its month and
repaid over its term as an annuity or in equal instalments, with interest
on the outstanding balance.
"""
from __future__ import annotations

import numpy as np

from simulator.engine.lines.financing import single_loan
from simulator.model.conventions import month_number
from .cells import cl


def write_share_capital(cs):
    ws, sh, n = cs.ws, cs.sh, cs.n
    group = "share_capital"
    cs.section("sec_" + group)
    for i, it in enumerate(cs.s.financing.share_capital):
        flag = cs.months == month_number(it.month)
        fr = cs.flag_row(group, i, flag)
        ar = cs.amount_key(group, i)
        ws.write_string(ar, 0, f"{sh.L('xl.table.share_capital')} {i + 1}")
        sh.write_row(ws, ar, [f"={cl(j)}{fr + 1}*{sh.tref(group, i, 'amount')}" for j in range(n)],
                     flag * it.amount, "eur")


def write_loans(cs):
    """Per loan: the payment number by month (structure), the monthly rate and payment,
    drawdown, interest and repayment."""
    ws, f, sh, n, c, months = cs.ws, cs.f, cs.sh, cs.n, cs.c, cs.months
    cs.section("sec_loans")
    for i, ln in enumerate(cs.s.financing.loans):
        tr = lambda fld: sh.tref("loans", i, fld)
        kr, pr_, drr, ir, rr = (c[("loan", key, i)] for key in
                                ("loan_k", "loan_payment", "loan_drawdown", "loan_interest", "loan_repayment"))
        kvals = months - month_number(ln.drawdown)
        ws.write_string(kr, 0, f"{ln.name}: {sh.L('xl.calc.loan_k')}")
        ws.write_string(kr, 1, "loan_k", f["key"])
        ws.write_formula(kr, 2, f"={tr('annual_rate')}/12", f["pct"], ln.annual_rate / 12)
        sh.write_row(ws, kr, [int(x) for x in kvals], None, "st_int", struct=True)
        r = f"$C${kr + 1}"
        nn, amt = tr("term_months"), tr("amount")
        r_m = ln.annual_rate / 12
        pmt = (ln.amount / ln.term_months if r_m == 0 else
               ln.amount * r_m / -np.expm1(-ln.term_months * np.log1p(r_m)))
        ws.write_string(pr_, 0, f"{ln.name}: {sh.L('xl.calc.loan_payment')}")
        ws.write_string(pr_, 1, "loan_payment", f["key"])
        ws.write_formula(pr_, 2, (
            f"=IF({r}<1E-6,{amt}/({nn}-{nn}*({nn}+1)/2*{r}+{nn}*({nn}+1)*({nn}+2)/6*{r}*{r}),"
            f"{amt}*{r}/(1-(1+{r})^(-{nn})))"), f["eur"], pmt)
        P_ = f"$C${pr_ + 1}"
        one = single_loan(ln, months)
        ws.write_string(drr, 0, f"{ln.name}: {sh.L('xl.calc.loan_drawdown')}")
        ws.write_string(drr, 1, "loan_drawdown", f["key"])
        sh.write_row(ws, drr, [f"=IF({cl(j)}{kr + 1}=0,{amt},0)" for j in range(n)], one[0], "eur")
        kk = lambda j: f"{cl(j)}{kr + 1}"
        ann = f'{tr("repayment")}="annuity"'
        bal = lambda j: (f"IF({ann},IF({r}=0,{amt}-{P_}*({kk(j)}-1),{amt}*(1+{r})^({kk(j)}-1)-{P_}*"
                         f"((1+{r})^({kk(j)}-1)-1)/{r}),{amt}-{amt}/{nn}*({kk(j)}-1))")
        ws.write_string(ir, 0, f"{ln.name}: {sh.L('xl.calc.loan_interest')}")
        ws.write_string(ir, 1, "loan_interest", f["key"])
        sh.write_row(ws, ir, [f"=IF(AND({kk(j)}>=1,{kk(j)}<={nn}),{bal(j)}*{r},0)" for j in range(n)],
                     one[1], "eur")
        ws.write_string(rr, 0, f"{ln.name}: {sh.L('xl.calc.loan_repayment')}")
        ws.write_string(rr, 1, "loan_repayment", f["key"])
        sh.write_row(ws, rr, [f"=IF(AND({kk(j)}>=1,{kk(j)}<={nn}),IF({ann},{P_}-{cl(j)}{ir + 1},{amt}/{nn}),0)"
                              for j in range(n)], one[2], "eur")


def monthly(m) -> dict:
    M = m.M
    loans = (lambda key, j: "0") if not m.s.financing.loans else m.sumif
    return {
        "interest": lambda j: "=" + loans("loan_interest", j),
        "share_capital": lambda j: "=" + m.group_sum("share_capital", j),
        "loan_drawdown": lambda j: "=" + loans("loan_drawdown", j),
        "interest_paid": lambda j: f"={M('interest', j)}",
        "loan_repayment": lambda j: "=" + loans("loan_repayment", j),
    }

"""The Monthly sheet: every line of the engine, month by month, as formulas on
the Calculation sheet (weighted sums over the roster-row blocks, item and
loan rows, month-level rows). Each topic module gives the formulas of its
lines (``monthly(m)``); ``cash`` gives the totals. Column C holds the total
(the last value for stocks).
"""
from __future__ import annotations

from simulator.engine import catalogue

from . import (cash, contributions, depreciation, financing, occupational_health, overheads, pay,
               revenue, sick_pay, subsidies, tax, vat, work_activity)
from .cells import cl, num
from .layout import MONTHLY_SECTIONS

# bold rows, balances (their total is the last month) and volumes: from the catalogue
TOTAL_LINES = {k for k, o in catalogue.COLUMNS.items() if o.total}
STOCK_LINES = set(catalogue.lines_of("stock"))
COUNT_LINES = set(catalogue.lines_of("volume"))
TOPICS = (revenue, work_activity, subsidies, pay, contributions, sick_pay, occupational_health, overheads,
          depreciation, vat, financing, tax, cash)


class Refs:
    """References the Monthly formulas use: this sheet's lines (``M``), the Calculation
    sheet's month rows (``Cc``), sums over its blocks (``wsum``), loan rows (``sumif``)
    and item groups (``group_sum``)."""

    def __init__(self, sh):
        self.sh, self.s = sh, sh.s
        self.mr, self.c, self.Cq = sh.monthly_rows, sh.calc_rows, sh.q["calc"]
        self.fr, self.lr = self.c["rows_first"] + 1, self.c["rows_last"] + 1

    def M(self, key, j) -> str:
        return f"{cl(j)}{self.mr[key] + 1}"

    def Cc(self, key, j) -> str:
        return f"{self.Cq}!{cl(j)}{self.c[key] + 1}"

    def wsum(self, key, j) -> str:
        """Weighted sum over the roster-row blocks of the Calculation sheet."""
        Cq, fr, lr = self.Cq, self.fr, self.lr
        return (f'SUMPRODUCT(({Cq}!$B${fr}:$B${lr}="{key}")*{Cq}!$C${fr}:$C${lr},'
                f'{Cq}!{cl(j)}${fr}:{cl(j)}${lr})')

    def sumif(self, key, j) -> str:
        Cq, a0, a1 = self.Cq, self.c["sec_loans"] + 1, self.c["sec_rows"]
        return f'SUMIF({Cq}!$B${a0}:$B${a1},"{key}",{Cq}!{cl(j)}${a0}:{cl(j)}${a1})'

    def group_sum(self, group, j, cond=None) -> str:
        s = self.s
        items = {"revenue": s.revenue, "grants": s.grants, "overheads": s.overheads,
                 "share_capital": s.financing.share_capital}[group]
        if not items:
            return "0"
        a0, a1 = self.c[(group, "amount", 0)], self.c[(group, "amount", len(items) - 1)]
        rr = f"{self.Cq}!{cl(j)}{a0 + 1}:{cl(j)}{a1 + 1}"
        return f"SUMPRODUCT(({cond})*({rr}))" if cond else f"SUM({rr})"


def formulas(sh) -> dict:
    """Line key -> (month j -> formula)."""
    m = Refs(sh)
    out = {}
    for topic in TOPICS:
        out.update(topic.monthly(m))
    return out


def write(sh):
    ws, f = sh.ws["monthly"], sh.fmt
    sh.month_header(ws, "xl.sheet.monthly", "xl.col.total", one_page_tall=True)
    ws.write_string(1, 0, sh.L("xl.monthly.note"), f["subtitle"])
    n, mr, col = sh.n, sh.monthly_rows, sh.p.columns
    F_ = formulas(sh)
    last = sh.last_col()
    for sec, keys in MONTHLY_SECTIONS:
        r = mr["sec:" + sec]
        ws.write_string(r, 0, sh.L(sec), f["section"])
        for key in keys:
            r = mr[key]
            bold = key in TOTAL_LINES
            ws.write_string(r, 0, sh.L(key), f["bold"] if bold else None)
            ws.write_string(r, 1, key, f["key"])
            fmt = "num1" if key == "paid_hours" else "num2" if key in COUNT_LINES else (
                "eur_bold" if bold else "eur")
            sh.write_row(ws, r, [F_[key](j) for j in range(n)], col[key], fmt)
            if key == "opening_cash":
                ws.write_formula(r, 2, f"=E{r + 1}", f[fmt], num(col[key][0]))
            elif key in STOCK_LINES:
                ws.write_formula(r, 2, f"={last}{r + 1}", f[fmt], num(col[key][-1]))
            else:
                ws.write_formula(r, 2, f"=SUM(E{r + 1}:{last}{r + 1})", f[fmt], num(col[key].sum()))

"""The Calculation sheet's writing context, shared by ``calc`` and the topic
modules: cell references (same sheet, Monthly, parameters by month), row
writers, the month arrays, and the dated item rows (``items``: the active
months of a revenue line, overhead, grant or share-capital payment).
"""
from __future__ import annotations

import numpy as np

from simulator.model.conventions import calendar_month, calendar_year, month_number
from simulator.engine.lines import prices
from simulator.engine.roster import unit_share
from .cells import cl


class Calc:
    """Writes rows of the Calculation sheet of ``sh`` (a ``ScenarioSheets``)."""

    def __init__(self, sh):
        self.sh = sh
        self.ws, self.f, self.s, self.ctx = sh.ws["calc"], sh.fmt, sh.s, sh.ctx
        self.n, self.c = sh.n, sh.calc_rows
        self.Q, self.Mq, self.mr = sh.q["people"], sh.q["monthly"], sh.monthly_rows
        self.months = sh.ctx.months
        self.t = np.arange(self.n)
        self.Yv = calendar_year(self.months)
        self.Cv = calendar_month(self.months)
        self.kv = self.Yv - self.Yv[0]
        self.a = sh.s.assumptions
        self.col = sh.p.columns
        self.first_rows, self.last_rows = self.c["rows_first"] + 1, self.c["rows_last"] + 1
        self.pv: dict = {}      # statutory parameters by month
        self.vals: dict = {}    # per-roster-row values (rows × months) of the blocks

    # ---- references
    def E(self, key, j) -> str:
        """Same-sheet cell of month ``j``."""
        return f"{cl(j)}{self.c[key] + 1}"

    def prev(self, key, j) -> str:
        return f"{cl(j - 1) if j else 'D'}{self.c[key] + 1}"

    def rng(self, key) -> str:
        return f"$E${self.c[key] + 1}:${self.sh.last_col()}${self.c[key] + 1}"

    def P(self, name, j) -> str:
        """The parameter ``name`` in force in month ``j``."""
        return self.E("param:" + name, j)

    def mref(self, key, j) -> str:
        """The Monthly sheet's line ``key`` in month ``j``."""
        return f"{self.Mq}!{cl(j)}{self.mr[key] + 1}"

    def wsum(self, key, j, col=None) -> str:
        """Weighted sum of row ``key`` over the roster-row blocks."""
        col = col or cl(j)
        fr, lr = self.first_rows, self.last_rows
        return (f'SUMPRODUCT(($B${fr}:$B${lr}="{key}")*$C${fr}:$C${lr},'
                f"{col}${fr}:{col}${lr})")

    # ---- writers
    def label(self, r, key, text_key=None):
        self.ws.write_string(r, 0, self.sh.L(text_key or f"xl.calc.{key}"))
        self.ws.write_string(r, 1, key, self.f["key"])

    def section(self, key):
        self.ws.write_string(self.c[key], 0, self.sh.L("xl." + key), self.f["section"])

    def row(self, key, formulas, values, fmt="eur", text_key=None, struct=False):
        r = self.c[key]
        self.label(r, key, text_key)
        self.sh.write_row(self.ws, r, formulas, values, fmt, struct)

    # ---- dated items
    def dated_flag(self, it) -> np.ndarray:
        """Months an overhead or grant falls due: monthly while active, annual in its
        due month, one-off in its start month."""
        months = self.months
        a0 = month_number(it.start) if it.start else months[0]
        b0 = month_number(it.end) if it.end else months[-1]
        active = (months >= a0) & (months <= b0)
        return (active if it.kind == "monthly" else
                active & (self.Cv == it.due_month) if it.kind == "annual" else months == a0)

    def flag_row(self, group, i, flag) -> int:
        """The structure row of item ``i``'s active months (1/0); returns its row."""
        ws, f = self.ws, self.f
        fr = self.c[(group, "flag", i)]
        ws.write_string(fr, 0, f"{self.sh.L('xl.calc.active')}: {i + 1}")
        ws.write_string(fr, 1, f"{group}_active", f["key"])
        self.sh.write_row(ws, fr, [int(x) for x in flag], None, "st_int", struct=True)
        return fr

    def amount_key(self, group, i) -> int:
        ar = self.c[(group, "amount", i)]
        self.ws.write_string(ar, 1, f"{group}_amount", self.f["key"])
        return ar

    def cost_items(self, group, items):
        """Overheads and grants: the amount in active months, indexed by cost inflation if so marked."""
        ws, sh, n = self.ws, self.sh, self.n
        self.section("sec_" + group)
        for i, it in enumerate(items):
            flag = self.dated_flag(it)
            fr = self.flag_row(group, i, flag)
            ar = self.amount_key(group, i)
            tr = lambda fld: sh.tref(group, i, fld)
            ws.write_string(ar, 0, f"{sh.L('xl.table.' + group)} {i + 1}")
            ws.write_string(ar, 2, it.name)
            infl = prices.cost_index(self.ctx)
            share, share_fx = 1.0, ""
            if group == "overheads":
                # a cost shared by the whole unit: the scenario's share (roster.unit_share)
                share = unit_share(self.s, it.shared_by_participants)
                sbp = tr("shared_by_participants")
                share_fx = (f'*IF(ISNUMBER({sbp}),IF({sh.name("overhead_basis")}="marginal",0,'
                            f"MIN(1,COUNTA({sh.table_ranges[('people', 'id')]})/{sbp})),1)")
            v = np.where(flag, it.amount, 0.0) * (infl if it.indexed else 1.0) * share
            sh.write_row(ws, ar, [f"={cl(j)}{fr + 1}*{tr('amount')}*IF({tr('indexed')},{self.E('t_cost_index', j)},1)"
                                  + share_fx for j in range(n)], v, "eur")

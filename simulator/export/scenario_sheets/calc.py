"""The Calculation sheet: month helpers (time, indices), the statutory
parameters by month, the month-level rows and dated items of each topic,
and one block per roster row whose rows are the topics' per-person rules.

Write order (it fixes the workbook's shared strings): time, parameters,
month helpers (revenue's receipt lag, the KPI discount rate, payroll and
unemployment insurance, VAT, receipts, pay subsidy received, income tax,
break-even, occupational health care and Kela's reimbursement), items
(revenue lines, overheads, grants, share capital), depreciation of
investments, loans, blocks.
"""
from __future__ import annotations

import datetime as dt

from . import (contributions, depreciation, financing, occupational_health, overheads, pay,
               pension_scheme, revenue, sick_pay, subsidies, summary, tax, vat, work_activity)
from simulator.engine.lines import prices
from .calcsheet import Calc
from .cells import cl, excel_date, param_name
from .layout import CALC_PERSON_ROWS, CALC_STAFF_ROWS, SERIES_PARAMS

CALC_FMT = {"pay_index": "num2", "holiday_days": "num2", "contribution_rate": "pct", "holiday_settled_upto": "int",
            "employee_pension_share": "pct", "pension_rate": "pct",
            "paid_hours": "num1", "people_in_paid_work": "int", "people_employed_here": "int",
            "people_in_work_activity": "int", "people_in_avotyo": "int"}
ZERO_COLUMN_ROWS = {"holiday_settled_upto": -1, "cum_holiday_pay": 0, "cum_holiday_bonus": 0,
                    "cum_holiday_contrib": 0}
BLOCK_TOPICS = (pay, pension_scheme, contributions, sick_pay, occupational_health, subsidies, work_activity)


def write_time(cs):
    """Month number, calendar year and month, years from the start, first day,
    growth indices, the holiday year's cut-off (31 March) and year ends."""
    ws, f, n, E, sh = cs.ws, cs.f, cs.n, cs.E, cs.sh
    Yv, Cv, kv, a = cs.Yv, cs.Cv, cs.kv, cs.a
    cs.section("sec_time")
    ws.write_number(cs.c["t_index"], 3, -1, f["st_int"])
    cs.row("t_index", list(range(n)), None, "st_int", struct=True)
    cs.row("t_month_no", [int(m) for m in cs.months], None, "st_int", struct=True)
    cs.row("t_year", [f"=INT({E('t_month_no', j)}/12)" for j in range(n)], Yv, "int")
    cs.row("t_cal_month", [f"=MOD({E('t_month_no', j)},12)+1" for j in range(n)], Cv, "int")
    cs.row("t_years", [f"={E('t_year', j)}-$E${cs.c['t_year'] + 1}" for j in range(n)], kv, "int")
    dates = [excel_date(dt.date(int(y), int(m), 1)) for y, m in zip(Yv, Cv)]
    cs.row("t_first_day", [f"=DATE({E('t_year', j)},{E('t_cal_month', j)},1)" for j in range(n)],
           dates, "date")
    for key, g, path in (("t_wage_index", a.wage_growth, "assumptions.wage_growth"),
                         ("t_price_index", a.price_growth, "assumptions.price_growth")):
        cs.row(key, [f"=(1+{sh.name(path)})^{E('t_years', j)}" for j in range(n)],
               (1.0 + g) ** kv, "num2")
    cs.row("t_cost_index", [cost_index_formula(cs, j) for j in range(n)], prices.cost_index(cs.ctx), "num2")
    cutoff = (Yv + (Cv > 3) - 1) * 12 + 3
    cs.row("t_holiday_cutoff", [f"=({E('t_year', j)}+IF({E('t_cal_month', j)}>3,1,0)-1)*12+3"
                                for j in range(n)], cutoff, "int")
    cs.ye = ((Cv == 12) | (cs.t == n - 1)).astype(float)
    cs.row("t_year_end", [f"=IF(OR({E('t_cal_month', j)}=12,{E('t_index', j)}={n - 1}),1,0)"
                          for j in range(n)], cs.ye, "int")


def cost_index_formula(cs, j) -> str:
    """The cost index (engine: ``prices.cost_index``): the product of (1 + the
    CPI's yearly change) over the years after the first up to the month's
    year while the CPI is known, × (1 + cost inflation) for each later year."""
    E, pn = cs.E, param_name(prices.CPI)
    base = f"$E${cs.c['t_year'] + 1}"
    known = cs.ctx.params.get(prices.CPI).known_until.year
    return (f"=EXP(SUMPRODUCT((YEAR({pn}_from)>{base})*(YEAR({pn}_from)<={E('t_year', j)})*LN(1+{pn})))"
            f"*(1+{cs.sh.name('assumptions.cost_inflation')})^MAX(0,{E('t_year', j)}-MAX({known},{base}))")


def write_params(cs):
    """Each statutory parameter in force in each month (LOOKUP on the Parameters sheet's dates)."""
    ws, ctx, n, E = cs.ws, cs.ctx, cs.n, cs.E
    cs.section("sec_params")
    for name in SERIES_PARAMS:
        pn = param_name(name)
        cs.pv[name] = ctx.params.series(name, cs.months)
        key = "param:" + name
        cs.label(cs.c[key], key, "xl.param")
        ws.write_string(cs.c[key], 0, name)
        cs.sh.write_row(ws, cs.c[key], [f"=LOOKUP({E('t_first_day', j)},{pn}_from,{pn})" for j in range(n)],
                        cs.pv[name], "num2" if ctx.params.get(name).unit != "percent" else "pct")


class Block:
    """References of one roster row's block: its People rows (``pp``), its own rows
    this month (``X``), last month (``Xp``, column D before the first) and the whole row (``Xr``)."""

    def __init__(self, cs, pl):
        self.cs, self.pl, self.i = cs, pl, pl.index
        self._people = cs.sh.people_rows
        self._last = cs.sh.last_col()

    def pp(self, key, j) -> str:
        return f"{self.cs.Q}!{cl(j)}{self._people[(self.i, key)] + 1}"

    def X(self, key, j) -> str:
        return f"{cl(j)}{self.cs.c[(self.i, key)] + 1}"

    def Xp(self, key, j) -> str:
        return f"{cl(j - 1) if j else 'D'}{self.cs.c[(self.i, key)] + 1}"

    def Xr(self, key) -> str:
        r = self.cs.c[(self.i, key)] + 1
        return f"$D${r}:${self._last}${r}"

    def agemask(self, name, j) -> str:
        """1 where the person's age is within the parameter's age limits; where
        the upper limit depends on the birth year (TyEL/JuEL 68/69/70), it is
        looked up at 1 January of the birth year (year − age), as
        ``ParameterSet.age_band`` does."""
        p = self.cs.ctx.params.get(name)
        if not p.ages:
            return "1"
        pn, age = param_name(name), self.pp("age", j)
        parts = []
        if p.ages[0] is not None:
            parts.append(f"{age}>={pn}_age_min")
        if p.upper_age_by_birth_year:
            up = param_name(p.upper_age_by_birth_year)
            parts.append(f"{age}<=LOOKUP(DATE({self.cs.E('t_year', j)}-{age},1,1),{up}_from,{up})")
        elif p.ages[1] is not None:
            parts.append(f"{age}<={pn}_age_max")
        return f"IF(AND({','.join(parts)}),1,0)"


def write_blocks(cs):
    ws, f, sh, n, c = cs.ws, cs.f, cs.sh, cs.n, cs.c
    r_ = cs.ctx.roster
    cs.section("sec_rows")
    for pl in sh.plans:
        i = pl.index
        hr = c[(i, "header")]
        ws.write_string(hr, 0, pl.id + ("" if pl.share == "one" else " — " + sh.L("xl.share." + pl.share)),
                        f["bold"])
        ws.write_string(hr, 1, "row", f["key"])
        ws.write_formula(hr, 2, f"={cs.Q}!$C${sh.people_rows[(i, 'header')] + 1}", f["num2"],
                         float(r_.weight[i]))
        b = Block(cs, pl)
        fx = {}
        for topic in BLOCK_TOPICS:
            fx.update(topic.block(cs, b))
        for key in (CALC_STAFF_ROWS if pl.is_staff else CALC_PERSON_ROWS):
            rr = c[(i, key)]
            ws.write_string(rr, 0, "  " + sh.L("xl.calc." + key))
            ws.write_string(rr, 1, key, f["key"])
            ws.write_formula(rr, 2, f"=$C${hr + 1}", f["num2"], float(r_.weight[i]))
            if key in ZERO_COLUMN_ROWS:
                ws.write_number(rr, 3, ZERO_COLUMN_ROWS[key], f["st_int"])
            sh.write_row(ws, rr, [fx[key](j) for j in range(n)], cs.vals[key][i],
                         CALC_FMT.get(key, "eur"))


def write(sh):
    cs = Calc(sh)
    sh.month_header(cs.ws, "xl.sheet.calc", "xl.col.weight_or_value")
    cs.ws.write_string(1, 0, sh.L("xl.calc.note"), cs.f["subtitle"])
    write_time(cs)
    write_params(cs)
    # per-row values (numpy), for cached values of the blocks and month helpers
    for topic in BLOCK_TOPICS:
        cs.vals.update(topic.values(cs.ctx, cs.vals))
    cs.section("sec_month")
    revenue.write_receipt_lag(cs)
    summary.write_discount_month(cs)
    contributions.write_payroll(cs)
    vat.write_vat(cs)
    revenue.write_receipts(cs)
    subsidies.write_received(cs)
    tax.write_income_tax(cs)
    summary.write_stays_non_negative(cs)
    summary.write_sign_changes(cs)
    occupational_health.write_month(cs)
    revenue.write_items(cs)
    overheads.write_items(cs)
    subsidies.write_grant_items(cs)
    financing.write_share_capital(cs)
    depreciation.write_items(cs)
    financing.write_loans(cs)
    write_blocks(cs)

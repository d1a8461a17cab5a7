"""The Summary sheet: the KPIs as formulas on the Monthly sheet (break-even month,
minimum cash and its month, closing cash, NPV, IRR, totals, cost per paid
hour, subsidy share, people in paid work), a table by calendar year, the
warnings and a chart of closing cash and cumulative result.

KPI helpers live on the Calculation sheet: the monthly discount rate (NPV),
"cumulative result stays ≥ 0 from here on" (break-even month) and the sign
changes of the net cash flow (IRR: defined only where it changes sign once).
"""
from __future__ import annotations

import numpy as np

from simulator.engine import catalogue
from simulator.model.conventions import calendar_year, sign_changes
from simulator.model.conventions import npv as _npv
from simulator.engine.kpis import founded_index, organisation_columns
from .cells import HEADER_ROW, KEY_HIDDEN, MONTH_COL, cl
from .cells import num as _num

# Summary rows: the catalogue's key figures with one value, by their label key
# (closing_cash_kpi tells the figure from the monthly line), and their cell format.
KPI_ROWS = [catalogue.KPIS[k].label for k in catalogue.single_kpis()]
KPI_ENGINE_KEY = {catalogue.KPIS[k].label: k for k in catalogue.single_kpis() if catalogue.KPIS[k].label != k}
_UNIT_FORMAT = {"month": "month", "share": "pct", "rate": "pct", "hours": "num1", "persons": "num2",
                "person_months": "num2"}
KPI_FORMAT = {catalogue.KPIS[k].label: _UNIT_FORMAT[catalogue.KPIS[k].unit] for k in catalogue.single_kpis()
              if catalogue.KPIS[k].unit in _UNIT_FORMAT}


def write_discount_month(cs):
    """The monthly discount rate from the annual one (Calculation sheet; ``sh.discount_cell``)."""
    sh = cs.sh
    dr = cs.c["discount_month"]
    cs.label(dr, "discount_month")
    cs.ws.write_formula(dr, 2, f"=(1+{sh.name('assumptions.discount_rate')})^(1/12)-1", cs.f["pct"],
                        (1 + cs.a.discount_rate) ** (1 / 12) - 1)
    sh.discount_cell = f"{sh.q['calc']}!$C${dr + 1}"


def write_stays_non_negative(cs):
    """1 where the cumulative result is ≥ 0 in this and every later month
    (break-even); the cumulative result restarts at the organisation's
    founding month (kpis.organisation_columns)."""
    n, E, mref = cs.n, cs.E, cs.mref
    k0 = founded_index(cs.s)
    cum = cs.col["cumulative_result"] - (cs.col["cumulative_result"][k0 - 1] if k0 > 0 else 0.0)
    base = f"-{mref('cumulative_result', k0 - 1)}" if k0 > 0 else ""
    stay = np.zeros(n)
    ok = True
    for j in range(n - 1, -1, -1):
        ok = ok and cum[j] >= -1e-9
        stay[j] = 1.0 if ok else 0.0
    cs.row("stays_non_negative", [
        f"=IF({mref('cumulative_result', j)}{base}>=-1E-9,1,0)" if j == n - 1 else
        f"=IF(AND({mref('cumulative_result', j)}{base}>=-1E-9,{E('stays_non_negative', j + 1)}=1),1,0)"
        for j in range(n)], stay, "int")


def write_sign_changes(cs):
    """The sign of the last net cash flow that is not zero (|flow| > 1E-9), and how
    many times the sign has changed up to a month (conventions.sign_changes)."""
    n, E, prev, mref = cs.n, cs.E, cs.prev, cs.mref
    flows = cs.col["net_cash_flow"]
    last, changes = np.zeros(n), np.zeros(n)
    for j in range(n):
        last[j] = (1.0 if flows[j] > 0 else -1.0) if abs(flows[j]) > 1e-9 else (last[j - 1] if j else 0.0)
        changes[j] = sign_changes(flows[:j + 1])
    for key in ("ncf_last_sign", "ncf_sign_changes"):
        cs.ws.write_number(cs.c[key], 3, 0, cs.f["st_int"])
    cs.row("ncf_last_sign", [
        f"=IF(ABS({mref('net_cash_flow', j)})>1E-9,IF({mref('net_cash_flow', j)}>0,1,-1),{prev('ncf_last_sign', j)})"
        for j in range(n)], last, "int")
    cs.row("ncf_sign_changes", [
        f"={prev('ncf_sign_changes', j)}+IF(AND({prev('ncf_last_sign', j)}<>0,"
        f"{E('ncf_last_sign', j)}<>{prev('ncf_last_sign', j)}),1,0)" for j in range(n)], changes, "int")


def write(sh):
    ws, f, s = sh.ws["summary"], sh.fmt, sh.s
    kp = sh.p.kpis
    n, mr, Mq, Cq = sh.n, sh.monthly_rows, sh.q["monthly"], sh.q["calc"]
    last = sh.last_col()
    # the KPIs count the months from the organisation's founding month (kpis.organisation_columns)
    col = sh.p.columns
    kcol = organisation_columns(col, sh.p.month_labels, s)[0]
    k0 = cl(founded_index(s))
    ws.write_string(0, 0, sh.L("xl.sheet.summary") + " — ", f["title"])
    ws.write_string(0, 2, s.name, f["title"])
    ws.write_string(1, 0, sh.L("model"), f["bold"])
    ws.write_string(1, 2, sh.L(s.model))
    ws.write_string(2, 0, sh.L("xl.budget_owner"), f["bold"])
    ws.write_string(2, 2, s.budget_owner)
    ws.write_string(3, 0, sh.L("xl.period"), f["bold"])
    ws.write_string(3, 2, f"{sh.labels[0]} – {sh.labels[-1]}")
    ws.set_column(0, 0, 36)
    ws.set_column(1, 1, 18, None, KEY_HIDDEN)
    ws.set_column(2, 6, 17)
    r = 5
    for c_, h in enumerate(("xl.col.kpi", "xl.col.key", "xl.col.value", "xl.col.how")):
        ws.write_string(r, c_, sh.L(h), f["header"])
    r += 1
    mrng = lambda key: f"{Mq}!${k0}${mr[key] + 1}:${last}${mr[key] + 1}"     # from the founding month
    labels_rng = f"{Mq}!${k0}${HEADER_ROW + 1}:${last}${HEADER_ROW + 1}"
    stay = f"{Cq}!${k0}${sh.calc_rows['stays_non_negative'] + 1}:${last}${sh.calc_rows['stays_non_negative'] + 1}"
    one_sign_change = f"{Cq}!${last}${sh.calc_rows['ncf_sign_changes'] + 1}=1"
    rows = {}
    for key in KPI_ROWS:
        rows[key] = r
        r += 1
    R = lambda key: f"$C${rows[key] + 1}"
    hours = float(kcol["paid_hours"].sum())
    subs = float(kcol["subsidies"].sum())
    income = float(kcol["revenue"].sum()) + subs
    costs = float(kcol["costs"].sum())
    cash = kcol["closing_cash"]
    # Excel's IRR iterates from a guess; start it from the app's monthly rate
    # (the root nearest zero within ±50 % a month), so both find the same root.
    guess = 0.0 if kp["irr"] is None else float(f"{(1 + kp['irr']) ** (1 / 12) - 1:.10g}")
    formulas = {
        "break_even_month": (f'=IFERROR(INDEX({labels_rng},1,MATCH(1,{stay},0)),"–")',
                             kp["break_even_month"] or "–"),
        "min_cash": (f"=MIN({mrng('closing_cash')})", float(cash.min())),
        "min_cash_month": (f"=INDEX({labels_rng},1,MATCH({R('min_cash')},{mrng('closing_cash')},0))",
                           kp["min_cash_month"]),
        "closing_cash_kpi": (f"={Mq}!${last}${mr['closing_cash'] + 1}", float(cash[-1])),
        "npv": (f"=NPV({sh.discount_cell},{mrng('net_cash_flow')})",
                _npv(s.assumptions.discount_rate, kcol["net_cash_flow"])),
        "irr": (f'=IFERROR(IF(AND({one_sign_change},ABS(IRR({mrng("net_cash_flow")},{guess!r}))<=0.5),'
                f'(1+IRR({mrng("net_cash_flow")},{guess!r}))^12-1,"–"),"–")',
                kp["irr"] if kp["irr"] is not None else "–"),
        "total_result": (f"=SUM({mrng('result')})", float(kcol["result"].sum())),
        "total_revenue": (f"=SUM({mrng('revenue')})", float(kcol["revenue"].sum())),
        "total_subsidies": (f"=SUM({mrng('subsidies')})", subs),
        "total_costs": (f"=SUM({mrng('costs')})", costs),
        "paid_hours": (f"=SUM({mrng('paid_hours')})", hours),
        "cost_per_paid_hour": (f'=IF({R("paid_hours")}>0,{R("total_costs")}/{R("paid_hours")},"–")',
                               costs / hours if hours > 0 else "–"),
        "subsidy_share": (f'=IF({R("total_revenue")}+{R("total_subsidies")}>0,{R("total_subsidies")}/'
                          f'({R("total_revenue")}+{R("total_subsidies")}),"–")',
                          subs / income if income > 0 else "–"),
        "people_in_paid_work_end": (f"={Mq}!${last}${mr['people_in_paid_work'] + 1}",
                                    float(kcol["people_in_paid_work"][-1])),
        "person_months_in_paid_work": (f"=SUM({mrng('people_in_paid_work')})",
                                       float(kcol["people_in_paid_work"].sum())),
    }
    for key in KPI_ROWS:
        rr = rows[key]
        fx, val = formulas[key]
        kind = KPI_FORMAT.get(key, "eur")
        fmt = {"month": f["month"], "pct": f["pct"], "num1": f["num1"], "num2": f["num2"]}.get(kind, f["eur0"])
        ws.write_string(rr, 0, sh.L(key), f["bold"])
        ws.write_string(rr, 1, KPI_ENGINE_KEY.get(key, key), f["key"])
        ws.write_formula(rr, 2, fx, fmt, val if isinstance(val, str) else _num(val))
        ws.write_string(rr, 3, sh.L("xl.how." + key), f["subtitle"])
    sh.summary_rows = rows
    # yearly table
    r += 1
    ws.write_string(r, 0, sh.L("xl.sec.yearly"), f["section"])
    r += 1
    year_cols = ["revenue", "subsidies", "costs", "result", "closing_cash"]
    ws.write_string(r, 0, sh.L("year"), f["header"])
    ws.write_string(r, 1, sh.L("xl.col.key"), f["header"])
    for c_, key in enumerate(year_cols):
        ws.write_string(r, 2 + c_, sh.L(key), f["header"])
    r += 1
    yrow = f"{Cq}!${k0}${sh.calc_rows['t_year'] + 1}:${last}${sh.calc_rows['t_year'] + 1}"   # from the founding month
    years = calendar_year(sh.ctx.months[founded_index(s):])   # the organisation's years (rules.md)
    for y in np.unique(years):
        sel = years == y
        sh.year_rows[int(y)] = r
        ws.write_number(r, 0, int(y), f["bold"])
        ws.write_string(r, 1, f"year:{int(y)}", f["key"])
        for c_, key in enumerate(year_cols):
            if key == "closing_cash":
                fx = f"=INDEX({mrng(key)},1,MATCH($A${r + 1},{yrow},1))"
                v = float(kcol[key][sel][-1])
            else:
                fx = f"=SUMPRODUCT(({yrow}=$A${r + 1})*{mrng(key)})"
                v = float(kcol[key][sel].sum())
            ws.write_formula(r, 2 + c_, fx, f["eur0"], v)
        r += 1
    # warnings
    r += 1
    ws.write_string(r, 0, sh.L("warnings"), f["section"])
    r += 1
    for w in [w.render(sh.lang) for w in sh.p.warnings] or [sh.L("xl.no_warnings")]:
        ws.write_string(r, 0, w)
        r += 1
    # chart of cumulative cash
    chart = sh.wb.add_chart({"type": "line"})
    mname = sh.names["monthly"]
    cats = [mname, HEADER_ROW, MONTH_COL, HEADER_ROW, MONTH_COL + n - 1]
    for key, color in (("closing_cash", "#1F77B4"), ("cumulative_result", "#FF7F0E")):
        chart.add_series({"name": [mname, mr[key], 0], "categories": cats,
                          "values": [mname, mr[key], MONTH_COL, mr[key], MONTH_COL + n - 1],
                          "line": {"color": color, "width": 2.0}})
    chart.set_title({"name": sh.L("xl.chart.cash")})
    chart.set_x_axis({"name": sh.L("month"), "num_font": {"rotation": -45},
                      "interval_unit": max(1, n // 12)})
    chart.set_y_axis({"name": "€", "num_format": '#,##0 "€"', "major_gridlines": {"visible": True}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 900, "height": 380})
    ws.insert_chart(r + 1, 0, chart)
    sh.print_setup(ws)
    ws.fit_to_pages(1, 0)

"""The People sheet: one block per roster row (person, staff member, or a
person's share after the pipeline's conversion), month by month: the phase in
force, employment, hours and base pay, work-activity days and prices, the
pay subsidy in force, and age. Below: the pay-subsidy decisions
(``subsidies.write_decisions``).

Which phase is in force is structure (values); what a phase says (hours,
pay, prices) is a formula on the Assumptions sheet's cells.
"""
from __future__ import annotations

import numpy as np

from simulator.engine.lines.subsidies import pay_subsidy_rules
from . import subsidies
from .cells import cl
from .layout import PERSON_ROWS, STAFF_ROWS

PEOPLE_FMT = {"phase": "st_text", "employed_here": "st_int", "employed_company": "st_int",
              "in_avotyo": "st_int", "in_work_activity": "st_int", "employment_start": "st_int", "employment_last": "st_int",
              "hours_per_week": "num1", "wa_days": "num1", "wa_days_other": "num1",
              "company_fee_standard_vat": "int", "subsidy_rate": "pct", "subsidy_old_rules": "int",
              "age": "int"}
STRUCT_ROWS = ("phase", "employed_here", "employed_company", "in_avotyo", "in_work_activity",
               "employment_start", "employment_last",
               # the palkkatuki rules in force for a company's employment (subsidies.pay_subsidy_rules): values
               "company_subsidy_rate", "company_subsidy_cap", "company_subsidy_old_rules")


def phase_text(sh, src, ph) -> str:
    if src.kind == "staff":
        return sh.L("xl.phase.staff")
    if ph.kind == "employment":
        return sh.L("xl.phase.employment_" + ph.employer)
    text = sh.L("xl.phase." + ph.kind)
    if ph.arranged_by != "this":
        text += " " + sh.L("xl.phase.other_arranger")
    return text


def _header(sh, ws, pl, hr):
    f, r_, i = sh.fmt, sh.ctx.roster, pl.index
    head = pl.id + ("" if pl.share == "one" else " — " + sh.L("xl.share." + pl.share))
    ws.write_string(hr, 0, head, f["bold"])
    ws.write_string(hr, 1, "row", f["key"])
    src = next((ms[0] for ms in pl.month_source if ms is not None), None)
    if (pl.is_staff and src is not None and src.kind == "staff"
            and sh.s.staff[src.index].shared_by_participants is not None):
        # a post shared by the whole unit: the scenario's share (roster.unit_share, as the
        # overheads' amount rows; marginal rows are left out of the roster)
        shared = sh.src_ref(src, "shared_by_participants")
        ws.write_formula(hr, 2, f'=IF(ISNUMBER({shared}),IF({sh.name("overhead_basis")}="marginal",0,'
                         f"MIN(1,COUNTA({sh.table_ranges[('people', 'id')]})/{shared})),1)", f["num2"],
                         float(r_.weight[i]))
    elif pl.share == "one":
        ws.write_number(hr, 2, 1.0, f["st_text"])
    elif pl.share == "paid_work":
        ws.write_formula(hr, 2, "=" + sh.name("pipeline.conversion_rate"), f["num2"],
                         float(r_.weight[i]))
    else:
        ws.write_formula(hr, 2, "=1-" + sh.name("pipeline.conversion_rate"), f["num2"],
                         float(r_.weight[i]))


def _phase_cells(sh, pl, cells, j, src, ph):
    """The month ``j`` cells of roster row ``pl`` in phase ``ph`` (from ``src``)."""
    cells["phase"][j] = phase_text(sh, src, ph)
    if ph.kind == "employment":
        here = 1 if ph.employer == "this" else 0
        cells["employed_here"][j] = here
        if not pl.is_staff:
            cells["employed_company"][j] = 1 - here
        if src.kind == "staff":
            fte = sh.src_ref(src, "fte")
            cells["hours_per_week"][j] = f"=37.5*{fte}"
            cells["base_pay"][j] = f"={sh.src_ref(src, 'monthly_pay')}*{fte}"
        else:
            h, hw, mp = (sh.src_ref(src, x) for x in ("hours_per_week", "hourly_wage", "monthly_pay"))
            cells["hours_per_week"][j] = f"={h}"
            cells["base_pay"][j] = f"=IF(ISNUMBER({mp}),{mp},{hw}*{h}*(52/12))"
    else:
        arr = sh.src_ref(src, "arranged_by")
        ref = lambda x: sh.src_ref(src, x)
        cells["wa_days"][j] = f'=IF({arr}="this",{ref("days_per_month")},0)'
        cells["wa_days_other"][j] = f'=IF({arr}="this",0,{ref("days_per_month")})'
        cells["tyoosuusraha_rate"][j] = f"={ref('tyoosuusraha_per_day')}"
        cells["day_price"][j] = f'=IF({arr}="this",{ref("day_price")},0)'
        cells["day_price_other"][j] = f'=IF({arr}="this",0,{ref("day_price")})'
        cells["cost_per_day"][j] = f'=IF({arr}="this",{ref("cost_per_day")},0)'
        cells["meal_fee"][j] = f'=IF({arr}="this",{ref("meal_fee_per_day")},0)'
        cells["in_work_activity"][j] = 1
        if ph.kind == "avotyo":
            cells["company_fee"][j] = f'=IF({arr}="this",{ref("company_fee_per_day")},0)'
            cells["company_fee_standard_vat"][j] = (
                f'=IF(AND({arr}="this",{ref("company_fee_vat")}="standard"),1,0)')
            cells["in_avotyo"][j] = 1
        else:
            cells["in_avotyo"][j] = 0
        cells["employed_here"][j] = 0
        cells["employed_company"][j] = 0


def write(sh):
    ws, f = sh.ws["people"], sh.fmt
    sh.month_header(ws, "xl.sheet.people", "xl.col.weight")
    ws.write_string(1, 0, sh.L("xl.people.note"), f["subtitle"])
    r_ = sh.ctx.roster
    n = sh.n
    Y = sh.calc_rows["t_year"]
    C = sh.q["calc"]
    rules = pay_subsidy_rules(sh.ctx.params)
    sh.decision_values = {}
    dec_rows = subsidies.decision_rows(sh)
    for pl in sh.plans:
        i = pl.index
        rows = STAFF_ROWS if pl.is_staff else PERSON_ROWS
        _header(sh, ws, pl, sh.people_rows[(i, "header")])
        cells = {key: [None] * n for key in rows}
        for j in range(n):
            ms = pl.month_source[j]
            if ms is None:
                continue
            src, ph = ms
            _phase_cells(sh, pl, cells, j, src, ph)
            if pl.employment_start[j] >= 0 and "employment_start" in cells:
                cells["employment_start"][j] = int(pl.employment_start[j])
        for j in range(n):
            cells["employment_last"][j] = int(pl.employment_last[j])
            if not cells["employed_here"][j]:
                cells["employed_here"][j] = 0
            if not pl.is_staff and cells["employed_company"][j] is None:
                cells["employed_company"][j] = 0
            if not pl.is_staff and cells["in_avotyo"][j] is None:
                cells["in_avotyo"][j] = 0
            if not pl.is_staff and cells["in_work_activity"][j] is None:
                cells["in_work_activity"][j] = 0
        # age
        if pl.is_staff:
            cells["age"] = [f"={C}!{cl(j)}{Y + 1}-({C}!$E${Y + 1}-40)" for j in range(n)]
        else:
            by = sh.tref("people", pl.person_index, "birth_year")
            age = sh.tref("people", pl.person_index, "age")
            cells["age"] = [f"={C}!{cl(j)}{Y + 1}-IF(ISNUMBER({by}),{by},{C}!$E${Y + 1}-{age})"
                            for j in range(n)]
        if not pl.is_staff:
            for key in ("company_subsidy_rate", "company_subsidy_cap", "company_subsidy_old_rules"):
                cells[key] = [float(x) for x in getattr(r_, key)[i]]
        # pay subsidy, from the decisions table below
        sub = subsidies.person_subsidy(sh, pl, cells, dec_rows, rules) if not pl.is_staff else {}
        # cached values
        vals = {
            "employed_here": r_.employed_here[i], "employed_company": r_.employed_company[i],
            "hours_per_week": r_.hours_per_week[i], "base_pay": r_.base_pay[i],
            "wa_days": r_.wa_days[i], "wa_days_other": r_.wa_days_other[i],
            "tyoosuusraha_rate": r_.tyoosuusraha_rate[i], "day_price": r_.day_price[i],
            "cost_per_day": r_.cost_per_day[i], "meal_fee": r_.meal_fee[i],
            "company_fee": r_.company_fee[i], "day_price_other": r_.day_price_other[i],
            "company_fee_standard_vat": r_.company_fee_standard_vat[i].astype(float),
            "age": r_.age[i].astype(float),
            **sub,
        }
        for key in rows:
            rr = sh.people_rows[(i, key)]
            ws.write_string(rr, 0, "  " + sh.L("xl.people." + key))
            ws.write_string(rr, 1, key, f["key"])
            sh.write_row(ws, rr, cells[key], vals.get(key, np.zeros(n)), PEOPLE_FMT.get(key, "eur"),
                         struct=key in STRUCT_ROWS)
    subsidies.write_decisions(sh, ws, dec_rows)

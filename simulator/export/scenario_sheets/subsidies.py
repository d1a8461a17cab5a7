"""Subsidies on the workbook (rules: ``simulator/engine/lines/subsidies.py``):
palkkatuki by decision (rate, months, cap and old/new rules looked up at the
decision's start on the People sheet's decisions table), paid in arrears;
staff paid by a project grant; grants and other income as dated items.
"""
from __future__ import annotations

import datetime as dt

import numpy as np

from simulator.engine.lines import contributions as con
from simulator.engine.lines import subsidies
from .cells import cl, param_name


def values(ctx, v) -> dict:
    contrib = sum(v[fn.__name__] for fn in con.LINES)
    return {
        "pay_subsidy": subsidies.pay_subsidy(ctx),
        "staff_grant": np.where(ctx.roster.staff_grant[:, None], v["pay_base"] + contrib, 0.0),
    }


# ---------------------------------------------------------------- People sheet
def decision_rows(sh) -> dict:
    """Row of each pay-subsidy decision in the table under the People blocks."""
    rows, k = {}, 0
    for pl in sh.plans:
        for d in pl.decisions:
            rows[id(d)] = sh.people_decision_row + 2 + k
            k += 1
    return rows


def person_subsidy(sh, pl, cells, dec_rows, rules) -> dict:
    """Fill the subsidy rows of person row ``pl`` (rate, cap, old rules: the decision's
    values while its months last) and return their cached values."""
    n, C, M = sh.n, sh.q["calc"], sh.calc_rows["t_month_no"]
    person = sh.s.people[pl.person_index]
    for d in pl.decisions:
        dr = dec_rows[id(d)] + 1
        rate, months, cap, old = rules(d.phase, person.reduced_work_capacity)
        sh.decision_values[id(d)] = (rate, months, cap, 1 if old else 0)
        for j in range(*d.cols):
            cond = f"{C}!{cl(j)}{M + 1}<$J${dr}+$G${dr}"
            cells["subsidy_rate"][j] = f"=IF({cond},$F${dr},0)"
            cells["subsidy_cap"][j] = f"=IF({cond},$H${dr},0)"
            cells["subsidy_old_rules"][j] = f"=IF({cond},$I${dr},0)"
    months = sh.ctx.roster.months
    sr, sc, so = np.zeros(n), np.zeros(n), np.zeros(n)
    for d in pl.decisions:
        rate, mths, cap, old = sh.decision_values[id(d)]
        for j in range(*d.cols):
            if months[j] < d.start_no + mths:
                sr[j], sc[j], so[j] = rate, cap, old
    return {"subsidy_rate": sr, "subsidy_cap": sc, "subsidy_old_rules": so}


def write_decisions(sh, ws, dec_rows):
    """The pay-subsidy decisions table: choice, reduced capacity, and the rate, months,
    cap and old-rules flag in force at the decision's start."""
    f, s = sh.fmt, sh.s
    r = sh.people_decision_row
    ws.write_string(r, 0, sh.L("xl.people.decisions"), f["section"])
    heads = ["xl.dec.row", "xl.dec.phase", "xl.dec.start", "xl.dec.choice", "xl.dec.reduced",
             "xl.dec.rate", "xl.dec.months", "xl.dec.cap", "xl.dec.old", "xl.dec.start_no"]
    for c, h in enumerate(heads):
        ws.write_string(r + 1, c, sh.L(h), f["header"])
    lk = lambda name, dref: f"LOOKUP({dref},{param_name(name)}_from,{param_name(name)})"
    for pl in sh.plans:
        for d in pl.decisions:
            rr = dec_rows[id(d)]
            R = rr + 1
            src = d.source
            ws.write_string(rr, 0, pl.id)
            ws.write_string(rr, 1, sh.L("xl.dec.pipeline") if src.kind == "pipeline"
                            else f"{sh.L('xl.dec.phase_row')} {src.index + 1}")
            start = dt.date(d.start_no // 12, d.start_no % 12 + 1, 1)
            ws.write_datetime(rr, 2, dt.datetime.combine(start, dt.time()), f["st_date"])
            choice = sh.src_ref(src, "palkkatuki")
            reduced = sh.tref("people", pl.person_index, "reduced_work_capacity")
            ex_rate, ex_months, ex_cap = (sh.src_ref(src, x) for x in
                                          ("palkkatuki_rate", "palkkatuki_months", "palkkatuki_cap"))
            rate, mths, cap, old = sh.decision_values[id(d)]
            ph = d.phase
            ws.write_formula(rr, 3, f"={choice}", None,
                             ph.palkkatuki if isinstance(ph.palkkatuki, str) else "explicit")
            ws.write_formula(rr, 4, f"={reduced}", None,
                             bool(s.people[pl.person_index].reduced_work_capacity))
            route = lambda a, b: f"IF($E${R},{lk(a, f'$C${R}')},{lk(b, f'$C${R}')})"
            ws.write_formula(rr, 5, (
                f'=IF($D${R}="none",0,IF($D${R}="auto",'
                f'{route("palkkatuki.rate_reduced_capacity", "palkkatuki.rate_other")},N({ex_rate})))'),
                f["pct"], rate)
            ws.write_formula(rr, 6, (
                f'=IF($D${R}="none",0,IF($D${R}="auto",'
                f'{route("palkkatuki.months_reduced_capacity", "palkkatuki.months_other")},N({ex_months})))'),
                f["int"], mths)
            route_cap = route("palkkatuki.cap_reduced_capacity", "palkkatuki.cap_other")
            ws.write_formula(rr, 7, (
                f'=IF($D${R}="none",0,IF($D${R}="auto",{route_cap},'
                f'IF(ISNUMBER({ex_cap}),{ex_cap},IF(N({ex_rate})>=1,'
                f'{lk("palkkatuki.cap_full_rate", f"$C${R}")},{route_cap}))))'), f["eur"], cap)
            ws.write_formula(rr, 8, f'=IF({lk("palkkatuki.side_costs_included", f"$C${R}")}>0,1,0)',
                             f["int"], old)
            ws.write_number(rr, 9, d.start_no, f["st_int"])


# ---------------------------------------------------------------- Calculation sheet
def write_received(cs):
    """Palkkatuki received: the month's subsidy, the assumed number of months later."""
    E, n = cs.E, cs.n
    delay = cs.sh.name("assumptions.palkkatuki_payment_delay_months")
    ps_rng = f"{cs.Mq}!$E${cs.mr['pay_subsidy'] + 1}:${cs.sh.last_col()}${cs.mr['pay_subsidy'] + 1}"
    cs.row("pay_subsidy_received", [
        f"=IF({E('t_index', j)}-{delay}>=0,INDEX({ps_rng},1,{E('t_index', j)}-{delay}+1),0)"
        for j in range(n)], cs.col["pay_subsidy_received"])


def write_grant_items(cs):
    cs.cost_items("grants", cs.s.grants)


def block(cs, b) -> dict:
    """Formulas of a roster row's palkkatuki (person) or project grant (staff), by month ``j``."""
    pp, X, pl = b.pp, b.X, b.pl
    return {
        "pay_subsidy": lambda j: (
            f"=IF({pp('subsidy_rate', j)}>0,IF({pp('subsidy_old_rules', j)}=1,"
            f"MIN({pp('subsidy_rate', j)}*{X('monthly_pay', j)}*(1+{X('contribution_rate', j)}),{pp('subsidy_cap', j)})"
            f"+{pp('subsidy_rate', j)}*{X('holiday_bonus', j)}*(1+{X('contribution_rate', j)}),"
            f"MIN({pp('subsidy_rate', j)}*{X('monthly_pay', j)},{pp('subsidy_cap', j)})),0)"),
        "staff_grant": lambda j: (
            f'=IF({cs.sh.tref("staff", pl.staff_index, "paid_by")}'
            f'="project_grant",{X("pay_base", j)}+SUM({X("employer_pension", j)}:{X("group_life_insurance", j)}),0)'),
    }


def monthly(m) -> dict:
    M = m.M
    g_sub = m.sh.table_ranges.get(("grants", "subsidy"))
    return {
        "other_income": lambda j: "=" + m.group_sum("grants", j, f"{g_sub}=FALSE"),
        "pay_subsidy": lambda j: "=" + m.wsum("pay_subsidy", j),
        "grants": lambda j: "=" + m.group_sum("grants", j, f"{g_sub}=TRUE") + "+" + m.wsum("staff_grant", j),
        "subsidies": lambda j: f"={M('pay_subsidy', j)}+{M('grants', j)}",
        "pay_subsidy_received": lambda j: f"={m.Cc('pay_subsidy_received', j)}",
        "grants_received": lambda j: f"={M('grants', j)}",
        "other_income_received": lambda j: f"={M('other_income', j)}",
    }

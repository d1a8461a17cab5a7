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
from .cells import cl, excel_date, param_name


def values(ctx, v) -> dict:
    contrib = sum(v[fn.__name__] for fn in con.LINES)
    return {
        "pay_subsidy": subsidies.pay_subsidy(ctx),
        "staff_grant": np.where(ctx.roster.staff_grant[:, None], v["pay_base"] + contrib, 0.0)
        * ctx.a.project_grant_share,
    }


# ---------------------------------------------------------------- People sheet
def _decisions(sh, pl, d) -> list[tuple]:
    """The engine's decisions of employment ``d`` (``subsidies.pay_subsidy_decisions``):
    the first and its expected renewals, as (start, months, rate, cap, old, weight)."""
    person = sh.s.people[pl.person_index]
    by = person.birth_year if person.birth_year is not None else sh.s.first_month // 12 - person.age
    end_no = sh.s.first_month + d.cols[1] - 1          # the employment's last month within the horizon
    p = float(np.mean(sh.s.assumptions.palkkatuki_renewal_probability))
    return subsidies.pay_subsidy_decisions(subsidies.pay_subsidy_rules(sh.ctx.params), d.phase,
                                           person.reduced_work_capacity, person.jobseeker,
                                           d.start_no // 12 - by, p, end_no)


def decision_rows(sh) -> dict:
    """Row of each pay-subsidy decision in the table under the People blocks:
    ``id(d)`` -> [row of the first decision, rows of its renewals ...]."""
    rows, k = {}, 0
    for pl in sh.plans:
        for d in pl.decisions:
            count = max(1, len(_decisions(sh, pl, d)))
            rows[id(d)] = [sh.people_decision_row + 2 + k + q for q in range(count)]
            k += count
    return rows


def person_subsidy(sh, pl, cells, dec_rows, rules) -> dict:
    """Fill the subsidy rows of person row ``pl`` (rate and cap × the decision's weight,
    old rules: the values of the decision or renewal whose months hold) and return their
    cached values."""
    n, C, M = sh.n, sh.q["calc"], sh.calc_rows["t_month_no"]
    months = sh.ctx.roster.months
    sr, sc, so = np.zeros(n), np.zeros(n), np.zeros(n)
    for d in pl.decisions:
        found = _decisions(sh, pl, d)
        sh.decision_values[id(d)] = found
        rrs = [r + 1 for r in dec_rows[id(d)]]
        for j in range(*d.cols):
            t = f"{C}!{cl(j)}{M + 1}"
            rate, cap, old = "0", "0", "0"
            for dr in reversed(rrs):
                cond = f"AND({t}>=$J${dr},{t}<$J${dr}+$G${dr})"
                rate = f"IF({cond},$F${dr}*$K${dr},{rate})"
                cap = f"IF({cond},$H${dr}*$K${dr},{cap})"
                old = f"IF({cond},$I${dr},{old})"
            cells["subsidy_rate"][j], cells["subsidy_cap"][j], cells["subsidy_old_rules"][j] = (
                "=" + rate, "=" + cap, "=" + old)
            for d0, mths, r0, c0, o0, w in found:
                if d0 <= months[j] < d0 + mths:
                    sr[j], sc[j], so[j] = r0 * w, c0 * w, 1 if o0 else 0
    return {"subsidy_rate": sr, "subsidy_cap": sc, "subsidy_old_rules": so}


def write_decisions(sh, ws, dec_rows):
    """The pay-subsidy decisions table: choice, reduced capacity, and the rate, months,
    cap and old-rules flag in force at the decision's start; its weight (1, or for the
    k-th renewal the renewal probability to the power k), whether the person is a
    registered jobseeker and the age in the start year (the 55+ route)."""
    f, s = sh.fmt, sh.s
    r = sh.people_decision_row
    ws.write_string(r, 0, sh.L("xl.people.decisions"), f["section"])
    heads = ["xl.dec.row", "xl.dec.phase", "xl.dec.start", "xl.dec.choice", "xl.dec.reduced",
             "xl.dec.rate", "xl.dec.months", "xl.dec.cap", "xl.dec.old", "xl.dec.start_no",
             "xl.dec.weight", "xl.dec.jobseeker", "xl.dec.age"]
    for c, h in enumerate(heads):
        ws.write_string(r + 1, c, sh.L(h), f["header"])
    lk = lambda name, dref: f"LOOKUP({dref},{param_name(name)}_from,{param_name(name)})"
    renew_p = sh.name("assumptions.palkkatuki_renewal_probability")
    for pl in sh.plans:
        if not pl.decisions:
            continue
        person = s.people[pl.person_index]
        by_ref = sh.tref("people", pl.person_index, "birth_year")
        age_ref = sh.tref("people", pl.person_index, "age")
        for d in pl.decisions:
            # no subsidy (none, or auto for a non-jobseeker): the old-rules flag still shows the start's rules
            found = sh.decision_values[id(d)] or [(d.start_no, 0, 0.0, 0.0,
                                                   sh.ctx.params.value("palkkatuki.side_costs_included",
                                                                       d.start_no) > 0, 1.0)]
            for q, rr in enumerate(dec_rows[id(d)]):
                R = rr + 1
                d0, mths, rate, cap, old, w = found[q]
                src = d.source
                ws.write_string(rr, 0, pl.id)
                ws.write_string(rr, 1, (sh.L("xl.dec.pipeline") if src.kind == "pipeline"
                                        else f"{sh.L('xl.dec.phase_row')} {src.index + 1}")
                                + (f" — {sh.L('xl.dec.renewal')} {q}" if q else ""))
                start = dt.date(d0 // 12, d0 % 12 + 1, 1)
                if q == 0:
                    ws.write_datetime(rr, 2, dt.datetime.combine(start, dt.time()), f["st_date"])
                    ws.write_number(rr, 9, d.start_no, f["st_int"])
                    ws.write_number(rr, 10, 1.0, f["st_int"])
                else:   # a renewal starts when the previous decision ends
                    ws.write_formula(rr, 2, f"=EDATE($C${R - 1},$G${R - 1})", f["date"], excel_date(start))
                    ws.write_formula(rr, 9, f"=$J${R - 1}+$G${R - 1}", f["int"], d0)
                    ws.write_formula(rr, 10, f"=$K${R - 1}*{renew_p}", f["num2"], w)
                choice = sh.src_ref(src, "palkkatuki")
                reduced = sh.tref("people", pl.person_index, "reduced_work_capacity")
                ex_rate, ex_months, ex_cap = (sh.src_ref(src, x) for x in
                                              ("palkkatuki_rate", "palkkatuki_months", "palkkatuki_cap"))
                ph = d.phase
                ws.write_formula(rr, 3, f"={choice}", None,
                                 ph.palkkatuki if isinstance(ph.palkkatuki, str) else "explicit")
                ws.write_formula(rr, 4, f"={reduced}", None, bool(person.reduced_work_capacity))
                ws.write_formula(rr, 11, f"={sh.tref('people', pl.person_index, 'jobseeker')}", None,
                                 bool(person.jobseeker))
                ws.write_formula(rr, 12, f"=YEAR($C${R})-IF(ISNUMBER({by_ref}),{by_ref},"
                                         f"{s.first_month // 12}-{age_ref})", f["int"],
                                 d0 // 12 - (person.birth_year if person.birth_year is not None
                                             else s.first_month // 12 - person.age))
                C_ = f"$C${R}"

                def route(what):   # auto: reduced capacity, else 55+ (from 1.7.2023, by age), else other
                    age55 = (f'IF({lk("palkkatuki.rate_age55", C_)}>0,IF($M${R}>='
                             f'{lk("palkkatuki.min_age_age55", C_)},{lk(f"palkkatuki.{what}_age55", C_)},'
                             f'{lk(f"palkkatuki.{what}_other", C_)}),{lk(f"palkkatuki.{what}_other", C_)})')
                    return f"IF($E${R},{lk(f'palkkatuki.{what}_reduced_capacity', C_)},{age55})"
                auto = f'IF($D${R}="auto",IF($L${R},{{0}},0),{{1}})'
                ws.write_formula(rr, 5, '=IF($D${0}="none",0,'.format(R)
                                 + auto.format(route("rate"), f"N({ex_rate})") + ")", f["pct"], rate)
                ws.write_formula(rr, 6, '=IF($D${0}="none",0,'.format(R)
                                 + auto.format(route("months"), f"N({ex_months})") + ")", f["int"], mths)
                own_cap = (f'IF(ISNUMBER({ex_cap}),{ex_cap},IF(N({ex_rate})>=1,'
                           f'{lk("palkkatuki.cap_full_rate", C_)},'
                           f'IF($E${R},{lk("palkkatuki.cap_reduced_capacity", C_)},'
                           f'{lk("palkkatuki.cap_other", C_)})))')
                ws.write_formula(rr, 7, '=IF($D${0}="none",0,'.format(R)
                                 + auto.format(route("cap"), own_cap) + ")", f["eur"], cap)
                is_55 = (f'AND($D${R}="auto",NOT($E${R}),{lk("palkkatuki.rate_age55", C_)}>0,'
                         f'IF({lk("palkkatuki.rate_age55", C_)}>0,$M${R}>={lk("palkkatuki.min_age_age55", C_)},FALSE))')
                ws.write_formula(rr, 8, f'=IF(AND({lk("palkkatuki.side_costs_included", C_)}>0,NOT({is_55})),1,0)',
                                 f["int"], 1 if old else 0)


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
            f'="project_grant",({X("pay_base", j)}+SUM({X("employer_pension", j)}:{X("group_life_insurance", j)}))'
            f'*{cs.sh.name("assumptions.project_grant_share")},0)'),
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

"""Henkilö / Person: one person's own money under one to three models side by
side: key figures, net income by year and by month against staying in work
activity, the net-income-by-hours curve (the pension cliff) and the
warnings (``simulator.person``)."""
import numpy as np
import pandas as pd
import streamlit as st

from simulator.engine.household import BENEFIT_LINES, FEE_LINES
from simulator.engine.household.lines import RATE_COLUMNS
from simulator.i18n import fmt_eur, fmt_month, fmt_number, fmt_percent
from simulator.model.parameters import ParameterSet
from simulator.person import pension_cliff, person_view
from simulator.engine.household.tax import TaxInputError
from simulator.model.scenario import Scenario
from simulator.model.problems import ScenarioError
from ui import person_charts, session, storage, working
from ui.plain import plain, plain_html, plain_lines, plain_table
from ui.session import lang, t

SEL_KEY, PERSON_KEY = "per-cmp", "per-person"          # widget keys
SEL_PARAM, PERSON_PARAM = "ps", "p"                     # query parameters


# ------------------------------------------------------------------ cached computations

def _error_text(exc) -> dict:
    if isinstance(exc, ScenarioError):
        return {"fi": "\n".join(fi for _, _, fi in exc.problems), "en": "\n".join(en for _, en, _ in exc.problems)}
    if isinstance(exc, TaxInputError):
        return {"fi": exc.fi, "en": exc.en}
    return {"fi": str(exc), "en": str(exc)}


@st.cache_data(max_entries=256, show_spinner=False)
def person_data(key: str, pid: str) -> dict:
    """The person's view under one scenario, keyed by the scenario's content
    (``model_dump_json``) and the person: monthly and yearly lines, summary,
    warnings in both languages; ``{"error": {...}}`` for bad input."""
    scenario = Scenario.model_validate_json(key)
    try:
        v = person_view(scenario, pid, ParameterSet.load())
    except (ScenarioError, TaxInputError) as exc:
        return {"error": _error_text(exc)}
    m = v.monthly()
    return {
        "months": list(m["month"]),
        "net": m["net_income"].to_numpy(),
        "baseline": m["baseline_net_income"].to_numpy(),
        "yearly": v.yearly()[["year", "net_income", "baseline_net_income", "change"]],
        "lines": m,                      # every line a month (household.MONTH_COLUMNS)
        "lines_yearly": v.yearly(),      # the same by year (sums; the rates as means of the months)
        "summary": v.summary(),
        "notes": {lg: [n.text(lg) for n in v.all_notes()] for lg in session.LANGS},
        "parameter_warnings": {lg: [w.render(lg) for w in sorted(v.parameter_warnings)] for lg in session.LANGS},
        "first_paid_year": v.first_paid_year(),
        "years": list(range(scenario.first_month // 12, scenario.last_month // 12 + 1)),
    }


@st.cache_data(max_entries=256, show_spinner=False)
def cliff_data(key: str, pid: str, year: int) -> dict | None:
    """The net-income-by-hours curve of the person in ``year`` under one
    scenario (``Cliff.to_dict`` and the scenario's hours that year); None
    when the person has no paid job to take the hourly wage from."""
    scenario = Scenario.model_validate_json(key)
    params = ParameterSet.load()
    try:
        v = person_view(scenario, pid, params)
        c = pension_cliff(scenario, v.person, year, params, None, v.baseline)
    except (ScenarioError, TaxInputError):
        return None
    d = c.to_dict()
    d["scenario_hours"] = next((r["scenario_hours"] for r in c.limits_by_year if r["year"] == year), None)
    return d


# ------------------------------------------------------------------ choices

lg = lang()
entries = {sid: e for sid, e in working.entries().items() if not e.error}
ss, qp = st.session_state, st.query_params
if SEL_KEY not in ss:          # first visit: from the link, else the three pilots
    wanted = [s for s in dict.fromkeys(qp.get_all(SEL_PARAM)) if s in entries][:3]
    ss[SEL_KEY] = wanted or [s for s in storage.PILOTS if s in entries]

placeholder_title = st.empty()
st.caption(t("ui.per.intro"))
left, right = st.columns([3, 1])
with left:
    sel = st.multiselect(t("ui.per.choose"), list(entries), max_selections=3, key=SEL_KEY,
                         persist_state="session", format_func=lambda sid: entries[sid].name)
qp[SEL_PARAM] = sel
if not sel:
    placeholder_title.title(t("ui.page.person"))
    st.info(t("ui.per.need_one"))
    st.stop()

works = [working.working(sid) for sid in sel]
ids = [pid for pid in dict.fromkeys(p["id"] for p in works[0].current["people"])
       if all(any(p["id"] == pid for p in w.current["people"]) for w in works[1:])]
if not ids:
    placeholder_title.title(t("ui.page.person"))
    st.warning(t("ui.per.no_common"))
    st.stop()
if ss.get(PERSON_KEY) not in ids:
    ss[PERSON_KEY] = qp.get(PERSON_PARAM) if qp.get(PERSON_PARAM) in ids else ids[0]
with right:
    pid = st.selectbox(t("ui.per.person"), ids, key=PERSON_KEY, help=t("ui.per.person_help"))
qp[PERSON_PARAM] = pid
placeholder_title.title(f"{t('ui.page.person')}: {plain(pid)}")

names, short = working.display_names(works)
if any(w.dirty for w in works):
    st.caption(t("ui.cmp.uses_working"))

keys = [w.model.model_dump_json() for w in works]
data = [person_data(k, pid) for k in keys]
bad = [(n, d) for n, d in zip(names, data) if "error" in d]
for n, d in bad:
    st.error(f"**{plain(n)}**: {plain_lines(d['error'][lg])}", icon=":material/error:")
ok = [(i, n, s, d) for i, (n, s, d) in enumerate(zip(names, short, data)) if "error" not in d]
if not ok:
    st.stop()


def signed_eur(v: float, decimals: int = 0) -> str:
    text = fmt_eur(abs(v), decimals, lg)
    return text if abs(v) < 0.5 * 10 ** -decimals else ("+" if v > 0 else "-") + text


# ------------------------------------------------------------------ key figures

st.subheader(t("ui.per.kpis"))
cols = st.columns(len(ok))
for col, (i, name, _, d) in zip(cols, ok):
    s = d["summary"]
    with col:
        st.markdown(f"**{plain(name)}**")
        st.metric(t("ui.per.kpi.net"), fmt_eur(s["net_income_per_month"], 0, lg), border=True)
        st.metric(t("ui.per.kpi.change"), signed_eur(s["change_per_month"]).replace("-", "−"), border=True,
                  help=t("ui.per.kpi.change_help"),
                  delta=t("ui.per.kpi.change_total", amount=signed_eur(s["change_total"])),
                  delta_arrow="auto" if abs(s["change_total"]) >= 0.5 else "off")
        rest = s["pension_rest_months"]
        st.metric(t("ui.per.kpi.rest"), fmt_number(rest, 0 if abs(rest - round(rest)) < 0.05 else 1, lg),
                  border=True, delta=(f"-{fmt_eur(s['pension_lost_total'], 0, lg)}" if s["pension_lost_total"] >= 0.5
                                      else None), help=t("person.kpi.pension_lost_total"))
        st.metric(t("ui.per.kpi.tyel"), fmt_eur(s["tyel_accrual_per_month"], 2, lg), border=True,
                  help=t("person.kpi.tyel_accrual_total") + ": " + fmt_eur(s["tyel_accrual_total"], 0, lg))

# ------------------------------------------------------------------ warnings

quiet = []
for i, name, _, d in ok:
    notes = d["notes"][lg]
    if notes:
        st.warning("\n".join([f"**{t('ui.per.warnings', name=plain(name))}**", ""] + [f"- {plain(x)}" for x in notes]),
                   icon=":material/warning:")
    else:
        quiet.append(name)
if quiet:
    st.info(t("ui.per.no_warnings", names=", ".join(plain(q) for q in quiet)), icon=":material/check_circle:")
par_notes = list(dict.fromkeys(x for _, _, _, d in ok for x in d["parameter_warnings"][lg]))
if par_notes:
    st.caption(f"{t('ui.per.parameter_notes')}: " + " · ".join(plain(x) for x in par_notes))

# ------------------------------------------------------------------ by year and by month

# Staying in work activity: one baseline per distinct series (the same in models with the same rules).
groups: list[tuple[list, dict]] = []
for i, name, sh, d in ok:
    for members, first in groups:
        if first["months"] == d["months"] and np.allclose(first["baseline"], d["baseline"], atol=0.5):
            members.append(sh)
            break
    else:
        groups.append(([sh], d))
staying = t("ui.per.staying")
base_names = [staying if len(groups) == 1 else f"{staying} ({', '.join(m)})" for m, _ in groups]

years = sorted({str(y) for _, _, _, d in ok for y in d["yearly"]["year"]})
total = t("ui.total")
table = pd.DataFrame(index=pd.Index(years + [total], name=t("year")))


def by_year(d, column):
    y = d["yearly"].set_index("year")[column]
    vals = [y.get(yr) for yr in years]
    return [fmt_eur(v, 0, lg) if v is not None else "–" for v in vals] + [fmt_eur(float(y.sum()), 0, lg)]


for bname, (_, d) in zip(base_names, groups):
    table[bname] = by_year(d, "baseline_net_income")
for _, name, _, d in ok:
    table[name] = by_year(d, "net_income")
for _, name, sh, d in ok:
    y = d["yearly"].set_index("year")["change"]
    table[t("ui.per.change_col", name=sh)] = [signed_eur(y[yr]).replace("-", "−") if yr in y.index else "–"
                                             for yr in years] + [signed_eur(float(y.sum())).replace("-", "−")]
st.subheader(t("ui.per.by_year"))
st.table(plain_table(table))

config = {"displaylogo": False, "locale": "fi" if lg == "fi" else "en"}
fig = person_charts.person_monthly_chart([(plain_html(name), d["months"], d["net"]) for _, name, _, d in ok],
                                  [(plain_html(b), d["months"], d["baseline"]) for b, (_, d) in zip(base_names, groups)],
                                  lg)
st.plotly_chart(fig, key="per-monthly", config=config)

# ------------------------------------------------------------------ income, benefits and fees

#: the person's lines in the breakdown: what comes in, then what is taken off
#: (the engine's lines; the contributions as their sum, employee_contributions)
INCOMES = ("gross_pay", "tyoosuusraha", "kela_pension", "earnings_related_pension") + BENEFIT_LINES
DEDUCTIONS = ("employee_contributions", "income_tax") + FEE_LINES
TOTALS = ("disposable_income", "status_quo_disposable_income")


def shown_lines(d) -> tuple[list, list]:
    """The income and deduction lines that are not zero all through the projection."""
    m = d["lines"]
    keep = lambda keys: [k for k in keys if (m[k].abs() >= 0.005).any()]
    return keep(INCOMES), keep(DEDUCTIONS)


def line_label(k: str, deduction: bool) -> str:
    return t("person.view.less", name=t(f"person.{k}")) if deduction else t(f"person.{k}")


def rate_text(v) -> str:
    return "–" if v is None or v != v else fmt_percent(v, 0, lg)


def breakdown_by_year(d) -> pd.DataFrame:
    """Rows: the lines; columns: the years and the total (the rates over the
    projection from the person's summary)."""
    yearly, s = d["lines_yearly"], d["summary"]
    incomes, deductions = shown_lines(d)
    cols = [str(y) for y in yearly["year"]] + [t("ui.total")]
    rows = {}
    for k, ded in [(k, False) for k in incomes] + [(k, True) for k in deductions] + [(k, False) for k in TOTALS]:
        rows[line_label(k, ded)] = [fmt_eur(v, 0, lg) for v in yearly[k]] + [fmt_eur(float(d["lines"][k].sum()), 0, lg)]
    totals = {"marginal_tax_rate": s["marginal_tax_rate_mean"], "participation_tax_rate": s["participation_tax_rate"]}
    for k in RATE_COLUMNS:
        rows[t(f"person.{k}")] = [rate_text(v) for v in yearly[k]] + [rate_text(totals[k])]
    out = pd.DataFrame.from_dict(rows, orient="index", columns=cols)
    out.index.name = t("person.view.line")
    return out


def breakdown_by_month(d) -> pd.DataFrame:
    m = d["lines"]
    incomes, deductions = shown_lines(d)
    out = {t("ui.axis.month"): [fmt_month(x, lg) for x in m["month"]]}
    for k, ded in [(k, False) for k in incomes] + [(k, True) for k in deductions] + [(k, False) for k in TOTALS]:
        out[line_label(k, ded)] = [fmt_eur(v, 0, lg) for v in m[k]]
    for k in RATE_COLUMNS:
        out[t(f"person.{k}")] = [rate_text(v) for v in m[k]]
    return pd.DataFrame(out).set_index(t("ui.axis.month"))


st.subheader(t("person.view.title"))
st.caption(t("person.view.caption"))
for tab, (i, name, sh, d) in zip(st.tabs([plain(name) for _, name, _, _ in ok]), ok):
    with tab:
        s = d["summary"]
        c1, c2 = st.columns(2)
        with c1:
            st.metric(t("person.view.mtr"), rate_text(s["marginal_tax_rate_mean"]), border=True,
                      help=t("person.view.mtr_help"))
            st.markdown(t("person.view.mtr_text", kept=fmt_eur(s["marginal_kept_per_100"], 0, lg)))
        with c2:
            st.metric(t("person.view.ptr"), rate_text(s["participation_tax_rate"]), border=True,
                      help=t("person.view.ptr_help"))
            st.markdown(t("person.view.ptr_none") if s["participation_kept_per_100"] is None else
                        t("person.view.ptr_text", kept=fmt_eur(s["participation_kept_per_100"], 0, lg)))
        st.markdown(f"**{t('person.view.by_year')}**")
        st.table(plain_table(breakdown_by_year(d)))
        incomes, deductions = shown_lines(d)
        st.plotly_chart(person_charts.person_income_chart(d["lines"], incomes, deductions,
                                                   t("person.view.chart", name=plain_html(sh)), lg),
                        key=f"per-breakdown-{i}", config={"displaylogo": False, "locale": "fi" if lg == "fi" else "en"})
        with st.expander(t("person.view.by_month"), icon=":material/table:"):
            st.dataframe(breakdown_by_month(d))

# ------------------------------------------------------------------ the pension cliff

st.subheader(t("person.cliff.title"))
by_sid = {sel[i]: (i, name, d) for i, name, _, d in ok}
left, right = st.columns([3, 1])
with left:
    csid = st.selectbox(t("ui.per.cliff_model"), list(by_sid), key="per-cliff-model",
                        format_func=lambda sid: by_sid[sid][1])
ci, cname, cd = by_sid[csid]
year_default = cd["first_paid_year"] if cd["first_paid_year"] in cd["years"] else cd["years"][0]
with right:
    year = st.selectbox(t("ui.per.cliff_year"), cd["years"], index=cd["years"].index(year_default),
                        key=f"per-cliff-year-{csid}")
cliff = cliff_data(keys[ci], pid, int(year))
if cliff is None:
    st.info(t("ui.per.cliff_none"))
else:
    st.plotly_chart(person_charts.pension_cliff_chart(cliff, t("ui.per.cliff_title", name=plain_html(short[ci]), year=year), lg, ci),
                    key="per-cliff", config=config)
    st.caption(t("ui.per.cliff_caption", year=year, wage=fmt_eur(cliff["hourly_wage"], 2, lg),
                 limit=fmt_eur(cliff["earnings_limit"], 0, lg)))
    if any(p["benefits_per_month"] for p in cliff["curve"]):
        st.caption(t("person.view.cliff_caption"))
    if cliff["limit_hours"] is None:
        st.info(t("person.cliff.no_pension"))
    else:
        hours = np.floor(cliff["limit_hours"] * 10 + 1e-9) / 10     # rounding up could pass the limit
        lines = [t("ui.per.cliff_limit_text", hours=fmt_number(hours, 1, lg),
                   net=fmt_eur(cliff["net_at_limit"], 0, lg))]
        if cliff["break_even_hours"] is not None:
            lines.append(t("ui.per.cliff_break_even_text", hours=fmt_number(cliff["break_even_hours"], 1, lg)))
        elif cliff["limit_hours"] < 37.5:
            lines.append(t("person.cliff.never"))
        st.markdown("\n".join(f"- {x}" for x in lines))
    with st.expander(t("person.cliff.by_year"), icon=":material/table:"):
        rows = [{t("year"): str(r["year"]), t("person.cliff.hourly_wage"): fmt_eur(r["hourly_wage"], 2, lg),
                 t("person.earnings_limit"): fmt_eur(r["earnings_limit"], 2, lg),
                 t("person.cliff.max_hours"): fmt_number(np.floor(r["max_hours_under_limit"] * 10 + 1e-9) / 10, 1, lg),
                 t("person.cliff.scenario_hours"): ("–" if r["scenario_hours"] is None
                                                    else fmt_number(r["scenario_hours"], 1, lg)),
                 t("person.cliff.over"): t("opt.yes") if r["over_limit"] else ""}
                for r in cliff["limits_by_year"]]
        st.table(plain_table(pd.DataFrame(rows).set_index(t("year"))))

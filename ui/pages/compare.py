"""Vertailu / Compare: two or three scenarios side by side."""
import pandas as pd
import streamlit as st

from simulator.model.conventions import month_number
from simulator.i18n import fmt_eur, fmt_month, fmt_number, fmt_percent
from ui import charts, results, state, storage
from ui.state import lang, t

lg = lang()
st.title(t("ui.page.compare"))
entries = {sid: e for sid, e in state.entries().items() if not e.error}

if state.COMPARE_KEY not in st.session_state:
    st.session_state[state.COMPARE_KEY] = list(storage.PILOTS)
sel = st.multiselect(t("ui.cmp.choose"), list(entries), max_selections=3, key=state.COMPARE_KEY,
                     persist_state="session", format_func=lambda sid: entries[sid].name)
st.query_params[state.COMPARE_KEY] = sel
if len(sel) < 2:
    st.info(t("ui.cmp.need_two"))
    st.stop()

works = [state.working(sid) for sid in sel]
runs = [state.run(w.model) for w in works]
names, short = state.display_names(works)
if any(w.dirty for w in works):
    st.caption(t("ui.cmp.uses_working"))

# --- KPI table with differences against the first scenario
ROWS = ["model", "break_even_month", "min_cash", "min_cash_month", "closing_cash", "npv", "total_result",
        "total_revenue", "total_subsidies", "total_costs", "subsidy_share", "paid_hours", "cost_per_paid_hour",
        "people_in_paid_work_end", "person_months_in_paid_work"]
LABEL = {"closing_cash": "closing_cash_kpi", "paid_hours": "paid_hours"}


def value_text(key, v):
    if v is None:
        return "–"
    if key == "model":
        return t(v)
    if key in ("break_even_month", "min_cash_month"):
        return fmt_month(v, lg)
    if key == "subsidy_share":
        return fmt_percent(v, 1, lg)
    if key == "paid_hours":
        return f"{fmt_number(v, 0, lg)} h"
    if key in ("people_in_paid_work_end", "person_months_in_paid_work"):
        return fmt_number(v, 1, lg)
    return fmt_eur(v, 2 if key == "cost_per_paid_hour" else 0, lg)


def diff_text(key, a, b):
    if key == "model" or a is None or b is None:
        return "" if key == "model" else "–"
    if key in ("break_even_month", "min_cash_month"):
        d = month_number(b) - month_number(a)
        return f"{d:+d} {t('ui.months_short')}".replace("-", "−") if d else "0"
    d = b - a
    if abs(d) < 1e-9:
        return "0"
    sign = "+" if d > 0 else "−"
    if key == "subsidy_share":
        return f"{sign}{fmt_number(abs(d) * 100, 1, lg)} {'%-yks.' if lg == 'fi' else 'pp'}"
    if key == "paid_hours":
        return f"{sign}{fmt_number(abs(d), 0, lg)} h"
    if key in ("people_in_paid_work_end", "person_months_in_paid_work"):
        return f"{sign}{fmt_number(abs(d), 1, lg)}"
    return f"{sign}{fmt_eur(abs(d), 2 if key == 'cost_per_paid_hour' else 0, lg)}"


def kpi(run, w, key):
    return w.current["model"] if key == "model" else run.kpis.get(key)


years = sorted({y for r in runs for y in r.kpis["result_by_year"]})
rows, index = [], []
for key in ROWS + [f"year:{y}" for y in years]:
    if key.startswith("year:"):
        y = key[5:]
        vals = [r.kpis["result_by_year"].get(y) for r in runs]
        index.append(t("ui.result_year", year=y))
        fmt_key = "total_result"
    else:
        vals = [kpi(r, w, key) for r, w in zip(runs, works)]
        index.append(t(LABEL.get(key, key)))
        fmt_key = key
    row = {n: value_text(fmt_key, v) for n, v in zip(names, vals)}
    for s, v in zip(short[1:], vals[1:]):
        row[t("ui.cmp.diff", b=s, a=short[0])] = diff_text(fmt_key, vals[0], v)
    rows.append(row)
st.subheader(t("ui.cmp.kpi_table"))
st.table(pd.DataFrame(rows, index=pd.Index(index, name=t("ui.kpi"))))

# --- charts
config = {"displaylogo": False}
st.plotly_chart(charts.compare_cash_chart(runs, names, lg), key="cmp-cash", config=config)

yearly = pd.DataFrame({n: r.monthly.groupby(r.monthly["month"].str[:4])["result"].sum()
                       for n, r in zip(names, runs)})
hours = pd.DataFrame({n: r.monthly.groupby(r.monthly["month"].str[:4])["paid_hours"].sum()
                      for n, r in zip(names, runs)})
eur_hover = "%{y:,.0f} €" if lg == "fi" else "€%{y:,.0f}"
left, right = st.columns(2)
with left:
    st.plotly_chart(charts.compare_yearly_chart(yearly, t("ui.cmp.yearly"), t("ui.axis.eur"), lg, eur_hover),
                    key="cmp-yearly", config=config)
with right:
    st.plotly_chart(charts.compare_yearly_chart(hours, t("ui.cmp.hours"), t("ui.axis.hours"), lg, "%{y:,.0f} h"),
                    key="cmp-hours", config=config)

st.subheader(t("ui.cmp.per_person"))
st.caption(t("ui.cmp.per_person_note"))
per_hours = pd.DataFrame({n: r.per_person.groupby("person", sort=False)["paid_hours"].sum()
                          for n, r in zip(names, runs)}).fillna(0.0)
per_pay = pd.DataFrame({n: r.per_person.groupby("person", sort=False)["pay"].sum()
                        for n, r in zip(names, runs)}).fillna(0.0)
per_tor = pd.DataFrame({n: r.per_person.groupby("person", sort=False)["work_activity_pay"].sum()
                        for n, r in zip(names, runs)}).fillna(0.0)
left, right = st.columns(2)
with left:
    st.plotly_chart(charts.per_person_chart(per_hours, "paid_hours", f"{t('ui.hours')} / {t('ui.person').lower()}",
                                            t("ui.axis.hours"), lg, "%{y:,.0f} h"), key="cmp-pp-hours", config=config)
with right:
    st.plotly_chart(charts.per_person_chart(per_pay, "pay", f"{t('ui.pay')} / {t('ui.person').lower()}",
                                            t("ui.axis.eur"), lg, eur_hover), key="cmp-pp-pay", config=config)
table = pd.DataFrame(index=per_hours.index)
for n in names:
    table[f"{n}: {t('ui.hours')}"] = [f"{fmt_number(v, 0, lg)} h" for v in per_hours[n]]
    table[f"{n}: {t('ui.pay')}"] = [fmt_eur(v, 0, lg) for v in per_pay[n]]
    table[f"{n}: {t('work_activity_pay')}"] = [fmt_eur(v, 0, lg) for v in per_tor[n]]
table.index.name = t("ui.person")
st.dataframe(table, width="stretch")

# --- the public purse: who in the public sector pays what, and gets what back
@st.cache_data(max_entries=64, show_spinner=False)
def public_data(key: str) -> dict:
    """Net public cost by payer and the per-person-year / per-hour figures
    (``simulator.person.public_purse``), keyed by the scenario's content."""
    from simulator.model.parameters import ParameterSet
    from simulator.person import public_purse
    from simulator.model.scenario import Scenario
    p = public_purse(Scenario.model_validate_json(key), ParameterSet.load())
    return {"net": {q: float(v["net_cost"]) for q, v in p.by_payer().items()},
            "kpis": {k: (None if v is None else float(v)) for k, v in p.kpis().items()}}


def public_or_error(w):
    from simulator.person.tax import TaxInputError
    from simulator.model.problems import ScenarioError
    try:
        return public_data(w.model.model_dump_json())
    except (ScenarioError, TaxInputError) as exc:
        return {"error": str(exc)}


st.subheader(t("public.title"))
st.caption(t("ui.pub.intro"))
pub = [public_or_error(w) for w in works]
for n, p in zip(names, pub):
    if "error" in p:
        st.error(f"**{n}**: {p['error']}", icon=":material/error:")
if all("error" not in p for p in pub):
    PAYERS = ("municipality", "state", "kela", "pension_insurers")
    PUB_ROWS = [(f"public.net_{q}", lambda p, q=q: p["net"][q], "eur") for q in PAYERS] + [
        ("public.net_public_cost", lambda p: p["kpis"]["net_public_cost"], "eur"),
        ("public.person_years", lambda p: p["kpis"]["person_years"], "num"),
        ("public.net_cost_per_person_year", lambda p: p["kpis"]["net_cost_per_person_year"], "eur"),
        ("public.paid_hours", lambda p: p["kpis"]["paid_hours"], "hours"),
        ("public.net_cost_per_paid_hour", lambda p: p["kpis"]["net_cost_per_paid_hour"], "eur2")]

    def pub_text(kind, v, signed=False):
        """A figure, or (``signed``) a difference with its sign; 0 when it rounds to nothing."""
        if v is None:
            return "–"
        x = abs(v) if signed else v
        if kind == "num":
            text, unit = fmt_number(x, 1, lg), 0.05
        elif kind == "hours":
            text, unit = f"{fmt_number(x, 0, lg)} h", 0.5
        else:
            text, unit = fmt_eur(x, 2 if kind == "eur2" else 0, lg), 0.005 if kind == "eur2" else 0.5
        if not signed:
            return text
        return "0" if abs(v) < unit else ("+" if v > 0 else "−") + text

    rows, index = [], []
    for key, get, kind in PUB_ROWS:
        vals = [get(p) for p in pub]
        row = {n: pub_text(kind, v) for n, v in zip(names, vals)}
        for s_, v in zip(short[1:], vals[1:]):
            d = None if v is None or vals[0] is None else v - vals[0]
            row[t("ui.cmp.diff", b=s_, a=short[0])] = pub_text(kind, d, signed=True)
        rows.append(row)
        index.append(t(key))
    st.markdown(f"**{t('ui.pub.table')}**")
    st.table(pd.DataFrame(rows, index=pd.Index(index, name=t("ui.kpi"))))
    by_payer = pd.DataFrame({n: [p["net"][q] for q in PAYERS] + [p["kpis"]["net_public_cost"]]
                             for n, p in zip(names, pub)},
                            index=[t(f"public.payer.{q}") for q in PAYERS] + [t("ui.total")])
    st.plotly_chart(charts.public_purse_chart(by_payer, lg), key="cmp-public", config=config)
    cols = st.columns(len(works))
    for col, n, p in zip(cols, names, pub):
        with col:
            st.markdown(f"**{n}**")
            st.metric(t("ui.pub.per_person_year"), pub_text("eur", p["kpis"]["net_cost_per_person_year"]),
                      border=True)
            st.metric(t("ui.pub.per_paid_hour"), pub_text("eur2", p["kpis"]["net_cost_per_paid_hour"]),
                      border=True)

models = [w.model for w in works]
st.download_button(t("ui.download_xlsx_cmp"), data=lambda: results.xlsx_bytes(models, lg),
                   file_name="vertailu.xlsx" if lg == "fi" else "comparison.xlsx", mime=results.XLSX_MIME,
                   on_click="ignore", icon=":material/table_view:", help=t("ui.xlsx_help"), key="cmp-xlsx")

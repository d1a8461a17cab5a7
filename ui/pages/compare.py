"""Vertailu / Compare: two or three scenarios side by side."""
import pandas as pd
import streamlit as st

from simulator.compare import side_by_side as cmp
from simulator.compare import verdict_tables as vt
from simulator.compare.verdict import REFUSING, verdict
from simulator.i18n import fmt_eur, fmt_number
from ui import charts, person_charts, engine_cache, results, storage, working
from ui.plain import plain, plain_html, plain_lines, plain_table
from ui.session import lang, t

lg = lang()
st.title(t("ui.page.compare"))
entries = {sid: e for sid, e in working.entries().items() if not e.error}

if working.COMPARE_KEY not in st.session_state:
    st.session_state[working.COMPARE_KEY] = list(storage.PILOTS)
sel = st.multiselect(t("ui.cmp.choose"), list(entries), max_selections=3, key=working.COMPARE_KEY,
                     persist_state="session", format_func=lambda sid: entries[sid].name)
st.query_params[working.COMPARE_KEY] = sel
if len(sel) < 2:
    st.info(t("ui.cmp.need_two"))
    st.stop()

works = [working.working(sid) for sid in sel]
runs = [engine_cache.run(w.model) for w in works]
names, short = working.display_names(works)
if any(w.dirty for w in works):
    st.caption(t("ui.cmp.uses_working"))

# --- the verdict first: comparability warnings, one sentence per party (simulator.compare.verdict)
@st.cache_data(max_entries=32, show_spinner=False)
def verdict_of(keys: tuple, shown: tuple):
    """The verdict of the scenarios (their contents as JSON), under the names shown."""
    from simulator.engine.projection import project
    from simulator.model.scenario import Scenario
    return verdict([project(Scenario.model_validate_json(k)) for k in keys], list(shown))


vd = verdict_of(tuple(w.model.model_dump_json() for w in works), tuple(names))
for m in vd.comparability:   # a different period or other people refuses (red); a boundary note warns
    (st.error if m.code in REFUSING else st.warning)(plain_lines(m.render(lg)), icon=":material/warning:")
st.subheader(t("verdict.title"))
st.markdown("\n".join(f"- {plain(x)}" for x in vd.sentences(lg)))

# --- KPI table with differences against the first scenario (simulator.compare, the catalogue's formats)
st.subheader(t("ui.cmp.kpi_table"))
st.table(plain_table(results.compare_table(runs, [w.current["model"] for w in works], names, short, lg)))


def _frame(heads_rows, index_cols=1):
    heads, rows = heads_rows
    return pd.DataFrame([r[index_cols:] for r in rows], columns=heads[index_cols:],
                        index=pd.Index([r[0] for r in rows], name=heads[0]))


st.subheader(t("verdict.table"))
st.table(plain_table(_frame(vt.party_table(vd, lg))))
st.markdown(f"**{t('verdict.ratios')}**")
st.table(plain_table(_frame(vt.ratio_table(vd, lg))))
st.table(plain_table(_frame(vt.volume_table(vd, lg))))
st.markdown(f"**{t('verdict.people_gain')}**")
st.table(plain_table(_frame(vt.people_table(vd, lg))))
st.markdown(f"**{t('verdict.assumptions')}**")
if vd.assumption_differences:
    st.dataframe(_frame(vt.assumption_table(vd, lg)), width="stretch")
else:
    st.caption(t("verdict.assumptions_none"))

# --- charts
config = {"displaylogo": False}
html_names = [plain_html(n) for n in names]     # Plotly renders HTML in legends and titles
st.plotly_chart(charts.compare_cash_chart(runs, html_names, lg), key="cmp-cash", config=config)

yearly = cmp.yearly(runs, "result", html_names)
hours = cmp.yearly(runs, "paid_hours", html_names)
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
# the engine's person lines (Projection.people) summed over the period: the figures `person` shows
per = {c: engine_cache.per_person_totals(runs, names, c) for c in ("paid_hours", "gross_pay", "tyoosuusraha",
                                                            "net_income", "change")}
per_hours, per_pay = per["paid_hours"], per["gross_pay"]
left, right = st.columns(2)
with left:
    st.plotly_chart(charts.per_person_chart(per_hours.rename(columns=plain_html), "paid_hours", f"{t('ui.hours')} / {t('ui.person').lower()}",
                                            t("ui.axis.hours"), lg, "%{y:,.0f} h"), key="cmp-pp-hours", config=config)
with right:
    st.plotly_chart(charts.per_person_chart(per_pay.rename(columns=plain_html), "pay", f"{t('ui.pay')} / {t('ui.person').lower()}",
                                            t("ui.axis.eur"), lg, eur_hover), key="cmp-pp-pay", config=config)
table = pd.DataFrame(index=per_hours.index)
for n in names:
    table[f"{n}: {t('ui.hours')}"] = [f"{fmt_number(v, 0, lg)} h" for v in per_hours[n]]
    for c, key in (("gross_pay", "ui.pay"), ("tyoosuusraha", "person.tyoosuusraha"),
                   ("net_income", "person.net_income"), ("change", "ui.cmp.change_vs_staying")):
        table[f"{n}: {t(key)}"] = [fmt_eur(v, 0, lg) for v in per[c][n]]
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
    from simulator.parties import PARTIES
    return {"net": {q: float(v["net_cost"]) for q, v in p.by_payer().items()},
            "kpis": {k: (None if v is None else float(v)) for k, v in p.kpis().items()},
            "parties": {q: (p.parties.total(q), p.parties.difference(q)) for q in PARTIES}}


def public_or_error(w):
    from simulator.engine.household.tax import TaxInputError
    from simulator.model.problems import ScenarioError
    try:
        return public_data(w.model.model_dump_json())
    except ScenarioError as exc:
        return {"error": exc.render(lang())}
    except TaxInputError as exc:
        return {"error": exc.fi if lang() == "fi" else exc.en}


st.subheader(t("public.title"))
st.caption(t("ui.pub.intro"))
pub = [public_or_error(w) for w in works]
for n, p in zip(names, pub):
    if "error" in p:
        st.error(f"**{plain(n)}**: {plain_lines(p['error'])}", icon=":material/error:")
if all("error" not in p for p in pub):
    from simulator.parties import PARTIES, PUBLIC as PAYERS
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
    st.table(plain_table(pd.DataFrame(rows, index=pd.Index(index, name=t("ui.kpi")))))
    # each party's result and its difference from the status quo (simulator.parties)
    st.markdown(f"**{t('party.title')}**")
    party_rows = {}
    for n, p in zip(names, pub):
        party_rows[n] = [pub_text("eur", p["parties"][q][0]) for q in PARTIES]
        party_rows[f"{n}: {t('party.difference')}"] = [pub_text("eur", p["parties"][q][1], signed=True)
                                                       for q in PARTIES]
    st.table(plain_table(pd.DataFrame(party_rows, index=pd.Index([t(f"party.{q}") for q in PARTIES], name=""))))
    by_payer = pd.DataFrame({n: [p["net"][q] for q in PAYERS] + [p["kpis"]["net_public_cost"]]
                             for n, p in zip(names, pub)},
                            index=[t(f"public.payer.{q}") for q in PAYERS] + [t("ui.total")])
    st.plotly_chart(person_charts.public_purse_chart(by_payer.rename(columns=plain_html), lg), key="cmp-public", config=config)
    cols = st.columns(len(works))
    for col, n, p in zip(cols, names, pub):
        with col:
            st.markdown(f"**{plain(n)}**")
            st.metric(t("ui.pub.per_person_year"), pub_text("eur", p["kpis"]["net_cost_per_person_year"]),
                      border=True)
            st.metric(t("ui.pub.per_paid_hour"), pub_text("eur2", p["kpis"]["net_cost_per_paid_hour"]),
                      border=True)

models = [w.model for w in works]
st.download_button(t("ui.download_xlsx_cmp"), data=lambda: results.xlsx_bytes(models, lg),
                   file_name="vertailu.xlsx" if lg == "fi" else "comparison.xlsx", mime=results.XLSX_MIME,
                   on_click="ignore", icon=":material/table_view:", help=t("ui.xlsx_help"), key="cmp-xlsx")
st.download_button(t("ui.download_brief"), data=lambda: results.brief_bytes(models[:3], lg),
                   file_name="muistio_vertailu.pdf" if lg == "fi" else "brief_comparison.pdf",
                   mime=results.PDF_MIME, on_click="ignore", icon=":material/picture_as_pdf:",
                   help=t("ui.brief_help"), key="cmp-brief")

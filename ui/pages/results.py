"""Tulokset / Results: key figures with the change since the saved version,
charts, warnings and the monthly table with CSV download."""
import streamlit as st

from simulator.engine.catalogue import HEADLINE_KPIS, TOTAL_KPIS
from simulator.i18n.messages import render_all
from ui import engine_cache, results, working
from ui.plain import plain
from ui.session import lang, t
from ui.storage import slug
from ui.widgets import kpi_cards, year_cards

w = working.current_working()
lg = lang()
st.title(f"{t('ui.page.results')}: {plain(w.current['name'])}")
if w.dirty:
    st.caption(t("ui.unsaved_note"))
pending = sum(len(v) for v in w.problems.values()) + sum(w.dropped.values())
if pending:
    st.warning(t("ui.pending_invalid", n=pending), icon=":material/error:")

key, saved_key = w.model.model_dump_json(), w.saved_model.model_dump_json()
cur, saved = engine_cache._project(key), engine_cache._project(saved_key)

st.subheader(t("ui.kpis"))
kpi_cards(HEADLINE_KPIS, cur.kpis, saved.kpis)
kpi_cards(TOTAL_KPIS, cur.kpis, saved.kpis)
year_cards(cur.kpis, saved.kpis)

def fig(name: str):
    """Made (or taken from the cache) one at a time: the first chart is on its way while the next is made."""
    return results.figure(name, key, saved_key, lg)


config = {"displaylogo": False, "locale": "fi" if lg == "fi" else "en"}
st.plotly_chart(fig("cash"), key="ch-cash", config=config)
st.plotly_chart(fig("income_costs"), key="ch-income", config=config)
left, right = st.columns(2)
with left:
    st.plotly_chart(fig("cost_comp"), key="ch-costs", config=config)
with right:
    st.plotly_chart(fig("waterfall"), key="ch-waterfall", config=config)
st.plotly_chart(fig("people"), key="ch-people", config=config)

with st.expander(f"{t('warnings')} ({len(cur.warnings)})", icon=":material/warning:"):
    if cur.warnings:
        st.markdown("\n".join(f"- {plain(x)}" for x in render_all(cur.warnings, lg)))
    else:
        st.write(t("ui.no_warnings"))

# The table is drawn only when opened: the page (and its first chart) loads faster.
table_box = st.expander(t("ui.monthly_table"), icon=":material/table:", key="monthly-table", on_change="rerun")
if table_box.open:
    with table_box:
        choice = st.segmented_control(t("ui.table_lines"), list(results.LINE_SETS), default="main",
                                      required=True, key="lines", format_func=lambda k: t(f"ui.table_lines.{k}"))
        st.dataframe(results.table(cur.monthly, results.LINE_SETS[choice or "main"], lg), hide_index=True,
                     height=420, width="stretch")
stem = slug(w.current["name"]) or "skenaario"
with st.container(horizontal=True):
    st.download_button(t("ui.download_csv"), data=lambda: results.csv_bytes(w.model, lg),
                       file_name=f"{stem}_{lg}.csv", mime="text/csv",
                       on_click="ignore", icon=":material/download:", help=t("ui.csv_help"), key="csv")
    model = w.model
    st.download_button(t("ui.download_xlsx"), data=lambda: results.xlsx_bytes([model], lg),
                       file_name=f"{stem}.xlsx", mime=results.XLSX_MIME, on_click="ignore",
                       icon=":material/table_view:", help=t("ui.xlsx_help"), key="xlsx")
    rev = [None if w.revision is None else f"{w.sid} r{w.revision}" + (" *" if w.dirty else "")]
    st.download_button(t("ui.download_brief"), data=lambda: results.brief_bytes([model], lg, rev),
                       file_name=f"muistio_{stem}.pdf" if lg == "fi" else f"brief_{stem}.pdf",
                       mime=results.PDF_MIME, on_click="ignore", icon=":material/picture_as_pdf:",
                       help=t("ui.brief_help"), key="brief")

"""Figures and tables of one projection (cached), shared by the Results page
and the benchmark. Each builder is keyed by the scenario's content key, so a
chart is rebuilt only when its scenario (or the language) changes.

The figures are kept with ``st.cache_resource`` (the same object for every
session, never copied): ``st.cache_data`` pickles a value and unpickles it on
every hit, and unpickling a plotly figure validates it anew (~9 ms a chart,
on every rerun). Nothing changes a figure after it is made: ``st.plotly_chart``
only reads it."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from simulator.compare import side_by_side as cmp
from simulator.engine import catalogue
from simulator.engine.display import format_line
from simulator.i18n import fmt_month, label

from . import charts
from .engine_cache import _project

# The table's line sets, from the catalogue of outputs (simulator/engine/catalogue.py).
LINE_SETS = {
    "main": list(catalogue.MAIN_LINES),
    "accrual": list(catalogue.lines_of("accrual")),
    "cash": list(catalogue.lines_of("cash")) + ["opening_cash", "closing_cash"],
    "volumes": list(catalogue.lines_of("volume")),
}


FIGURES = ("cash", "income_costs", "cost_comp", "waterfall", "people")   # the Results page's charts, in order


@st.cache_resource(max_entries=320, show_spinner=False)
def figure(name: str, key: str, saved_key: str, lang: str):
    """One chart of the Results page (``FIGURES``), each cached on its own so
    the first is sent to the browser before the others are made."""
    cur = _project(key)
    if name == "cash":
        saved = _project(saved_key).monthly if saved_key != key else None
        return charts.cash_chart(cur.monthly, cur.kpis, lang, saved)
    if name == "waterfall":
        return charts.waterfall_chart(cur.kpis, lang)
    return {"income_costs": charts.income_costs_chart, "cost_comp": charts.cost_composition_chart,
            "people": charts.people_chart}[name](cur.monthly, lang)


@st.cache_resource(max_entries=128, show_spinner=False)
def mini_cash(key: str, saved_key: str, lang: str):
    """The small cash chart beside the editor (Skenaario page)."""
    cur = _project(key)
    saved = _project(saved_key).monthly if saved_key != key else None
    return charts.mini_cash_chart(cur.monthly, cur.kpis, lang, saved)


def table(monthly: pd.DataFrame, lines: list, lang: str):
    """The monthly table with labelled columns, shown in the user's number format."""
    df = monthly[["month"] + lines].copy()
    df["month"] = [fmt_month(m, lang) for m in df["month"]]
    names = {k: label(k, lang) for k in lines}
    names["month"] = label("month", lang)
    df = df.rename(columns=names)
    fmt = {names[k]: (lambda v, k=k: format_line(k, v, lang, unit=False)) for k in lines}
    return df.style.format(fmt)


def compare_table(runs: list, models: list[str], names: list[str], short: list[str], lang: str) -> pd.DataFrame:
    """The Compare page's KPI table: the scenarios' model, then the key
    figures of ``simulator.compare.side_by_side.text_table`` (the catalogue's
    formats) with each later scenario's difference from the first."""
    diff_cols = [label("ui.cmp.diff", lang).format(b=s, a=short[0]) for s in short[1:]]
    kpis = cmp.text_table(runs, lang, names, diff_cols)
    model_row = pd.DataFrame([{**{n: label(m, lang) for n, m in zip(names, models)}, **{d: "" for d in diff_cols}}],
                             index=[label("model", lang)])
    return pd.concat([model_row, kpis]).rename_axis(label("ui.kpi", lang))


def xlsx_bytes(scenarios: list, lang: str) -> bytes:
    """The workbook with live formulas (``simulator.export``), made only when
    the download button is pressed."""
    from simulator.engine.projection import project
    from simulator.export.xlsx import workbook_bytes
    return workbook_bytes([project(s) for s in scenarios], lang)


def brief_bytes(scenarios: list, lang: str, revisions: list | None = None) -> bytes:
    """The decision brief (PDF, ``simulator.export.brief``), made only when the button is pressed."""
    from simulator.engine.projection import project
    from simulator.export.brief import brief_bytes as make

    from .actions import user
    return make([project(s) for s in scenarios], lang, author=user().name, revisions=revisions)


PDF_MIME = "application/pdf"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_bytes(scenario, lang: str, dialect: str | None = None) -> bytes:
    """The monthly CSV download, made only when the button is pressed: the
    exporter's file, byte for byte that of ``python -m simulator export
    SCENARIO --lang LANG [--csv-dialect D] -o FILE.csv`` (Finnish: the ``fi``
    dialect — ``;``, decimal comma, BOM; English: ``standard``)."""
    from simulator.engine.projection import project
    from simulator.export.csv_dialects import download_csv
    return download_csv([project(scenario)], lang, dialect)

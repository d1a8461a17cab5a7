"""Figures and tables of one projection (cached), shared by the Results page
and the benchmark. Each builder is keyed by the scenario's content key, so a
chart is rebuilt only when its scenario (or the language) changes."""
from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from simulator.i18n import fmt_month, fmt_number, label

from . import charts
from .state import _project

LINE_SETS = {
    "main": ["revenue", "subsidies", "costs", "result", "cumulative_result", "cash_in", "cash_out",
             "net_cash_flow", "closing_cash"],
    "accrual": ["sales", "avotyo_fees", "day_price_income", "client_fees", "other_income", "revenue",
                "pay_subsidy", "grants", "subsidies", "wages", "holiday_pay", "holiday_bonus",
                "employer_contributions", "work_activity_pay", "work_activity_costs", "overheads",
                "one_off_costs", "non_deductible_vat", "interest", "income_tax", "costs", "result"],
    "cash": ["customer_receipts", "client_fees_received", "pay_subsidy_received", "grants_received",
             "other_income_received", "vat_refund", "share_capital", "loan_drawdown", "cash_in",
             "wages_paid", "holiday_pay_paid", "holiday_bonus_paid", "employer_contributions_paid",
             "work_activity_pay_paid", "work_activity_costs_paid", "supplier_payments", "interest_paid",
             "loan_repayment", "vat_paid", "income_tax_paid", "cash_out", "net_cash_flow", "closing_cash"],
    "volumes": ["paid_hours", "people_in_paid_work", "people_employed_here", "people_in_avotyo",
                "people_in_work_activity"],
}
VOLUMES = set(LINE_SETS["volumes"])


@st.cache_data(max_entries=64, show_spinner=False)
def figures(key: str, saved_key: str, lang: str) -> dict:
    cur = _project(key)
    saved = _project(saved_key).monthly if saved_key != key else None
    return {
        "cash": charts.cash_chart(cur.monthly, cur.kpis, lang, saved),
        "income_costs": charts.income_costs_chart(cur.monthly, lang),
        "cost_comp": charts.cost_composition_chart(cur.monthly, lang),
        "waterfall": charts.waterfall_chart(cur.kpis, lang),
        "people": charts.people_chart(cur.monthly, lang),
    }


def table(monthly: pd.DataFrame, lines: list, lang: str):
    """The monthly table with labelled columns, shown in the user's number format."""
    df = monthly[["month"] + lines].copy()
    df["month"] = [fmt_month(m, lang) for m in df["month"]]
    names = {k: label(k, lang) for k in lines}
    names["month"] = label("month", lang)
    df = df.rename(columns=names)
    fmt = {names[k]: (lambda v: fmt_number(v, 1, lang)) if k in VOLUMES else (lambda v: fmt_number(v, 2, lang))
           for k in lines}
    return df.style.format(fmt)


def xlsx_bytes(scenarios: list, lang: str) -> bytes:
    """The workbook with live formulas (``simulator.export``), made only when
    the download button is pressed."""
    from simulator.engine.projection import project
    from simulator.export.xlsx import workbook_bytes
    return workbook_bytes([project(s) for s in scenarios], lang)


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_bytes(monthly: pd.DataFrame, lang: str) -> bytes:
    """All lines, one row a month. Finnish: ``;`` and decimal comma (opens in a
    Finnish Excel as numbers); English: ``,`` and decimal point. UTF-8 with BOM."""
    df = monthly.copy()
    num = df.columns.drop("month")
    df[num] = df[num].round(2)
    df = df.rename(columns={k: label(k, lang) for k in df.columns})
    buf = io.StringIO()
    if lang == "fi":
        df.to_csv(buf, sep=";", decimal=",", index=False)
    else:
        df.to_csv(buf, sep=",", index=False)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")

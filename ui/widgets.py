"""Small shared pieces of the pages: KPI cards with the change since the
saved version, and problem messages under a table or field."""
from __future__ import annotations

import streamlit as st

from simulator.model.conventions import month_number
from simulator.i18n import fmt_eur, fmt_month, fmt_number, fmt_percent

from .state import lang, t


def _signed(diff: float, text: str) -> str:
    """Streamlit reads the arrow from a leading ASCII minus; the figure keeps Finnish spacing."""
    return ("-" if diff < 0 else "+") + text.lstrip("−-")


def kpi_value_and_delta(key: str, cur: dict, old: dict | None):
    """(value text, delta text or None, delta colour) for one KPI."""
    lg = lang()
    v = cur.get(key)
    o = old.get(key) if old is not None else None
    if key == "break_even_month":
        # "not reached" is too long for the large figure: a dash, and the words below it
        value = fmt_month(v, lg) if v else "–"
        if v and o and v != o:
            d = month_number(v) - month_number(o)
            return value, _signed(d, f"{abs(d)} {t('ui.months_short')}"), "inverse"
        notes = [] if v else [t("ui.never")]
        if old is not None and v != o:
            notes.append(t("ui.was", value=fmt_month(o, lg) if o else t("ui.never")))
        return value, (" · ".join(notes) or None), "off"
    if key == "subsidy_share":
        value = fmt_percent(v, 1, lg) if v is not None else "–"
        if old is None or v is None or o is None or abs(v - o) < 5e-5:
            return value, None, "off"
        d = (v - o) * 100
        unit = "%-yks." if lg == "fi" else "pp"
        return value, _signed(d, f"{fmt_number(abs(d), 1, lg)} {unit}"), "off"
    decimals = 2 if key == "cost_per_paid_hour" else 0
    value = fmt_eur(v, decimals, lg) if v is not None else "–"
    if old is None or v is None or o is None or abs(v - o) < 0.5 * 10 ** -decimals:
        return value, None, "normal"
    d = v - o
    colour = "inverse" if key in ("cost_per_paid_hour", "total_costs") else "normal"
    return value, _signed(d, fmt_eur(abs(d), decimals, lg)), colour


KPI_LABEL = {"break_even_month": "ui.kpi.break_even_month", "min_cash": "min_cash", "total_result": "total_result",
             "npv": "npv", "cost_per_paid_hour": "ui.kpi.cost_per_paid_hour", "subsidy_share": "ui.kpi.subsidy_share",
             "closing_cash": "closing_cash_kpi", "total_revenue": "total_revenue",
             "total_subsidies": "total_subsidies", "total_costs": "total_costs"}


def kpi_cards(keys: list[str], cur: dict, old: dict | None, per_row: int = 5, compact: bool = False) -> None:
    lg = lang()
    for start in range(0, len(keys), per_row):
        cols = st.columns(per_row) if per_row > 1 else [st.container()]
        for col, key in zip(cols, keys[start:start + per_row]):
            value, delta, colour = kpi_value_and_delta(key, cur, old)
            title = t(KPI_LABEL.get(key, key))
            if key == "min_cash" and cur.get("min_cash_month"):
                title = t("ui.min_cash_in", month=fmt_month(cur["min_cash_month"], lg))
            help_key = f"h.kpi.{key}"
            with col:
                st.metric(title, value, delta=delta, delta_color=colour, border=not compact,
                          help=t(help_key) if help_key in _HELP else None,
                          delta_arrow="off" if colour == "off" and delta and not delta[:1] in "+-" else "auto")


def year_cards(cur: dict, old: dict | None, per_row: int = 5) -> None:
    lg = lang()
    years = list(cur["result_by_year"].items())
    for start in range(0, len(years), per_row):
        cols = st.columns(per_row)
        for col, (y, v) in zip(cols, years[start:start + per_row]):
            o = (old or {}).get("result_by_year", {}).get(y) if old else None
            delta = None
            if o is not None and abs(v - o) >= 0.5:
                delta = _signed(v - o, fmt_eur(abs(v - o), 0, lg))
            with col:
                st.metric(t("ui.result_year", year=y), fmt_eur(v, 0, lg), delta=delta, border=True)


_HELP = {f"h.kpi.{k}" for k in ("break_even_month", "min_cash", "npv", "cost_per_paid_hour",
                                 "subsidy_share", "total_result")}


def show_problems(problems) -> None:
    if problems:
        st.error("\n".join(["**" + t("ui.err.heading") + "**"] + [f"- {p.text()}" for p in problems]),
                 icon=":material/error:")

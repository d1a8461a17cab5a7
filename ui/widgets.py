"""Small shared pieces of the pages: KPI cards with the change since the
saved version, and problem messages under a table or field."""
from __future__ import annotations

import streamlit as st

from simulator.engine.catalogue import KPIS
from simulator.engine.display import format_difference, format_value, kpi_label
from simulator.i18n import fmt_month

from .plain import plain
from .session import lang, t


def _signed(text: str) -> str:
    """Streamlit reads the arrow from a leading ASCII minus; the figure keeps Finnish spacing."""
    return "-" + text[1:] if text[:1] in "−-" else text


def kpi_value_and_delta(key: str, cur: dict, old: dict | None):
    """(value text, delta text or None, delta colour) for one KPI: the
    catalogue's format (``simulator.engine.display``) and good direction."""
    lg = lang()
    v = cur.get(key)
    o = old.get(key) if old is not None else None
    entry = KPIS[key]
    if key == "break_even_month" and not (v and o and v != o):
        # "not reached" is too long for the large figure: a dash, and the words below it
        notes = [] if v else [t("ui.never")]
        if old is not None and v != o:
            notes.append(t("ui.was", value=format_value(key, o, lg) if o else t("ui.never")))
        return format_value(key, v, lg), (" · ".join(notes) or None), "off"
    value = format_value(key, v, lg)
    delta = None if old is None else format_difference(key, o, v, lg)
    if delta in (None, "0", "–"):
        return value, None, "normal" if entry.better else "off"
    colour = {"higher": "normal", "lower": "inverse"}.get(entry.better, "off")
    return value, _signed(delta), colour


def kpi_cards(keys: list[str], cur: dict, old: dict | None, per_row: int = 5, compact: bool = False) -> None:
    lg = lang()
    for start in range(0, len(keys), per_row):
        cols = st.columns(per_row) if per_row > 1 else [st.container()]
        for col, key in zip(cols, keys[start:start + per_row]):
            value, delta, colour = kpi_value_and_delta(key, cur, old)
            title = kpi_label(key, lg, short=True)
            if key == "min_cash" and cur.get("min_cash_month"):
                title = t("ui.min_cash_in", month=fmt_month(cur["min_cash_month"], lg))
            with col:
                st.metric(title, value, delta=delta, delta_color=colour, border=not compact,
                          help=t(KPIS[key].help),
                          delta_arrow="off" if colour == "off" and delta and not delta[:1] in "+-" else "auto")


def year_cards(cur: dict, old: dict | None, per_row: int = 5) -> None:
    lg = lang()
    years = list(cur["result_by_year"].items())
    for start in range(0, len(years), per_row):
        cols = st.columns(per_row)
        for col, (y, v) in zip(cols, years[start:start + per_row]):
            o = (old or {}).get("result_by_year", {}).get(y) if old else None
            delta = format_difference("result_by_year", o, v, lg)
            delta = None if delta in ("0", "–") else _signed(delta)
            with col:
                st.metric(t("ui.result_year", year=y), format_value("result_by_year", v, lg), delta=delta,
                          border=True)


def show_problems(problems) -> None:
    """The invalid cells of a table (or a form's fields), right under it, one
    line each: the row (its number and name), the column's label, what is wrong;
    with a count (st.data_editor cannot colour a cell)."""
    if problems:
        st.error("\n".join(["**" + t("ui.err.count", n=len(problems)) + " " + t("ui.err.heading") + "**"]
                           + [f"- {plain(p.text())}" for p in problems]), icon=":material/error:")

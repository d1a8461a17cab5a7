"""Parametrit / Parameters: the statutory values in force on a chosen date."""
import datetime as dt

import pandas as pd
import streamlit as st

from simulator.i18n import fmt_number
from simulator.model.parameters import ParameterSet
from ui.session import lang, t

lg = lang()
st.title(t("ui.page.parameters"))
st.caption(t("ui.par.intro"))


@st.cache_resource(show_spinner=False)
def parameter_set() -> ParameterSet:
    return ParameterSet.load()


def value_text(v: float, unit: str) -> str:
    decimals = 0
    for d in range(0, 5):
        if abs(round(v, d) - v) < 1e-9:
            decimals = d
            break
    else:
        decimals = 4
    return fmt_number(v, decimals, lg)


c1, c2, c3 = st.columns([1, 1, 1], vertical_alignment="bottom")
with c1:
    day = st.date_input(t("ui.par.date"), value=dt.date.today(), key="pday",
                        min_value=dt.date(2015, 1, 1), max_value=dt.date(2040, 12, 31),
                        format="DD.MM.YYYY" if lg == "fi" else "YYYY-MM-DD")
with c2:
    search = st.text_input(t("ui.par.search"), key="psearch", placeholder=t("ui.par.search_hint"))
with c3:
    only = st.toggle(t("ui.par.only_estimates"), key="pest")

def valid_to(name: str, valid_from: str) -> dt.date | None:
    """The day before the next dated value, if there is one."""
    later = [e.valid_from for e in parameter_set().get(name).entries
             if e.valid_from > dt.date.fromisoformat(valid_from)]
    return min(later) - dt.timedelta(days=1) if later else None


def day_text(d: dt.date | None) -> str:
    if d is None:
        return ""
    return f"{d.day}.{d.month}.{d.year}" if lg == "fi" else d.isoformat()


rows = parameter_set().in_force(day)
records = []
for r in rows:
    status = "beyond" if r["estimate"] and r["status"] != "gap" else r["status"]
    records.append({
        "estimate": "⚠ " + t("ui.par.estimate") if r["estimate"] else "",
        "desc": r["description_fi"] if lg == "fi" else r["description"],
        "value": value_text(r["value"], r["unit"]),
        "unit": t("unit." + r["unit"]),
        "valid_from": day_text(dt.date.fromisoformat(r["valid_from"])),
        "valid_to": day_text(valid_to(r["name"], r["valid_from"])),
        "status": t("status." + status),
        "source": next((u.strip() for u in str(r["source"]).split(";") if u.strip().startswith("http")), None),
        "name": r["name"],
        "note": r["note"],
    })
df = pd.DataFrame(records)
n_est = int((df["estimate"] != "").sum()) if len(df) else 0
if only:
    df = df[df["estimate"] != ""]
if search.strip():
    needle = search.strip().casefold()
    df = df[[needle in f"{d} {n} {x}".casefold() for d, n, x in zip(df["desc"], df["name"], df["note"])]]
st.write(t("ui.par.count", n=len(rows), e=n_est))
order = ["estimate", "desc", "value", "unit", "valid_from", "valid_to", "source", "status", "note", "name"]
st.dataframe(df[order] if len(df) else df, hide_index=True, width="stretch", height=min(40 + 35 * len(df), 1600),
             column_config={
    "estimate": st.column_config.TextColumn(t("ui.par.estimate"), width=80),
    "desc": st.column_config.TextColumn(t("ui.par.desc"), width=360),
    "value": st.column_config.TextColumn(t("ui.par.value"), width=90, alignment="right"),
    "unit": st.column_config.TextColumn(t("ui.par.unit"), width=70),
    "valid_from": st.column_config.TextColumn(t("ui.par.valid_from"), width=110),
    "valid_to": st.column_config.TextColumn(t("ui.par.valid_to"), width=110, help=t("ui.par.valid_to_help")),
    "source": st.column_config.LinkColumn(t("ui.par.source"), width=90, display_text=t("ui.par.open_source")),
    "status": st.column_config.TextColumn(t("ui.par.status"), width=230),
    "note": st.column_config.TextColumn(t("ui.par.note"), width=300),
    "name": st.column_config.TextColumn(t("ui.par.name"), width=240),
})

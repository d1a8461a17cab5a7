"""Navigation and the sidebar shared by every page: language and scenario.

The URL names the page (``/tulokset``), the scenario
(``?s=mikkeli_subcontracting``), the compared scenarios (``&cmp=...``) and
the language (``&lang=en``), so a link opens the same view. The query
parameters carry the scenarios' file stems, not their display names (which
is what a widget bound with ``bind="query-params"`` would put in the URL).
"""
from __future__ import annotations

import streamlit as st

from . import state
from .state import t

PAGES = (  # (file, url path, title key, icon)
    ("ui/pages/scenario.py", "skenaario", "ui.page.scenario", ":material/edit_note:"),
    ("ui/pages/results.py", "tulokset", "ui.page.results", ":material/monitoring:"),
    ("ui/pages/sensitivity.py", "herkkyys", "sens.page", ":material/tune:"),
    ("ui/pages/compare.py", "vertailu", "ui.page.compare", ":material/compare:"),
    ("ui/pages/person.py", "henkilo", "ui.page.person", ":material/person:"),
    ("ui/pages/parameters.py", "parametrit", "ui.page.parameters", ":material/gavel:"),
    ("ui/pages/help.py", "ohje", "ui.page.help", ":material/help:"),
)


def pages() -> list:
    return [st.Page(f, title=t(title), url_path=url, icon=icon, default=i == 0)
            for i, (f, url, title, icon) in enumerate(PAGES)]


def init() -> None:
    """On a session's first run, take the language, scenario and compared
    scenarios from the URL (``?lang=en&s=...&cmp=a&cmp=b``)."""
    ss = st.session_state
    if ss.get("_url_read"):
        return
    ss["_url_read"] = True
    qp = st.query_params
    ss[state.LANG_KEY] = qp.get(state.LANG_KEY) if qp.get(state.LANG_KEY) in state.LANGS else "fi"
    entries = {sid: e for sid, e in state.entries().items() if not e.error}
    sid = qp.get(state.SCENARIO_KEY)
    ss[state.SCENARIO_KEY] = sid if sid in entries else state.default_sid()
    cmp = [c for c in dict.fromkeys(qp.get_all(state.COMPARE_KEY)) if c in entries]
    if 2 <= len(cmp) <= 3:
        ss[state.COMPARE_KEY] = cmp


def write_url() -> None:
    """Keep the URL naming the scenario and the language (the path names the page)."""
    qp = st.query_params
    sid = st.session_state.get(state.SCENARIO_KEY)
    if sid and qp.get(state.SCENARIO_KEY) != sid:
        qp[state.SCENARIO_KEY] = sid
    lg = state.lang()
    if lg != "fi" and qp.get(state.LANG_KEY) != lg:
        qp[state.LANG_KEY] = lg
    elif lg == "fi" and state.LANG_KEY in qp:
        del qp[state.LANG_KEY]


def _keep_scenario() -> None:
    """A language switch changes the scenario list's labels ("pilotti" -> "pilot"),
    and a selectbox keeps its choice by label; set the choice again by id."""
    sid = st.session_state.get(state.SCENARIO_KEY)
    if sid:
        st.session_state[state.SCENARIO_KEY] = sid


def sidebar() -> None:
    """Language switch and scenario choice; applies pending edits first so
    every page (and the 'edited' marks) sees the latest valid version."""
    state.ingest(state.current_working())
    entries = state.entries()
    with st.sidebar:
        st.segmented_control(t("ui.language"), list(state.LANGS), key=state.LANG_KEY, required=True,
                             persist_state="session", on_change=_keep_scenario,
                             format_func=lambda v: {"fi": "Suomi", "en": "English"}[v])

        ok = [sid for sid, e in entries.items() if not e.error]
        names = {sid: f"{e.name} ({t('ui.pilot') if e.is_pilot else t('ui.user_scenario')})"
                 for sid, e in entries.items()}   # computed now: format_func may be called later
        if st.session_state.get(state.SCENARIO_KEY) not in ok:
            st.session_state[state.SCENARIO_KEY] = state.default_sid()
        st.selectbox(t("ui.choose_scenario"), ok, key=state.SCENARIO_KEY, format_func=names.__getitem__,
                     help=t("ui.choose_scenario_help"), persist_state="session")
        edited = [entries[sid].name for sid in ok if state.is_edited(sid)]
        if edited:   # kept out of the option labels so the choice stays stable while editing
            st.caption(f"{t('ui.edited').capitalize()}: " + ", ".join(edited))
        for e in entries.values():
            if e.error:
                st.warning(t("ui.bad_user_file", file=e.path, error=e.error))
    write_url()

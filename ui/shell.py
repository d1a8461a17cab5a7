"""Navigation and the sidebar shared by every page: language and scenario.

The URL names the page (``/tulokset``), the scenario
(``?s=mikkeli_subcontracting``), the compared scenarios (``&cmp=...``) and
the language (``&lang=en``), so a link opens the same view. The query
parameters carry the scenarios' file stems, not their display names (which
is what a widget bound with ``bind="query-params"`` would put in the URL).
"""
from __future__ import annotations

import os

import streamlit as st

from . import drafts, ingest, session, working
from .plain import plain
from .session import t

PAGES = (  # (file, url path, title key, icon); the first is the default page, served at "/"
    ("ui/pages/start.py", "aloitus", "ui.page.start", ":material/home:"),
    ("ui/pages/help.py", "ohje", "ui.page.help", ":material/help:"),
    ("ui/pages/scenario.py", "skenaario", "ui.page.scenario", ":material/edit_note:"),
    ("ui/pages/results.py", "tulokset", "ui.page.results", ":material/monitoring:"),
    ("ui/pages/sensitivity.py", "herkkyys", "sens.page", ":material/tune:"),
    ("ui/pages/compare.py", "vertailu", "ui.page.compare", ":material/compare:"),
    ("ui/pages/person.py", "henkilo", "ui.page.person", ":material/person:"),
    ("ui/pages/parameters.py", "parametrit", "ui.page.parameters", ":material/gavel:"),
)


def pages() -> list:
    """The pages in navigation order. Streamlit serves the default page at "/"
    and answers "Page not found" to its own url_path, so the default page gets
    a placeholder path and a hidden twin keeps a typed ``/aloitus`` working
    (a page's identity is its url_path: the two must differ)."""
    out = [st.Page(f, title=t(title), url_path=url, icon=icon) for f, url, title, icon in PAGES]
    f, url, title, icon = PAGES[0]
    out[0] = st.Page(f, title=t(title), url_path=f"{url}-oletus", icon=icon, default=True)
    return out + [st.Page(f, title=t(title), url_path=url, icon=icon, visibility="hidden")]


def init() -> None:
    """On a session's first run, take the scenario and compared scenarios
    from the URL (``?s=...&cmp=a&cmp=b``; the language: ``session.init_language``)."""
    ss = st.session_state
    session.init_language()
    if ss.get("_url_read"):
        return
    ss["_url_read"] = True
    qp = st.query_params
    entries = {sid: e for sid, e in working.entries().items() if not e.error}
    sid = qp.get(working.SCENARIO_KEY)
    ss[working.SCENARIO_KEY] = sid if sid in entries else working.default_sid()
    cmp = [c for c in dict.fromkeys(qp.get_all(working.COMPARE_KEY)) if c in entries]
    if 2 <= len(cmp) <= 3:
        ss[working.COMPARE_KEY] = cmp


def write_url() -> None:
    """Keep the URL naming the scenario and the language (the path names the page)."""
    qp = st.query_params
    sid = st.session_state.get(working.SCENARIO_KEY)
    if sid and qp.get(working.SCENARIO_KEY) != sid:
        qp[working.SCENARIO_KEY] = sid
    lg = session.lang()
    if lg != "fi" and qp.get(session.LANG_KEY) != lg:
        qp[session.LANG_KEY] = lg
    elif lg == "fi" and session.LANG_KEY in qp:
        del qp[session.LANG_KEY]


def _keep_scenario() -> None:
    """A language switch changes the scenario list's labels ("pilotti" -> "pilot"),
    and a selectbox keeps its choice by label; set the choice again by id."""
    sid = st.session_state.get(working.SCENARIO_KEY)
    if sid:
        st.session_state[working.SCENARIO_KEY] = sid


_INGESTED = "_edits_taken"    # set by a whole-app run; a fragment run finds it unset


def take_edits(w: working.Working) -> bool:
    """At the start of an ``st.fragment`` holding editors: in a rerun of the
    fragment alone (app.py and ``sidebar`` did not run) take the edits in, as
    ``sidebar`` does in a whole-app run, and say so (True: the fragment then
    keeps the draft, ``drafts.keep``, once its figures are drawn); in a
    whole-app run, nothing (done)."""
    if st.session_state.pop(_INGESTED, False):
        return False
    ingest.ingest(w)
    return True


def sidebar() -> None:
    """Language switch and scenario choice; applies pending edits first so
    every page (and the 'edited' marks) sees the latest valid version."""
    ingest.ingest(working.current_working())
    drafts.keep(working.current_working())     # nothing typed is lost on a reload
    st.session_state[_INGESTED] = True
    entries = working.entries()
    with st.sidebar:
        st.segmented_control(t("ui.language"), list(session.LANGS), key=session.LANG_KEY, required=True,
                             persist_state="session", on_change=_keep_scenario,
                             format_func=lambda v: {"fi": "Suomi", "en": "English"}[v])

        ok = [sid for sid, e in entries.items() if not e.error]
        names = {sid: f"{e.name} ({t('ui.pilot') if e.is_pilot else t('ui.user_scenario')})"
                 for sid, e in entries.items()}   # computed now: format_func may be called later
        if st.session_state.get(working.SCENARIO_KEY) not in ok:
            st.session_state[working.SCENARIO_KEY] = working.default_sid()
        st.selectbox(t("ui.choose_scenario"), ok, key=working.SCENARIO_KEY, format_func=names.__getitem__,
                     help=t("ui.choose_scenario_help"), persist_state="session")
        edited = [entries[sid].name for sid in ok if working.is_edited(sid)]
        if edited:   # kept out of the option labels so the choice stays stable while editing
            st.caption(f"{t('ui.edited').capitalize()}: " + ", ".join(plain(n) for n in edited))
        for e in entries.values():
            if e.error:
                st.warning(t("ui.bad_user_file", file=plain(os.path.basename(e.path)),   # no server path
                             error=plain((e.error_by_lang or {}).get(session.lang(), e.error))))
    write_url()

"""Nothing typed is lost: the working copy as a draft in the workspace
(``simulator.store.drafts``), offered back after a reload.

``keep(w)`` runs after every ingest (``shell.sidebar``): an edited working
copy is written as the user's draft when it changed; once it is saved or
reverted (no longer edited) the draft this session wrote is removed.
``offer(w)`` (Skenaario page): a fresh session whose copy is unedited but
finds a draft that differs shows "Jatka luonnosta / Hylkää luonnos".
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json

import streamlit as st

from simulator.model.problems import ScenarioError, validate
from simulator.store.drafts import Drafts

from . import actions, storage
from .diffs import changes
from .session import lang, t
from .working import Working

_WRITTEN = "_drafts_written"     # sid -> hash of the draft this session last wrote
_HANDLED = "_drafts_handled"     # sids whose draft was resumed or discarded in this session


def _drafts() -> Drafts:
    return Drafts(actions.user().name, storage.user_dir())


def _hash(d: dict) -> str:
    return hashlib.sha256(json.dumps(d, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def keep(w: Working | None) -> None:
    if w is None:
        return
    ss = st.session_state
    written = ss.setdefault(_WRITTEN, {})
    try:
        if w.dirty:
            h = _hash(w.current)
            if written.get(w.sid) != h:
                _drafts().write(w.sid, w.current, w.revision)
                written[w.sid] = h
                ss.setdefault(_HANDLED, set()).add(w.sid)   # this session's own draft: nothing to offer
        elif w.sid in written:
            _drafts().discard(w.sid)
            del written[w.sid]
    except (OSError, ValueError):
        pass   # a workspace the app may not write: the session still holds the edits


def _resume(sid: str, w: Working) -> None:
    d = _drafts().read(sid)
    st.session_state.setdefault(_HANDLED, set()).add(sid)
    if d is None:
        return
    try:
        model = validate(d.document, w.entry.path)
    except ScenarioError:    # no longer valid (e.g. the rules changed): keep the file, offer nothing
        return
    w.set_current(storage.dump(model), model)
    w.rebase()


def _discard(sid: str) -> None:
    st.session_state.setdefault(_HANDLED, set()).add(sid)
    try:
        _drafts().discard(sid)
    except (OSError, ValueError):
        pass


def offer(w: Working) -> None:
    """The "continue / discard" choice for a draft left by an earlier session."""
    if w.dirty or w.sid in st.session_state.get(_HANDLED, set()):
        return
    try:
        d = _drafts().read(w.sid)
    except ValueError:
        return
    if d is None or d.document == w.current:
        return
    lg = lang()
    n = len(changes(w.current, d.document, lg))
    when = d.written.astimezone(_helsinki()).strftime("%-d.%-m.%Y %H:%M" if lg == "fi" else "%Y-%m-%d %H:%M")
    with st.container(border=True, key="draft-offer"):
        st.info(t("ui.draft.found", when=when, n=n), icon=":material/draft:")
        if d.base_revision is not None and w.revision is not None and w.revision > d.base_revision:
            st.caption(t("ui.draft.stale", rev=w.revision))
        c1, c2 = st.columns(2)
        c1.button(t("ui.draft.resume"), key=f"draft-resume-{w.sid}", type="primary", icon=":material/edit:",
                  on_click=_resume, args=(w.sid, w), width="stretch")
        c2.button(t("ui.draft.discard"), key=f"draft-discard-{w.sid}", icon=":material/delete:",
                  on_click=_discard, args=(w.sid,), width="stretch")


def _helsinki():
    try:
        from zoneinfo import ZoneInfo
        return ZoneInfo("Europe/Helsinki")
    except Exception:   # no time-zone data: show UTC
        return dt.timezone.utc

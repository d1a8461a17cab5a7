"""The session's language and the translated text of a key (``t``)."""
from __future__ import annotations

import streamlit as st

from simulator.i18n import label

LANGS = ("fi", "en")
LANG_KEY = "lang"


def init_language() -> None:
    """On a session's first run, the language from the URL (``?lang=en``), else Finnish."""
    ss = st.session_state
    if not ss.get("_lang_read"):
        ss["_lang_read"] = True
        ss[LANG_KEY] = st.query_params.get(LANG_KEY) if st.query_params.get(LANG_KEY) in LANGS else "fi"


def lang() -> str:
    v = st.session_state.get(LANG_KEY)
    return v if v in LANGS else "fi"


def t(key: str, **fmt) -> str:
    text = label(key, lang())
    return text.format(**fmt) if fmt else text

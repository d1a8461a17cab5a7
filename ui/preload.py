"""The browser starts on the chart code while the server is still busy.

A session's first run spends a second or two importing the model, the
store and the engine before the first chart reaches the browser, and the
browser then loads and compiles Streamlit's Plotly component (its largest
piece of code, ~4.7 MB) before it can draw anything: one after the other.
``charts()`` is drawn first (``app.py``, before the heavy imports): a hidden
script asks the browser to import that component at once, so it is compiled
while the server works. The file's name carries a hash that changes with
the Streamlit version, so it is looked up in Streamlit's own static folder;
not found, nothing is drawn. The script is our own static code, with no
user input.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

import streamlit as st

KEY = "chart-preload"


@functools.cache
def _chart_modules() -> list[str]:
    js = Path(st.__file__).parent / "static" / "static" / "js"
    return sorted(f"./static/js/{p.name}" for p in js.glob("PlotlyChart.*.js"))


def charts() -> None:
    mods = _chart_modules()
    if not mods:
        return
    with st.container(key=KEY):
        st.html(f"<style>.st-key-{KEY} {{display: none;}}</style><script>(() => {{"
                "if (window.__simCharts) return; window.__simCharts = true;"
                f"for (const m of {json.dumps(mods)}) import(new URL(m, document.baseURI).href).catch(() => {{}});"
                "})();</script>", unsafe_allow_javascript=True)

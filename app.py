"""Streamlit entry point: navigation only. The pages are in ui/.

Run with ``./run app`` (``streamlit run app.py --server.headless true``).
"""
from pathlib import Path

import streamlit as st

from ui import frontend, preload, session
from ui.session import t

# our own file: a :material: icon makes every visitor's browser fetch it from fonts.gstatic.com
FAVICON = Path(__file__).parent / "ui" / "static" / "favicon.png"

session.init_language()
st.set_page_config(page_title=t("ui.app_title"), page_icon=FAVICON, layout="wide")
frontend.install()   # Streamlit's own English texts in Finnish, <html lang>, contrast
preload.charts()     # the browser compiles the chart code while the server imports the rest (cold start)
from ui import auth, shell  # noqa: E402 (after the first elements are on their way)

shell.init()
signed_in = auth.gate()   # log-in form instead of the pages when a users file is set
page = st.navigation(shell.pages(), position="sidebar" if signed_in else "hidden")
if signed_in:
    shell.sidebar()
    auth.sidebar()
    page.run()

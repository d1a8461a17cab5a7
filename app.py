"""Streamlit entry point: navigation only. The pages are in ui/.

Run with ``./run app`` (``streamlit run app.py --server.headless true``).
"""
import streamlit as st

from ui import auth, frontend, shell
from ui.session import t

shell.init()
st.set_page_config(page_title=t("ui.app_title"), page_icon=":material/savings:", layout="wide")
frontend.install()   # Streamlit's own English texts in Finnish, <html lang>, contrast
signed_in = auth.gate()   # log-in form instead of the pages when a users file is set
page = st.navigation(shell.pages(), position="sidebar" if signed_in else "hidden")
if signed_in:
    shell.sidebar()
    auth.sidebar()
    page.run()

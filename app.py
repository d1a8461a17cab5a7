"""Streamlit entry point: navigation only. The pages are in ui/.

Run with ``./run app`` (``streamlit run app.py --server.headless true``).
"""
import streamlit as st

from ui import shell
from ui.state import t

shell.init()
st.set_page_config(page_title=t("ui.app_title"), page_icon=":material/savings:", layout="wide")
page = st.navigation(shell.pages())
shell.sidebar()
page.run()

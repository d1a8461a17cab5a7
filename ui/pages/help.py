"""Ohje / Help: what each model is and what each line means."""
import streamlit as st

from simulator.engine.catalogue import COLUMNS, KPIS
from ui.session import t

st.title(t("doc.title"))
st.write(t("doc.intro"))

st.header(t("doc.howto_title"))
st.markdown(t("doc.howto"))
st.info(t("doc.numbers"), icon=":material/calculate:")

st.header(t("doc.models_title"))
for model in ("cooperative", "subcontracting", "salaried"):
    st.markdown(t(f"doc.model.{model}"))

st.header(t("doc.lines_title"))
st.write(t("doc.timing"))
st.markdown("\n".join(f"- **{t(o.label)}** – {t(o.help)}" for o in COLUMNS.values()))

st.header(t("doc.kpis_title"))
st.markdown("\n".join(f"- **{t(o.label)}** – {t(o.help)}" for o in KPIS.values() if o.unit != "code"))

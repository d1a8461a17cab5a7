"""Ohje / Help: what each model is and what each line means."""
import streamlit as st

from simulator.i18n import LABELS
from ui.state import t

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
lines = [k[len("help."):] for k in LABELS if k.startswith("help.")]
st.markdown("\n".join(f"- **{t(k)}** – {t('help.' + k)}" for k in lines))

st.header(t("doc.kpis_title"))
kpis = [k[len("h.kpi."):] for k in LABELS if k.startswith("h.kpi.")]
st.markdown("\n".join(f"- **{t(k)}** – {t('h.kpi.' + k)}" for k in kpis))

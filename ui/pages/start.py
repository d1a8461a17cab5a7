"""Aloitus / Start: the three models in plain words and the three paths:
edit my unit's budget (the Skenaario page on the unit's scenario), compare the
models (Vertailu), a person's view (Henkilö). A signed-in unit director's
unit is chosen for them; everyone else picks the unit."""
import streamlit as st

from simulator.i18n import label
from simulator.store.access import UNITS, unit_of
from ui import actions, working
from ui.session import lang, t

SCENARIO_PAGE, COMPARE_PAGE, PERSON_PAGE, HELP_PAGE = (
    "ui/pages/scenario.py", "ui/pages/compare.py", "ui/pages/person.py", "ui/pages/help.py")
UNIT_KEY = "start-unit"     # + the chosen scenario: choosing another scenario preselects its unit


def unit_name(unit: str) -> str:
    return label(f"person.town.{unit}", lang())


def scenario_of(unit: str) -> str:
    """The scenario the unit's budget opens on: the chosen scenario when it is the
    unit's own, else the unit's pilot."""
    entries = {sid: e for sid, e in working.entries().items() if not e.error}
    current = working.current_sid()
    e = entries.get(current)
    if e is not None and unit_of(e.base or e.id) == unit:
        return current
    return next(sid for sid, e in entries.items() if e.is_pilot and unit_of(sid) == unit)


def _open_unit(unit: str) -> None:
    st.session_state[working.SCENARIO_KEY] = scenario_of(unit)


user = actions.user()
my_unit = user.unit if user.role == "director" and user.unit in UNITS else None

st.title(t("ui.app_title"))
st.write(t("start.intro"))

st.header(t("start.paths_title"))
edit, compare, person = st.columns(3)
with edit.container(border=True):
    if my_unit:
        unit = my_unit
        st.caption(t("start.your_unit", unit=unit_name(unit)))
    else:
        chosen = working.entries()[working.current_sid()]
        current = unit_of(chosen.base or chosen.id)
        unit = st.segmented_control(t("start.unit"), UNITS, key=f"{UNIT_KEY}-{working.current_sid()}", required=True,
                                    default=current if current in UNITS else UNITS[0], format_func=unit_name)
    if st.button(t("start.edit"), key="start-edit", type="primary", icon=":material/edit_note:",
                 width="stretch", on_click=_open_unit, args=(unit,)):
        st.switch_page(SCENARIO_PAGE)
    st.write(t("start.edit_text"))
with compare.container(border=True):
    if st.button(t("start.compare"), key="start-compare", icon=":material/compare:", width="stretch"):
        st.switch_page(COMPARE_PAGE)
    st.write(t("start.compare_text"))
with person.container(border=True):
    if st.button(t("start.person"), key="start-person", icon=":material/person:", width="stretch"):
        st.switch_page(PERSON_PAGE)
    st.write(t("start.person_text"))

st.header(t("start.models_title"))
for column, model in zip(st.columns(3), ("cooperative", "subcontracting", "salaried")):
    column.markdown(t(f"start.model.{model}"))

st.page_link(HELP_PAGE, label=t("start.help"), icon=":material/help:")

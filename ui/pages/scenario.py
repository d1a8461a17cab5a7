"""Skenaario / Scenario: edit the chosen scenario's assumptions by group and
see the key figures move at once; save, save as new, reset, undo.

The key figures and a small cash chart stand beside the editor (a sticky
right-hand column, in view at 1366×768 while scrolling the tables); an
unsaved working copy is kept as a draft in the workspace and offered back
after a reload (``ui/drafts.py``)."""
import pandas as pd
import streamlit as st

from simulator.engine.catalogue import LIVE_KPIS
from simulator.i18n import label
from simulator.model.scenario import description_text
from ui import groups as m
from ui import records
from ui import actions, drafts, engine_cache, history, ingest, results, saving, shell, working
from ui import upload
from ui.diffs import changes
from ui.plain import plain, plain_lines
from ui.session import lang, t
from ui.widgets import kpi_cards, show_problems

w = working.current_working()
lg = lang()
sc = w.current

st.title(f"{t('ui.page.scenario')}: {plain(sc['name'])}")
badge = t("ui.readonly_badge") if w.is_pilot else (
    t("ui.based_on", base=plain(working.entries()[w.base_stem].name)) if w.base_stem in working.entries() else "")
st.caption(" · ".join(x for x in (label(sc["model"], lg), plain(sc["budget_owner"]), badge) if x))

flash = actions.pop_flash()
if flash:
    getattr(st, flash[0])(plain_lines(flash[1]))

drafts.offer(w)     # "Jatka luonnosta / Hylkää luonnos" after a reload

with st.sidebar:
    st.caption(t("ui.decimal_hint"))

# --- actions
denied, denied_new = actions.edit_denied(w), actions.create_denied(w)   # None: the user may save
c1, c2, c3, c4 = st.columns(4)
with c1:
    if w.is_pilot:
        st.button(t("ui.save"), key=f"save-{w.sid}", icon=":material/lock:", width="stretch",
                  on_click=saving.save, args=(w.sid,), help=t("ui.msg.pilot_readonly"))
    else:
        st.button(t("ui.save"), key=f"save-{w.sid}", type="primary", icon=":material/save:", width="stretch",
                  on_click=saving.save, args=(w.sid,), disabled=not w.dirty or bool(denied), help=denied and plain(denied))
with c2:
    st.button(t("ui.undo"), key=f"undo-{w.sid}", icon=":material/undo:", width="stretch",
              on_click=actions.undo, args=(w.sid,), disabled=not w.history)
with c3:
    st.button(t("ui.revert_saved"), key=f"revert-{w.sid}", icon=":material/restore:", width="stretch",
              on_click=actions.revert_to_saved, args=(w.sid,), disabled=not w.dirty)
with c4:
    st.button(t("ui.reset_base"), key=f"reset-{w.sid}", icon=":material/settings_backup_restore:",
              width="stretch", on_click=actions.reset_to_base, args=(w.sid,), help=t("ui.reset_base_help"))

with st.container(horizontal=True, vertical_alignment="bottom"):
    st.text_input(t("ui.new_name"), key=saving.new_name_key(w.sid), help=t("ui.new_name_help"),
                  placeholder=f"{sc['name']} 2", max_chars=80)
    st.button(t("ui.save_as"), key=f"saveas-{w.sid}", icon=":material/save_as:",
              type="primary" if w.is_pilot and w.dirty else "secondary",
              on_click=saving.save_as, args=(w.sid,), disabled=bool(denied_new), help=denied_new and plain(denied_new))
for reason in dict.fromkeys(x for x in (None if w.is_pilot else denied, denied_new) if x):
    st.caption(f":material/lock: {plain(reason)}")
if w.is_pilot and w.dirty and not (flash and flash[1] == t("ui.msg.pilot_readonly")):
    st.info(t("ui.msg.pilot_readonly"), icon=":material/lock:")


# --- what changed against the saved version
def changes_section() -> None:
    diff = changes(w.saved, w.current, lg)
    with st.expander(t("ui.n_changes", n=len(diff)) if diff else t("ui.changes"),
                     expanded=bool(diff) and len(diff) <= 8, icon=":material/difference:"):
        if diff:
            st.markdown("\n".join(f"- {plain(line)}" for line in diff))
        else:
            st.write(t("ui.no_changes"))
    st.divider()


# --- the assumptions, one group at a time
def _column_config(table: m.Table, base: dict) -> dict:
    cfg = {}
    for c in table.cols:
        name, helptext = t(c.label), (t(c.help) if c.help else None)
        if c.kind == "bool":
            cfg[c.key] = st.column_config.CheckboxColumn(name, help=helptext, width=c.width)
        elif c.kind == "choice":
            options = list(records.people_ids(base)) if c.key == "person" else list(c.options)
            fmt = (lambda v, ol=c.opt_label: m.option_text(ol, v, lg)) if c.opt_label else None
            cfg[c.key] = st.column_config.SelectboxColumn(name, help=helptext, width=c.width, options=options,
                                                          format_func=fmt)
        else:
            cfg[c.key] = st.column_config.TextColumn(
                name, help=helptext, width=c.width,
                alignment="right" if c.kind in ("num", "pct", "int") else None)
    return cfg


def _frame(table: m.Table, base: dict) -> pd.DataFrame:
    rows = records.table_rows(table, base, lg)
    data = {}
    for c in table.cols:
        values = [r[c.key] for r in rows]
        if c.kind == "bool":
            data[c.key] = pd.Series(values, dtype="boolean")   # nullable: an added row starts empty
        elif c.kind == "choice":
            data[c.key] = pd.Series(values, dtype="object")
        else:
            data[c.key] = pd.Series(values, dtype="str")
    return pd.DataFrame(data)


def editor(group: m.Group, table: m.Table) -> None:
    """The editor shows the group's base version and keeps the user's edits
    itself; it is never fed its own output (streamlit#7749)."""
    st.markdown(f"**{t(table.title)}**")
    if table.caption:
        st.caption(t(table.caption))
    base = w.base(group.id)
    view = w.views.get((group.id, table.id, lg))
    if view is None or view[0] is not base:   # built once per base version (an edit does not change it)
        view = w.views[(group.id, table.id, lg)] = (base, _frame(table, base), _column_config(table, base))
    _, frame, config = view
    st.data_editor(frame, key=ingest.table_key(w, group.id, table.id), num_rows="dynamic",
                   hide_index=True, column_config=config, width="stretch",
                   height=min(35 * (len(frame) + 2) + 3, 703), placeholder="–")   # all rows, up to 18
    show_problems(ingest.problems_for(w, group.id, f"t:{table.id}"))


def field_widget(group: m.Group, f: m.Field) -> None:
    key = ingest.field_key(w, group.id, f.id)
    value = records.field_text(f, w.base(group.id), lg)
    if f.path == ("description",):     # a {fi, en} description is edited in the reader's language
        value = description_text(w.base(group.id).get("description"), lg)
    name, helptext = t(f.label), (t(f.help) if f.help else None)
    if f.kind == "bool":
        st.checkbox(name, value=bool(value), key=key, help=helptext)
    elif f.kind == "choice":
        options = list(f.options)
        st.selectbox(name, options, index=options.index(value) if value in options else 0, key=key, help=helptext,
                     format_func=(lambda v: m.option_text(f.opt_label, v, lg)) if f.opt_label else str)
    elif f.kind == "textarea":
        st.text_area(name, value=value, key=key, help=helptext, height=100)
    else:
        st.text_input(name, value=value, key=key, help=helptext)
    probs = ingest.problems_for(w, group.id, f"f:{f.id}")
    if probs:
        st.error("; ".join(plain(p.text()) for p in probs), icon=":material/error:")


def form(group: m.Group, fields: tuple, per_row: int = 3) -> None:
    """The group's fields. Not an ``st.form``: a form keeps typed text in the
    browser until it is submitted, so switching tab lost it. A field commits
    when it loses focus (or on Enter), which a tab click does first; "Apply"
    only makes that explicit."""
    with st.container(key=ingest.form_key(w, group.id), border=True):
        cols = st.columns(per_row)
        for i, f in enumerate(fields):
            with cols[i % per_row]:
                field_widget(group, f)
        st.button(t("ui.apply"), icon=":material/check:", type="primary", key=f"apply-{ingest.form_key(w, group.id)}")


# --- the assumptions, one group at a time (left), the consequence at once (right, sticky)
def _outside(w: working.Working) -> tuple:
    """What the page draws outside ``live_editor`` from the working copy (title,
    caption, the buttons' states, the sidebar's "edited" note)."""
    return (w.current["name"], w.current["model"], w.current["budget_owner"], w.dirty, bool(w.history))


@st.fragment
def live_editor() -> None:
    """The changes, the editors and the live figures. An edit in an editor
    reruns only this function (an ``st.fragment``), not the whole page: it
    takes the edits in itself (``shell.take_edits``) and reruns the whole app
    only when something drawn outside it changed (``_outside``: the first
    edit, a new name, ...)."""
    before = _outside(w)
    took = shell.take_edits(w)
    changes_section()
    cur_run, saved_run = engine_cache.run(w.model), engine_cache.run(w.saved_model)
    st.html("<style>[data-testid='stColumn']:has(.st-key-live-panel) {position: sticky; top: 3.75rem;"
            " align-self: flex-start;}"
            ".st-key-live-panel [data-testid='stMetricValue'] {font-size: 1.3rem;}"
            ".st-key-live-panel [data-testid='stMetric'] {padding: 0; gap: 0;}"
            ".st-key-live-panel {gap: 0.3rem;}</style>")
    edit_col, live_col = st.columns([3, 1], gap="medium")
    with live_col, st.container(key="live-panel"):
        st.markdown(f"**{t('ui.live_short')}**", help=t("ui.live"))
        kpi_cards(LIVE_KPIS, cur_run.kpis, saved_run.kpis, per_row=1, compact=True)
        st.plotly_chart(results.mini_cash(w.model.model_dump_json(), w.saved_model.model_dump_json(), lg),
                        key="ch-mini-cash", config={"displaylogo": False, "displayModeBar": False,
                                                    "locale": "fi" if lg == "fi" else "en"})

    groups = list(m.GROUPS.values())
    with edit_col:
        tabs = st.tabs([t(g.title) for g in groups], key=f"group-{lg}", on_change="rerun")
    for g, tab in zip(groups, tabs):
        if not tab.open:
            continue
        with tab:
            ingest.mark_shown(w, g.id)
            if g.caption:
                st.caption(t(g.caption))
            for table in g.tables:
                editor(g, table)
            if g.id == "people":
                with st.expander(t("ui.tbl.pipeline"), expanded=w.base(g.id).get("pipeline") is not None):
                    form(g, g.fields, per_row=4)
            elif g.fields:
                form(g, g.fields, per_row=3 if g.id == "general" else 2)
            other = ingest.problems_for(w, g.id, f"g:{g.id}")
            show_problems(other)
    if took:
        drafts.keep(w)     # after the figures are on their way (the file is written with fsync)
    if _outside(w) != before:
        st.rerun(scope="app")


live_editor()

st.divider()
history.section(w)     # a refused save's two sets of changes; Historia / History
upload.section()       # Tuo skenaario / Import a scenario (ui/upload.py)

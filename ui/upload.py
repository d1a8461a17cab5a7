"""Tuo skenaario / Import a scenario: an expander on the Scenario page.

The user uploads a scenario ``.yaml``/``.yml`` (≤ 1 MB) or a workbook
exported by this program (``.xlsx``, ≤ 10 MB; ``server.maxUploadSize`` in
``.streamlit/config.toml`` is 10 MB too). ``simulator.export.intake`` checks it
(size, type, zip bombs, the scenario itself); the page lists every problem
with its place, or shows the scenario's name and offers "Save as new
scenario", which saves it through the app's one save-as-new flow (``saving.create``: a
new name only, nothing existing is overwritten; the user's rights are checked).

``handle_upload(filename, data, lang)`` is the testable core (no widgets);
``section()`` draws the expander.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from simulator.export.intake import MAX_XLSX_BYTES, MAX_YAML_BYTES, display_name, scenario_from_upload
from simulator.model.problems import ScenarioError

from . import actions, saving, storage, working
from .plain import plain
from .session import lang, t

UPLOAD_MB = MAX_XLSX_BYTES // 1_000_000
RESULT_KEY = "_upload"
VERSION_KEY = "_upload_v"
NAME_KEY = "upload-name"


@dataclass
class Upload:
    """What an uploaded file gave: a scenario document, or the problems."""
    file: str                                   # the file's base name
    doc: dict | None = None                     # the validated scenario (full dump, no base)
    base: str | None = None                     # the pilot it is built on, if it names one
    problems: list[str] = field(default_factory=list)   # "place: what" lines in the language

    @property
    def ok(self) -> bool:
        return self.doc is not None


def handle_upload(filename: str, data: bytes, lg: str = "fi", number: int = 1) -> Upload:
    """Check an uploaded file (``simulator.export.intake``); never raises for bad input."""
    name = display_name(filename)
    try:
        doc = scenario_from_upload(filename, data, number)
    except ScenarioError as exc:
        lines = [f"{where}: {fi if lg == 'fi' else en}" if where else (fi if lg == "fi" else en)
                 for where, en, fi in exc.problems]
        return Upload(name, problems=lines)
    base = doc.pop("base", None)
    return Upload(name, doc, base)


def create_denied(up: Upload) -> str | None:
    """Why the user may not save this upload as a new scenario (None: they may)."""
    return actions.new_denied(up.base, up.doc.get("model"))


def save_new(up: Upload, name: str) -> tuple[str, str, str | None]:
    """Save an upload as a new scenario called ``name`` (``saving.create``): (flash kind, text, new scenario id)."""
    name = (name or "").strip()
    try:
        path = saving.create(name, up.doc, up.base, f"imported from {up.file}", up.file)
    except saving.CREATE_ERRORS as exc:
        return "error", actions.error_text(exc, name), None
    return "success", t("upl.saved", path=path.name), path.stem


def suggest_name(name: str) -> str:
    """The scenario's own name if free, else "name (tuotu)", "name (tuotu 2)" … (pilots' names are never free)."""
    tag = t("upl.imported")
    for candidate in [name] + [f"{name} ({tag}{'' if k == 1 else f' {k}'})" for k in range(1, 10)]:
        try:
            storage.target_for_new(candidate)
            return candidate
        except storage.SaveError:
            continue
    return ""


def _on_save() -> None:
    up = (st.session_state.get(RESULT_KEY) or (None, None))[1]
    if up is None or not up.ok:
        return
    kind, text, sid = save_new(up, st.session_state.get(NAME_KEY, ""))
    actions.flash(kind, text)
    if sid:
        st.session_state[working.SCENARIO_KEY] = sid
        st.session_state[VERSION_KEY] = st.session_state.get(VERSION_KEY, 0) + 1   # empty the uploader
        st.session_state.pop(RESULT_KEY, None)


def section() -> None:
    """The expander; the one hook on the Scenario page."""
    lg = lang()
    with st.expander(t("upl.title"), icon=":material/upload_file:"):
        st.caption(t("upl.help", yaml_mb=MAX_YAML_BYTES // 1_000_000, xlsx_mb=UPLOAD_MB))
        v = st.session_state.get(VERSION_KEY, 0)
        f = st.file_uploader(t("upl.file"), type=["yaml", "yml", "xlsx"], key=f"upload-file-{v}",
                             max_upload_size=UPLOAD_MB)
        if f is None:
            st.session_state.pop(RESULT_KEY, None)
            return
        number = 1
        if f.name.lower().endswith(".xlsx"):
            number = int(st.number_input(t("upl.number"), min_value=1, max_value=99, value=1, step=1,
                                         key=f"upload-number-{v}", help=t("upl.number_help")))
        key = (f.file_id, f.size, number, lg)
        cached = st.session_state.get(RESULT_KEY)
        if not cached or cached[0] != key:
            cached = (key, handle_upload(f.name, f.getvalue(), lg, number))
            st.session_state[RESULT_KEY] = cached
            st.session_state[NAME_KEY] = suggest_name(cached[1].doc["name"]) if cached[1].ok else ""
        show(cached[1])


def show(up: Upload) -> None:
    """The result of an upload: its problems, or the scenario and the save button."""
    if not up.ok:
        st.error(t("upl.invalid", file=plain(up.file)), icon=":material/error:")
        st.code("\n".join(up.problems), language=None, wrap_lines=True)
        return
    d = up.doc
    st.success(t("upl.ok", file=plain(up.file), name=plain(d["name"]), people=len(d.get("people", [])),
                 months=d["horizon_months"]), icon=":material/check_circle:")
    if up.base:
        st.caption(t("upl.based_on", base=plain(up.base)))
    denied = create_denied(up)
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.text_input(t("upl.name"), key=NAME_KEY, max_chars=80, help=t("ui.new_name_help"))
        st.button(t("upl.save"), key="upload-save", icon=":material/save_as:", type="primary",
                  on_click=_on_save, disabled=bool(denied), help=denied and plain(denied))
    if denied:
        st.caption(f":material/lock: {plain(denied)}")


__all__ = ["Upload", "create_denied", "handle_upload", "save_new", "section", "show", "suggest_name"]

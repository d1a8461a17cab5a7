"""Saving a working copy (button callbacks): save, save as new (``create``: the
one save-as-new flow, also for uploads), a refused save and its merge
(``conflicts``), open the newest revision, restore an old one. Who saves is
``actions.user()``, looked up at each save."""
from __future__ import annotations

import copy
from pathlib import Path

import streamlit as st

from simulator import store as sstore
from simulator.model.problems import ScenarioError, validate
from simulator.model.scenario import Scenario
from simulator.store import access

from . import actions, storage
from .actions import error_text, flash
from .ingest import has_problems, ingest
from .session import t
from .working import SCENARIO_KEY, Working, _open, _workspace, entries, working


CONFLICT_KEY = "_conflicts"


def conflicts() -> dict:
    """Refused saves by scenario id: ``simulator.store.Conflict`` (shown until resolved)."""
    return st.session_state.setdefault(CONFLICT_KEY, {})


def _summary(old: dict, new: dict) -> str:
    """A revision message: the changed paths (language-neutral)."""
    paths = [c.path for c in sstore.walk(old, new)]
    if not paths:
        return "saved in the app"
    text = f"{len(paths)} change(s): " + ", ".join(paths[:3])
    return text + (", …" if len(paths) > 3 else "")


def _saved(w: Working, rev, d: dict, model: Scenario) -> None:
    w.saved, w.saved_model = d, model
    w.revision, w.unit, w.owner = rev.number, rev.unit, rev.owner
    conflicts().pop(w.sid, None)


def _store_error(exc) -> None:
    flash("error", error_text(exc))


def _ready_to_save(sid: str) -> Working | None:
    """The working copy with the latest widget edits taken in, or None (and a
    message) when it has invalid input."""
    w = working(sid)
    if not w:
        return None
    ingest(w, new_run=False)
    if has_problems(w):
        flash("error", t("ui.msg.fix_first"))
        return None
    return w


def save(sid: str) -> None:
    w = _ready_to_save(sid)
    if w is None:
        return
    if w.is_pilot:
        flash("warning", t("ui.msg.pilot_readonly"))
        return
    if not w.dirty:
        flash("info", t("ui.msg.no_changes_to_save"))
        return
    try:
        rev = storage.save(w.sid, w.current, w.base_stem, user=actions.user(), base_revision=w.revision,
                           message=_summary(w.saved, w.current))
    except sstore.Conflict as exc:
        conflicts()[sid] = exc
        flash("warning", t("ui.msg.conflict", n=exc.head))
        return
    except (sstore.StoreError, access.AccessDenied, OSError, ScenarioError) as exc:
        _store_error(exc)
        return
    _saved(w, rev, w.current, w.model)
    flash("success", t("ui.msg.saved_rev", path=_short(w.entry.path), n=rev.number))


def accept_merge(sid: str) -> None:
    """Save the merge of a refused save with what was saved in between (no overlapping changes).

    The merge is recomputed from the edits as they are now, so edits made
    after the refusal are merged too, never dropped."""
    if sid not in conflicts():
        return
    w = _ready_to_save(sid)
    if w is None:
        return
    try:
        rev = storage.save(w.sid, w.current, w.base_stem, user=actions.user(), base_revision=w.revision,
                           message=_summary(w.saved, w.current))
    except sstore.Conflict as exc:
        c = conflicts()[sid] = exc
    except (sstore.StoreError, access.AccessDenied, OSError, ScenarioError) as exc:
        _store_error(exc)
        return
    else:   # nothing newer to merge with after all: saved as it is
        _saved(w, rev, w.current, w.model)
        flash("success", t("ui.msg.saved_rev", path=_short(w.entry.path), n=rev.number))
        return
    if c.conflicts:
        flash("warning", t("ui.msg.conflict", n=c.head))
        return
    try:
        rev = storage.store().save_merged(c, user=actions.user(), message="merged in the app: "
                                          + _summary(c.theirs_full, c.merged))
    except sstore.Conflict as exc:         # yet another save in between: show the new situation
        conflicts()[sid] = exc
        flash("warning", t("ui.msg.conflict", n=exc.head))
        return
    except (sstore.StoreError, access.AccessDenied, OSError, ScenarioError) as exc:
        _store_error(exc)
        return
    model = validate(copy.deepcopy(c.merged))
    d = storage.dump(model)
    w.set_current(d, model)
    _saved(w, rev, d, model)
    w.rebase()
    flash("success", t("ui.msg.merged", n=rev.number))


def open_latest(sid: str) -> None:
    """Discard this session's unsaved edits and open the newest saved revision."""
    entry = entries().get(sid)
    if entry is None or entry.error:
        return
    try:
        _workspace()[sid] = _open(entry)
    except ScenarioError as exc:
        _store_error(exc)
        return
    conflicts().pop(sid, None)
    flash("info", t("ui.msg.opened_latest"))


def restore(sid: str, number: int) -> None:
    """Make revision ``number`` the newest one; the working copy reopens at it."""
    w = working(sid)
    if not w:
        return
    try:
        storage.store().restore(sid, int(number), user=actions.user())
    except (sstore.StoreError, access.AccessDenied, OSError, ScenarioError) as exc:
        _store_error(exc)
        return
    entry = entries().get(sid)
    _workspace()[sid] = _open(entry)
    conflicts().pop(sid, None)
    flash("success", t("ui.msg.restored", n=number))


CREATE_ERRORS = (storage.SaveError, sstore.StoreError, access.AccessDenied, OSError, ScenarioError)


def create(name: str, current: dict, base_stem: str | None, message: str, source: str = "<scenario>") -> Path:
    """Save ``current`` (a full dump) as a new scenario called ``name``: the one
    save-as-new flow (Save as new, a refused save, an upload). A new name only,
    never a pilot's; the store checks the user's right. Raises ``CREATE_ERRORS``."""
    path = storage.target_for_new(name)
    model = validate({**current, "name": name}, source)
    storage.save(path.stem, storage.dump(model), base_stem, user=actions.user(), base_revision=None, message=message)
    return path


def new_name_key(sid: str) -> str:
    return f"newname-{sid}"


def save_as(sid: str, name_key: str | None = None) -> None:
    w = _ready_to_save(sid)
    if w is None:
        return
    name = (st.session_state.get(name_key or new_name_key(sid)) or "").strip()
    try:
        path = create(name, w.current, w.base_stem, f"created from {sid}")
    except CREATE_ERRORS as exc:
        flash("error", error_text(exc, name))
        return
    conflicts().pop(sid, None)
    entry = entries()[path.stem]
    ws = _workspace()
    ws[entry.id] = _open(entry)
    if w.is_pilot:          # the pilot itself stays as it was saved
        w.set_current(w.saved, w.saved_model, remember=False)
        w.history.clear()
        w.rebase()
    st.session_state[SCENARIO_KEY] = entry.id
    flash("success", t("ui.msg.saved", path=_short(path)))


def _short(path) -> str:
    try:
        return str(Path(path).resolve().relative_to(storage.SCENARIO_DIR.parent))
    except ValueError:      # a workspace outside the program's folder: its file name, not a server path
        return Path(path).name

"""Session state of the app: language, the chosen scenario, working copies,
undo, saving, and the one cached engine call.

A *working copy* per scenario holds the saved version and the current
(edited, always valid) version as full JSON dumps, and the undo history.
Each edit group's widgets show a fixed *base* version and keep the user's
edits themselves (the data editor is never fed its own output, see
streamlit#7749); every run, ``ingest`` turns base + edits into a candidate,
and a valid candidate becomes the current version. An invalid edit stays
visible in its widget, with the problem shown under it, until it is fixed;
it never reaches ``current`` and is never saved.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from simulator.store import access
from simulator import store as sstore
from simulator.model.conventions import WEEKS_PER_MONTH, growth_index
from simulator.engine.projection import project
from simulator.model.scenario import Scenario
from simulator.model.problems import ScenarioError, validate

from . import auth, storage
from .session import LANG_KEY, LANGS, lang, t  # noqa: F401 (the pages' language and labels)
from .model import GROUPS, Problem, apply_group, people_ids, problems_by_source

SCENARIO_KEY = "s"
COMPARE_KEY = "cmp"
HISTORY_LIMIT = 50


# ------------------------------------------------------------------ language

# ------------------------------------------------------------------ engine

@dataclass
class Run:
    monthly: pd.DataFrame
    kpis: dict
    warnings: list
    per_person: pd.DataFrame   # person × year: paid hours, gross pay, work-activity pay


def _per_person(p) -> pd.DataFrame:
    """Paid hours and gross pay by person and year, employed here or at a company
    (weighted, so pipeline rows give expected values), and työosuusraha."""
    ctx = p.context
    r = ctx.roster
    people = ~r.is_staff
    years = (r.months // 12).astype(int)
    w = r.weight[:, None]
    employed = (r.employed_here | r.employed_company)
    hours = np.where(employed, r.hours_per_week * WEEKS_PER_MONTH, 0.0) * w
    index = growth_index(r.months, ctx.base_year, ctx.a.wage_growth)[None, :]
    pay = np.where(employed, r.base_pay, 0.0) * index * w
    tor = (r.wa_days + r.wa_days_other) * r.tyoosuusraha_rate * w
    rows = []
    pids = np.array(r.person_ids)
    for pid in dict.fromkeys(pids[people]):
        sel = (pids == pid) & people
        for y in np.unique(years):
            ym = years == y
            rows.append({"person": pid, "year": int(y),
                         "paid_hours": float(hours[sel][:, ym].sum()),
                         "pay": float(pay[sel][:, ym].sum()),
                         "work_activity_pay": float(tor[sel][:, ym].sum())})
    return pd.DataFrame(rows, columns=["person", "year", "paid_hours", "pay", "work_activity_pay"])


@st.cache_data(max_entries=256, show_spinner=False)
def _project(key: str) -> Run:
    """The one engine call, keyed by the scenario's content (``model_dump_json``)."""
    scenario = Scenario.model_validate_json(key)
    p = project(scenario)
    return Run(p.monthly, p.kpis, list(p.warnings), _per_person(p))


def run(scenario: Scenario) -> Run:
    return _project(scenario.model_dump_json())


# ------------------------------------------------------------------ working copies

@dataclass
class Working:
    """One scenario being edited.

    ``bases[group]`` is the version a group's editors were built from: the
    editors keep showing it (with the user's edits on top, held by the data
    editor itself) and keep their keys, so an edit never remounts the grid
    the user is typing in. ``current`` is always base + edits when those are
    valid. An explicit action (undo, reset, discard, a language switch, a
    person added or renamed) *rebases*: new keys, editors rebuilt from
    ``current``.
    """
    sid: str
    entry: storage.Entry
    base_stem: str | None
    saved: dict
    saved_model: Scenario
    current: dict
    model: Scenario
    history: list = field(default_factory=list)
    versions: dict = field(default_factory=dict)   # group -> int
    bases: dict = field(default_factory=dict)      # group -> scenario dict the editors show
    base_lang: str = ""
    shown: dict = field(default_factory=dict)      # group -> number of the run that last drew its editors
    problems: dict = field(default_factory=dict)
    revision: int | None = None    # the stored revision this copy was opened at (saves are based on it)
    unit: str | None = None        # the stored scenario's unit and owner (who may save it)
    owner: str | None = None

    @property
    def is_pilot(self) -> bool:
        return self.entry.is_pilot

    @property
    def dirty(self) -> bool:
        return self.current != self.saved

    def version(self, group: str) -> int:
        return self.versions.get(group, 0)

    def base(self, group: str) -> dict:
        return self.bases.setdefault(group, self.current)

    def rebase(self, group: str | None = None):
        """Rebuild the editors of one group (or all) from the current version."""
        for g in ([group] if group else list(GROUPS)):
            self.versions[g] = self.version(g) + 1
            self.bases[g] = self.current
            self.problems.pop(g, None)

    def set_current(self, d: dict, model: Scenario, remember: bool = True):
        if remember:
            self.history.append((self.current, self.model))
            del self.history[:-HISTORY_LIMIT]
        self.current, self.model = d, model


def display_names(works: list[Working]) -> tuple[list[str], list[str]]:
    """Unique display names of the scenarios being compared (edited ones
    marked), and short names (before " – ") where those stay unique."""
    names: list[str] = []
    for w in works:
        n = w.current["name"] + (f" ({t('ui.edited')})" if w.dirty else "")
        while n in names:
            n += "ʹ"
        names.append(n)
    short = [n.split(" – ")[0] for n in names]
    return names, (short if len(set(short)) == len(short) else names)


def entries() -> dict[str, storage.Entry]:
    return {e.id: e for e in storage.catalogue()}


def _workspace() -> dict:
    return st.session_state.setdefault("_ws", {})


def _open(entry: storage.Entry) -> Working:
    """A working copy at the scenario's newest revision (pilots: their file)."""
    if not entry.is_pilot:
        try:
            rev = storage.store().head(entry.id)
        except (sstore.StoreError, OSError):   # e.g. a workspace the app may not write: open the file read-only
            rev = None
        if rev is not None:
            raw = sstore.docs.resolve(copy.deepcopy(rev.document), Path(entry.path))
            model = validate(raw, entry.path)
            d = storage.dump(model)
            return Working(entry.id, entry, entry.base, d, model, d, model,
                           revision=rev.number, unit=rev.unit, owner=rev.owner)
    model = validate(storage.load_full(entry), entry.path)
    d = storage.dump(model)
    return Working(entry.id, entry, entry.base, d, model, d, model)


def working(sid: str) -> Working | None:
    ws = _workspace()
    if sid not in ws:
        entry = entries().get(sid)
        if entry is None or entry.error:
            return None
        try:
            ws[sid] = _open(entry)
        except ScenarioError:
            return None
    return ws[sid]


def default_sid() -> str:
    return storage.PILOTS[0]


def current_sid() -> str:
    sid = st.session_state.get(SCENARIO_KEY)
    return sid if sid in entries() else default_sid()


def current_working() -> Working:
    return working(current_sid()) or working(default_sid())


def is_edited(sid: str) -> bool:
    w = _workspace().get(sid)
    return bool(w and w.dirty)


# ------------------------------------------------------------------ widget keys and edits

def table_key(w: Working, group: str, table: str) -> str:
    return f"ed-{w.sid}-{group}-{w.version(group)}-{table}"


def field_key(w: Working, group: str, field_id: str) -> str:
    return f"fd-{w.sid}-{group}-{w.version(group)}-{field_id}"


def form_key(w: Working, group: str) -> str:
    return f"form-{w.sid}-{group}-{w.version(group)}"


RUN_KEY = "_run"


def run_number() -> int:
    return st.session_state.get(RUN_KEY, 0)


def mark_shown(w: Working, group: str) -> None:
    """The page drew this group's editors in this run (their state is live next run)."""
    w.shown[group] = run_number()


def ingest(w: Working, new_run: bool = True) -> None:
    """Apply the widgets' edits of every group to the working copy.

    A group's candidate is its base plus every edit in its editors and
    fields. A valid candidate that differs from the current version becomes
    the current version (undo remembers the previous one); an invalid one
    leaves it untouched, and its problems are kept to show next to the table
    row or field.
    """
    ss = st.session_state
    lg = lang()
    previous = run_number()
    if new_run:
        ss[RUN_KEY] = previous + 1
    if w.base_lang != lg:          # the editors' text is in the old language: rebuild them
        w.base_lang = lg
        w.rebase()
        return
    for gid, group in GROUPS.items():
        deltas = {tb.id: ss[k] for tb in group.tables if (k := table_key(w, gid, tb.id)) in ss}
        values = {f.id: ss[k] for f in group.fields if (k := field_key(w, gid, f.id)) in ss}
        if (w.shown.get(gid) != previous or len(deltas) < len(group.tables)
                or len(values) < len(group.fields)):
            # Not drawn in the last run (another tab, page or scenario), or its
            # widgets' state has been dropped (a page switch): keep the current
            # version and rebuild the editors from it when they are shown again.
            w.problems.pop(gid, None)
            if w.bases.get(gid, w.current) is not w.current:
                w.rebase(gid)
            continue
        base = w.base(gid)
        if not deltas and not values:
            continue
        # (An editor on screen with no edits left is applied as such: the user
        # has undone them by hand, e.g. typed the original value back.)
        res = apply_group(group, base, deltas, values, lg)
        if res.problems:
            w.problems[gid] = res.problems
            continue
        candidate = {**w.current, **res.sections}
        try:
            model = validate(candidate, w.entry.path)
        except ScenarioError as exc:
            w.problems[gid] = problems_by_source(exc.problems, group, res, lg)
            continue
        w.problems.pop(gid, None)
        d = storage.dump(model)
        if d != w.current:
            w.set_current(d, model)
            if gid == "people" and people_ids(d) != people_ids(base):
                w.rebase(gid)      # the phase tables need the new person list


def problems_for(w: Working, group: str, source: str) -> list[Problem]:
    return [p for p in w.problems.get(group, []) if p.source == source]


def has_problems(w: Working) -> bool:
    return any(w.problems.values())


# ------------------------------------------------------------------ actions (button callbacks)

def flash(kind: str, text: str) -> None:
    st.session_state["_flash"] = (kind, text)


def pop_flash():
    return st.session_state.pop("_flash", None)


def undo(sid: str) -> None:
    w = working(sid)
    if w and w.history:
        w.current, w.model = w.history.pop()
        w.rebase()
        flash("info", t("ui.msg.undone"))


def revert_to_saved(sid: str) -> None:
    w = working(sid)
    if w and w.dirty:
        w.set_current(w.saved, w.saved_model)
        w.rebase()
        flash("info", t("ui.msg.reverted"))


def reset_to_base(sid: str) -> None:
    w = working(sid)
    if not w:
        return
    base = storage.load_pilot(w.base_stem) if w.base_stem in storage.PILOTS else w.saved
    if not w.is_pilot:
        base = {**base, "name": w.current["name"]}
    model = validate(base)
    w.set_current(storage.dump(model), model)
    w.rebase()
    flash("info", t("ui.msg.reset"))


def user() -> access.User:
    """Who is using the app (``ui.auth``: the local user when no users file is configured)."""
    return auth.current_user()


def _denial_text(exc: access.AccessDenied) -> str:
    return exc.en if lang() == "en" else exc.fi


def edit_denied(w: Working) -> str | None:
    """Why the user may not save this scenario (None: they may)."""
    if w.is_pilot:
        return t("ui.msg.pilot_readonly")
    exc = access.denial(user(), w.unit, w.owner, w.sid)
    return _denial_text(exc) if exc else None


def new_unit(base_stem: str | None, model) -> str | None:
    """The unit a new scenario built on ``base_stem`` (a pilot, or None) with ``model`` belongs to."""
    doc = {"base": base_stem, "model": model} if base_stem else {"model": model}
    return sstore.docs.unit_for(doc, storage.user_dir() / "new.yaml")


def new_denied(base_stem: str | None, model) -> str | None:
    """Why the user may not save a new scenario built on ``base_stem`` (None: they may)."""
    exc = access.denial(user(), new_unit(base_stem, model), None, t("ui.new_scenario"))
    return _denial_text(exc) if exc else None


def create_denied(w: Working) -> str | None:
    """Why the user may not save this scenario under a new name (None: they may)."""
    return new_denied(w.base_stem, w.current.get("model"))


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


def error_text(exc: Exception, name: str = "") -> str:
    """A refused or failed save (one of ``CREATE_ERRORS``) in the user's language."""
    if isinstance(exc, storage.SaveError):
        return t(exc.key, **exc.fmt)
    if isinstance(exc, sstore.NameTaken):
        return t("ui.msg.name_taken", name=name)
    if isinstance(exc, access.AccessDenied):
        return _denial_text(exc)
    if isinstance(exc, (sstore.StoreError, ScenarioError)):
        return exc.render(lang())
    return t("ui.msg.save_failed", error=str(exc))


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
        rev = storage.save(w.sid, w.current, w.base_stem, user=user(), base_revision=w.revision,
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
        rev = storage.save(w.sid, w.current, w.base_stem, user=user(), base_revision=w.revision,
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
        rev = storage.store().save_merged(c, user=user(), message="merged in the app: "
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
        storage.store().restore(sid, int(number), user=user())
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
    storage.save(path.stem, storage.dump(model), base_stem, user=user(), base_revision=None, message=message)
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
    except ValueError:
        return str(path)

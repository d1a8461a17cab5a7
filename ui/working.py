"""Working copies: one per scenario opened in the session, with its saved and
current (edited, always valid) versions as full JSON dumps, the undo
history, and the editors' base versions (``Working``); which scenario is
chosen (``SCENARIO_KEY``) and compared (``COMPARE_KEY``).

Each edit group's widgets show a fixed *base* version and keep the user's
edits themselves (the data editor is never fed its own output, see
streamlit#7749); ``ui.ingest`` turns base + edits into the current version.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from simulator import store as sstore
from simulator.model.problems import ScenarioError, validate
from simulator.model.scenario import Scenario

from . import storage
from .groups import GROUPS
from .session import t

SCENARIO_KEY = "s"
COMPARE_KEY = "cmp"
HISTORY_LIMIT = 50


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
    dropped: dict = field(default_factory=dict)    # group -> invalid edits left behind on a page switch
    revision: int | None = None    # the stored revision this copy was opened at (saves are based on it)
    unit: str | None = None        # the stored scenario's unit and owner (who may save it)
    owner: str | None = None
    views: dict = field(default_factory=dict)      # (group, table, lang) -> (base, frame, column config) shown

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

"""Taking the editors' input into a working copy: widget keys (by group and
edit version), the run counter, and ``ingest``: every run, each group's base
plus the edits in its widgets becomes a candidate, and a valid candidate
becomes the current version. An invalid edit stays visible in its widget,
with the problem shown under it, until it is fixed; it never reaches
``current`` and is never saved."""
from __future__ import annotations

import streamlit as st

from simulator.model.problems import ScenarioError, validate
from simulator.model.scenario import with_description

from . import storage
from .edits import Problem, apply_group
from .groups import GROUPS
from .placing import problems_by_source
from .records import people_ids
from .session import lang
from .working import Working


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
            # Invalid edits left behind are remembered (the Results page says so).
            if w.problems.get(gid):
                w.dropped[gid] = len(w.problems[gid])
            w.problems.pop(gid, None)
            if w.bases.get(gid, w.current) is not w.current:
                w.rebase(gid)
            continue
        w.dropped.pop(gid, None)       # the group is on screen again
        base = w.base(gid)
        if not deltas and not values:
            continue
        # (An editor on screen with no edits left is applied as such: the user
        # has undone them by hand, e.g. typed the original value back.)
        res = apply_group(group, base, deltas, values, lg)
        if res.sections and "description" in res.sections:   # edited in the reader's language only
            res.sections["description"] = with_description(base.get("description"), lg,
                                                           res.sections["description"])
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

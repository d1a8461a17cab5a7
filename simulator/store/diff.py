"""What changed between two versions of a scenario, and a three-way merge.

Both work on full scenario dumps (mappings). Items of lists whose items
carry an ``id``/``name``/``role`` are matched by that key; a person's phases
by position when their number is unchanged, else by (start, kind); other
lists of mappings by position; any other value is compared whole.

A change's path reads like the loader's error paths but names items by
key: ``people[M3].phases[1].hours_per_week``. ``ui/diffs.py`` renders the
same changes with the app's labels.
"""
from __future__ import annotations

from dataclasses import dataclass


def item_key(item):
    """The key that names a list item (``id``, else ``name``, else ``role``), or None."""
    if isinstance(item, dict):
        return item.get("id") or item.get("name") or item.get("role")
    return None


@dataclass(frozen=True)
class Step:
    kind: str            # "key" (mapping key) | "item" (keyed list item) | "index" | "phase"
    value: object        # the key, the item's key or the position
    obj: object = None   # the item itself (phases are named by kind and start)


@dataclass(frozen=True)
class Change:
    steps: tuple
    old: object
    new: object
    kind: str = "changed"   # "changed" | "added" | "removed"
    field: str = ""         # the mapping key the value sits under ("" for list items)

    @property
    def path(self) -> str:
        return path_text(self.steps)

    def as_tuple(self) -> tuple:
        return (self.path, self.old, self.new)


def path_text(steps) -> str:
    out = ""
    for s in steps:
        if s.kind == "key":
            out += ("." if out else "") + str(s.value)
        else:
            out += f"[{s.value}]"
    return out


def walk(old, new, steps: tuple = (), field: str = "") -> list[Change]:
    """Every change from ``old`` to ``new``."""
    out: list[Change] = []
    _walk(old, new, tuple(steps), out, field)
    return out


def _keyed(items) -> bool:
    return all(item_key(x) for x in items)


def _walk(old, new, steps: tuple, out: list, field: str = ""):
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for k in dict.fromkeys(list(old) + list(new)):
            here = steps + (Step("key", k),)
            if k == "phases":
                _walk_phases(old.get(k) or [], new.get(k) or [], here, out)
            else:
                _walk(old.get(k), new.get(k), here, out, k)
        return
    if isinstance(old, list) and isinstance(new, list) and (old or new) and _keyed(old + new):
        old_by = {item_key(x): x for x in old}
        new_by = {item_key(x): x for x in new}
        for k, item in old_by.items():
            if k not in new_by:
                out.append(Change(steps + (Step("item", k, item),), item, None, "removed"))
        for k, item in new_by.items():
            here = steps + (Step("item", k, item),)
            if k not in old_by:
                out.append(Change(here, None, item, "added"))
            else:
                _walk(old_by[k], item, here, out)
        return
    if isinstance(old, list) and isinstance(new, list) and old and isinstance(old[0], dict):
        for i in range(max(len(old), len(new))):
            a = old[i] if i < len(old) else None
            b = new[i] if i < len(new) else None
            here = steps + (Step("index", i, b if b is not None else a),)
            if a is None:
                out.append(Change(here, None, b, "added"))
            elif b is None:
                out.append(Change(here, a, None, "removed"))
            else:
                _walk(a, b, here, out)
        return
    out.append(Change(steps, old, new, "changed", field))


def _phase_index(phases: list) -> dict:
    return {(p.get("start"), p.get("kind")): (i, p) for i, p in enumerate(phases)}


def _walk_phases(old: list, new: list, steps: tuple, out: list):
    """Phases are matched by position when their number is unchanged, else by start month and kind."""
    old_by, new_by = _phase_index(old), _phase_index(new)
    if len(old_by) != len(old) or len(new_by) != len(new) or len(old) == len(new):
        old_by = {i: (i, p) for i, p in enumerate(old)}
        new_by = {i: (i, p) for i, p in enumerate(new)}
    for k, (i, p) in old_by.items():
        if k not in new_by:
            out.append(Change(steps + (Step("phase", i, p),), p, None, "removed"))
    for k, (i, p) in new_by.items():
        here = steps + (Step("phase", i, p),)
        if k not in old_by:
            out.append(Change(here, None, p, "added"))
        else:
            _walk(old_by[k][1], p, here, out)


# ------------------------------------------------------------------ three-way merge

class _Missing:
    def __repr__(self):
        return "<missing>"


MISSING = _Missing()


def merge3(base, mine, theirs) -> tuple[object, list[str]]:
    """Merge two versions made from ``base``: ``(merged, conflicting paths)``.

    A part changed on one side only takes that side's value; a part changed
    on both sides the same way is kept; a part changed on both sides
    differently is a conflict and keeps ``theirs`` (the saved head).
    """
    conflicts: list[str] = []
    merged = _merge(base, mine, theirs, (), conflicts)
    return merged, conflicts


def _get(d, k):
    return d.get(k, MISSING) if isinstance(d, dict) else MISSING


def unique_keys(items) -> bool:
    """Every item has a key (``item_key``) and no key repeats."""
    keys = [item_key(x) for x in items]
    return all(keys) and len(set(keys)) == len(keys)


def _merge(base, mine, theirs, steps: tuple, conflicts: list):
    if mine == theirs:
        return mine
    if mine == base:
        return theirs
    if theirs == base:
        return mine
    b = {} if base is MISSING else base
    if isinstance(b, dict) and isinstance(mine, dict) and isinstance(theirs, dict):
        out = {}
        for k in dict.fromkeys(list(theirs) + list(mine)):
            v = _merge(_get(b, k), _get(mine, k), _get(theirs, k), steps + (Step("key", k),), conflicts)
            if v is not MISSING:
                out[k] = v
        return out
    b = [] if base is MISSING else base
    if (isinstance(b, list) and isinstance(mine, list) and isinstance(theirs, list)
            and all(unique_keys(x) for x in (b, mine, theirs)) and (b or mine or theirs)):
        by = [{item_key(x): x for x in side} for side in (b, mine, theirs)]
        order = list(dict.fromkeys([item_key(x) for x in theirs] + [item_key(x) for x in mine]
                                   + [item_key(x) for x in b]))
        out = []
        for k in order:
            v = _merge(by[0].get(k, MISSING), by[1].get(k, MISSING), by[2].get(k, MISSING),
                       steps + (Step("item", k),), conflicts)
            if v is not MISSING:
                out.append(v)
        return out
    if (isinstance(b, list) and isinstance(mine, list) and isinstance(theirs, list)
            and len(b) == len(mine) == len(theirs) and b
            and all(isinstance(x, dict) for x in b + mine + theirs)):
        kind = "phase" if steps and steps[-1].value == "phases" else "index"
        return [_merge(x, y, z, steps + (Step(kind, i),), conflicts)
                for i, (x, y, z) in enumerate(zip(b, mine, theirs))]
    conflicts.append(path_text(steps))
    return theirs

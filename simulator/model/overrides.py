"""Scenarios as overrides: a scenario may name a ``base`` (a pilot's file
stem or a path relative to the file) and store only what it changes.
Mappings merge key by key; lists of items with an ``id`` (people) or
``name`` merge item by item, and ``{id: M3, remove: true}`` drops an item;
other lists replace the base's list."""
from __future__ import annotations



def _key(item):
    if isinstance(item, dict):
        return item.get("id") or item.get("name") or item.get("role")
    return None


def merge(base: object, override: object) -> object:
    """Apply an override on top of a base (see module docstring)."""
    if isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for k, v in override.items():
            out[k] = merge(base[k], v) if k in base else v
        return out
    if (isinstance(base, list) and isinstance(override, list) and base and override
            and all(_key(x) for x in base) and all(_key(x) for x in override)):
        out = list(base)
        for item in override:
            idx = next((i for i, b in enumerate(out) if _key(b) == _key(item)), None)
            if item.get("remove") is True:
                if idx is not None:
                    out.pop(idx)
                continue
            if idx is None:
                out.append(item)
            else:
                out[idx] = merge(out[idx], item)
        return out
    return override

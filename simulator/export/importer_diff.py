"""Comparing an imported scenario with the exported one (for ``importer``).

``keep_precision``: a cell stores 16 significant digits, so a number that was
not changed in the workbook gets back the full precision of the exported
scenario (from the hidden ``_data`` sheet). ``diff``: the differences between
two scenarios as (path, old, new), what ``import`` shows.
"""
from __future__ import annotations

import re

_PART = re.compile(r"[A-Za-z0-9_]+|\[\d+\]")


def _get(d, path: str):
    for part in _PART.findall(path):
        if part.startswith("["):
            i = int(part[1:-1])
            if not isinstance(d, list) or i >= len(d):
                return None
            d = d[i]
        else:
            if not isinstance(d, dict) or part not in d:
                return None
            d = d[part]
    return d


def _put(d, path: str, value):
    parts = _PART.findall(path)
    for part in parts[:-1]:
        d = d[int(part[1:-1])] if part.startswith("[") else d[part]
    last = parts[-1]
    if last.startswith("["):
        d[int(last[1:-1])] = value
    else:
        d[last] = value


def keep_precision(data: dict, original: dict, floats: dict):
    """A cell stores 16 significant digits; where the workbook's number is the
    original one so written, use the original's exact value."""
    for path, x in floats.items():
        path = path.replace("palkkatuki_rate", "palkkatuki.rate").replace("palkkatuki_cap", "palkkatuki.monthly_cap")
        o = _get(original, path)
        if isinstance(o, float) and o != x and float(f"{o:.16G}") == x and _get(data, path) == x:
            _put(data, path, o)


def diff(old, new, path: str = "") -> list[tuple[str, object, object]]:
    """Differences between two scenarios (or their dumps): (path, old, new)."""
    if hasattr(old, "model_dump"):
        old = old.model_dump(mode="json")
    if hasattr(new, "model_dump"):
        new = new.model_dump(mode="json")
    out = []
    if isinstance(old, dict) and isinstance(new, dict):
        for k in list(old) + [k for k in new if k not in old]:
            out += diff(old.get(k), new.get(k), f"{path}.{k}" if path else k)
    elif isinstance(old, list) and isinstance(new, list):
        for i in range(max(len(old), len(new))):
            a = old[i] if i < len(old) else None
            b = new[i] if i < len(new) else None
            out += diff(a, b, f"{path}[{i}]")
    elif old != new:
        out.append((path, old, new))
    return out
